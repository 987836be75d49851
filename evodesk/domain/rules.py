"""Rules for delivery changes that need no I/O: event selections and header names."""

from __future__ import annotations

import re
from collections.abc import Sequence

from evodesk.domain.errors import InvalidInput, UnknownEvents
from evodesk.domain.events import by_events_suffix, catalogue_for, unknown_events
from evodesk.domain.validation import check_header_value

_HEADER_NAME_RE = re.compile(r"^[!#$%&'*+.^_`|~0-9A-Za-z-]+$")

# Evolution's webhook sender does not retry these statuses; everything else it retries.
NO_RETRY_STATUSES = frozenset({400, 401, 403, 404, 422})


def check_event_selection(
    events: Sequence[str], *, all_events: bool, version: str | None
) -> tuple[str, ...]:
    """The selection to send: unique, known to the server's version, never empty by accident."""
    unique = tuple(dict.fromkeys(e.strip().upper() for e in events if e.strip()))
    if all_events:
        if unique:
            raise InvalidInput("Choose either some events or all events, not both.")
        return ()
    if not unique:
        raise InvalidInput(
            "Choose at least one event. An empty list means every event on Evolution; "
            "ask for all events explicitly if that is what you want."
        )
    unknown = unknown_events(unique, version)
    if unknown:
        raise UnknownEvents(
            f"Unknown event(s) for a {version or '2.3'} server: {', '.join(unknown)}.",
            tuple(unknown),
        )
    order = {name: i for i, name in enumerate(catalogue_for(version))}
    return tuple(sorted(unique, key=order.__getitem__))


def check_header_names(headers: dict[str, str]) -> dict[str, str]:
    """The headers with checked names and values. Names that differ only in case are
    refused: HTTP reads them as one header, and which value a receiver takes is anyone's
    guess."""
    cleaned: dict[str, str] = {}
    by_folded: dict[str, str] = {}
    for name, value in headers.items():
        name = name.strip()
        if not _HEADER_NAME_RE.match(name):
            raise InvalidInput(f"'{name}' is not a valid HTTP header name.")
        earlier = by_folded.setdefault(name.lower(), name)
        if earlier != name:
            raise InvalidInput(
                f"The header names '{earlier}' and '{name}' differ only in case, and HTTP "
                "reads them as one header. Keep one of them."
            )
        cleaned[name] = check_header_value(name, value)
    return cleaned


def effective_webhook_url(url: str, by_events: bool, event: str) -> str:
    """Where Evolution POSTs an event: with byEvents, the URL, "/" and the event's dashed
    name. Evolution joins them as they are, so a URL ending in "/" gets "//"."""
    if not by_events:
        return url
    return url + "/" + by_events_suffix(event)


def evolution_would_retry(status: int | None) -> bool:
    """Whether Evolution's webhook sender retries after this answer (None: no answer)."""
    if status is None:
        return True
    if 200 <= status < 300:
        return False
    return status not in NO_RETRY_STATUSES
