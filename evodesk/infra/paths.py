"""Where evodesk keeps its data, configuration and logs.

Platform conventions by default; one directory (``--data-dir`` / ``EVODESK_DATA_DIR``)
moves all of them, which tests and scripts rely on.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from evodesk.domain.errors import StoreError

APP_NAME = "evodesk"
DATA_DIR_ENV = "EVODESK_DATA_DIR"
DATABASE_URL_ENV = "EVODESK_DATABASE_URL"
# Icons, translations and the desktop entry, beside the package.
RESOURCES = Path(__file__).resolve().parents[2] / "resources"


@dataclass(frozen=True, slots=True)
class Paths:
    data_dir: Path
    config_dir: Path
    log_dir: Path

    @property
    def database_file(self) -> Path:
        return self.data_dir / "evodesk.sqlite3"

    @property
    def settings_file(self) -> Path:
        return self.config_dir / "settings.json"

    @property
    def log_file(self) -> Path:
        return self.log_dir / "evodesk.log"

    def default_database_url(self) -> str:
        return f"sqlite:///{self.database_file}"

    def ensure(self) -> None:
        """Create the folders; StoreError saying which one cannot be."""
        for directory in (self.data_dir, self.config_dir, self.log_dir):
            try:
                directory.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(
                    f"Cannot create the folder {directory} ({exc.strerror or exc}). "
                    "Choose another data folder.",
                    detail=str(exc),
                ) from None


def resolve_paths(data_dir: str | os.PathLike[str] | None = None) -> Paths:
    """Paths from an explicit directory, else ``EVODESK_DATA_DIR``, else the platform's."""
    chosen = data_dir if data_dir is not None else os.environ.get(DATA_DIR_ENV) or None
    if chosen is not None:
        root = Path(chosen).expanduser().resolve()
        return Paths(data_dir=root, config_dir=root / "config", log_dir=root / "logs")
    return Paths(
        data_dir=Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)),
        config_dir=Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)),
        log_dir=Path(platformdirs.user_log_dir(APP_NAME, appauthor=False)),
    )


def resolve_database_url(paths: Paths, database_url: str | None = None) -> str:
    """An explicit URL, else ``EVODESK_DATABASE_URL``, else the SQLite file in the data dir."""
    return database_url or os.environ.get(DATABASE_URL_ENV) or paths.default_database_url()
