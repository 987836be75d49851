"""Start and stop the real peers the suite needs: Xvfb, a D-Bus session, gnome-keyring."""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path


class MissingTool(RuntimeError):
    """A program the suite needs is not installed: `make test` installs it."""


def require(program: str) -> str:
    path = shutil.which(program)
    if path is None:
        raise MissingTool(
            f"'{program}' is not installed; run the suite through `make test`, "
            "which installs every system package the tests need."
        )
    return path


def stop(process: subprocess.Popen[bytes] | None, timeout: float = 5.0) -> None:
    if process is None or process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=timeout)


@dataclass
class Xvfb:
    display: str
    process: subprocess.Popen[bytes]


def start_xvfb() -> Xvfb:
    """An Xvfb on a free display number (Xvfb picks it and reports it on a pipe)."""
    binary = require("Xvfb")
    read_fd, write_fd = os.pipe()
    process = subprocess.Popen(
        [binary, "-displayfd", str(write_fd), "-screen", "0", "1600x1000x24", "-nolisten", "tcp"],
        pass_fds=(write_fd,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_fd)
    with os.fdopen(read_fd) as pipe:
        number = pipe.readline().strip()
    if not number:
        stop(process)
        raise RuntimeError("Xvfb did not report a display number")
    return Xvfb(display=f":{number}", process=process)


@dataclass
class DbusSession:
    address: str
    process: subprocess.Popen[bytes]


def start_dbus_session() -> DbusSession:
    binary = require("dbus-daemon")
    process = subprocess.Popen(
        [binary, "--session", "--nofork", "--print-address=1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    assert process.stdout is not None
    address = process.stdout.readline().decode().strip()
    process.stdout.close()
    if not address:
        stop(process)
        raise RuntimeError("dbus-daemon did not print its address")
    return DbusSession(address=address, process=process)


def start_gnome_keyring(env: dict[str, str], data_home: Path, password: str = "pw") -> None:
    """Unlock a fresh login keyring in ``data_home`` on the session bus in ``env``.

    gnome-keyring-daemon forks into the background and keeps running for as long as the
    bus does; the bus's own shutdown ends it.
    """
    binary = require("gnome-keyring-daemon")
    data_home.mkdir(parents=True, exist_ok=True)
    result = subprocess.run(
        [binary, "--unlock", "--components=secrets", "--daemonize"],
        input=password.encode(),
        env={**env, "XDG_DATA_HOME": str(data_home)},
        capture_output=True,
        timeout=30,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"gnome-keyring-daemon failed: {result.stderr.decode()[:500]}")


def start_trayer(display: str, timeout: float = 10.0) -> subprocess.Popen[bytes]:
    """A system tray host (XEmbed) on ``display``, returned once its panel is mapped: by
    then trayer owns the tray selection, so Qt and child processes see a tray."""
    binary = require("trayer")
    env = {**os.environ, "DISPLAY": display}
    process = subprocess.Popen(
        [binary, "--SetDockType", "true", "--SetPartialStrut", "false", "--edge", "bottom",
         "--align", "right", "--widthtype", "request", "--height", "24"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        # xdotool --sync waits for the window itself; the timeout bounds it.
        subprocess.run(
            [require("xdotool"), "search", "--sync", "--classname", "trayer"],
            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            timeout=timeout, check=True,
        )
    except BaseException:
        stop(process)
        raise
    return process
