"""SQL blocks: ``CREATE TABLE`` and ``ALTER TABLE`` to entities, columns and foreign keys.

sqlglot parses each statement (postgres first, then the other dialects); it is imported on the
first SQL block only, as its import costs about a tenth of a second.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from types import ModuleType
from typing import Any

from spectrace.model import ItemKind
from spectrace.parse.code.entries import CodeRead, Entry, comment_lead, unique

_DIALECTS = ("postgres", "mysql", "sqlite", "tsql", "")
_TABLE_STATEMENT = re.compile(
    r"^\s*(?:CREATE\s+(?:OR\s+REPLACE\s+)?(?:(?:GLOBAL|LOCAL|TEMP|TEMPORARY|UNLOGGED|VIRTUAL)\s+)?"
    r"TABLE|ALTER\s+TABLE)\b",
    re.IGNORECASE,
)
# Name of the table of a statement sqlglot could not read: CREATE TABLE [IF NOT EXISTS] a.b.
_TABLE_NAME = re.compile(
    r"\bTABLE\s+(?:IF\s+(?:NOT\s+)?EXISTS\s+)?(?:ONLY\s+)?"
    r"((?:[`\"\[]?[^\s`\"\[\]().,;]{1,128}[`\"\]]?\.){0,2}"
    r"[`\"\[]?[^\s`\"\[\]().,;]{1,128}[`\"\]]?)",
    re.IGNORECASE,
)
_QUOTES = '`"[]'
_VIRTUAL = re.compile(r"^\s*CREATE\s+VIRTUAL\s+TABLE\b", re.IGNORECASE)
_REFERENCES = re.compile(
    r"\bREFERENCES\s+((?:[`\"]?\w{1,128}[`\"]?\.){0,2}[`\"]?\w{1,128}[`\"]?)", re.IGNORECASE
)
_COLUMN_LINE = re.compile(r"^\s*[`\"\[]?([A-Za-z_]\w{0,127})[`\"\]]?\s+[A-Za-z]")
_NOT_COLUMNS = frozenset(
    {
        "constraint",
        "primary",
        "foreign",
        "unique",
        "check",
        "index",
        "key",
        "create",
        "exclude",
        "fulltext",
        "spatial",
        "period",
    }
)


def has_create_table(code: str) -> bool:
    """Whether an untagged block holds SQL DDL worth reading."""
    return any(_TABLE_STATEMENT.match(line) for line in code.splitlines())


@dataclass(frozen=True, slots=True)
class _Statement:
    start: int
    """0-based line of the statement's first code line."""
    end: int
    """0-based line of its last line."""
    text: str
    """The statement from its first code line (comments before it dropped)."""


#: After this many statements of one block that no dialect reads, the block's other table
#: statements go to the fallback reader without sqlglot: each failure costs a parse in every
#: dialect, and 1 MB of broken DDL took 41 s (docs/robustness.md).
_GIVE_UP = 20
_SKIPPED = (
    f"SQL statement not parsed: {_GIVE_UP} statements before it in this block were unreadable"
)


def read_sql(code: str) -> CodeRead:
    """Entities (with columns and foreign keys) of every CREATE/ALTER TABLE in a SQL block."""
    lines = code.splitlines()
    entries: list[Entry] = []
    errors: list[tuple[int, str]] = []
    unreadable = 0
    for statement in _statements(code):
        if not _TABLE_STATEMENT.match(statement.text):
            continue
        # SQLite's virtual tables (full-text indexes) are tables sqlglot does not model.
        virtual = bool(_VIRTUAL.match(statement.text))
        tried = not virtual and unreadable < _GIVE_UP
        entry = _parse(statement, lines) if tried else None
        if entry is None:
            if tried:
                unreadable += 1
                errors.append((statement.start, "SQL statement no dialect of sqlglot can parse"))
            elif not virtual:
                errors.append((statement.start, _SKIPPED))
            entry = _fallback(statement, lines)
        if entry is not None:
            entries.append(entry)
    return CodeRead(entries=tuple(entries), errors=tuple(errors))


def _statements(code: str) -> Iterator[_Statement]:
    """Split a script on top-level semicolons.

    Hand-written: sqlglot's own split fails as a whole on one bad statement, and we need each
    statement's lines to place entities and the comments above them. One pass over the text;
    quotes, dollar quotes and comments are skipped so that a ``;`` inside them does not split.
    """
    n = len(code)
    i = 0
    begin = 0
    while i < n:
        ch = code[i]
        if ch in "'\"`":
            close = code.find(ch, i + 1)
            i = n if close < 0 else close + 1
            continue
        if (ch == "-" and code.startswith("--", i)) or (ch == "#" and _at_line_start(code, i)):
            close = code.find("\n", i)
            i = n if close < 0 else close
            continue
        if ch == "/" and code.startswith("/*", i):
            close = code.find("*/", i + 2)
            i = n if close < 0 else close + 2
            continue
        if ch == "$":
            match = re.match(r"\$\w{0,32}\$", code[i : i + 34])
            if match:
                tag = match.group(0)
                close = code.find(tag, i + len(tag))
                i = n if close < 0 else close + len(tag)
                continue
        if ch == ";":
            statement = _statement(code, begin, i)
            if statement is not None:
                yield statement
            begin = i + 1
        i += 1
    statement = _statement(code, begin, n - 1)
    if statement is not None:
        yield statement


def _at_line_start(code: str, i: int) -> bool:
    start = code.rfind("\n", 0, i) + 1
    return not code[start:i].strip()


def _statement(code: str, begin: int, end: int) -> _Statement | None:
    chunk = code[begin : end + 1]
    first_line = code.count("\n", 0, begin)
    offset = 0
    # Skip the blank and comment lines that open the chunk: they lead the statement.
    for raw in chunk.splitlines(keepends=True):
        stripped = raw.strip()
        if stripped and not stripped.startswith(("--", "#", "/*", "*")):
            break
        offset += len(raw)
    body = chunk[offset:]
    if not body.strip():
        return None
    start = first_line + chunk.count("\n", 0, offset)
    last = first_line + chunk.rstrip().count("\n")
    return _Statement(start=start, end=max(start, last), text=body)


@lru_cache(maxsize=1)
def _sqlglot() -> tuple[ModuleType, ModuleType]:
    import sqlglot
    from sqlglot import expressions

    # sqlglot logs a warning for each statement it falls back to reading as a bare command; we
    # report those statements ourselves (ST503), so its logger is quietened.
    logging.getLogger("sqlglot").setLevel(logging.ERROR)
    return sqlglot, expressions


def _parse(statement: _Statement, lines: list[str]) -> Entry | None:
    sqlglot, exp = _sqlglot()
    for dialect in _DIALECTS:
        try:
            # IMMEDIATE: stop at the first error (RAISE goes on to collect them all, 3 to 5
            # times the work on a statement no dialect reads; what parses is the same).
            parsed = sqlglot.parse_one(
                statement.text, read=dialect or None, error_level=sqlglot.ErrorLevel.IMMEDIATE
            )
        except Exception:  # sqlglot raises several error types, and a few internal ones
            continue
        if isinstance(parsed, exp.Create) and str(parsed.args.get("kind", "")).upper() == "TABLE":
            return _create(parsed, statement, lines, exp)
        if isinstance(parsed, exp.Alter):
            return _alter(parsed, statement, lines, exp)
    return None


def _create(create: Any, statement: _Statement, lines: list[str], exp: ModuleType) -> Entry | None:
    target = create.this
    table = target.this if isinstance(target, exp.Schema) else target
    if not isinstance(table, exp.Table) or not table.name:
        return None
    fields: list[tuple[str, int]] = []
    if isinstance(target, exp.Schema):
        for column in target.expressions:
            # Some dialects read MySQL's inline `INDEX idx (col)` as a column named INDEX.
            if (
                isinstance(column, exp.ColumnDef)
                and column.name
                and (column.this.args.get("quoted") or column.name.lower() not in _NOT_COLUMNS)
            ):
                fields.append((column.name, _line_of(column.this, statement)))
    uses = [_table_name(ref.this, exp) for ref in create.find_all(exp.Reference)]
    return _entry(table.name, statement, lines, fields, uses)


def _alter(alter: Any, statement: _Statement, lines: list[str], exp: ModuleType) -> Entry | None:
    table = alter.this
    if not isinstance(table, exp.Table) or not table.name:
        return None
    fields = [
        (column.name, _line_of(column.this, statement))
        for column in alter.find_all(exp.ColumnDef)
        if column.name
    ]
    uses = [_table_name(ref.this, exp) for ref in alter.find_all(exp.Reference)]
    return _entry(table.name, statement, lines, fields, uses)


def _table_name(node: Any, exp: ModuleType) -> str:
    table = node.this if isinstance(node, exp.Schema) else node
    return str(table.name) if isinstance(table, exp.Table) else ""


def _line_of(node: Any, statement: _Statement) -> int:
    line = node.meta.get("line") if node is not None else None
    return statement.start + (int(line) - 1 if line else 0)


def _entry(
    name: str,
    statement: _Statement,
    lines: list[str],
    fields: list[tuple[str, int]],
    uses: list[str],
) -> Entry:
    return Entry(
        kind=ItemKind.ENTITY,
        name=name,
        line=statement.start,
        end=statement.end,
        lead=comment_lead(lines, statement.start),
        fields=tuple(fields),
        uses=unique(uses),
        words=" ".join([name, *(f for f, _ in fields)]),
    )


def _fallback(statement: _Statement, lines: list[str]) -> Entry | None:
    """The table name and the column-looking lines of a statement no dialect could parse."""
    match = _TABLE_NAME.search(statement.text)
    if match is None:
        return None
    name = match.group(1).split(".")[-1].strip(_QUOTES)
    if not name:
        return None
    fields: list[tuple[str, int]] = []
    for offset, line in enumerate(lines[statement.start + 1 : statement.end + 1], 1):
        column = _COLUMN_LINE.match(line)
        if column and column.group(1).lower() not in _NOT_COLUMNS:
            fields.append((column.group(1), statement.start + offset))
    uses = [m.group(1).split(".")[-1].strip(_QUOTES) for m in _REFERENCES.finditer(statement.text)]
    return _entry(name, statement, lines, fields, uses)
