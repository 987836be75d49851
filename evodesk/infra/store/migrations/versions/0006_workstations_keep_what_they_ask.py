"""Workstations: how many events each asks the shared log to keep.

Each workstation of a team pruned the shared event log to its own `event_retention`,
so one set low deleted what every other had asked to keep. A workstation now notes
what it asks for, and the log keeps as many events as the most generous of those seen
in the last 30 days. A SQLite database belongs to one computer and does not use it.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-29
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | Sequence[str] | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "workstations",
        sa.Column("name", sa.String(255), nullable=False),
        sa.Column("event_retention", sa.Integer(), nullable=False),
        sa.Column("seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_workstations")),
    )


def downgrade() -> None:
    op.drop_table("workstations")
