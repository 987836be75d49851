"""Events: the index on duplicate_key goes.

Nothing looks events up by their duplicate key (duplicates are recognised in memory as
they arrive), and keeping a B-tree of random keys up to date was the largest single cost
of writing an event: about half of SQLite's work per row.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.drop_index("ix_events_duplicate_key", table_name="events")


def downgrade() -> None:
    op.create_index("ix_events_duplicate_key", "events", ["duplicate_key"])
