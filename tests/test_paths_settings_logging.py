"""Paths, settings and logging: one directory moves everything; secrets never reach a log."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from evodesk.infra.logsetup import (
    REDACTED,
    configure_logging,
    redact,
    register_secret,
    remove_handlers,
)
from evodesk.infra.paths import resolve_database_url, resolve_paths
from evodesk.infra.settings import Settings, load_settings, save_settings


def test_data_dir_argument_moves_every_directory(tmp_path: Path) -> None:
    paths = resolve_paths(tmp_path / "d")
    assert paths.data_dir == tmp_path / "d"
    assert paths.config_dir.is_relative_to(tmp_path / "d")
    assert paths.log_dir.is_relative_to(tmp_path / "d")
    assert paths.database_file.parent == paths.data_dir


def test_environment_variable_moves_every_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EVODESK_DATA_DIR", str(tmp_path / "env"))
    assert resolve_paths().data_dir == tmp_path / "env"
    # An explicit argument wins over the environment.
    assert resolve_paths(tmp_path / "arg").data_dir == tmp_path / "arg"


def test_platform_directories_without_override(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("EVODESK_DATA_DIR", raising=False)
    paths = resolve_paths()
    assert paths.data_dir.name == "evodesk"
    assert paths.config_dir.name == "evodesk"
    assert paths.data_dir != paths.config_dir


def test_database_url_precedence(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    paths = resolve_paths(tmp_path)
    monkeypatch.delenv("EVODESK_DATABASE_URL", raising=False)
    assert resolve_database_url(paths) == f"sqlite:///{tmp_path / 'evodesk.sqlite3'}"
    monkeypatch.setenv("EVODESK_DATABASE_URL", "postgresql+psycopg://u@h/db")
    assert resolve_database_url(paths) == "postgresql+psycopg://u@h/db"
    assert resolve_database_url(paths, "sqlite:///x.db") == "sqlite:///x.db"


def test_settings_round_trip_and_damaged_files(tmp_path: Path) -> None:
    path = tmp_path / "config" / "settings.json"
    assert load_settings(path) == Settings()
    settings = Settings(language="pt_BR", close_to_tray=False, ui_state={"w": 3})
    save_settings(path, settings)
    assert load_settings(path) == settings
    path.write_text("{not json", encoding="utf-8")
    assert load_settings(path) == Settings()
    path.write_text(json.dumps({"close_to_tray": "nope", "language": "en"}), encoding="utf-8")
    loaded = load_settings(path)
    assert loaded.close_to_tray is True and loaded.language == "en"
    path.write_text("[1]", encoding="utf-8")
    assert load_settings(path) == Settings()
    # Types as Python sees them are not enough: True is an int, 12 is no pause.
    wrong = {"notifications_paused_until": 12, "event_retention": True, "close_to_tray": 1}
    path.write_text(json.dumps(wrong), encoding="utf-8")
    assert load_settings(path) == Settings()
    path.write_text(json.dumps({"event_retention": -5}), encoding="utf-8")
    assert load_settings(path).event_retention == Settings().event_retention
    right = {"notifications_paused_until": "until-resumed", "event_retention": 500,
             "close_to_tray": False}
    path.write_text(json.dumps(right), encoding="utf-8")
    assert load_settings(path) == Settings(**right)  # type: ignore[arg-type]
    # Nested past json's recursion limit: defaults, not a start-up crash.
    path.write_text('{"ui_state":' + "[" * 50_000 + "]" * 50_000 + "}", encoding="utf-8")
    assert load_settings(path) == Settings()


@pytest.mark.parametrize(
    "line",
    [
        "GET /socket.io/?EIO=4&transport=websocket&apikey=abc123secret",
        'payload {"apikey": "abc123secret", "event": "x"}',
        "headers Authorization: Bearer abc123secret",
        "token=abc123secret",
        "POST https://hook-user:abc123secret@hooks.example.com/in failed",
        "POST https://hook-user:p@abc123secret@hooks.example.com/in failed",
    ],
)
def test_credential_patterns_are_redacted(line: str) -> None:
    out = redact(line)
    assert "abc123secret" not in out
    assert REDACTED in out


def test_registered_secrets_are_redacted_anywhere() -> None:
    register_secret("zz-registered-canary-zz")
    assert redact("oops zz-registered-canary-zz leaked") == f"oops {REDACTED} leaked"


def test_log_file_and_stderr_never_hold_a_secret(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    canary = "canary-log-4242-secret"
    register_secret(canary)
    log_file = tmp_path / "logs" / "evodesk.log"
    configure_logging(log_file, level=logging.DEBUG, stderr_level=logging.DEBUG)
    try:
        logger = logging.getLogger("evodesk.test")
        logger.warning("key was %s", canary)
        try:
            raise RuntimeError(f"failed with {canary}")
        except RuntimeError:
            logger.exception("boom")
    finally:
        for handler in logging.getLogger().handlers:
            handler.flush()
        remove_handlers()
    text = log_file.read_text(encoding="utf-8")
    assert "key was" in text and "boom" in text
    assert canary not in text
    assert canary not in capsys.readouterr().err


def test_a_log_file_that_cannot_be_written_leaves_the_terminal_log(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "logs"
    blocker.write_text("a file where the folder should be")
    try:
        configure_logging(blocker / "evodesk.log", stderr_level=logging.WARNING)
        logging.getLogger("evodesk.test").error("still heard")
    finally:
        remove_handlers()
    err = capsys.readouterr().err
    assert f"Cannot write the log file {blocker / 'evodesk.log'}" in err
    assert "still heard" in err
