"""Markdown: a compact pull-request summary whose tables no document text can break."""

from __future__ import annotations

from dataclasses import replace

from spectrace.model import ItemKind, ItemResult
from spectrace.render.markdown import FOLD_AFTER, MAX_ROWS, cell, render

from .render_sample import empty_report, lending_spec, sample_report


def _table_rows(text: str, heading: str) -> list[str]:
    start = text.index(heading)
    lines = text[start:].splitlines()
    rows = []
    for line in lines[1:]:
        if line.startswith("|"):
            rows.append(line)
        elif rows:
            break
    return rows[2:]  # past the header and its separator


def test_totals_and_coverage_come_first() -> None:
    text = render(sample_report())
    assert text.startswith("## spectrace: 57.1% coverage\n")
    assert "requirements 2/5 covered (1 partial, 2 uncovered)" in text
    assert "findings: 1 error, 4 warnings, 2 notes (1 suppressed, 1 baselined)" in text
    assert "| **total** | **57.1%** |" in text


def test_gaps_orphans_and_dangling_tables_carry_file_and_line() -> None:
    text = render(sample_report())
    gaps = _table_rows(text, "### Gaps (3)")
    assert gaps[0].endswith("| specs/lending/requirements.md:13 |")
    assert "| partial | 2.2 |" in gaps[0]
    assert "uncovered (baselined)" in gaps[1]
    orphans = _table_rows(text, "### Orphans (3)")
    assert "| entity | audit\\_log | specs/lending/design.md:40 |" in orphans[1]
    assert "legacy\\_cards (suppressed)" in orphans[2]
    dangling = _table_rows(text, "### Dangling references (1)")
    assert dangling == ["| lending | 9.1 | Requirements: 9.1 | specs/lending/design.md:14 |"]


def test_cells_escape_pipes_html_and_markup() -> None:
    assert cell("a | b") == "a \\| b"
    assert cell("<script>alert(1)</script>") == "&lt;script&gt;alert(1)&lt;/script&gt;"
    assert cell("**bold** [x](http://e.test) `c`\nnext") == (
        "\\*\\*bold\\*\\* \\[x\\](http://e.test) \\`c\\` next"
    )
    text = render(sample_report())
    assert "<script>" not in text
    # Every table row keeps its column count: the pipe in a title did not add a column.
    for line in text.splitlines():
        if line.startswith("| lending | 2 Renew"):
            assert line.replace("\\|", "").count("|") == 6


def test_long_tables_fold_into_details_and_very_long_ones_are_cut() -> None:
    spec = lending_spec()
    template = next(r for r in spec.items if r.orphan and r.item.kind == ItemKind.ENTITY)
    many = tuple(
        ItemResult(
            item=replace(template.item, id=f"entity:t{n:04}", name=f"t{n:04}"),
            covers=(),
            orphan=True,
        )
        for n in range(MAX_ROWS + 5)
    )
    text = render(replace(sample_report(), specs=(replace(spec, items=many),)))
    assert f"<details><summary><b>Orphans ({MAX_ROWS + 5})</b></summary>" in text
    assert "… and 5 more (see the HTML or JSON report)." in text
    assert "t0199" in text and "t0200" not in text
    short = render(sample_report())
    assert "### Orphans (3)" in short and FOLD_AFTER >= 3


def test_suppressed_and_baselined_findings_are_listed_not_hidden() -> None:
    text = render(sample_report())
    assert "<details><summary><b>Suppressed and baselined (2)</b></summary>" in text
    assert (
        "| lending | suppressed | ST301 | entity legacy\\_cards traces to no requirement |" in text
    )


def test_spec_notes_are_quoted() -> None:
    assert "> **todo**: no explicit references in part of the plan" in render(sample_report())


def test_empty_report() -> None:
    text = render(empty_report())
    assert text.startswith("## spectrace: 0.0% coverage")
    assert "###" not in text
