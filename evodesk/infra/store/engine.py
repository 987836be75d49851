"""Turning a database URL into a ready engine: credential masking, SQLite pragmas,
and the checks that refuse a file that is not ours before anything writes to it."""

from __future__ import annotations

import contextlib
import json
import os
import re
import sqlite3
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.pool import ConnectionPoolEntry

from evodesk.domain.errors import DatabaseUnreadable, StoreError

_MASK = "***"
_SECRET_QUERY_KEYS = frozenset({"password", "passwd", "pwd", "pass", "sslpassword"})
# Up to the last "@": an unencoded "@", "/" or "?" in a password must not leak its tail.
_USERINFO = re.compile(r"(?P<head>://[^/@:]*):(?P<secret>.*)@")
_SQLITE_MAGIC = b"SQLite format 3\x00"
CONNECT_TIMEOUT_SECONDS = 10
# libpq's options for a PostgreSQL connection: a dead server or route is noticed within
# about 30 s, whether the connection is idle (keepalives) or waiting on a write.
POSTGRES_TCP: dict[str, int] = {
    "connect_timeout": CONNECT_TIMEOUT_SECONDS,
    "keepalives": 1,
    "keepalives_idle": 20,
    "keepalives_interval": 5,
    "keepalives_count": 2,
    "tcp_user_timeout": 30_000,  # ms of unacknowledged data
}
_WRITE_NEEDED = ("Even to read the database, evodesk writes to it and to files beside it. "
                 "Make it writable, or choose another data folder.")


def mask_url(url: str) -> str:
    """`url` with any password, in the user info or the query, replaced by ***.

    Works on text that does not parse as a URL, since that is exactly when the
    message needs to quote what the user typed.
    """
    masked = _USERINFO.sub(lambda m: f"{m['head']}:{_MASK}@", url, count=1)
    with contextlib.suppress(ValueError):
        parts = urlsplit(masked)
        query = parse_qsl(parts.query, keep_blank_values=True)
        if any(key.lower() in _SECRET_QUERY_KEYS for key, _ in query):
            query = [
                (key, _MASK if key.lower() in _SECRET_QUERY_KEYS else value) for key, value in query
            ]
            masked = urlunsplit(parts._replace(query=urlencode(query, safe="*/:")))
    return masked


def secrets_in(url: URL) -> list[str]:
    """The secrets of a parsed URL, so they can be scrubbed from driver messages."""
    found = [url.password] if url.password else []
    for key, value in url.query.items():
        if key.lower() in _SECRET_QUERY_KEYS:
            found.extend([value] if isinstance(value, str) else list(value))
    return [str(secret) for secret in found if secret]


def scrub(text: str, secrets: list[str]) -> str:
    for secret in secrets:
        text = text.replace(secret, _MASK)
    return text


def parse_url(url: str) -> URL:
    try:
        parsed = make_url(url)
    except (ArgumentError, ValueError) as error:
        raise StoreError(
            f"'{mask_url(url)}' is not a database URL. "
            "Use a file path such as sqlite:///path/to/evodesk.db or a PostgreSQL URL.",
            detail=type(error).__name__,
        ) from None
    if parsed.drivername == "postgresql":
        # psycopg 3 is the driver evodesk ships; plain postgresql:// would mean psycopg2.
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed


def refuse_in_memory(url: str) -> None:
    """StoreError for a database that lives only as long as the process: each command
    would start empty, and the keys it saved would be left in the keyring."""
    parsed = parse_url(url)
    if parsed.get_backend_name() == "sqlite" and sqlite_path(parsed) is None:
        raise StoreError(
            "An in-memory database keeps nothing once evodesk ends. Give a database "
            "file (sqlite:///path/to/evodesk.sqlite3) or a PostgreSQL URL."
        )


def sqlite_path(url: URL) -> Path | None:
    """The file behind a SQLite URL, or None for anything in memory or not SQLite."""
    if url.get_backend_name() != "sqlite":
        return None
    database = url.database or ""
    if database.startswith("file:") and str(url.query.get("uri", "")).lower() in (
        "true", "1", "yes", "on"
    ):
        # A URI filename: "file::memory:", "file:name?mode=memory", "file:"
        database, _, options = database[len("file:"):].partition("?")
        if "mode=memory" in options.split("&"):
            return None
    if database in ("", ":memory:") or url.query.get("mode") == "memory":
        return None
    return Path(database).expanduser()


def _unicode_lower(value: object) -> object:
    return value.lower() if isinstance(value, str) else value


def _on_sqlite_connect(dbapi_connection: Any, _record: ConnectionPoolEntry) -> None:
    # SQLite's own lower() folds ASCII only; searches must match "JOÃO" with "joão".
    dbapi_connection.create_function("lower", 1, _unicode_lower, deterministic=True)
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
    finally:
        cursor.close()


def _json_dumps(value: object) -> str:
    # Keep accents readable in the stored text, so a search for "São" finds them.
    return json.dumps(value, ensure_ascii=False)


def build_engine(url: URL) -> Engine:
    try:
        return _create(url)
    except (ArgumentError, ImportError) as error:
        raise StoreError(
            f"evodesk cannot use {url.drivername} databases here ({error}). "
            "Use SQLite (the default) or PostgreSQL.",
            detail=str(error),
        ) from None


# hide_parameters: a failing statement's error leaves the values out, so that no payload
# (or anything else a row holds) reaches a log line or a message.
def _create(url: URL) -> Engine:
    path = sqlite_path(url)
    if path is not None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise StoreError(
                f"Cannot create the folder for the database file {path}: {error.strerror}.",
                detail=str(error),
            ) from None
    if url.get_backend_name() == "sqlite":
        engine = create_engine(url, json_serializer=_json_dumps, hide_parameters=True)
        event.listen(engine, "connect", _on_sqlite_connect)
        return engine
    connect_args: dict[str, Any] = {}
    if url.get_backend_name() == "postgresql":
        # A server behind a dead route would otherwise hold start-up for minutes, and a
        # connection that lost its route mid-write would wait out the system's TCP
        # retries (some 15 minutes) before the event log notices the database is away.
        # What the URL sets itself wins.
        connect_args = {name: value for name, value in POSTGRES_TCP.items()
                        if name not in url.query}
    # pre_ping: a desktop app idles for hours, and a shared server or a firewall may
    # have dropped the pooled connection meanwhile.
    return create_engine(
        url, json_serializer=_json_dumps, pool_pre_ping=True, connect_args=connect_args,
        hide_parameters=True,
    )


def check_sqlite_file(path: Path) -> list[str]:
    """Read-only look at an existing SQLite file; its alembic revisions, if any.

    Raises DatabaseUnreadable for anything that is not an evodesk SQLite database and
    lets the caller refuse a newer one, all before a pragma or migration could
    change the file.
    """
    if not path.exists():
        return []
    if not path.is_file():
        raise DatabaseUnreadable(f"{path} is not a file. Choose a database file.")
    try:
        with path.open("rb") as handle:
            header = handle.read(len(_SQLITE_MAGIC))
    except OSError as error:
        raise DatabaseUnreadable(
            f"Cannot read the database file {path}: {error.strerror}.", detail=str(error)
        ) from None
    if not header:
        return []  # SQLite treats an empty file as an empty database.
    if header != _SQLITE_MAGIC:
        raise DatabaseUnreadable(
            f"The file {path} is not an evodesk database (it is not a SQLite file). "
            "Choose another file; this one was left as it was."
        )
    return _read_sqlite_revision(path)


def _read_sqlite_revision(path: Path) -> list[str]:
    try:
        # mode=rw: never create the file if it vanished since the checks above.
        uri = f"{path.resolve().as_uri()}?mode=rw"
        with contextlib.closing(sqlite3.connect(uri, uri=True)) as connection:
            tables = {
                row[0]
                for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            }
            if "alembic_version" not in tables:
                if tables - {"sqlite_sequence"}:
                    raise DatabaseUnreadable(
                        f"The file {path} is a SQLite database of another program, "
                        "not an evodesk database. Choose another file; this one was "
                        "left as it was."
                    )
                return []
            rows = connection.execute("SELECT version_num FROM alembic_version").fetchall()
    except sqlite3.DatabaseError as error:
        # A WAL database cannot even be read where its -shm file cannot be made:
        # "unable to open database file", of a file that is fine.
        problem = write_problem(path)
        if problem is not None:
            raise DatabaseUnreadable(problem, detail=str(error)) from None
        raise DatabaseUnreadable(
            f"The file {path} cannot be read as a SQLite database ({error}). "
            "Choose another file; this one was left as it was.",
            detail=str(error),
        ) from None
    return [str(row[0]) for row in rows]


def write_problem(path: Path) -> str | None:
    """Why evodesk cannot write the SQLite file `path` or the files SQLite keeps beside
    it, with what to do about it; None when both may be written."""
    folder = path.parent
    if not _writable(folder):
        if _on_read_only_file_system(folder):
            reason = f"The folder {folder} is on a read-only file system."
        else:
            reason = f"The folder {folder} is not writable."
    elif path.exists() and not _writable(path):
        if _on_read_only_file_system(path):
            reason = f"The database file {path} is on a read-only file system."
        else:
            reason = f"The database file {path} is read-only."
    else:
        return None
    return " ".join((reason, _WRITE_NEEDED))


def _writable(path: Path) -> bool:
    # access() also says no for a read-only file system, to root as well.
    return os.access(path, os.W_OK | (os.X_OK if path.is_dir() else 0))


def _on_read_only_file_system(path: Path) -> bool:
    try:
        return bool(os.statvfs(path).f_flag & os.ST_RDONLY)
    except (OSError, AttributeError):  # no statvfs on Windows
        return False
