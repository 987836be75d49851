"""Logging to a rotating file and stderr, with secrets redacted on the way out.

Two nets catch secrets: every value that passes through the secret store is registered
here and replaced wherever it appears, and key/value patterns that look like credentials
(``apikey=…``, ``"token": "…"``, ``Authorization: …``) are masked even when unregistered.
"""

from __future__ import annotations

import logging
import logging.handlers
import re
import sys
import threading
from pathlib import Path

REDACTED = "[redacted]"

_PATTERNS = (
    re.compile(r"(?i)(apikey|api_key|token|jwt_key|password|secret)(\s*[=:]\s*)([^\s&,;\"']+)"),
    re.compile(r"(?i)(\"(?:apikey|api_key|token|jwt_key|password|secret)\"\s*:\s*\")([^\"]+)(\")"),
    re.compile(r"(?i)(authorization\s*[:=]\s*)(\S+(?:\s+\S+)?)"),
    # user:password@, up to the last "@" before the host (a password may hold one)
    re.compile(r"(?i)([a-z][a-z0-9+.-]*://[^/?#@:\s]*:)([^/?#\s]+)(@)"),
)

_lock = threading.Lock()
_known_secrets: set[str] = set()
_MIN_SECRET_LEN = 4  # shorter values would redact ordinary words


def register_secret(value: str | None) -> None:
    """Make sure ``value`` never appears in a log record, whatever the message."""
    if value and len(value) >= _MIN_SECRET_LEN:
        with _lock:
            _known_secrets.add(value)


def redact(text: str) -> str:
    with _lock:
        secrets = sorted(_known_secrets, key=len, reverse=True)
    for secret in secrets:
        if secret in text:
            text = text.replace(secret, REDACTED)
    text = _PATTERNS[0].sub(lambda m: f"{m.group(1)}{m.group(2)}{REDACTED}", text)
    text = _PATTERNS[1].sub(lambda m: f"{m.group(1)}{REDACTED}{m.group(3)}", text)
    text = _PATTERNS[2].sub(lambda m: f"{m.group(1)}{REDACTED}", text)
    return _PATTERNS[3].sub(lambda m: f"{m.group(1)}{REDACTED}{m.group(3)}", text)


class RedactingFormatter(logging.Formatter):
    """Formats as usual, then redacts the whole line (message, args and traceback)."""

    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))


_FORMAT = "%(asctime)s %(levelname)-7s %(name)s: %(message)s"
_HANDLER_MARK = "_evodesk_handler"


def remove_handlers() -> None:
    """Take evodesk's handlers off the root logger (tests, and re-configuration)."""
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, _HANDLER_MARK, False):
            root.removeHandler(handler)
            handler.close()


def configure_logging(log_file: Path | None, *, level: int = logging.INFO,
                      stderr_level: int = logging.WARNING) -> None:
    """Install evodesk's handlers on the root logger (idempotent)."""
    remove_handlers()
    root = logging.getLogger()
    formatter = RedactingFormatter(_FORMAT)
    stderr = logging.StreamHandler(sys.stderr)
    stderr.setLevel(stderr_level)
    handlers: list[logging.Handler] = [stderr]
    unwritable: str | None = None
    if log_file is not None:
        try:
            log_file.parent.mkdir(parents=True, exist_ok=True)
            rotating = logging.handlers.RotatingFileHandler(
                log_file, maxBytes=2_000_000, backupCount=5, encoding="utf-8"
            )
        except OSError as exc:  # a file where the folder should be, no permission, …
            unwritable = exc.strerror or str(exc)
        else:
            rotating.setLevel(level)
            handlers.append(rotating)
    for handler in handlers:
        handler.setFormatter(formatter)
        setattr(handler, _HANDLER_MARK, True)
        root.addHandler(handler)
    root.setLevel(min(level, stderr_level))
    # httpx logs full URLs at INFO; they carry no key, but keep the noise down.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("httpcore").setLevel(logging.WARNING)
    if unwritable is not None:
        logging.getLogger(__name__).warning(
            "Cannot write the log file %s (%s); logging to the terminal only.",
            log_file, unwritable)
