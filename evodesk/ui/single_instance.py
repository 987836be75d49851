"""One evodesk per user and data directory: a later launch hands its wish ("raise") to the
running one over a local socket, then exits instead of opening a second listener."""

from __future__ import annotations

import hashlib
import logging
import os
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

log = logging.getLogger(__name__)

RAISE = "raise"
QUIT = "quit"
MESSAGES = frozenset({RAISE, QUIT})
_ACK = b"ok\n"


def server_name(data_dir: Path) -> str:
    """Per user and per data directory, short enough for a Unix socket path."""
    digest = hashlib.sha256(str(Path(data_dir).resolve()).encode()).hexdigest()[:16]
    uid = os.getuid() if hasattr(os, "getuid") else 0
    return f"evodesk-{uid}-{digest}"


def send(name: str, message: str, timeout_ms: int = 5000) -> bool:
    """Hand `message` to the evodesk listening as `name`; True when it acknowledged.

    Blocking: for start-up, before any event loop runs, and for tests.
    """
    socket = QLocalSocket()
    socket.connectToServer(name)
    if not socket.waitForConnected(timeout_ms):
        return False
    socket.write(message.encode() + b"\n")
    answer = b""
    while socket.waitForReadyRead(timeout_ms):
        answer += bytes(socket.readAll().data())
        if answer.endswith(b"\n"):
            break
    socket.disconnectFromServer()
    return answer == _ACK


class SingleInstance(QObject):
    """A lock file in the data directory decides who runs; the local socket carries the
    messages. Holding the lock means any socket file left under our name is stale."""

    message_received = Signal(str)

    def __init__(self, data_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = server_name(data_dir)
        Path(data_dir).mkdir(parents=True, exist_ok=True)
        self._lock = QLockFile(str(Path(data_dir) / "evodesk.lock"))
        # A lock held for hours is not stale; only a dead holder makes it so.
        self._lock.setStaleLockTime(0)
        self._server: QLocalServer | None = None
        self._clients: list[QLocalSocket] = []

    def claim(self) -> bool:
        """True when this process is now the one evodesk for the data directory."""
        if not self._lock.tryLock(0):
            return False
        if QLocalServer.removeServer(self.name):
            log.debug("Removed a stale single-instance socket %s", self.name)
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(self.name):
            # Still the only one (the lock says so); a later launch just cannot raise us.
            log.warning("Cannot listen on %s: %s", self.name, server.errorString())
            return True
        server.newConnection.connect(self._on_server_new_connection)
        self._server = server
        return True

    def notify_running(self, message: str = RAISE, attempts: int = 3) -> bool:
        """Ask the running evodesk to act; it may still be starting, hence the attempts."""
        return any(send(self.name, message) for _ in range(attempts))

    def close(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None
        self._lock.unlock()

    def _on_server_new_connection(self) -> None:
        assert self._server is not None
        while (socket := self._server.nextPendingConnection()) is not None:
            self._clients.append(socket)
            socket.readyRead.connect(lambda s=socket: self._on_client_ready_read(s))
            socket.disconnected.connect(lambda s=socket: self._on_client_disconnected(s))
            if socket.bytesAvailable():
                self._on_client_ready_read(socket)

    def _on_client_ready_read(self, socket: QLocalSocket) -> None:
        while socket.canReadLine():
            message = bytes(socket.readLine().data()).decode(errors="replace").strip()
            if message in MESSAGES:
                socket.write(_ACK)
                socket.flush()
                log.info("Another launch asked this evodesk to %s", message)
                self.message_received.emit(message)
            else:
                log.warning("Ignoring an unknown single-instance message %r", message[:40])
                socket.disconnectFromServer()

    def _on_client_disconnected(self, socket: QLocalSocket) -> None:
        if socket in self._clients:
            self._clients.remove(socket)
        socket.deleteLater()
