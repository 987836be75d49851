"""Locks that hold across processes: the window and `evodesk` commands run on one data
folder may change the same instance at the same moment, and each process's own locks
cannot see the other's. A lock is a file in the folder, held with `flock`.

Where `fcntl` does not exist (Windows), the locks are per process only.
"""

from __future__ import annotations

import asyncio
import hashlib
import os
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path

from evodesk.domain.errors import EvodeskError

try:
    import fcntl
except ImportError:  # pragma: no cover - not on Linux
    fcntl = None  # type: ignore[assignment]

_POLL = 0.05


class LockTimeout(EvodeskError):
    """Another process held the lock for longer than the caller would wait."""


async def take_polling(
    try_once: Callable[[], Awaitable[bool]], *, timeout: float, busy_message: str
) -> None:
    """Call `try_once` every 50 ms until it takes the lock (returns True); after
    `timeout` seconds, LockTimeout(`busy_message`). Waiting never blocks the loop."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not await try_once():
        if loop.time() >= deadline:
            raise LockTimeout(busy_message)
        await asyncio.sleep(_POLL)


class ProcessLocks:
    """Named locks shared by every process that uses `folder`."""

    def __init__(self, folder: Path, *, timeout: float = 60.0) -> None:
        self._folder = folder
        self._timeout = timeout

    @asynccontextmanager
    async def hold(self, name: str, *, busy_message: str) -> AsyncIterator[None]:
        """Hold the lock called `name`; LockTimeout(`busy_message`) when another process
        keeps it past the timeout. Waiting never blocks the event loop."""
        digest = hashlib.sha256(name.encode()).hexdigest()[:32]
        lock = FolderLock(self._folder / f"{digest}.lock")

        async def try_once() -> bool:
            return lock.try_take()

        await take_polling(try_once, timeout=self._timeout, busy_message=busy_message)
        try:
            yield
        finally:
            lock.release()


class FolderLock:
    """One lock file held for as long as its process wants it, taken without waiting:
    `try_take()` says at once whether this process now holds it. The operating system
    lets go of it when the process ends, however it ends."""

    def __init__(self, path: Path) -> None:
        self._path = path
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def try_take(self) -> bool:
        if self._fd is not None:
            return True
        if fcntl is None:  # one process per folder is all that can be promised here
            self._fd = -1
            return True
        self._path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self._path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            return False
        self._fd = fd
        return True

    def release(self) -> None:
        fd, self._fd = self._fd, None
        if fd is not None and fd >= 0:
            os.close(fd)  # closing the only descriptor lets go of the flock
