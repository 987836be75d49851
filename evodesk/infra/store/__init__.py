"""The local store: servers, instances, received events and listening gaps, kept in
SQLite or PostgreSQL through SQLAlchemy, migrated by Alembic at open."""

from evodesk.infra.store.engine import mask_url
from evodesk.infra.store.store import Store

__all__ = ["Store", "mask_url"]
