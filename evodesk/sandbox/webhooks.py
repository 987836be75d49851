"""Webhook delivery: real HTTP POSTs, off the request path, with bounded retries."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import aiohttp

log = logging.getLogger(__name__)

# The real server gives up at once on these; anything else (5xx, timeouts, refused
# connections) is retried, which is why slow receivers see duplicates.
NON_RETRYABLE = frozenset({400, 401, 403, 404, 422})


@dataclass
class Delivery:
    url: str
    headers: dict[str, str]
    body: dict[str, Any]


@dataclass
class WebhookStats:
    queued: int = 0
    delivered: int = 0
    attempts: int = 0
    failed: int = 0
    dropped: int = 0
    skipped: int = 0
    statuses: dict[int, int] = field(default_factory=dict)


def _valid_url(url: str) -> bool:
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - read for its check: a port out of range raises
    except ValueError:
        # "http://[::1", "http://h:99999": stored like any other URL, never postable.
        return False
    return parts.scheme in ("http", "https") and bool(parts.hostname)


class WebhookDispatcher:
    """One FIFO worker per instance, so a receiver sees an instance's events in the
    order they happened; separate instances never wait on each other."""

    def __init__(
        self,
        *,
        timeout: float = 30.0,
        retries: int = 10,
        backoff: float = 0.05,
        max_backoff: float = 2.0,
        queue_size: int = 10_000,
    ) -> None:
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        self.max_backoff = max_backoff
        self.queue_size = queue_size
        self.stats = WebhookStats()
        self._session: aiohttp.ClientSession | None = None
        self._queues: dict[str, asyncio.Queue[Delivery]] = {}
        self._workers: dict[str, asyncio.Task[None]] = {}
        self._closing = asyncio.Event()

    async def start(self) -> None:
        self._closing = asyncio.Event()
        self._session = aiohttp.ClientSession()

    def enqueue(self, instance: str, delivery: Delivery) -> None:
        if self._session is None or self._closing.is_set():
            return
        if not _valid_url(delivery.url):
            # An empty, relative or unparseable URL is stored happily by the server,
            # never posted to.
            self.stats.skipped += 1
            return
        queue = self._queues.get(instance)
        if queue is None:
            queue = asyncio.Queue(self.queue_size)
            self._queues[instance] = queue
        try:
            queue.put_nowait(delivery)
        except asyncio.QueueFull:
            self.stats.dropped += 1
            return
        self.stats.queued += 1
        worker = self._workers.get(instance)
        if worker is None or worker.done():
            self._workers[instance] = asyncio.create_task(
                self._work(queue), name=f"sandbox-webhook-{instance}"
            )

    async def _work(self, queue: asyncio.Queue[Delivery]) -> None:
        while not self._closing.is_set():
            try:
                delivery = queue.get_nowait()
            except asyncio.QueueEmpty:
                return
            await self._deliver(delivery)

    async def _deliver(self, delivery: Delivery) -> None:
        assert self._session is not None
        headers = {str(k): str(v) for k, v in delivery.headers.items()}
        timeout = aiohttp.ClientTimeout(total=self.timeout)
        for attempt in range(self.retries + 1):
            if self._closing.is_set():
                return
            self.stats.attempts += 1
            status: int | None = None
            try:
                async with self._session.post(
                    delivery.url, json=delivery.body, headers=headers, timeout=timeout
                ) as resp:
                    await resp.read()
                    status = resp.status
            except (aiohttp.ClientError, TimeoutError, OSError, ValueError) as exc:
                # ValueError: a stored header no request can carry (a line break in
                # it); Node refuses to send it too, and the server retries like this.
                log.debug("webhook to %s failed: %s", delivery.url, exc)
            if status is not None:
                self.stats.statuses[status] = self.stats.statuses.get(status, 0) + 1
                if status < 400:
                    self.stats.delivered += 1
                    return
                if status in NON_RETRYABLE:
                    break
            if attempt < self.retries:
                delay = min(self.backoff * (2**attempt), self.max_backoff)
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._closing.wait(), delay)
        self.stats.failed += 1

    async def idle(self) -> None:
        """Waits until every queued delivery has been attempted to the end."""
        while any(not w.done() for w in self._workers.values()):
            await asyncio.gather(*self._workers.values(), return_exceptions=True)

    async def close(self) -> None:
        self._closing.set()
        workers = list(self._workers.values())
        for worker in workers:
            worker.cancel()
        await asyncio.gather(*workers, return_exceptions=True)
        self._workers.clear()
        self._queues.clear()
        if self._session is not None:
            await self._session.close()
            self._session = None
