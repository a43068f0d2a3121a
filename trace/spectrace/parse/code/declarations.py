"""Type declarations of languages with no tree-sitter grammar installed (Kotlin, PHP, Dart, ...).

Hand-written line scanner: only declaration heads and brace depth matter here, and bringing a
grammar per language for that costs more than it gives. Laravel migrations
(``Schema::create('table', ...)``) and Eloquent models are read as entities.
"""

from __future__ import annotations

import re

from spectrace.model import ItemKind
from spectrace.parse.code.entries import CodeRead, Entry, comment_lead, unique

_MODIFIERS = (
    r"(?:(?:public|private|protected|internal|abstract|final|open|sealed|data|enum|annotation|"
    r"inner|value|static|readonly|export|case|partial)\s+){0,5}"
)
_HEAD = re.compile(
    rf"^\s*{_MODIFIERS}(class|interface|enum|trait|object|record|struct|mixin)"
    r"\s+([A-Za-z_]\w{0,127})"
    r"(?:\s*:\s*\w+)?(.*)$"
)
_GO_HEAD = re.compile(r"^\s*type\s+([A-Za-z_]\w{0,127})\s+(struct|interface)\b")
_SCHEMA = re.compile(r"Schema::(create|table)\(\s*['\"]([\w.]{1,128})['\"]")
_COLUMN = re.compile(r"\$table->(\w{1,40})\(\s*['\"](\w{1,128})['\"]")
_CONSTRAINED = re.compile(r"->constrained\(\s*(?:['\"](\w{1,128})['\"])?")
_ON = re.compile(r"->on\(\s*['\"](\w{1,128})['\"]")
_BELONGS = re.compile(r"->belongsTo\(\s*\\?([\w\\]{1,200})::class")
_NOT_COLUMNS = frozenset({"foreign", "index", "unique", "primary", "dropColumn", "renameColumn"})
_MEMBER = re.compile(
    r"^\s*(?:(?:public|private|protected|internal|static|final|readonly|val|var|late|"
    r"override|const|function|fun|func|def)\s+){1,4}"
    r"[\w<>?,\[\] ]{0,80}?\$?([A-Za-z_]\w{0,63})\s*[(:=;]"
)


def read_declarations(code: str, language: str) -> CodeRead:
    """Classes, interfaces and enums (and Laravel tables) of a block by their head lines."""
    lines = code.splitlines()
    entries: list[Entry] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        schema = _SCHEMA.search(line) if language == "php" else None
        if schema is not None:
            end = _end(lines, index)
            entries.append(_migration(schema.group(2), lines, index, end))
            index = end + 1
            continue
        head = _HEAD.match(line)
        go = _GO_HEAD.match(line) if head is None else None
        if head is None and go is None:
            index += 1
            continue
        name = head.group(2) if head is not None else go.group(1) if go is not None else ""
        end = _end(lines, index)
        members = [m.group(1) for m in map(_MEMBER.match, lines[index + 1 : end + 1]) if m]
        kind = ItemKind.INTERFACE
        uses: list[str] = []
        if language == "php" and head is not None and re.search(r"\bextends\s+Model\b", line):
            kind = ItemKind.ENTITY  # an Eloquent model is a table
            body = "\n".join(lines[index : end + 1])
            uses = [m.group(1).rsplit("\\", 1)[-1] for m in _BELONGS.finditer(body)]
        entries.append(
            Entry(
                kind=kind,
                name=name,
                line=index,
                end=end,
                lead=comment_lead(lines, index),
                uses=unique(uses),
                words=" ".join([name, *members]),
            )
        )
        # Nested declarations belong to their outer one; continue after it.
        index = end + 1
    return CodeRead(entries=tuple(entries))


def _end(lines: list[str], start: int) -> int:
    """Last line of a declaration: where its brackets close (its own line when it has none)."""
    depth = 0
    opened = False
    last = min(len(lines), start + 2000) - 1
    for index in range(start, last + 1):
        text = lines[index].split("//", 1)[0]
        if index > start and not opened and not text.strip().startswith("{"):
            return start  # no body
        for ch in text:
            if ch in "{(":
                depth += 1
                opened = True
            elif ch in "})":
                depth -= 1
        if opened and depth <= 0:
            return index
    return last if opened else start


def _migration(table: str, lines: list[str], start: int, end: int) -> Entry:
    fields: list[tuple[str, int]] = []
    uses: list[str] = []
    for offset in range(start + 1, end + 1):
        line = lines[offset]
        column = _COLUMN.search(line)
        if column and column.group(1) not in _NOT_COLUMNS:
            fields.append((column.group(2), offset))
        constrained = _CONSTRAINED.search(line)
        if constrained:
            target = constrained.group(1)
            if not target and column and column.group(2).endswith("_id"):
                target = column.group(2)[:-3]  # Laravel's convention: booking_id -> bookings
            if target:
                uses.append(target)
        on = _ON.search(line)
        if on:
            uses.append(on.group(1))
    return Entry(
        kind=ItemKind.ENTITY,
        name=table,
        line=start,
        end=end,
        lead=comment_lead(lines, start),
        fields=tuple(fields),
        uses=unique(uses),
        words=" ".join([table, *(f for f, _ in fields)]),
    )
