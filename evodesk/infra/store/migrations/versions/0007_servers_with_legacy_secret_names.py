"""Servers: whether their secrets may still be under the bare keyring name.

Secrets saved before revision 0005 are named by the server's name alone, and were
adopted by any database holding a server of that name: a team's server could read a
key of the user's personal folder. Only the servers here now, which may have been
saved that way, read such an entry; servers added from now on never do.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-29
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | Sequence[str] | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Added in place, not by rebuilding the table as SQLite's batch mode does for a
    # default given as an expression: with foreign keys on, dropping the old table would
    # delete every instance and event of its servers. "0" is false on both dialects.
    op.add_column("servers", sa.Column(
        "legacy_secret_names", sa.Boolean(), nullable=False, server_default="0"))
    servers = sa.table("servers", sa.column("legacy_secret_names", sa.Boolean()))
    op.execute(servers.update().values(legacy_secret_names=True))


def downgrade() -> None:
    # In place for the same reason (SQLite 3.35 and later).
    op.drop_column("servers", "legacy_secret_names")
