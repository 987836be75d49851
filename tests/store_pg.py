"""A throw-away PostgreSQL cluster for the store tests: the installed initdb/pg_ctl,
run as the postgres user (they refuse root), trust auth on 127.0.0.1 and a free port."""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import re
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import psycopg
from psycopg import sql

BIN_GLOB = "/usr/lib/postgresql/*/bin"
SUPERUSER = "postgres"
# Durability is pointless for a cluster deleted at the end of the session; deadlocks
# some tests cause on purpose are found sooner than the default second.
FAST_SETTINGS = (
    "fsync=off", "synchronous_commit=off", "full_page_writes=off", "deadlock_timeout=100ms",
)


class PgUnavailable(Exception):
    """PostgreSQL cannot be started here; the message says what to install or fix."""


def _version_key(bindir: str) -> tuple[int, ...]:
    match = re.search(r"/postgresql/([\d.]+)/bin", bindir)
    return tuple(int(part) for part in match.group(1).split(".")) if match else ()


def find_bindir() -> Path:
    candidates = [
        path
        for path in glob.glob(BIN_GLOB)
        if os.access(os.path.join(path, "initdb"), os.X_OK)
        and os.access(os.path.join(path, "pg_ctl"), os.X_OK)
    ]
    if not candidates:
        raise PgUnavailable(
            f"PostgreSQL server binaries not found ({BIN_GLOB}/initdb and pg_ctl). "
            "Install Debian's postgresql package: the store tests run on PostgreSQL too."
        )
    return Path(max(candidates, key=_version_key))


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


class PgCluster:
    def __init__(self, bindir: Path, root: Path, port: int) -> None:
        self.bindir = bindir
        self.root = root
        self.port = port
        self.data = root / "data"
        self.log = root / "server.log"

    @classmethod
    def start(cls) -> PgCluster:
        bindir = find_bindir()
        root = Path(tempfile.mkdtemp(prefix="evodesk-pg-"))
        cluster = cls(bindir, root, free_port())
        try:
            cluster._hand_to_postgres_user()
            cluster._run(
                "initdb",
                "-D",
                str(cluster.data),
                "-U",
                SUPERUSER,
                "-A",
                "trust",
                "-E",
                "UTF8",
                "--locale=C.UTF-8",
                "--no-sync",
                "--no-instructions",
            )
            options = [
                "-c listen_addresses=127.0.0.1",
                f"-c port={cluster.port}",
                f"-c unix_socket_directories={root}",
                *(f"-c {setting}" for setting in FAST_SETTINGS),
            ]
            cluster._run(
                "pg_ctl",
                "-D",
                str(cluster.data),
                "-l",
                str(cluster.log),
                "-w",
                "-t",
                "60",
                "-o",
                " ".join(options),
                "start",
            )
        except BaseException:
            shutil.rmtree(root, ignore_errors=True)
            raise
        return cluster

    def stop(self) -> None:
        try:
            self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)

    def url(self, database: str, *, password: str | None = None) -> str:
        user = SUPERUSER if password is None else f"{SUPERUSER}:{password}"
        return f"postgresql+psycopg://{user}@127.0.0.1:{self.port}/{database}"

    def connect(self, database: str = "postgres") -> psycopg.Connection[tuple[Any, ...]]:
        return psycopg.connect(
            host="127.0.0.1", port=self.port, user=SUPERUSER, dbname=database, autocommit=True
        )

    def create_database(self, name: str) -> None:
        with self.connect() as connection:
            create = sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name))
            connection.execute(create)

    def reset_database(self, name: str) -> None:
        """Empty `name` by recreating its public schema: far cheaper than a new database."""
        with self.connect(name) as connection:
            # A store a test forgot to close would hold locks; fail instead of hanging.
            connection.execute("SET lock_timeout = '10s'")
            connection.execute("DROP SCHEMA IF EXISTS public CASCADE")
            connection.execute("CREATE SCHEMA public")

    def drop_database(self, name: str) -> None:
        with self.connect() as connection:
            connection.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )

    def _hand_to_postgres_user(self) -> None:
        if os.geteuid() != 0:
            return
        try:
            account = pwd.getpwnam(SUPERUSER)
        except KeyError:
            raise PgUnavailable(
                "There is no 'postgres' system user to run the test cluster as "
                "(initdb refuses root). Install Debian's postgresql package."
            ) from None
        os.chown(self.root, account.pw_uid, account.pw_gid)
        self.root.chmod(0o700)

    def _command(self, tool: str, args: Sequence[str]) -> list[str]:
        command = [str(self.bindir / tool), *args]
        if os.geteuid() == 0:
            runuser = shutil.which("runuser") or "/usr/sbin/runuser"
            return [runuser, "-u", SUPERUSER, "--", *command]
        return command

    def _run(self, tool: str, *args: str) -> None:
        try:
            result = subprocess.run(
                self._command(tool, args),
                cwd=self.root,
                capture_output=True,
                text=True,
                timeout=120,
                check=False,
            )
        except (OSError, subprocess.TimeoutExpired) as error:
            raise PgUnavailable(f"{tool} could not run: {error}") from error
        if result.returncode != 0:
            log = ""
            with contextlib.suppress(OSError):
                log = self.log.read_text(errors="replace")[-3000:]
            raise PgUnavailable(
                f"{tool} failed (exit {result.returncode}):\n"
                f"{result.stdout}\n{result.stderr}\n{log}"
            )
