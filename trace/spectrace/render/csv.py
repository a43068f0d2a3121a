"""The traceability matrix as CSV: one row per requirement and one per criterion.

Cells that a spreadsheet would run as a formula (starting with ``= + - @``, a tab or a carriage
return) get a leading ``'``, so opening the file never executes document text.
"""

from __future__ import annotations

import csv
import io

from spectrace.model import Link, Report, SpecReport
from spectrace.render.common import item_names, suspect_links

HEADER = (
    "spec",
    "type",
    "id",
    "requirement",
    "title",
    "status",
    "covered_by",
    "file",
    "line",
)

#: Columns added when a spec of the run has a task list: the requirement's plan (``planned 3/5
#: done``) or the criterion's (``planned``, ``unplanned``), and the tasks that implement it.
PLAN_HEADER = ("plan", "tasks")

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def render(report: Report) -> str:
    """The matrix: header, then per spec its requirements, each followed by its criteria."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    planned = report.plan_total is not None
    writer.writerow((*HEADER, *PLAN_HEADER) if planned else HEADER)
    for spec in report.specs:
        rows = _rows(spec)
        if planned:
            rows = [[*row, *extra] for row, extra in zip(rows, _plan_cells(spec), strict=True)]
        writer.writerows(rows)
    return buffer.getvalue()


def _plan_cells(spec: SpecReport) -> list[list[str | int]]:
    """The plan columns of each row of ``_rows(spec)``, in the same order ("" without a plan)."""
    cells: list[list[str | int]] = []
    for result in spec.requirements:
        plan = result.plan
        cells.append([plan.chain, "; ".join(plan.tasks)] if plan else ["", ""])
        for criterion in result.criteria:
            if plan is None:
                cells.append(["", ""])
            else:
                status = "planned" if criterion.planned_by else "unplanned"
                cells.append([status, "; ".join(criterion.planned_by)])
    return [[safe_cell(c) if isinstance(c, str) else c for c in row] for row in cells]


def _rows(spec: SpecReport) -> list[list[str | int]]:
    names = item_names(spec)
    suspects = suspect_links(spec)
    rows: list[list[str | int]] = []
    for result in spec.requirements:
        requirement = result.requirement
        rows.append(
            _row(
                spec.name,
                "requirement",
                requirement.id,
                requirement.id,
                requirement.title or requirement.text,
                result.status.value,
                (*result.covered_by, *(link for c in result.criteria for link in c.covered_by)),
                names,
                suspects,
                requirement.span.file,
                requirement.span.line,
            )
        )
        for criterion_result in result.criteria:
            criterion = criterion_result.criterion
            rows.append(
                _row(
                    spec.name,
                    "criterion",
                    criterion.id,
                    requirement.id,
                    criterion.text,
                    criterion_result.status.value,
                    criterion_result.covered_by,
                    names,
                    suspects,
                    criterion.span.file,
                    criterion.span.line,
                )
            )
    return rows


def _row(
    spec: str,
    kind: str,
    ident: str,
    requirement: str,
    title: str,
    status: str,
    links: tuple[Link, ...],
    names: dict[str, str],
    suspects: frozenset[tuple[str, str]],
    file: str,
    line: int,
) -> list[str | int]:
    # Each covering item with how it links (explicit, inherited, inferred): once per origin;
    # a link to this row's id whose text changed since the lock says so.
    origins = sorted(
        {
            f"{names.get(link.source, link.source)} ({link.origin.value}"
            f"{', suspect' if (link.source, ident) in suspects else ''})"
            for link in links
        }
    )
    cells: list[str | int] = [
        spec,
        kind,
        ident,
        requirement,
        " ".join(title.split()),
        status,
        "; ".join(origins),
        file,
    ]
    return [*(safe_cell(c) if isinstance(c, str) else c for c in cells), line]


def safe_cell(text: str) -> str:
    """The text, with a leading ``'`` when a spreadsheet would take it for a formula."""
    return "'" + text if text.startswith(_FORMULA_STARTS) else text
