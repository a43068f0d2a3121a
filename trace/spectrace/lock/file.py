"""The lock file's text: TOML, one line per requirement or criterion, sorted, nothing about time.

Read with ``tomllib`` (data only: nothing in the file can run code); written here, because the
standard library reads TOML but does not write it. The subset written is small (quoted keys,
basic strings, arrays of strings, inline tables), and ``tests/test_lock.py`` reads every file
written back with ``tomllib``.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

from spectrace.errors import ConfigError
from spectrace.fingerprint import FINGERPRINT_LENGTH
from spectrace.lock.entries import Lock, Locked, LockedSpec, id_order

#: Bumped when the file's meaning changes.
LOCK_VERSION = 1

_HEADER = (
    "# spectrace.lock: the requirement texts the design was last reviewed against.",
    "# Written by `spectrace lock`; `spectrace check` reports a link as suspect (ST601) when its",
    "# requirement's text has changed since. Review the diff of this file like code.",
)
_FINGERPRINT = re.compile(rf"[0-9a-f]{{{FINGERPRINT_LENGTH}}}")
_AT_LINE = re.compile(r"\(at line (\d+), column \d+\)")
_ESCAPES = {
    '"': '\\"',
    "\\": "\\\\",
    "\b": "\\b",
    "\t": "\\t",
    "\n": "\\n",
    "\f": "\\f",
    "\r": "\\r",
}


def dump_lock(lock: Lock) -> str:
    """The lock file's text."""
    lines = [*_HEADER, f"version = {LOCK_VERSION}"]
    for spec in sorted(lock.specs, key=lambda s: s.folder):
        lines += ["", f"[specs.{_string(spec.folder)}]"]
        for entry in sorted(spec.entries, key=lambda e: id_order(e.id)):
            items = ", ".join(_string(item) for item in entry.items)
            lines.append(
                f"{_string(entry.id)} = {{ text = {_string(entry.text)}, items = [{items}] }}"
            )
    return "\n".join(lines) + "\n"


def load_lock(path: Path) -> Lock | None:
    """The lock file at ``path``, or None when there is none."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except IsADirectoryError:
        raise ConfigError("the lock file is a folder", file=str(path)) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read the lock file: {exc}", file=str(path)) from None
    return parse_lock(text, str(path))


def parse_lock(text: str, source: str = "") -> Lock:
    """Read a lock file's text; anything malformed is a ConfigError naming ``source`` (and the
    line, when TOML itself is broken)."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        at = _AT_LINE.search(message)
        line = int(at.group(1)) if at else 0
        reason = _AT_LINE.sub("", message).strip()
        raise ConfigError(
            f"the lock file is not valid TOML: {reason}", file=source, line=line
        ) from None
    unknown = sorted(set(data) - {"version", "specs"})
    if unknown:
        raise ConfigError(f"unknown key {unknown[0]!r} in the lock file", file=source)
    version = data.get("version")
    if version != LOCK_VERSION:
        raise ConfigError(
            f"lock file version {version!r} is not {LOCK_VERSION}: write it again with "
            "`spectrace lock`",
            file=source,
        )
    specs = data.get("specs", {})
    if not isinstance(specs, dict):
        raise ConfigError("specs must be a table of spec folders", file=source)
    return Lock(
        specs=tuple(
            LockedSpec(folder=folder, entries=_entries(table, f"specs.{folder}", source))
            for folder, table in sorted(specs.items())
        )
    )


def _entries(table: Any, where: str, source: str) -> tuple[Locked, ...]:
    if not isinstance(table, dict):
        raise ConfigError(f"{where} must be a table of ids", file=source)
    entries = [_entry(ident, value, f"{where}.{ident}", source) for ident, value in table.items()]
    return tuple(sorted(entries, key=lambda e: id_order(e.id)))


def _entry(ident: str, value: Any, where: str, source: str) -> Locked:
    if not isinstance(value, dict) or set(value) != {"text", "items"}:
        raise ConfigError(f"{where} must be {{ text = ..., items = [...] }}", file=source)
    text, items = value["text"], value["items"]
    if not isinstance(text, str) or not _FINGERPRINT.fullmatch(text):
        raise ConfigError(f"{where}.text is not a fingerprint", file=source)
    if not isinstance(items, list) or not all(isinstance(item, str) for item in items):
        raise ConfigError(f"{where}.items must be a list of design item ids", file=source)
    return Locked(id=ident, text=text, items=tuple(sorted(set(items))))


def _string(text: str) -> str:
    """A TOML basic string."""
    out: list[str] = []
    for char in text:
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\u{ord(char):04X}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'
