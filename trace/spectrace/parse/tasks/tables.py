"""Traceability tables of a task list: a Task column beside a Requirements column.

``| Task | Requirements |`` rows such as ``| T1.3, T1.4 | R4.1, R4.2 |`` say which tasks implement
which requirements, away from the tasks themselves. A task cell names tasks by id (``T1.3``), by
a wildcard (``T2.*``: every task whose id starts with ``T2.``) or by a group id that no task has
(``T8``: the tasks ``T8.1``, ``T8.2``, ...).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from fnmatch import fnmatchcase

from spectrace.model import Reference, Span
from spectrace.parse.markdown import Block, BlockKind, plain
from spectrace.parse.references import find_row_references

_TASK_COLUMN = re.compile(
    r"(?:tasks?|tarefas?|tareas?|タスク|任务|任務|작업)(?:\s?(?:ids?|#|no\.?))?", re.IGNORECASE
)
_TASK_NAME = re.compile(r"[A-Za-z]{0,8}[-_ ]?[0-9]{1,4}[A-Za-z]?(?:\.(?:[0-9]{1,3}[a-z]?|\*)){0,4}")


def table_citations(
    rows: Sequence[Block],
    ids: Sequence[str],
    file: str,
    prefixes: frozenset[str],
    known: frozenset[str] | None = None,
) -> dict[int, list[Reference]]:
    """Task index (in ``ids``) -> the references a traceability table gives it (each id once, at
    its first row: a table of many rows naming one task must not multiply its citations)."""
    found: dict[int, dict[str, Reference]] = {}
    for row in rows:
        if row.kind != BlockKind.ROW or not row.header:
            continue
        columns = [i for i, cell in enumerate(row.header) if _TASK_COLUMN.fullmatch(plain(cell))]
        if not columns or columns[0] >= len(row.cells):
            continue
        column = columns[0]
        cited = [
            hit.target
            for cell, hit in find_row_references(
                row.cells, row.header, prefixes=prefixes, known=known
            )
            if cell != column
        ]
        if not cited:
            continue
        text = plain(" | ".join(row.cells))
        for index in _named(plain(row.cells[column]), ids):
            own = found.setdefault(index, {})
            for target in cited:
                if target not in own:
                    own[target] = Reference(
                        target=target, text=text, span=Span(file=file, line=row.line)
                    )
    return {index: list(refs.values()) for index, refs in found.items()}


def _named(cell: str, ids: Sequence[str]) -> list[int]:
    """Indexes of the tasks a cell names."""
    chosen: list[int] = []
    for match in _TASK_NAME.finditer(cell):
        name = match.group()
        if "*" in name:
            hits = [i for i, ident in enumerate(ids) if fnmatchcase(ident, name)]
        else:
            hits = [i for i, ident in enumerate(ids) if ident == name]
            if not hits:  # a group id no task has: its subtasks
                hits = [i for i, ident in enumerate(ids) if ident.startswith(name + ".")]
        chosen.extend(i for i in hits if i not in chosen)
    return chosen
