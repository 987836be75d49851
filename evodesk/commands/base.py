"""What every command shares: the error type for bad calls, the handler signature, how
a server's name is read from the command line and how a line reaches the terminal."""

from __future__ import annotations

import argparse
from collections.abc import Awaitable, Callable
from typing import TextIO

from evodesk.domain.errors import EvodeskError
from evodesk.domain.text import printable
from evodesk.services.app import AppServices

Handler = Callable[[AppServices, argparse.Namespace, TextIO], Awaitable[int]]


class CliError(EvodeskError):
    """A problem with how the command was called."""


def server_name(text: str) -> str:
    """A server's name as `server add` stores it: without surrounding blanks."""
    name = text.strip()
    if not name:
        # An empty --server would otherwise mean "no server given": every server.
        raise argparse.ArgumentTypeError("a server name cannot be empty")
    return name


def say(text: str, file: TextIO) -> None:
    """One line of human-readable output; names read from a server may hold control
    characters (escape sequences, line breaks), which are shown escaped."""
    print(printable(text), file=file)
