"""Mermaid blocks: ``erDiagram`` entities and relationships, ``sequenceDiagram`` API calls.

Hand-written: no maintained Python library parses mermaid, and both diagram kinds are one
statement per line.
"""

from __future__ import annotations

import re

from spectrace.model import ItemKind
from spectrace.parse.code.entries import CodeRead, Entry
from spectrace.parse.endpoints import in_code_line

_NAME = r"(?:\"[^\"\n]{1,128}\"|[\w.-]{1,128})"
_ENTITY = re.compile(rf"^\s*({_NAME})\s*(?:\[[^\]\n]{{0,128}}\])?\s*\{{\s*(\}})?\s*$")
# CUSTOMER ||--o{ ORDER : places   (cardinality marks, solid -- or dotted .. line)
_RELATION = re.compile(
    rf"^\s*({_NAME})\s*([|o}}{{]{{1,2}})(?:--|\.\.)([|o}}{{]{{1,2}})\s*({_NAME})\s*(?::\s*(.*))?$"
)
_ATTRIBUTE = re.compile(r"^\s*([\w()\[\],.-]{1,64})\s+([\w.-]{1,128})")
# A message's arrow: ->, -->, ->>, -->>, -x, --x, -), --)
_ARROW = re.compile(r"--?(?:>>?|x|\))")


def read_mermaid(code: str) -> CodeRead:
    """Entities of an ``erDiagram``; endpoints called in a ``sequenceDiagram``."""
    lines = code.splitlines()
    kind = next((line.strip() for line in lines if line.strip() and not _is_comment(line)), "")
    if kind.startswith("erDiagram"):
        return CodeRead(entries=tuple(_er(lines)))
    if kind.startswith("sequenceDiagram"):
        return CodeRead(entries=tuple(_sequence(lines)))
    return CodeRead()


def _is_comment(line: str) -> bool:
    return line.strip().startswith("%%")


def _lead(lines: list[str], line: int) -> int:
    lead = line
    while lead > 0 and _is_comment(lines[lead - 1]):
        lead -= 1
    return lead


def _er(lines: list[str]) -> list[Entry]:
    entries: list[Entry] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        entity = _ENTITY.match(line)
        if entity is not None:
            name = entity.group(1).strip('"')
            end = index if entity.group(2) else _close(lines, index)
            fields = []
            for offset in range(index + 1, end):
                attribute = _ATTRIBUTE.match(lines[offset])
                if attribute and not _is_comment(lines[offset]):
                    fields.append((attribute.group(2), offset))
            entries.append(
                Entry(
                    kind=ItemKind.ENTITY,
                    name=name,
                    line=index,
                    end=end,
                    lead=_lead(lines, index),
                    fields=tuple(fields),
                    words=" ".join([name, *(f for f, _ in fields)]),
                )
            )
            index = end + 1
            continue
        relation = _RELATION.match(line)
        if relation is not None:
            entries.extend(_relation(relation, index, lines))
        index += 1
    return entries


def _close(lines: list[str], start: int) -> int:
    for index in range(start + 1, len(lines)):
        if lines[index].strip() == "}":
            return index
    return len(lines) - 1


def _relation(relation: re.Match[str], index: int, lines: list[str]) -> list[Entry]:
    left, right = relation.group(1).strip('"'), relation.group(4).strip('"')
    left_mark, right_mark = relation.group(2), relation.group(3)
    label = (relation.group(5) or "").strip().strip('"')
    # The "many" side holds the foreign key: in `A ||--o{ B` B references A. Without a clear
    # many side the line reads left to right.
    left_many = "{" in left_mark or "}" in left_mark
    right_many = "{" in right_mark or "}" in right_mark
    user, used = (right, left) if right_many and not left_many else (left, right)
    lead = _lead(lines, index)
    words = f"{left} {label} {right}".strip()
    return [
        Entry(
            kind=ItemKind.ENTITY,
            name=name,
            line=index,
            end=index,
            lead=lead,
            uses=(used,) if name == user and used != user else (),
            words=words,
        )
        for name in dict.fromkeys((left, right))
    ]


def _sequence(lines: list[str]) -> list[Entry]:
    entries: list[Entry] = []
    for index, line in enumerate(lines):
        head, colon, message = line.partition(":")
        if not colon or not _ARROW.search(head):
            continue
        name = in_code_line(message)
        if name:
            entries.append(
                Entry(
                    kind=ItemKind.ENDPOINT,
                    name=name,
                    line=index,
                    end=index,
                    lead=_lead(lines, index),
                    words=message.strip(),
                )
            )
    return entries
