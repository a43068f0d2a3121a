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

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def render(report: Report) -> str:
    """The matrix: header, then per spec its requirements, each followed by its criteria."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(HEADER)
    for spec in report.specs:
        writer.writerows(_rows(spec))
    return buffer.getvalue()


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
