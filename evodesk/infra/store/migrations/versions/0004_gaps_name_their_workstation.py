"""Gaps: each names the workstation whose connection was down.

On a PostgreSQL database a team shares, every workstation records the gaps of its own
live connection. Without a name a colleague's gap looked like one's own, and a
workstation coming back closed every open gap of the instance, other workstations'
included. Gaps recorded before this revision name none.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-29
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | Sequence[str] | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("gaps") as table:
        table.add_column(sa.Column("workstation", sa.String(length=255), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("gaps") as table:
        table.drop_column("workstation")
