"""What every command shares: the error type for bad calls, the handler signature and
how a server's name is read from the command line."""

from __future__ import annotations

import argparse
from collections.abc import Awaitable, Callable
from typing import TextIO

from evodesk.domain.errors import EvodeskError
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
