"""CSV: the traceability matrix, one row per requirement or criterion, safe in a spreadsheet."""

from __future__ import annotations

import csv
import io

from spectrace.render.csv import HEADER, render, safe_cell

from .render_sample import empty_report, sample_report


def _rows() -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(render(sample_report()))))


def test_one_row_per_requirement_and_per_criterion() -> None:
    rows = _rows()
    assert [(r["spec"], r["type"], r["id"]) for r in rows] == [
        ("lending", "requirement", "1"),
        ("lending", "criterion", "1.1"),
        ("lending", "criterion", "1.2"),
        ("lending", "requirement", "2"),
        ("lending", "criterion", "2.1"),
        ("lending", "criterion", "2.2"),
        ("lending", "requirement", "3"),
        ("lending", "criterion", "3.1"),
        ("todo", "requirement", "FR-001"),
        ("todo", "requirement", "FR-002"),
    ]
    partial = rows[3]
    assert partial["status"] == "partial"
    assert partial["covered_by"] == "PUT /api/loans/{id}/renew (explicit); loans (inferred)"
    assert (partial["file"], partial["line"]) == ("specs/lending/requirements.md", "13")
    assert rows[1]["requirement"] == "1"
    assert rows[1]["covered_by"] == "POST /api/loans (inherited)"
    # An item linked twice (explicitly to 1.2, by inheritance to 1) is listed with both origins.
    assert rows[2]["covered_by"] == "POST /api/loans (explicit); POST /api/loans (inherited)"


def test_formula_cells_are_neutralised() -> None:
    rows = _rows()
    assert rows[5]["title"] == "'=SUM(A1:A9) fines | charged daily"
    assert rows[9]["title"] == "'@import tasks from CSV"
    for start in ("=", "+", "-", "@", "\t", "\r"):
        assert safe_cell(f"{start}1+1") == f"'{start}1+1"
    assert safe_cell("1+1") == "1+1"


def test_markup_and_unicode_kept_as_written() -> None:
    rows = _rows()
    assert rows[6]["title"] == "<script>alert(1)</script>"
    assert rows[8]["title"] == "タスク一覧を表示する"


def test_empty_report_has_the_header_only() -> None:
    assert render(empty_report()) == ",".join(HEADER) + "\n"
