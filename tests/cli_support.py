"""Running the real `evodesk` command in a subprocess, with the test keyring."""

from __future__ import annotations

import asyncio
import os
import sys
from dataclasses import dataclass
from pathlib import Path


@dataclass
class CliResult:
    code: int
    out: str
    err: str

    @property
    def err_lines(self) -> list[str]:
        return [line for line in self.err.splitlines() if line.strip()]


@dataclass
class Cli:
    data_dir: Path
    env: dict[str, str]

    async def run(self, *args: str, api_key: str | None = None, timeout: float = 60) -> CliResult:
        env = dict(self.env)
        env.pop("EVODESK_API_KEY", None)
        if api_key is not None:
            env["EVODESK_API_KEY"] = api_key
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "evodesk", "--data-dir", str(self.data_dir), *args,
            stdin=asyncio.subprocess.DEVNULL,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
            env=env,
        )
        out, err = await asyncio.wait_for(process.communicate(), timeout)
        assert process.returncode is not None
        return CliResult(process.returncode, out.decode(), err.decode())

    def files_text(self) -> str:
        """Every byte evodesk wrote under its data dir, as text, for canary checks."""
        chunks = []
        for path in sorted(self.data_dir.rglob("*")):
            if path.is_file():
                chunks.append(path.read_bytes().decode("utf-8", errors="replace"))
        return "\n".join(chunks)


def cli_env(base: dict[str, str] | None = None) -> dict[str, str]:
    env = dict(base if base is not None else os.environ)
    env["PYTHONUNBUFFERED"] = "1"
    return env
