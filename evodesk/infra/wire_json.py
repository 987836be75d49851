"""JSON from the network, read so that what comes out is JSON and text.

- Depth: `json` gives up near the interpreter's recursion limit with RecursionError, not
  ValueError, and everything that reads a decoded value afterwards (masking, keys,
  error messages, the events window) may walk it recursively too. Nothing Evolution
  sends nests anywhere near MAX_DEPTH, so deeper JSON is malformed where it enters.
- NaN and Infinity: `json` reads them; JSON has no such thing, and no database stores
  them as JSON.
- Lone surrogates: JSON may spell half of a surrogate pair alone ("\\ud800"); such a
  string is not text (it cannot be encoded, stored, sent or shown). Pairs decode to one
  character, so what is left in a decoded string is alone, and becomes U+FFFD, as
  undecodable bytes do.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import cast

MAX_DEPTH = 64
_SURROGATE = re.compile("[\ud800-\udfff]")


def may_hold_surrogates(text: str) -> bool:
    """False when `text` (JSON) surely decodes to no lone surrogate."""
    return "\\ud" in text or "\\uD" in text


def without_lone_surrogates(value: object) -> object:
    """`value` with every lone surrogate replaced; the same object when it has none."""
    if type(value) is str:
        return _SURROGATE.sub("\ufffd", value) if _SURROGATE.search(value) else value
    if type(value) is list:
        items = [without_lone_surrogates(v) for v in value]
        return items if any(a is not b for a, b in zip(items, value, strict=True)) else value
    if type(value) is dict:
        pairs = [(without_lone_surrogates(k), without_lone_surrogates(v))
                 for k, v in value.items()]
        if all(a is k and b is v for (a, b), (k, v) in zip(pairs, value.items(), strict=True)):
            return value
        return dict(pairs)
    return value


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


def nested_too_deep(value: object, text: str, limit: int = MAX_DEPTH) -> bool:
    """Whether `value`, decoded from `text`, nests containers more than `limit` levels
    below it. Only a text with more brackets than that can, so nearly every text costs
    two counts and no walk."""
    return text.count("[") + text.count("{") > limit + 1 and too_deep(value, limit)


def refuse_constant(name: str) -> object:
    """json's `parse_constant`: json reads NaN and Infinity, which are not JSON (and no
    database stores them as JSON)."""
    raise ValueError(f"{name} is not JSON")


def loads(text: str) -> object:
    """`json.loads` for JSON only, giving text only: ValueError also for JSON nested
    deeper than MAX_DEPTH and for NaN / Infinity; lone surrogates become U+FFFD."""
    try:
        value = json.loads(text, parse_constant=refuse_constant)
    except RecursionError:
        raise ValueError(f"JSON nested more than {MAX_DEPTH} deep") from None
    if nested_too_deep(value, text, MAX_DEPTH - 1):  # `value` itself is one of the levels
        raise ValueError(f"JSON nested more than {MAX_DEPTH} deep")
    return without_lone_surrogates(value) if may_hold_surrogates(text) else value
