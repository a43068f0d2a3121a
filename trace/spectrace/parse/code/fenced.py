"""One code block to its definitions: each language to its reader, plus routes and schemas."""

from __future__ import annotations

import re

from spectrace.model import ItemKind
from spectrace.parse.code.entries import CodeRead, Entry, comment_lead
from spectrace.parse.code.languages import LANGUAGES, read_code
from spectrace.parse.code.mermaid import read_mermaid
from spectrace.parse.code.prisma import looks_like_prisma, read_prisma
from spectrace.parse.code.schemas import named_schemas, schema_fields
from spectrace.parse.code.sql import has_create_table, read_sql
from spectrace.parse.endpoints import in_code

_SQL = frozenset({"sql", "postgresql", "postgres", "psql", "mysql", "sqlite", "tsql", "plpgsql"})
#: Languages a zod, Joi or yup schema is written in (and fences without one).
_SCRIPT = frozenset({"ts", "typescript", "tsx", "js", "javascript", "jsx", "", "text"})
#: Fences without a language (or marked as text): read by what they hold.
UNTAGGED = frozenset({"", "text", "txt", "plaintext", "plain"})
# The lines under a route in a plain-text list of endpoints: ``- Description: ...``,
# ``  Requirements: 2.1``, ``* Status Codes: 201, 409``.
_DETAIL = re.compile(r"^\s{0,8}(?:[-*•]\s{1,4}\S|[A-Za-z][\w /-]{0,40}[:：]\s)")
# `id: string (...)` lines of an untagged block sketching a record.
_SKETCH_FIELD = re.compile(r"^[\s│├└─|-]{0,12}([A-Za-z_]\w{0,63})\??\s{0,2}:\s{0,4}\S")


#: What a code block read to, by (code, language, under a validation heading): a design read
#: again after an edit reads again only the blocks that changed (see ``CodeMemo``).
CodeKey = tuple[str, str, bool]


class CodeMemo:
    """The code blocks a previous reading of the same document read (``known``), and those this
    reading reads (``read``: what a cache keeps for the next one)."""

    def __init__(self, known: dict[CodeKey, CodeRead] | None = None) -> None:
        self.known = known or {}
        self.read: dict[CodeKey, CodeRead] = {}

    def get(self, code: str, info: str, validation: bool) -> CodeRead:
        """The block's reading, from the previous reading when it is there."""
        key = (code, info, validation)
        found = self.known.get(key)
        if found is None:
            found = read_fenced(code, info, validation)
        self.read[key] = found
        return found


def read_fenced(code: str, info: str, validation: bool) -> CodeRead:
    """Definitions of a fenced block with language ``info``.

    ``validation``: the block sits under a validation heading, so the fields of a schema
    (zod, Joi, JSON schema) are rules.
    """
    reads: list[CodeRead] = []
    if info in _SQL or (info in UNTAGGED and has_create_table(code)):
        reads.append(read_sql(code))
    elif info == "prisma" or (info in UNTAGGED and looks_like_prisma(code)):
        reads.append(read_prisma(code))
    elif info == "mermaid":
        reads.append(read_mermaid(code))
    elif info in LANGUAGES:
        reads.append(read_code(code, info))
    if info != "mermaid" and "/" in code:
        reads.append(CodeRead(entries=_routes(code, entries=info in UNTAGGED)))
    if info in _SCRIPT or validation:
        known = {entry.name for read in reads for entry in read.entries}
        schemas = [entry for entry in named_schemas(code) if entry.name not in known]
        reads.append(CodeRead(entries=tuple(schemas)))
    if validation:
        rules = [
            Entry(kind=ItemKind.RULE, name=name, line=n, end=n, lead=n)
            for name, n in schema_fields(code)
        ]
        reads.append(CodeRead(entries=tuple(rules)))
    return CodeRead(
        entries=tuple(entry for read in reads for entry in read.entries),
        errors=tuple(error for read in reads for error in read.errors),
    )


def _routes(code: str, *, entries: bool) -> tuple[Entry, ...]:
    """The endpoints of a block. ``entries``: a block of plain text lists endpoints one entry
    each, the lines under a route (``- Description: ...``, ``- Requirements: 2.1``) belonging
    to it until the next route; in code, a route is its line alone."""
    lines = code.splitlines()
    found = list(in_code(code))
    routes: list[Entry] = []
    for position, (line, name) in enumerate(found):
        end = line
        if entries:
            stop = found[position + 1][0] if position + 1 < len(found) else len(lines)
            for number in range(line + 1, stop):
                if not lines[number].strip():
                    continue
                if not _DETAIL.match(lines[number]):
                    break
                end = number
        words = " ".join(text.strip(" \t/#*-│├└─") for text in lines[line : end + 1])
        routes.append(
            Entry(
                kind=ItemKind.ENDPOINT,
                name=name,
                line=line,
                end=end,
                lead=comment_lead(lines, line),
                words=words,
            )
        )
    return tuple(routes)


def sketch_fields(code: str) -> list[tuple[str, int]]:
    """(field, 0-based line) of an untagged block sketching a record (``id: string``)."""
    found: list[tuple[str, int]] = []
    for number, line in enumerate(code.splitlines()):
        match = _SKETCH_FIELD.match(line)
        if match:
            found.append((match.group(1), number))
    return found
