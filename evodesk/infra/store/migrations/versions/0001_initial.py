"""Initial schema: servers, instances, events, gaps.

Revision ID: 0001
Revises:
Create Date: 2025-01-01
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Spelled out rather than imported from the models, so this revision keeps
# describing the first schema after the models move on.
_AWARE = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "servers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("base_url", sa.Text(), nullable=False),
        sa.Column("version", sa.String(50), nullable=True),
        sa.Column("websocket_available", sa.Boolean(), nullable=True),
        sa.Column("last_check_at", _AWARE, nullable=True),
        sa.Column("last_check_error", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_servers")),
        sa.UniqueConstraint("name", name=op.f("uq_servers_name")),
    )
    op.create_table(
        "instances",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("server_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("evolution_id", sa.String(100), nullable=True),
        sa.Column("integration", sa.String(100), nullable=True),
        sa.Column("connection_state", sa.String(20), nullable=False),
        sa.Column("owner_number", sa.String(100), nullable=True),
        sa.Column("profile_name", sa.Text(), nullable=True),
        sa.Column("webhook_enabled", sa.Boolean(), nullable=False),
        sa.Column("websocket_enabled", sa.Boolean(), nullable=False),
        sa.Column("webhook_url", sa.Text(), nullable=True),
        sa.Column("webhook_base64", sa.Boolean(), nullable=False),
        sa.Column("webhook_by_events", sa.Boolean(), nullable=False),
        sa.Column("webhook_events", sa.JSON(), nullable=False),
        sa.Column("websocket_events", sa.JSON(), nullable=False),
        sa.Column("webhook_header_names", sa.JSON(), nullable=False),
        sa.Column("webhook_headers_ref", sa.String(200), nullable=True),
        sa.Column("last_sync_at", _AWARE, nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("attention", sa.Text(), nullable=True),
        sa.Column("conflict", sa.Boolean(), nullable=False),
        sa.Column("vanished", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["server_id"],
            ["servers.id"],
            name=op.f("fk_instances_server_id_servers"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_instances")),
        sa.UniqueConstraint("server_id", "name", name=op.f("uq_instances_server_id_name")),
    )
    op.create_table(
        "events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("server_id", sa.Integer(), nullable=False),
        sa.Column("instance_id", sa.Integer(), nullable=True),
        sa.Column("instance_name", sa.String(200), nullable=False),
        sa.Column("wire_event", sa.String(100), nullable=False),
        sa.Column("received_at", _AWARE, nullable=False),
        sa.Column("server_time", sa.String(100), nullable=True),
        sa.Column("sender", sa.String(200), nullable=True),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("duplicate_key", sa.String(300), nullable=False),
        sa.Column("is_duplicate", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["server_id"],
            ["servers.id"],
            name=op.f("fk_events_server_id_servers"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["instance_id"],
            ["instances.id"],
            name=op.f("fk_events_instance_id_instances"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_events")),
    )
    op.create_index(op.f("ix_events_duplicate_key"), "events", ["duplicate_key"])
    op.create_index("ix_events_instance_id_id", "events", ["instance_id", "id"])
    op.create_index("ix_events_server_id_id", "events", ["server_id", "id"])
    op.create_table(
        "gaps",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("instance_id", sa.Integer(), nullable=False),
        sa.Column("started_at", _AWARE, nullable=False),
        sa.Column("ended_at", _AWARE, nullable=True),
        sa.ForeignKeyConstraint(
            ["instance_id"],
            ["instances.id"],
            name=op.f("fk_gaps_instance_id_instances"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_gaps")),
    )
    op.create_index(op.f("ix_gaps_instance_id"), "gaps", ["instance_id"])


def downgrade() -> None:
    op.drop_table("gaps")
    op.drop_table("events")
    op.drop_table("instances")
    op.drop_table("servers")
