"""What every command shares: the error type for bad calls and the handler signature."""

from __future__ import annotations

import argparse
from collections.abc import Awaitable, Callable
from typing import TextIO

from evodesk.domain.errors import EvodeskError
from evodesk.services.app import AppServices

Handler = Callable[[AppServices, argparse.Namespace, TextIO], Awaitable[int]]


class CliError(EvodeskError):
    """A problem with how the command was called."""
