"""Sentences with variable parts: an English template with ``%1``… placeholders and its
arguments, so a window can translate the template and fill in the same arguments."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

_PLACEHOLDER = re.compile(r"%(\d+)")
# The marks that reorder text (bidi controls), as the inside of a character class: a name
# holding U+202E (right-to-left override) shows what follows it backwards.
BIDI_CONTROLS = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
# What a terminal acts on rather than shows: C0 and C1 controls and DEL (escape
# sequences, carriage return, line feed), and the bidi controls.
_UNPRINTABLE = re.compile(f"[\x00-\x1f\x7f-\x9f{BIDI_CONTROLS}]")


def fill(template: str, args: tuple[str, ...]) -> str:
    """``%1``… replaced in one pass, so an argument that itself holds "%2" stays as sent."""
    def arg(match: re.Match[str]) -> str:
        index = int(match.group(1))
        return args[index - 1] if 1 <= index <= len(args) else match.group(0)

    return _PLACEHOLDER.sub(arg, template)


def printable(text: str) -> str:
    """`text` for a terminal: every control character written as an escape (``\\x1b``,
    ``\\n``, ``\\u202e``), so a name read from a server cannot move the cursor, clear the
    screen or start a line of its own."""
    return _UNPRINTABLE.sub(_escaped, text)


def _escaped(match: re.Match[str]) -> str:
    return match.group(0).encode("unicode_escape").decode("ascii")


@dataclass(frozen=True, slots=True)
class Text:
    """An English template with its arguments."""

    template: str
    args: tuple[str, ...] = ()

    def __str__(self) -> str:
        return fill(self.template, self.args)


class OwnWords(str):
    """An argument of a Text that is evodesk's own words ("[image]" for a message without
    text), to be translated, unlike what people wrote, which is shown as written even
    when it reads the same."""

    __slots__ = ()


class ServiceMessage(str):
    """An argument of a Text that is one of the services' own messages (a reason such as
    "The server refused the API key."), to be translated as the window translates them."""

    __slots__ = ()


class TemplateMatcher:
    """Finds which template a finished sentence was made from, and its arguments:
    "The server at http://x refused the connection." is "The server at %1 refused the
    connection." with ("http://x",). When several templates fit, the one with the most
    fixed text wins."""

    def __init__(self, templates: Iterable[str]) -> None:
        ordered = sorted(
            {t for t in templates if _PLACEHOLDER.search(t)},
            key=lambda t: (-len(_PLACEHOLDER.sub("", t)), t),
        )
        self._patterns = [(t, _pattern(t)) for t in ordered]

    def match(self, sentence: str) -> Text | None:
        for template, (pattern, order) in self._patterns:
            found = pattern.fullmatch(sentence)
            if found is not None:
                args = [""] * len(order)
                for group, number in enumerate(order, start=1):
                    args[number - 1] = found.group(group)
                return Text(template, tuple(args))
        return None


def _pattern(template: str) -> tuple[re.Pattern[str], list[int]]:
    """The template as a regular expression (each placeholder any non-empty text), and
    the placeholder number of each group in order."""
    parts: list[str] = []
    order: list[int] = []
    last = 0
    for placeholder in _PLACEHOLDER.finditer(template):
        parts.append(re.escape(template[last:placeholder.start()]))
        parts.append("(.+?)")
        order.append(int(placeholder.group(1)))
        last = placeholder.end()
    parts.append(re.escape(template[last:]))
    return re.compile("".join(parts), re.DOTALL), order
