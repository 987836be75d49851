"""Databases: a random id of their own, in a table of one row.

Secrets in the keyring were named by the server's name alone, so two data folders (or
databases) with a server of the same name shared one key: one folder's key went to the
other's server, and removing the server in one deleted the other's key. Keyring entries
are now named by this id too. Every workstation sharing a PostgreSQL database reads the
same id, and keeps the keys in its own keyring.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-29
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | Sequence[str] | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    table = op.create_table(
        "database_identity",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("database_id", sa.String(36), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_database_identity")),
    )
    op.bulk_insert(table, [{"id": 1, "database_id": str(uuid.uuid4())}])


def downgrade() -> None:
    op.drop_table("database_identity")
