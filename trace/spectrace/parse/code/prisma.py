"""Prisma schema blocks: ``model`` blocks to entities with fields and ``@relation`` targets.

Hand-written: no maintained Python library reads Prisma schemas, and the part we need (block
heads, one field per line, the ``@relation`` attribute) is line-shaped.
"""

from __future__ import annotations

import re

from spectrace.model import ItemKind
from spectrace.parse.code.entries import CodeRead, Entry, comment_lead, unique

_HEAD = re.compile(r"^\s*(model|view|type|enum)\s+([A-Za-z_]\w{0,127})\s*\{")
_FIELD = re.compile(r"^\s*([A-Za-z_]\w{0,127})\s+([A-Za-z_]\w{0,127})(\[\])?(\?)?(.*)$")
_HAS_PRISMA = re.compile(r"^\s*(?:model|enum)\s+[A-Za-z_]\w{0,127}\s*\{", re.MULTILINE)


def looks_like_prisma(code: str) -> bool:
    """Whether an untagged block holds Prisma models."""
    return bool(_HAS_PRISMA.search(code)) and "@" in code


def read_prisma(code: str) -> CodeRead:
    """Entities (models) and interfaces (enums, composite types) of a Prisma schema."""
    lines = code.splitlines()
    entries: list[Entry] = []
    index = 0
    while index < len(lines):
        head = _HEAD.match(lines[index])
        if head is None:
            index += 1
            continue
        keyword, name = head.group(1), head.group(2)
        end = _block_end(lines, index)
        fields: list[tuple[str, int]] = []
        uses: list[str] = []
        if keyword != "enum":
            for offset in range(index + 1, end):
                field = _FIELD.match(lines[offset])
                if field is None or field.group(1).startswith("@"):
                    continue
                fields.append((field.group(1), offset))
                rest = field.group(5)
                # The owning side of a relation names its foreign key: `@relation(fields: [...])`.
                if "@relation" in rest and "fields" in rest:
                    uses.append(field.group(2))
        entries.append(
            Entry(
                kind=ItemKind.ENTITY if keyword in ("model", "view") else ItemKind.INTERFACE,
                name=name,
                line=index,
                end=end,
                lead=comment_lead(lines, index),
                fields=tuple(fields),
                uses=unique(uses),
                words=" ".join([name, *(f for f, _ in fields)]),
            )
        )
        index = end + 1
    return CodeRead(entries=tuple(entries))


def _block_end(lines: list[str], start: int) -> int:
    depth = 0
    for index in range(start, len(lines)):
        text = lines[index].split("//", 1)[0]
        depth += text.count("{") - text.count("}")
        if depth <= 0:
            return index
    return len(lines) - 1
