"""Classify what an Evolution server (or whatever sits at its URL) answered, and turn
failures into domain errors whose message and detail never carry a secret."""

from __future__ import annotations

import codecs
import html
import json
import re
import socket
import ssl
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from urllib.parse import urljoin, urlsplit, urlunsplit

import httpx

from evodesk.domain.errors import (
    KEY_REFUSED,
    BadApiKey,
    ServerError,
    ServerNotActivated,
    ServerTimeout,
    ServerUnreachable,
    TlsFailure,
    UnexpectedResponse,
    UnknownInstance,
    ValidationFailed,
    WebsocketDisabledOnServer,
)
from evodesk.domain.secrets import MASK
from evodesk.infra import wire_json

_MAX_MESSAGE = 600
# The shortest header value masked: logsetup's minimum for registered secrets.
_MIN_VALUE = 4
# Neither part can run past the next '<', so a page of unclosed <title> tags costs a
# linear scan (`.*?</title>` rescanned the rest of the page from each of them).
_TITLE_RE = re.compile(r"<title[^<>]*>([^<]*)</title>", re.IGNORECASE)
# Where the title is looked for: it sits in the page's <head>.
_TITLE_WINDOW = 16 * 1024
# Python codecs that decode bytes to text but are no charset a server could mean.
_NOT_CHARSETS = frozenset(
    {"idna", "punycode", "undefined", "unicode-escape", "raw-unicode-escape"}
)
_UNKNOWN_INSTANCE_RES = (
    re.compile(r'^The "(?P<name>.+)" instance does not exist'),
    re.compile(r'^Instance "(?P<name>.+)" not found'),
)
# Where Evolution's own error body puts the people-readable reason.
_REJECTED_STATUSES = frozenset({400, 403, 409, 422})


class Redactor:
    """Replaces secrets in any text that may reach a person or a log."""

    __slots__ = ("_secrets",)

    def __init__(self, *secrets: str) -> None:
        # Longest first: a secret holding another is masked whole.
        self._secrets = tuple(sorted({s for s in secrets if s}, key=len, reverse=True))

    def also(self, values: Iterable[str]) -> Redactor:
        """This redactor, masking `values` too (webhook header values a request sends):
        each as given and as JSON text spells it, since a server echoing the body quotes
        it escaped. Values shorter than the log's minimum are left, as there: masking
        them would garble the message and hide nothing."""
        spelt = [form for value in values if len(value) >= _MIN_VALUE for form in _spellings(value)]
        return Redactor(*self._secrets, *spelt)

    def __call__(self, text: str) -> str:
        for secret in self._secrets:
            text = text.replace(secret, MASK)
        return text

    def __repr__(self) -> str:
        return "Redactor()"


def _spellings(value: str) -> tuple[str, ...]:
    """`value` as given, and inside a JSON string with and without ASCII escapes."""
    return value, json.dumps(value)[1:-1], json.dumps(value, ensure_ascii=False)[1:-1]


class BodyKind(StrEnum):
    EMPTY = "empty"
    JSON = "json"
    HTML = "html"
    TEXT = "text"
    MALFORMED = "malformed JSON"


@dataclass(frozen=True, slots=True)
class Reply:
    status: int
    kind: BodyKind
    data: object = None
    hint: str = ""  # HTML title or first line of text, already redacted
    location: str = ""  # where a redirect points, already redacted

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 300


@dataclass(frozen=True, slots=True)
class Call:
    """What a request was for: enough to word an error, nothing secret."""

    server: str
    method: str
    path: str
    instance: str | None = None
    action: str = "complete the request"

    def where(self, status: int | None = None) -> str:
        tail = f" -> HTTP {status}" if status is not None else ""
        return f"{self.method} {self.path}{tail}"


def read_reply(
    response: httpx.Response, redact: Redactor, content: bytes | None = None
) -> Reply:
    """What the answer is; `content` is its body when it was read apart from the
    response (streamed), decoded from any content-encoding."""
    raw = response.content if content is None else content
    text = _text_of(raw, response.charset_encoding).strip()
    content_type = response.headers.get("content-type", "").lower()
    status = response.status_code
    if 300 <= status < 400:
        # Whatever the body, the answer is where to go (http:// to https://, a prefix).
        location = _clip(redact(response.headers.get("location", "").strip()), 300)
        return Reply(status, BodyKind.EMPTY, location=location)
    if not text:
        return Reply(status, BodyKind.EMPTY)
    if "html" in content_type or text.startswith("<"):
        return Reply(status, BodyKind.HTML, hint=_html_title(text, redact))
    try:
        data: object = wire_json.loads(text)
    except ValueError:
        kind = BodyKind.MALFORMED if "json" in content_type else BodyKind.TEXT
        first_line = text.splitlines()[0] if kind is BodyKind.TEXT else ""
        return Reply(status, kind, hint=_clip(redact(first_line), 120))
    return Reply(status, BodyKind.JSON, data)


def _text_of(content: bytes, charset: str | None) -> str:
    """The body in its declared charset, else UTF-8: when it declares none, or one that
    is no text encoding (base64, rot13), is one of Python's codecs no server means as a
    charset (idna), or cannot decode with replacement."""
    if charset:
        try:
            if codecs.lookup(charset).name not in _NOT_CHARSETS:
                return content.decode(charset, errors="replace")
        except (LookupError, ValueError):  # UnicodeError is a ValueError
            pass
    return content.decode("utf-8", errors="replace")


def _html_title(text: str, redact: Redactor) -> str:
    match = _TITLE_RE.search(text, 0, _TITLE_WINDOW)
    if match is None:
        return ""
    return _clip(redact(" ".join(html.unescape(match.group(1)).split())), 120)


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def flatten_message(value: object) -> list[str]:
    """Evolution's `response.message`: a string, a list of strings or a list of lists."""
    if isinstance(value, str):
        stripped = value.strip()
        return [stripped] if stripped else []
    if isinstance(value, list):
        return [part for item in value for part in flatten_message(item)]
    if isinstance(value, dict):
        return flatten_message(value.get("message"))
    if isinstance(value, int | float) and not isinstance(value, bool):
        return [str(value)]
    return []


def server_message(data: object, redact: Redactor) -> str:
    """The reason the server gave, flattened and redacted ('' when it gave none)."""
    if not isinstance(data, dict):
        return ""
    parts: list[str] = []
    response = data.get("response")
    if isinstance(response, dict):
        parts = flatten_message(response.get("message"))
    if not parts:
        parts = flatten_message(data.get("message"))
    if not parts and isinstance(data.get("error"), str):
        parts = flatten_message(data.get("error"))
    return _clip(redact("; ".join(parts)), _MAX_MESSAGE)


def _sentence(text: str) -> str:
    return text if text.endswith((".", "!", "?", "…")) else f"{text}."


def error_for(reply: Reply, call: Call, redact: Redactor) -> ServerError:
    """The domain error for a reply that is not a usable success."""
    if 300 <= reply.status < 400:
        return _redirect_error(reply, call)
    if reply.kind is BodyKind.HTML:
        return _html_error(reply, call)
    if reply.kind in (BodyKind.TEXT, BodyKind.MALFORMED):
        return _not_json_error(reply, call)
    reason = server_message(reply.data, redact)
    detail = f"{call.where(reply.status)}: {reason or reply.kind.value}"
    status = reply.status
    if reply.ok:
        return ServerError(
            _sentence(f"The server could not {call.action}: {reason or 'it reported a failure'}"),
            status=status,
            detail=detail,
        )
    if status == 401:
        return BadApiKey(KEY_REFUSED, status=status, detail=detail)
    if status == 404:
        return _not_found(reply, call, reason, detail)
    if status == 503 and _code(reply.data) == "LICENSE_REQUIRED":
        return ServerNotActivated(
            "This server is not activated (licence required).", status=status, detail=detail
        )
    if status in _REJECTED_STATUSES:
        return ValidationFailed(
            _sentence(f"The server rejected the request: {reason or f'HTTP {status}'}"),
            status=status,
            detail=detail,
        )
    # Each wording whole, with or without the reason, so the window finds its template.
    if status >= 500:
        failed = (
            f"The server failed while handling the request (HTTP {status}): {reason}"
            if reason
            else f"The server failed while handling the request (HTTP {status})."
        )
        return ServerError(_sentence(failed), status=status, detail=detail)
    answered = (
        f"The server answered HTTP {status}: {reason}"
        if reason
        else f"The server answered HTTP {status}."
    )
    return ServerError(_sentence(answered), status=status, detail=detail)


def _code(data: object) -> str | None:
    if isinstance(data, dict):
        code = data.get("code")
        return code if isinstance(code, str) else None
    return None


def _not_found(reply: Reply, call: Call, reason: str, detail: str) -> ServerError:
    # Evolution answers an unknown instance with a JSON 404, before it looks at the key.
    if reply.kind is BodyKind.JSON:
        name = call.instance or _instance_in(reason)
        if name is not None:
            return UnknownInstance(name, detail=detail)
    return ServerError(
        f"The server at {call.server} does not offer {call.method} {call.path}. "
        "Check the URL, and that the server runs a supported Evolution API version.",
        status=404,
        detail=detail,
    )


def _instance_in(reason: str) -> str | None:
    for pattern in _UNKNOWN_INSTANCE_RES:
        match = pattern.match(reason)
        if match is not None:
            return match.group("name")
    return None


def _redirect_error(reply: Reply, call: Call) -> UnexpectedResponse:
    """evodesk follows no redirect (the key would go along): it says where to."""
    detail = f"{call.where(reply.status)}: redirect to {reply.location or 'nowhere'}"
    if not reply.location:
        message = (f"The server at {call.server} answered with a redirect (HTTP "
                   f"{reply.status}) that names no address. Check the URL.")
        return UnexpectedResponse(message, status=reply.status, detail=detail)
    target = urljoin(f"{call.server}{call.path}", reply.location)
    # Asked for /instance/fetchInstances, sent to https://host/prefix/instance/…: the
    # server's address is what comes before the path.
    route = urlsplit(call.path).path
    parts = urlsplit(target)
    if route not in ("", "/") and parts.path.endswith(route):
        target = urlunsplit((parts.scheme, parts.netloc, parts.path[: -len(route)], "", ""))
    message = (f"The server at {call.server} redirects to {target} (HTTP {reply.status}): "
               "use that address for the server.")
    return UnexpectedResponse(message, status=reply.status, detail=detail)


def _html_error(reply: Reply, call: Call) -> UnexpectedResponse:
    title = f' ("{reply.hint}")' if reply.hint else ""
    detail = f"{call.where(reply.status)}: HTML page{title}"
    if reply.status in (502, 503, 504):
        message = (
            f"The server at {call.server} answered with an HTML error page "
            f"(HTTP {reply.status}{title}), not the Evolution API: a proxy in front of it "
            "may be unable to reach it. Check that the Evolution server is running."
        )
    else:
        message = (
            f"The server at {call.server} answered with an HTML page, not the Evolution API. "
            "Check the URL."
        )
    return UnexpectedResponse(message, status=reply.status, detail=detail)


def _not_json_error(reply: Reply, call: Call) -> UnexpectedResponse:
    if reply.kind is BodyKind.MALFORMED:
        message = _not_valid_json(call, reply.status)
    else:
        message = (
            f"The server at {call.server} answered with plain text, not the Evolution API "
            f"(HTTP {reply.status}). Check the URL."
        )
    hint = f": {reply.hint!r}" if reply.hint else ""
    return UnexpectedResponse(
        message, status=reply.status, detail=f"{call.where(reply.status)}: {reply.kind}{hint}"
    )


def _not_valid_json(call: Call, status: int) -> str:
    return (
        f"The server at {call.server} sent an answer that is not valid JSON "
        f"(HTTP {status}). Check the URL, or any proxy in front of the server."
    )


def undecodable_body(status: int | None, call: Call, problem: str) -> UnexpectedResponse:
    """A body that is not in the content-encoding it names (gzip that is not gzip): no
    more readable than malformed JSON, and worded the same. `status` is None when a
    transport that decodes bodies itself failed, and did not say what it was decoding."""
    message = _not_valid_json(call, status) if status is not None else _not_understood(call)
    return UnexpectedResponse(
        message,
        status=status,
        detail=f"{call.where(status)}: body not decodable: {_clip(problem, 120)}",
    )


def body_too_large(status: int, call: Call, limit: int) -> UnexpectedResponse:
    mib = limit // (1024 * 1024)
    return UnexpectedResponse(
        f"The server at {call.server} sent an answer larger than {mib} MiB "
        f"(HTTP {status}), more than evodesk reads. "
        "Check the URL, or any proxy in front of the server.",
        status=status,
        detail=f"{call.where(status)}: body past {mib} MiB, not read further",
    )


def _not_understood(call: Call) -> str:
    return (
        f"The server at {call.server} answered in a form evodesk does not understand; "
        "it may not be an Evolution API server, or a version evodesk does not support."
    )


def shape_error(reply: Reply, call: Call, problem: str) -> UnexpectedResponse:
    return UnexpectedResponse(
        _not_understood(call),
        status=reply.status,
        detail=f"{call.where(reply.status)}: {problem}",
    )


def websocket_switched_off(reply: Reply, call: Call) -> WebsocketDisabledOnServer:
    return WebsocketDisabledOnServer(
        "This server has websockets switched off; websocket mode is not available.",
        status=reply.status,
        detail=f"{call.where(reply.status)}: empty body",
    )


# --- transport failures -------------------------------------------------------------


def _causes(exc: BaseException) -> Iterator[BaseException]:
    """The exception, its causes and contexts, and members of exception groups."""
    seen: set[int] = set()
    pending: list[BaseException] = [exc]
    while pending:
        current = pending.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        if isinstance(current, BaseExceptionGroup):
            pending.extend(current.exceptions)
        for linked in (current.__cause__, current.__context__):
            if linked is not None:
                pending.append(linked)


def _ssl_reason(error: ssl.SSLError, attribute: str) -> str:
    # Set by the ssl module's own raises; absent on errors built by other code.
    value = getattr(error, attribute, None) or getattr(error, "reason", None)
    return str(value) if value else ""


def transport_error(
    exc: httpx.TransportError | TimeoutError, call: Call, timeout: float, redact: Redactor
) -> ServerUnreachable:
    """`exc` is an httpx failure, or TimeoutError when the whole exchange, reading the
    answer included, took longer than `timeout` (an answer that trickles in)."""
    url = call.server
    if isinstance(exc, TimeoutError):
        detail = f"{call.where()}: no complete answer within {timeout:g} s"
    else:
        reason = redact(str(exc)) or type(exc).__name__
        detail = f"{call.where()}: {type(exc).__name__}: {reason}"
    if isinstance(exc, httpx.ConnectTimeout | httpx.PoolTimeout):
        return ServerTimeout(
            f"The server at {url} could not be reached within {timeout:g} seconds.",
            detail=detail,
        )
    if isinstance(exc, httpx.TimeoutException | TimeoutError):
        return ServerTimeout(
            f"The server at {url} did not answer within {timeout:g} seconds.", detail=detail
        )
    for cause in _causes(exc):
        if isinstance(cause, ssl.SSLCertVerificationError):
            why = redact(_ssl_reason(cause, "verify_message") or "certificate rejected")
            return TlsFailure(
                f"The certificate of {url} could not be verified ({why}). If the server uses "
                "its own certificate authority, give its CA bundle in the server settings.",
                detail=detail,
            )
        if isinstance(cause, ssl.SSLError):
            hint = ""
            if "WRONG_VERSION_NUMBER" in str(cause):
                hint = " The server may speak plain http:// rather than https://."
            return TlsFailure(
                f"A secure (TLS) connection to {url} could not be set up "
                f"({redact(_ssl_reason(cause, 'reason') or 'TLS error')}).{hint}",
                detail=detail,
            )
        if isinstance(cause, socket.gaierror):
            return ServerUnreachable(
                f"The host name in {url} could not be found. Check the URL.", detail=detail
            )
        if isinstance(cause, ConnectionRefusedError):
            return ServerUnreachable(
                f"The server at {url} refused the connection. Check the URL and port, "
                "and that the server is running.",
                detail=detail,
            )
    if isinstance(exc, httpx.ConnectError):
        return ServerUnreachable(f"Cannot connect to the server at {url}.", detail=detail)
    return ServerUnreachable(
        f"The connection to {url} broke before the server answered.", detail=detail
    )
