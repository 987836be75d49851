"""Typed SQLAlchemy tables of the local store, and the column types that keep
timestamps UTC-aware and event selections as tuples on every backend."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    DateTime,
    Dialect,
    ForeignKey,
    Index,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
    false,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# Stable constraint names let later migrations drop or alter them by name,
# which SQLite's batch mode needs.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UtcDateTime(TypeDecorator[datetime]):
    """Aware UTC datetimes in and out.

    PostgreSQL keeps the offset (timestamptz) but answers in the session's time zone;
    SQLite keeps none. Storing UTC and re-attaching it on read gives the same value
    back on both.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError(f"naive datetime {value.isoformat()} given; the store needs UTC")
        value = value.astimezone(UTC)
        if dialect.name == "sqlite":
            return value.replace(tzinfo=None)
        return value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


class StringTuple(TypeDecorator[tuple[str, ...]]):
    """A JSON list of strings, seen from Python as an immutable tuple."""

    impl = JSON
    cache_ok = True

    def process_bind_param(
        self, value: tuple[str, ...] | None, dialect: Dialect
    ) -> list[str] | None:
        return None if value is None else [str(item) for item in value]

    def process_result_value(self, value: Any, dialect: Dialect) -> tuple[str, ...] | None:
        if value is None:
            return None
        return tuple(str(item) for item in value)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class ServerRow(Base):
    __tablename__ = "servers"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    base_url: Mapped[str] = mapped_column(Text)
    version: Mapped[str | None] = mapped_column(String(50))
    websocket_available: Mapped[bool | None]
    last_check_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    last_check_error: Mapped[str | None] = mapped_column(Text)
    # Whether the server existed before keyring entries were named by the database's id
    # (revision 0007): only such a server's secrets may still be under the bare name.
    legacy_secret_names: Mapped[bool] = mapped_column(default=False, server_default=false())


class InstanceRow(Base):
    __tablename__ = "instances"
    __table_args__ = (UniqueConstraint("server_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    server_id: Mapped[int] = mapped_column(ForeignKey("servers.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(200))
    evolution_id: Mapped[str | None] = mapped_column(String(100))
    integration: Mapped[str | None] = mapped_column(String(100))
    connection_state: Mapped[str] = mapped_column(String(20))
    owner_number: Mapped[str | None] = mapped_column(String(100))
    profile_name: Mapped[str | None] = mapped_column(Text)
    webhook_enabled: Mapped[bool]
    websocket_enabled: Mapped[bool]
    webhook_url: Mapped[str | None] = mapped_column(Text)
    webhook_base64: Mapped[bool]
    webhook_by_events: Mapped[bool]
    webhook_events: Mapped[tuple[str, ...]] = mapped_column(StringTuple)
    websocket_events: Mapped[tuple[str, ...]] = mapped_column(StringTuple)
    webhook_header_names: Mapped[tuple[str, ...]] = mapped_column(StringTuple)
    webhook_headers_ref: Mapped[str | None] = mapped_column(String(200))
    last_sync_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    last_error: Mapped[str | None] = mapped_column(Text)
    attention: Mapped[str | None] = mapped_column(Text)
    conflict: Mapped[bool]
    vanished: Mapped[bool]


class EventRow(Base):
    """A received event.

    Removing an instance keeps its events (instance_id becomes NULL; the name and the
    server remain), because the log is history a support person may still need.
    Removing a server removes its events.
    """

    __tablename__ = "events"
    __table_args__ = (
        Index("ix_events_instance_id_id", "instance_id", "id"),
        Index("ix_events_server_id_id", "server_id", "id"),
        # On a PostgreSQL database a team shares, each workstation writes what it
        # receives: the first sighting of an event is kept once (migration 0003).
        Index(
            "ux_events_first_sighting", "server_id", "duplicate_key", unique=True,
            postgresql_where=text("NOT is_duplicate"),
        ).ddl_if(dialect="postgresql"),
        # And each delivery of a repeat once (migration 0008): every listener sees the
        # same server time in it, the server's own repeats another.
        Index(
            "ux_events_repeat_sighting", "server_id", "duplicate_key", "server_time",
            unique=True, postgresql_where=text("is_duplicate AND server_time IS NOT NULL"),
        ).ddl_if(dialect="postgresql"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    server_id: Mapped[int] = mapped_column(ForeignKey("servers.id", ondelete="CASCADE"))
    instance_id: Mapped[int | None] = mapped_column(ForeignKey("instances.id", ondelete="SET NULL"))
    instance_name: Mapped[str] = mapped_column(String(200))
    wire_event: Mapped[str] = mapped_column(String(100))
    received_at: Mapped[datetime] = mapped_column(UtcDateTime)
    server_time: Mapped[str | None] = mapped_column(String(100))
    sender: Mapped[str | None] = mapped_column(String(200))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    duplicate_key: Mapped[str] = mapped_column(String(300))
    is_duplicate: Mapped[bool]


class GapRow(Base):
    __tablename__ = "gaps"

    id: Mapped[int] = mapped_column(primary_key=True)
    instance_id: Mapped[int] = mapped_column(
        ForeignKey("instances.id", ondelete="CASCADE"), index=True
    )
    started_at: Mapped[datetime] = mapped_column(UtcDateTime)
    ended_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    # The workstation whose connection was down (None: recorded before revision 0004).
    workstation: Mapped[str | None] = mapped_column(String(255))


class DatabaseIdentityRow(Base):
    """The database's random id, in its one row (revision 0005). Secrets in the keyring
    are named by it: two databases with a server of the same name keep two keys."""

    __tablename__ = "database_identity"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)  # always 1
    database_id: Mapped[str] = mapped_column(String(36))
    # A SQLite database: the file it was last opened as (revision 0009).
    home: Mapped[str | None] = mapped_column(Text)
    # The ids of the databases it is a copy of, newest first, space-separated.
    lineage: Mapped[str | None] = mapped_column(Text)


class WorkstationRow(Base):
    """What a workstation of a team asks the shared event log to keep (revision 0006):
    the log keeps as many events as the most generous one seen lately asks."""

    __tablename__ = "workstations"

    name: Mapped[str] = mapped_column(String(255), primary_key=True)
    event_retention: Mapped[int] = mapped_column()
    seen_at: Mapped[datetime] = mapped_column(UtcDateTime)
