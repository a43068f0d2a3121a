"""What the code-block readers (SQL, Prisma, mermaid, TypeScript, Python, ...) hand back."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from spectrace.model import ItemKind


@dataclass(frozen=True, slots=True, kw_only=True)
class Entry:
    """One definition found in a code block; lines are 0-based offsets into the block's code."""

    kind: ItemKind
    """Entity, interface, endpoint or rule."""
    name: str
    """As written (table name without schema, type name, field name)."""
    line: int
    """First line of the definition."""
    end: int
    """Last line of the definition."""
    lead: int
    """First line of the comment directly above it (``line`` when there is none)."""
    fields: tuple[tuple[str, int], ...] = ()
    """Columns or attributes (entities only): name and line."""
    uses: tuple[str, ...] = ()
    """Names it depends on (foreign-key targets, related models)."""
    words: str = ""
    """Its own words for inference (member names, comments)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class CodeRead:
    """The definitions of one code block and the places that could not be read."""

    entries: tuple[Entry, ...] = ()
    """Definitions in block order."""
    errors: tuple[tuple[int, str], ...] = ()
    """(0-based line, what went wrong) for statements that could not be parsed."""


_COMMENT_STARTS = ("--", "//", "#", "/*", "*", "*/", "<!--", "'''", '"""')


def is_comment(line: str) -> bool:
    """A line that holds only a comment (SQL, C-family, Python, HTML)."""
    text = line.strip()
    return bool(text) and text.startswith(_COMMENT_STARTS) and not text.startswith("#[")


def comment_lead(lines: Sequence[str], line: int) -> int:
    """First line of the comment block ending right above ``line`` (``line`` when none)."""
    lead = line
    while lead > 0 and is_comment(lines[lead - 1]):
        lead -= 1
    return lead


def unique(names: Sequence[str]) -> tuple[str, ...]:
    """Names in first-seen order without repeats."""
    return tuple(dict.fromkeys(n for n in names if n))
