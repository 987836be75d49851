"""From received Socket.IO events to domain `Event`s: secrets masked, duplicate keys,
batched writes to the event log, and fan-out to subscribers that may fall behind."""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import itertools
import json
import logging
import re
from collections import OrderedDict, deque
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime
from typing import Any, AnyStr, Generic, Protocol, TypeVar, cast

from evodesk.domain.errors import EvodeskError
from evodesk.domain.models import Event
from evodesk.domain.secrets import (
    MASK,
    SECRET_SEPARATORS,
    SECRET_WORDS,
    is_secret_key,
    mask_secrets,
)
from evodesk.infra.socketio_codec import FrameError, Packet

log = logging.getLogger(__name__)

# After this many undecodable events only every 1000th is logged.
_LOUD_ERRORS = 10

T = TypeVar("T")


class EventSink(Protocol):
    """The part of the store the pipeline writes to."""

    async def add_events(self, events: Sequence[Event]) -> int: ...
    async def prune_events(self, keep: int) -> int: ...


class Clock(Protocol):
    def now(self) -> datetime: ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)


class Subscription(Generic[T]):
    """A bounded queue for one subscriber: when it is full, new items are dropped for this
    subscriber only (and counted in `dropped`), so one slow reader never slows the rest.

    Iterate with `async for` from one task; iteration ends once the subscription is
    closed and drained.
    """

    def __init__(self, maxsize: int, on_close: Callable[[Subscription[T]], None]) -> None:
        if maxsize < 1:
            raise ValueError("maxsize must be at least 1")
        self.maxsize = maxsize
        self.dropped = 0
        self._items: deque[T] = deque()
        self._waiter: asyncio.Future[None] | None = None
        self._closed = False
        self._on_close = on_close

    def offer(self, item: T) -> bool:
        if self._closed:
            return False
        if len(self._items) >= self.maxsize:
            self.dropped += 1
            return False
        self._items.append(item)
        waiter = self._waiter
        if waiter is not None and not waiter.done():
            waiter.set_result(None)
        return True

    def qsize(self) -> int:
        return len(self._items)

    def get_nowait(self) -> T:
        """The oldest waiting item; IndexError when there is none."""
        return self._items.popleft()

    async def get(self) -> T:
        """The next item; StopAsyncIteration once closed and drained."""
        while not self._items:
            if self._closed:
                raise StopAsyncIteration
            self._waiter = asyncio.get_running_loop().create_future()
            try:
                await self._waiter
            finally:
                self._waiter = None
        return self._items.popleft()

    def close(self) -> None:
        """Stop receiving; items already queued can still be read."""
        if self._closed:
            return
        self._closed = True
        if self._waiter is not None and not self._waiter.done():
            self._waiter.set_result(None)
        self._on_close(self)

    def __aiter__(self) -> Subscription[T]:
        return self

    async def __anext__(self) -> T:
        return await self.get()


EventSubscription = Subscription[Event]


class RecentKeys:
    """A bounded LRU of duplicate keys seen lately."""

    def __init__(self, size: int) -> None:
        self._size = size
        self._keys: OrderedDict[str, None] = OrderedDict()

    def seen(self, key: str) -> bool:
        keys = self._keys
        if key in keys:
            keys.move_to_end(key)
            return True
        keys[key] = None
        if len(keys) > self._size:
            keys.popitem(last=False)
        return False


_CONTAINERS = frozenset({dict, list})


def _spellings(word: str) -> set[str]:
    """`word` with each "_" as any separator: is_secret_key reads them all as "_"."""
    parts = word.split("_")
    return {
        "".join(p + s for p, s in zip(parts, (*seps, ""), strict=True))
        for seps in itertools.product(SECRET_SEPARATORS, repeat=len(parts) - 1)
    }


# Every key is_secret_key accepts contains one of these once lower-cased: a secret key
# or a suffix (without its leading "_"), as spelt with any separator; a word that contains
# another one ("jwt_key") adds nothing.
_WORDS = {s for word in SECRET_WORDS for s in _spellings(word)}
_SECRET_HINTS = tuple(sorted(w for w in _WORDS if not any(o != w and o in w for o in _WORDS)))
_OTHER_HINTS = tuple(hint for hint in _SECRET_HINTS if hint != "apikey")
_OTHER_HINTS_UTF8 = tuple(hint.encode() for hint in _OTHER_HINTS)
# A string JSON spells as it is: no quote, backslash or control character.
_PLAIN = re.compile(r'[^"\\\x00-\x1f]*')


def _apikeys(lowered: AnyStr, others: tuple[AnyStr, ...], apikey: AnyStr) -> int:
    """How often `apikey` occurs in `lowered`; -1 if any of `others` does."""
    for hint in others:
        if hint in lowered:
            return -1
    return lowered.count(apikey)


class SecretMasker:
    """`mask_secrets`, made cheap for the usual case.

    Evolution payloads carry one secret, the top-level `apikey`. A scan that only reads
    keys (with `is_secret_key` answers memoised) proves that case and masks with a
    shallow copy; anything else goes through `mask_secrets` itself.
    """

    def __init__(self, memo_size: int = 4096) -> None:
        self._memo: dict[str, bool] = {}
        self._memo_size = memo_size

    def mask(self, payload: dict[str, Any]) -> dict[str, Any]:
        memo = self._memo
        masked: dict[str, Any] = {}
        for key, value in payload.items():
            secret = memo.get(key)
            if secret is None:
                secret = self._learn(key)
            if secret:
                masked[key] = value if value is None or value == "" else MASK
            elif value.__class__ in _CONTAINERS and self._holds_secret(value):
                result: dict[str, Any] = mask_secrets(payload)
                return result
            else:
                masked[key] = value
        return masked

    def mask_json(self, payload: dict[str, Any], text: str) -> tuple[dict[str, Any], str | None]:
        """`payload` masked, and `text` (the JSON text `payload` was decoded from) masked
        the same way, or None when that cannot be shown without serialising again.

        The proof is on the text, so that no key of it escapes, not even one a later
        duplicate hides from `payload`: every key `is_secret_key` accepts holds one of
        `_SECRET_HINTS` once lower-cased, and with no \\u escape nothing but the
        characters themselves spells a key's letters. A text without a hint holds no
        secret; one whose only hint is a single "apikey" holds no secret but the member
        `payload` shows at the top level, whose value is cut out where the text spells
        it `"apikey":"…"`. Anything else takes `mask` (and the caller serialises).
        """
        if "\\u" in text:
            # A text that spells characters \uXXXX (python-socketio spells every
            # non-ASCII one so; Evolution's Node server none) is written again: the store
            # keeps accents as characters, so that a search for "São" finds them. (Any
            # such escape could also spell a key's letters, which the proof rules out.)
            return self.mask(payload), None
        if text.isascii():
            found = _apikeys(text.lower(), _OTHER_HINTS, "apikey")
        elif "\u212a" not in text:
            # Lower-casing the UTF-8 bytes (ASCII letters only, and fast) finds every hint
            # lower-casing the text finds, but where KELVIN SIGN gives a "k". The only
            # other character whose lower case holds an ASCII letter gives "i" and a
            # combining dot, and no hint ends in "i".
            found = _apikeys(text.encode().lower(), _OTHER_HINTS_UTF8, b"apikey")
        else:
            found = -1
        if found == 0:
            return payload, text
        if found == 1 and "apikey" in payload:
            value = payload["apikey"]
            if value is None or value == "":
                return payload, text  # what mask_secrets leaves as it is
            if type(value) is str and _PLAIN.fullmatch(value):
                member = f'"apikey":"{value}"'
                at = text.find(member)
                end = at + len(member)
                if at > 0 and text[at - 1] in "{," and text[end : end + 1] in (",", "}"):
                    masked = dict(payload)
                    masked["apikey"] = MASK
                    return masked, f"{text[: at + 10]}{MASK}{text[end - 1 :]}"
        return self.mask(payload), None

    def _learn(self, key: str) -> bool:
        answer = is_secret_key(str(key))
        if len(self._memo) < self._memo_size:  # keys come from the network: bounded
            self._memo[key] = answer
        return answer

    def _holds_secret(self, value: dict[str, Any] | list[Any]) -> bool:
        if value.__class__ is dict:
            memo = self._memo
            for key, item in value.items():
                secret = memo.get(key)
                if secret is None:
                    secret = self._learn(key)
                if secret:
                    if item is not None and item != "":
                        return True
                elif item.__class__ in _CONTAINERS and self._holds_secret(item):
                    return True
            return False
        return any(item.__class__ in _CONTAINERS and self._holds_secret(item) for item in value)


def duplicate_key(instance: str, event: str, payload: Mapping[str, Any]) -> str:
    """Evolution sends no event id: instance + event + message id + status/timestamp.

    Events without a message id (connection.update, qrcode.updated, …) are keyed by the
    server's timestamp and a digest of their data, so only true repeats collide; a payload
    that is not Evolution's envelope (no "data" member) by a digest of all of it.
    """
    data = payload.get("data")
    if type(data) is dict:
        key = data.get("key")
        message_id = key.get("id") if type(key) is dict else None
        if message_id is None:
            message_id = data.get("keyId") or data.get("messageId")
        if message_id is not None:
            status = data.get("status") or ""
            stamp = data.get("messageTimestamp") or data.get("timestamp") or ""
            return f"{instance}|{event}|{message_id}|{status}|{stamp}"
    keyed = data if "data" in payload else payload
    text = json.dumps(keyed, sort_keys=True, separators=(",", ":"), default=str)
    digest = hashlib.blake2b(text.encode(), digest_size=8).hexdigest()
    return f"{instance}|{event}|{payload.get('date_time') or ''}|{digest}"


class EventPipeline:
    """Turns events into `Event`s, hands them to subscribers at once and writes them to
    the sink in batches (when `batch_max` are waiting or `batch_interval` has passed).

    Subscribers see an event before it is stored: a live view must not wait for the
    disk, and a failing database must not blind it. The sink still gets every event;
    batches that fail are retried, and only beyond `max_pending` are the oldest lost.
    """

    def __init__(
        self,
        sink: EventSink,
        *,
        clock: Clock | None = None,
        batch_max: int = 200,
        batch_interval: float = 0.2,
        retention: int | None = 100_000,
        recent_keys: int = 10_000,
        max_pending: int = 1_000_000,
        retry_delay: float = 1.0,
    ) -> None:
        self._sink = sink
        self._clock = clock or SystemClock()
        self._batch_max = max(1, batch_max)
        self._batch_interval = batch_interval
        self._retention = retention
        # A prune reads past the `retention` newest: done every tenth of it, that costs a
        # constant per event, and the log stays within a tenth of its size (a batch for a
        # small one).
        self._prune_every = max(1, (retention or 0) // 10)
        self._since_prune = self._prune_every  # prune once early: the log may be over already
        self._recent = RecentKeys(recent_keys)
        self._masker = SecretMasker()
        self._max_pending = max_pending
        self._retry_delay = retry_delay
        self._pending: list[Event] = []
        self._subscribers: list[EventSubscription] = []
        self._signal: asyncio.Future[None] | None = None
        self._write_lock = asyncio.Lock()
        self._writer: asyncio.Task[None] | None = None
        self._closed = False
        self._closing = asyncio.Event()
        self.accepted = 0
        self.stored = 0
        self.lost = 0  # events that never reached the database
        self.store_error: str | None = None  # why the last write that failed failed
        self._failed_closing = False  # a write failed after aclose began
        self._failing = False  # writes fail since the last that went through
        self.refused = 0  # events the database would not take while it took others
        self.protocol_errors = 0  # events whose arguments could not be decoded

    def subscribe(self, *, maxsize: int = 1000) -> EventSubscription:
        subscription: EventSubscription = Subscription(maxsize, self._subscribers.remove)
        self._subscribers.append(subscription)
        return subscription

    def accept(
        self, server_id: int, instance: str, event: str, args: list[object],
        instance_ids: Mapping[str, int],
    ) -> Event:
        """One event from namespace `/{instance}`; `args` are the event's arguments."""
        first = args[0] if args else None
        if type(first) is dict:
            return self._accept(server_id, instance, event, first, None, instance_ids)
        return self._accept(server_id, instance, event, {"args": args}, None, instance_ids)

    def accept_packet(
        self, server_id: int, instance: str, packet: Packet, instance_ids: Mapping[str, int]
    ) -> Event | None:
        """One EVENT packet from namespace `/{instance}`; None when its arguments are not
        valid JSON (a protocol error: logged and counted, nothing else happens).

        When the payload is the event's only argument, its JSON text as received (masked)
        goes to the store with it, so the store need not serialise the payload again.
        """
        try:
            args = cast(list[object], packet.data)  # an EVENT's data is its argument list
            text = packet.only_argument_json()
        except FrameError as exc:
            self._protocol_error(instance, str(exc))
            return None
        first = args[0] if args else None
        if type(first) is dict:
            return self._accept(server_id, instance, packet.event, first, text, instance_ids)
        return self._accept(server_id, instance, packet.event, {"args": args}, None, instance_ids)

    def _protocol_error(self, instance: str, reason: str) -> None:
        self.protocol_errors += 1
        count = self.protocol_errors
        if count <= _LOUD_ERRORS or count % 1000 == 0:
            log.warning(
                "Ignored an event on /%s whose arguments cannot be decoded (%d so far): %s",
                instance, count, reason,
            )

    def _accept(
        self, server_id: int, instance: str, event: str, payload: dict[str, Any],
        text: str | None, instance_ids: Mapping[str, int],
    ) -> Event:
        # The namespace names the instance: a payload's own "instance" member is the
        # server's word, and may name another instance or nothing evodesk knows.
        key = duplicate_key(instance, event, payload)
        server_time = payload.get("date_time")
        sender = payload.get("sender")
        if text is None:
            masked, masked_text = self._masker.mask(payload), None
        else:
            masked, masked_text = self._masker.mask_json(payload, text)
        item = Event(
            server_id=server_id,
            instance=instance,
            wire_event=event,
            received_at=self._clock.now(),
            payload=masked,
            duplicate_key=key,
            server_time=server_time if type(server_time) is str else None,
            sender=sender if type(sender) is str else None,
            instance_id=instance_ids.get(instance),
            is_duplicate=self._recent.seen(key),
            payload_json=masked_text,
        )
        self.accepted += 1
        if not self._closed:
            pending = self._pending
            pending.append(item)
            size = len(pending)
            if size == 1 or size >= self._batch_max:
                self._wake_writer()
            for subscription in self._subscribers:
                subscription.offer(item)
        return item

    async def flush(self) -> None:
        """Write every pending event now."""
        await self._write_pending()

    async def aclose(self) -> None:
        """Write what is pending, stop the writer and end every subscription.

        A write under way finishes its current try, and what is left gets one more try
        (none if that one failed meanwhile): a database that is away costs the close a
        write or two, not a round of retries. Whatever is still unwritten is lost and
        counted in `lost`."""
        self._closed = True
        self._closing.set()
        writer, self._writer = self._writer, None
        if writer is not None:
            signal = self._signal
            if signal is not None and not signal.done():
                signal.set_result(None)
            await writer
        if not self._failed_closing:
            await self._write_pending()
        if self._pending:
            self.lost += len(self._pending)
            log.error("Closing with %d events the event log could not take; they are lost",
                      len(self._pending))
            self._pending = []
        for subscription in list(self._subscribers):
            subscription.close()

    # --- the writer ---------------------------------------------------------------

    def _wake_writer(self) -> None:
        if self._writer is None:
            if self._closed:
                return
            self._writer = asyncio.get_running_loop().create_task(
                self._write_loop(), name="event-log-writer"
            )
        signal = self._signal
        if signal is not None and not signal.done():
            signal.set_result(None)

    async def _wait(self, ready: Callable[[], bool], timeout: float | None) -> None:
        if ready():
            return
        self._signal = asyncio.get_running_loop().create_future()
        try:
            await asyncio.wait([self._signal], timeout=timeout)
        finally:
            self._signal = None

    async def _write_loop(self) -> None:
        # Not cancelled by aclose (a write cut short would leave its events in doubt):
        # it ends at its next wait once closed.
        while not self._closed:
            await self._wait(lambda: bool(self._pending) or self._closed, None)
            await self._wait(
                lambda: len(self._pending) >= self._batch_max or self._closed,
                self._batch_interval)
            if self._closed:
                return
            if not await self._write_pending():
                # New events do not cut this short: only the close does.
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._closing.wait(), self._retry_delay)

    async def _write_pending(self) -> bool:
        async with self._write_lock:
            batch, self._pending = self._pending, []
            if not batch:
                return True
            try:
                await self._sink.add_events(batch)
            except Exception as exc:
                self._write_failed(len(batch), exc)
                written, unwritten = await self._write_apart(batch)
                if unwritten:
                    # Said once per outage: a database away for an hour must not push
                    # everything else out of the log, one retry a second.
                    level = logging.DEBUG if self._failing else logging.WARNING
                    log.log(level, "%d events wait to be written to the event log; will "
                            "retry", len(unwritten))
                    self._failing = True
                    self._requeue(unwritten)
                if not written:
                    self._failed_closing = self._closed
                    return False
                batch = written
            if self._failing:
                self._failing = False
                log.warning("The event log takes events again (%d written now)", len(batch))
            self.stored += len(batch)
            self._since_prune += len(batch)
            if self._retention is not None and self._since_prune >= self._prune_every:
                self._since_prune = 0
                try:
                    await self._sink.prune_events(self._retention)
                except Exception:
                    log.exception("Could not prune the event log")
            return True

    def _write_failed(self, count: int, exc: Exception) -> None:
        self.store_error = str(exc) or type(exc).__name__
        if not isinstance(exc, EvodeskError):
            log.exception("Could not write %d events to the event log", count)
        elif not self._failing:
            # The store's own message says what failed; its traceback adds nothing.
            log.warning("Could not write %d events to the event log: %s", count, exc.message)

    async def _write_apart(self, batch: list[Event]) -> tuple[list[Event], list[Event]]:
        """After `batch` failed: writes it in halves, then quarters, down to single
        events, so that an event the database refuses (a payload it cannot hold) does not
        hold back the rest forever. Returns (written, to retry).

        When nothing at all goes through by the eighths, the database is taken to be
        away, not the events at fault, and everything waits for the next try. Otherwise
        the database works, and an event it refuses on its own is left out: counted in
        `refused` and logged (never its payload)."""
        if len(batch) < 2 or self._closed:
            return [], batch  # closing: one try, then what is left is lost
        written: list[Event] = []
        failed: list[Event] = []  # refused on their own
        parts, level = [batch], 0
        while parts:
            level += 1
            failing: list[list[Event]] = []
            for part in parts:
                if self._closed:  # closing: no more tries; what is not written is left
                    done = {id(event) for event in written}
                    return written, [event for event in batch if id(event) not in done]
                middle = len(part) // 2
                for half in (part[:middle], part[middle:]):
                    try:
                        await self._sink.add_events(half)
                    except Exception:
                        if len(half) == 1:
                            failed.append(half[0])
                        else:
                            failing.append(half)
                    else:
                        written.extend(half)
            if not written and level >= 3:
                return [], batch
            parts = failing
        if not written:
            return [], batch
        if failed:
            self.refused += len(failed)
            log.error(
                "The event log refused %d event(s) that could not be stored; left out "
                "(first: %s on %s)", len(failed), failed[0].wire_event, failed[0].instance)
        return written, []

    def _requeue(self, batch: list[Event]) -> None:
        pending = batch + self._pending
        overflow = len(pending) - self._max_pending
        if overflow > 0:
            self.lost += overflow
            log.error("Event log is unavailable; dropped the %d oldest unsaved events", overflow)
            pending = pending[overflow:]
        self._pending = pending
