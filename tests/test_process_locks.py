"""Locks among evodesk processes on one data folder (flock on a file per name)."""

from __future__ import annotations

from pathlib import Path

import pytest

from evodesk.infra.process_locks import LockTimeout, ProcessLocks


async def test_a_held_name_makes_others_wait_and_then_say_so(tmp_path: Path) -> None:
    # Two ProcessLocks on one folder open the lock file apart, as two processes do.
    mine, theirs = ProcessLocks(tmp_path / "locks"), ProcessLocks(tmp_path / "locks",
                                                                  timeout=0.2)
    async with mine.hold("instance:1:loja-sp", busy_message="busy"):
        with pytest.raises(LockTimeout, match=r"^busy$"):
            async with theirs.hold("instance:1:loja-sp", busy_message="busy"):
                raise AssertionError("held twice")
        async with theirs.hold("instance:1:loja-rj", busy_message="busy"):
            pass  # another name is free
    async with theirs.hold("instance:1:loja-sp", busy_message="busy"):
        pass  # free again once released

