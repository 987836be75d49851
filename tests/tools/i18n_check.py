"""Checks (and refreshes) the translation catalogues in resources/i18n/.

Run: .venv/bin/python -m tests.tools.i18n_check            report on every catalogue
     .venv/bin/python -m tests.tools.i18n_check --update   refresh them from the code

The window's strings come from `pyside6-lupdate evodesk/ui/*.py`. Two things need care
beyond plain lupdate:

* module-level helpers such as ``def tr(text): return QCoreApplication.translate("X",
  text)`` are read by lupdate as calls without a context; their strings belong to "X";
* the services speak English sentences that the window looks up in "evodesk.messages"
  (whole, then sentence by sentence) and notification templates that the tray looks up
  in "evodesk.notifications". lupdate cannot see those: they are kept by hand, and this
  module lists the sentences and templates the code can produce so none is forgotten.

Running lupdate directly on a catalogue would mark both hand-kept contexts as vanished;
`--update` merges instead and keeps them.
"""

from __future__ import annotations

import argparse
import ast
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parents[2]
I18N = ROOT / "resources" / "i18n"
UI_DIR = ROOT / "evodesk" / "ui"
# The service sentences with variable parts, one per line (read by evodesk.ui.texts).
TEMPLATES = I18N / "message_templates.txt"
MESSAGES = "evodesk.messages"
NOTIFICATIONS = "evodesk.notifications"
HAND_CONTEXTS = (MESSAGES, NOTIFICATIONS)

# Where the services' messages come from; notifications have their own context.
MESSAGE_SOURCES = ("evodesk/services", "evodesk/domain", "evodesk/infra")
NOTIFICATION_SOURCES = ("evodesk/services/notifications.py",
                        "evodesk/services/notification_policy.py")
# Arguments of these calls never reach a person.
_SILENT_CALLS = frozenset({
    "debug", "info", "warning", "error", "exception", "critical", "log",
    "ValueError", "RuntimeError", "TypeError", "KeyError", "AssertionError", "ShapeError",
})
# Strings a translation may keep as they are: names and terms used as such in every
# language, and strings that are only placeholders and punctuation.
SAME_IN_BOTH = frozenset({
    "Webhook", "WebSocket", "Base64", "URL", "WhatsApp", "Bots", "evodesk",
    "status: %1", "offline %1 → %2",
})
_HOLE = "\x00"
_PLACEHOLDER = re.compile(r"%\d+|\{[A-Za-z_]\w*\}")
_FINAL = (".", "!", "?", "…")


@dataclass(frozen=True, slots=True)
class Message:
    context: str
    source: str
    translation: str = ""
    kind: str = ""  # the translation's type: "", "unfinished", "vanished" or "obsolete"
    locations: tuple[tuple[str, int | None], ...] = ()

    @property
    def key(self) -> tuple[str, str]:
        return (self.context, self.source)

    @property
    def finished(self) -> bool:
        return self.kind == "" and self.translation != ""


@dataclass
class Report:
    path: Path
    unfinished: list[tuple[str, str]] = field(default_factory=list)
    placeholders: list[tuple[str, str, str]] = field(default_factory=list)
    untranslated: list[tuple[str, str]] = field(default_factory=list)  # English kept as is
    missing: list[tuple[str, str]] = field(default_factory=list)  # in the code, not here
    stale: list[tuple[str, str]] = field(default_factory=list)  # here, no longer in the code
    duplicates: list[tuple[str, str]] = field(default_factory=list)
    templates: list[str] = field(default_factory=list)  # TEMPLATES differs from the code here

    @property
    def ok(self) -> bool:
        return not (self.unfinished or self.placeholders or self.untranslated
                    or self.missing or self.stale or self.duplicates or self.templates)

    def lines(self) -> list[str]:
        out = [f"{self.path.name}: " + ("ok" if self.ok else "problems")]
        for title, items in (("unfinished or empty", self.unfinished),
                             ("placeholders differ", self.placeholders),
                             ("translation is the English source", self.untranslated),
                             ("in the code but not in the catalogue", self.missing),
                             ("in the catalogue but no longer in the code", self.stale),
                             ("listed twice", self.duplicates),
                             (f"{TEMPLATES.name} is not what the code says, at",
                              self.templates)):
            if items:
                out.append(f"  {title}: {len(items)}")
                out.extend(f"    {item!r}" for item in items)
        return out


# --- reading and writing .ts files ---------------------------------------------------


def read_ts(path: Path) -> list[Message]:
    root = ET.parse(path).getroot()
    found: list[Message] = []
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            locations = tuple((loc.get("filename", ""), _line(loc.get("line")))
                              for loc in message.iter("location"))
            found.append(Message(
                context=name,
                source=message.findtext("source") or "",
                translation=(translation.text or "") if translation is not None else "",
                kind=translation.get("type", "") if translation is not None else "unfinished",
                locations=locations,
            ))
    return found


def _line(value: str | None) -> int | None:
    return int(value) if value else None


def language_of(path: Path) -> str:
    language = ET.parse(path).getroot().get("language")
    if language:
        return language
    return path.stem.split("_", 1)[1] if "_" in path.stem else "en"


def _text(value: str) -> str:
    return escape(value, {"'": "&apos;", '"': "&quot;"})


def write_ts(path: Path, language: str, messages: Iterable[Message]) -> None:
    """Qt's own layout: contexts sorted by name, messages in the order given."""
    by_context: dict[str, list[Message]] = {}
    for message in messages:
        by_context.setdefault(message.context, []).append(message)
    out = ['<?xml version="1.0" encoding="utf-8"?>', "<!DOCTYPE TS>",
           f'<TS version="2.1" language="{language}" sourcelanguage="en">']
    for context in sorted(by_context):
        out += ["<context>", f"    <name>{_text(context)}</name>"]
        for message in by_context[context]:
            out.append("    <message>")
            for filename, line in message.locations:
                where = f' line="{line}"' if line is not None else ""
                out.append(f'        <location filename="{_text(filename)}"{where}/>')
            out.append(f"        <source>{_text(message.source)}</source>")
            kind = f' type="{message.kind}"' if message.kind else ""
            out.append(f"        <translation{kind}>{_text(message.translation)}</translation>")
            out.append("    </message>")
        out.append("</context>")
    out.append("</TS>")
    path.write_text("\n".join(out) + "\n", encoding="utf-8")


# --- what the code holds -------------------------------------------------------------


def qt_tool(name: str) -> str:
    """pyside6-lupdate / pyside6-lrelease of the interpreter running this module."""
    beside = Path(sys.executable).parent / name
    if beside.exists():
        return str(beside)
    found = shutil.which(name)
    if found is None:
        raise FileNotFoundError(f"{name} is not installed (pip install PySide6)")
    return found


def helper_context(path: Path) -> str | None:
    """The context of a module-level ``tr`` helper that calls translate("X", text)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in tree.body:
        if not (isinstance(node, ast.FunctionDef) and node.name == "tr"):
            continue
        for call in ast.walk(node):
            if (isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute)
                    and call.func.attr == "translate" and call.args
                    and isinstance(call.args[0], ast.Constant)
                    and isinstance(call.args[0].value, str)):
                return call.args[0].value
    return None


def ui_sources() -> list[Path]:
    return sorted(UI_DIR.glob("*.py"))


def _relative_to(path: Path, start: Path) -> str:
    return Path(os.path.relpath(path, start)).as_posix()


def lupdate_messages(workdir: Path, sources: Sequence[Path] | None = None) -> list[Message]:
    """What lupdate finds in the window's code, each string in its real context, with
    locations relative to resources/i18n/."""
    sources = list(sources) if sources is not None else ui_sources()
    target = workdir / "code.ts"
    done = subprocess.run(
        [qt_tool("pyside6-lupdate"), "-silent", "-locations", "absolute",
         *map(str, sources), "-ts", str(target)],
        capture_output=True, text=True, check=False,
    )
    if done.returncode != 0 or not target.exists():
        raise RuntimeError(f"pyside6-lupdate failed: {done.stderr or done.stdout}")
    helpers = {path.name: helper_context(path) for path in sources}
    merged: dict[tuple[str, str], Message] = {}
    for message in read_ts(target):
        placed: dict[str, list[tuple[str, int | None]]] = {}
        for filename, line in message.locations:
            path = (target.parent / filename).resolve()
            context = message.context or helpers.get(path.name) or ""
            placed.setdefault(context, []).append((_relative_to(path, I18N), line))
        for context, locations in placed.items():
            key = (context, message.source)
            before = merged.get(key)
            kept = before.locations if before is not None else ()
            merged[key] = Message(context, message.source, locations=kept + tuple(locations))
    return list(merged.values())


def _template(node: ast.AST) -> str | None:
    """A string constant, or an f-string with each replacement field as a hole."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(v.value if isinstance(v, ast.Constant) and isinstance(v.value, str)
                       else _HOLE for v in node.values)
    return None


def split_sentences(message: str) -> list[str]:
    """As evodesk.ui.texts.translate_message splits a message it has no whole entry for."""
    return [s for s in message.replace(". ", ".\n").split("\n") if s]


def _python_files(roots: Iterable[str]) -> list[Path]:
    files: set[Path] = set()
    for root in roots:
        path = ROOT / root
        files.update(path.rglob("*.py") if path.is_dir() else [path])
    return sorted(f for f in files if "migrations" not in f.parts)


def _strings(path: Path) -> Iterable[tuple[ast.AST, str]]:
    """String templates of a module, without docstrings, dictionaries and arguments of
    silent calls."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    ignored: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            first = node.body[0] if node.body else None
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                ignored.add(id(first.value))
        elif isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name in _SILENT_CALLS:
                ignored.update(id(inner) for inner in ast.walk(node))
            for keyword in node.keywords:
                if keyword.arg == "detail":  # for the logs, never shown to a person
                    ignored.update(id(inner) for inner in ast.walk(keyword.value))
        elif isinstance(node, ast.Dict):
            # Payload samples and lookup tables, not sentences for a person.
            ignored.update(id(inner) for part in (*node.keys, *node.values) if part is not None
                           for inner in ast.walk(part))
        elif isinstance(node, ast.JoinedStr):
            ignored.update(id(value) for value in node.values)
    for node in ast.walk(tree):
        if id(node) in ignored:
            continue
        template = _template(node)
        if template is not None:
            yield node, template


def _numbered(sentence: str) -> str:
    """Holes as Qt's placeholders, in order: "The server at %1 did not answer…"."""
    parts = sentence.split(_HOLE)
    return parts[0] + "".join(f"%{n}{part}" for n, part in enumerate(parts[1:], start=1))


def _is_sentence(sentence: str) -> bool:
    """A sentence ends with its punctuation, or with a message it introduces after a
    colon ("%1 failed: %2")."""
    fixed = sentence.replace(_HOLE, "")
    return (" " in (fixed.strip() if _HOLE not in sentence else fixed)
            and (sentence.endswith(_FINAL) or sentence.endswith(": " + _HOLE))
            and (sentence[:1].isupper() or sentence.startswith(_HOLE))
            and re.search(r"[A-Za-z]{3}", fixed) is not None)


def message_sentences(roots: Iterable[str] = MESSAGE_SOURCES) -> dict[str, str]:
    """Every complete sentence the services can produce, with where it was found: each
    must have an entry in "evodesk.messages". A variable part becomes a placeholder
    ("Instance '%1' does not exist on this server."): the window finds the template a
    sentence was made from (`message_templates`), translates it and fills in the parts.
    Also the templates of ``Text("...")`` facts, and the names given as ``what=`` to the
    checks ("The %1 is empty." with "webhook URL"), which are translated on their own."""
    skip = {ROOT / p for p in NOTIFICATION_SOURCES}
    found: dict[str, str] = {}
    for path in _python_files(roots):
        if path in skip:
            continue
        for node, template in _strings(path):
            for sentence in split_sentences(template):
                sentence = sentence.strip()
                if _is_sentence(sentence):
                    where = f"{path.relative_to(ROOT)}:{getattr(node, 'lineno', 0)}"
                    found.setdefault(_numbered(sentence), where)
        found.update({t: w for t, w in _text_templates(path).items() if t not in found})
    for term, where in _terms().items():
        found.setdefault(term, where)
    return found


# Keyword arguments that name a thing or an action inside a sentence: "The %1 is empty."
# with what="webhook URL"; "The server could not %1: %2" with action=f"restart instance
# '{name}'". They are translated on their own, by entry or by template.
_TERM_KEYWORDS = ("what", "action")


def _terms() -> dict[str, str]:
    found: dict[str, str] = {}
    for path in _python_files(("evodesk",)):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            values: list[ast.expr] = []
            if isinstance(node, ast.Call) and getattr(node.func, "attr", "") != "add_argument":
                values = [k.value for k in node.keywords if k.arg in _TERM_KEYWORDS]
            elif (isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name)
                  and node.target.id in _TERM_KEYWORDS and node.value is not None):
                values = [node.value]  # a default: `action: str = "complete the request"`
            for value in values:
                template = _template(value)
                if template is not None:
                    where = f"{path.relative_to(ROOT)}:{value.lineno}"
                    found.setdefault(_numbered(template), where)
    return found


def message_templates(roots: Iterable[str] = MESSAGE_SOURCES) -> list[str]:
    """The sentences with variable parts, as the window reads them from TEMPLATES."""
    skip = {ROOT / p for p in NOTIFICATION_SOURCES}
    found: set[str] = set()
    for path in _python_files(roots):
        if path in skip:
            continue
        for _node, template in _strings(path):
            for sentence in split_sentences(template):
                sentence = sentence.strip()
                if _HOLE in sentence and _is_sentence(sentence):
                    found.add(_numbered(sentence))
    found.update(t for t in _terms() if _PLACEHOLDER.search(t))
    return sorted(found)


def _text_templates(path: Path) -> dict[str, str]:
    """The first argument of every ``Text("...")`` in a module."""
    found: dict[str, str] = {}
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                and node.func.id == "Text" and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)):
            found.setdefault(node.args[0].value, f"{path.relative_to(ROOT)}:{node.lineno}")
    return found


def read_templates(path: Path | None = None) -> list[str]:
    path = path or TEMPLATES
    return path.read_text(encoding="utf-8").splitlines() if path.exists() else []


def write_templates(templates: Sequence[str], path: Path | None = None) -> None:
    (path or TEMPLATES).write_text("".join(f"{t}\n" for t in templates), encoding="utf-8")


def notification_templates(paths: Iterable[str] = NOTIFICATION_SOURCES) -> dict[str, str]:
    """The first argument of every ``Text("...")`` the notifications are built from."""
    found: dict[str, str] = {}
    for path in _python_files(paths):
        found.update({t: w for t, w in _text_templates(path).items() if t not in found})
    return found


# --- checks ----------------------------------------------------------------------------


def may_stay_english(source: str) -> bool:
    return source in SAME_IN_BOTH or not any(c.isalpha() for c in _PLACEHOLDER.sub("", source))


def placeholders(text: str) -> Counter[str]:
    return Counter(_PLACEHOLDER.findall(text))


def _edges(text: str) -> tuple[str, str]:
    return (text[: len(text) - len(text.lstrip())], text[len(text.rstrip()):])


def check(path: Path, code: Sequence[Message]) -> Report:
    """What is wrong with one catalogue, given what lupdate found in the code."""
    report = Report(path)
    english = language_of(path).startswith("en")
    messages = [m for m in read_ts(path) if m.kind not in ("vanished", "obsolete")]
    seen: Counter[tuple[str, str]] = Counter(m.key for m in messages)
    report.duplicates = sorted(k for k, n in seen.items() if n > 1)
    for message in messages:
        if not message.finished:
            report.unfinished.append(message.key)
        elif (placeholders(message.source) != placeholders(message.translation)
              or _edges(message.source) != _edges(message.translation)):
            report.placeholders.append((message.context, message.source, message.translation))
        elif (not english and message.translation == message.source
              and not may_stay_english(message.source)):
            report.untranslated.append(message.key)
    held = {m.key for m in messages if m.context not in HAND_CONTEXTS}
    wanted = {m.key for m in code}
    wanted |= {(MESSAGES, s) for s in message_sentences()}
    wanted |= {(NOTIFICATIONS, t) for t in notification_templates()}
    everything = {m.key for m in messages}
    report.missing = sorted(wanted - everything)
    report.stale = sorted(held - wanted)
    listed, expected = read_templates(), message_templates()
    report.templates = sorted(set(listed) ^ set(expected)) or (
        ["(order)"] if listed != expected else [])
    return report


def catalogues() -> list[Path]:
    return sorted(I18N.glob("evodesk_*.ts"))


def update(path: Path, code: Sequence[Message]) -> list[Message]:
    """The catalogue refreshed: lupdate's strings with the translations kept, new ones
    unfinished (English: the source itself), hand-kept contexts as they were plus any
    sentence or template they lack. Returns what was added."""
    english = language_of(path).startswith("en")
    old = {m.key: m for m in read_ts(path)} if path.exists() else {}
    merged: list[Message] = []
    added: list[Message] = []

    def fresh(context: str, source: str,
              locations: tuple[tuple[str, int | None], ...] = ()) -> Message:
        message = Message(context, source, source if english else "",
                          "" if english else "unfinished", locations)
        added.append(message)
        return message

    for message in code:
        before = old.get(message.key)
        merged.append(replace(before, locations=message.locations)
                      if before is not None and before.kind not in ("vanished", "obsolete")
                      else fresh(message.context, message.source, message.locations))
    hand = [m for m in old.values() if m.context in HAND_CONTEXTS]
    merged += hand
    have = {m.key for m in hand}
    for context, sources in ((MESSAGES, message_sentences()),
                             (NOTIFICATIONS, notification_templates())):
        merged += [fresh(context, s) for s in sources if (context, s) not in have]
    write_ts(path, language_of(path) if path.exists() else path.stem.split("_", 1)[1], merged)
    write_templates(message_templates())
    return added


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--update", action="store_true",
                        help="refresh the catalogues from the code before checking them")
    parser.add_argument("catalogue", nargs="*", type=Path,
                        help="the .ts files (default: resources/i18n/evodesk_*.ts)")
    args = parser.parse_args(argv)
    paths = args.catalogue or catalogues()
    with tempfile.TemporaryDirectory(prefix="evodesk-i18n-") as workdir:
        code = lupdate_messages(Path(workdir))
    ok = True
    for path in paths:
        if args.update:
            for message in update(path, code):
                print(f"{path.name}: added {message.context}: {message.source!r}")
        report = check(path, code)
        print("\n".join(report.lines()))
        ok = ok and report.ok
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
