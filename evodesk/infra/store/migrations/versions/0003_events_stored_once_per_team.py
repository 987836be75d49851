"""Events: on PostgreSQL, one row per event however many workstations receive it.

Every workstation of a team that shares a PostgreSQL database listens for itself and
writes what it receives, so each event arrived once per workstation. A unique index on
(server_id, duplicate_key) over first sightings (is_duplicate false) lets the database
keep the first copy and drop the rest as they are written. Copies already stored are
removed first, the oldest row of each kept. Repeats that a workstation recognised as
such (is_duplicate true) are left alone.

SQLite databases belong to one machine and are not touched: the index would only slow
every write there.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-29
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INDEX = "ux_events_first_sighting"


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    # Workstations still running keep writing: without this, copies written during the
    # DELETE would make the index fail. Readers go on; writers wait for the commit.
    op.execute("LOCK TABLE events IN SHARE ROW EXCLUSIVE MODE")
    op.execute(
        "DELETE FROM events AS later USING events AS earlier "
        "WHERE NOT later.is_duplicate AND NOT earlier.is_duplicate "
        "AND later.server_id = earlier.server_id "
        "AND later.duplicate_key = earlier.duplicate_key "
        "AND later.id > earlier.id"
    )
    op.create_index(
        INDEX, "events", ["server_id", "duplicate_key"], unique=True,
        postgresql_where=sa.text("NOT is_duplicate"),
    )


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.drop_index(INDEX, table_name="events")
