"""Databases: where a SQLite database was opened, and the ids it was copied from.

A copied data folder kept its database's id, and with it the original's keys: removing
a server in the copy deleted the original's key. A SQLite database now remembers the
file it was opened as (`home`). Opened elsewhere while that file still holds the same
id, it is a copy: it takes an id of its own and lists the ids it came from
(`lineage`, newest first), whose keys it reads until it saves its own.

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-29
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | Sequence[str] | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # In place, as in 0007 (no table rebuild on SQLite).
    op.add_column("database_identity", sa.Column("home", sa.Text(), nullable=True))
    op.add_column("database_identity", sa.Column("lineage", sa.Text(), nullable=True))


def downgrade() -> None:
    op.drop_column("database_identity", "lineage")
    op.drop_column("database_identity", "home")
