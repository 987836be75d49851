"""Events: on PostgreSQL, a repeat is also stored once however many workstations hear it.

Revision 0003 keeps each first sighting once. A repeat (the same event delivered again,
recognised as such, is_duplicate true) was still written by every workstation that
heard it. What one delivery carries, the server's own time included, is the same for
every listener, while the server's real repeats differ in that time: a unique index on
(server_id, duplicate_key, server_time) over repeats that have a server time keeps one
row per delivery. Copies already stored are removed first, the oldest row kept.

SQLite databases belong to one machine and are not touched.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-29
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | Sequence[str] | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INDEX = "ux_events_repeat_sighting"


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    # As in 0003: writers wait for the commit, so no copy slips in under the DELETE.
    op.execute("LOCK TABLE events IN SHARE ROW EXCLUSIVE MODE")
    op.execute(
        "DELETE FROM events AS later USING events AS earlier "
        "WHERE later.is_duplicate AND earlier.is_duplicate "
        "AND later.server_id = earlier.server_id "
        "AND later.duplicate_key = earlier.duplicate_key "
        "AND later.server_time = earlier.server_time "
        "AND later.id > earlier.id"
    )
    op.create_index(
        INDEX, "events", ["server_id", "duplicate_key", "server_time"], unique=True,
        postgresql_where=sa.text("is_duplicate AND server_time IS NOT NULL"),
    )


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.drop_index(INDEX, table_name="events")
