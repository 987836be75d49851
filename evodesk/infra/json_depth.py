"""A bound on how deeply JSON from the network may nest.

`json` gives up near the interpreter's recursion limit with RecursionError, not
ValueError, and everything that reads a decoded value afterwards (masking, keys, error
messages, the events window) may walk it recursively too. Nothing Evolution sends nests
anywhere near MAX_DEPTH, so deeper JSON is treated as malformed where it enters.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import cast

MAX_DEPTH = 64


def too_deep(value: object, limit: int = MAX_DEPTH) -> bool:
    """Whether containers inside `value` nest more than `limit` levels below it (the
    value itself is level 0); walked without recursion."""
    stack: list[tuple[object, int]] = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        if depth > limit:
            return True
        if type(item) is dict:
            children: Iterable[object] = cast(dict[str, object], item).values()
        elif type(item) is list:
            children = cast(list[object], item)
        else:
            continue
        stack.extend((c, depth + 1) for c in children if type(c) is dict or type(c) is list)
    return False


def _refuse_constant(name: str) -> object:
    raise ValueError(f"{name} is not JSON")


def loads(text: str) -> object:
    """`json.loads` for JSON only: ValueError also for JSON nested deeper than MAX_DEPTH
    and for NaN / Infinity, which json reads but JSON does not have."""
    try:
        value = json.loads(text, parse_constant=_refuse_constant)
    except RecursionError:
        raise ValueError(f"JSON nested more than {MAX_DEPTH} deep") from None
    if text.count("[") + text.count("{") > MAX_DEPTH and too_deep(value, MAX_DEPTH - 1):
        raise ValueError(f"JSON nested more than {MAX_DEPTH} deep")
    return value
