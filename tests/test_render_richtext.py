"""`report --format text`: rich tables, plain when piped, coloured on a terminal (captured)."""

from __future__ import annotations

import io

from rich.console import Console

from spectrace.render.richtext import print_report, render

from .render_sample import SCRIPT_TITLE, sample_report


def test_plain_tables_hold_summary_requirements_criteria_orphans_dangling() -> None:
    text = render(sample_report())
    assert "\x1b[" not in text  # no terminal codes when not on a terminal
    assert "spectrace: traceability summary" in text
    assert "total (2 specs)" in text and "57.1%" in text
    assert "Requirements and criteria" in text
    assert "  2.2   uncovered" in text  # a criterion row under its requirement
    assert "Orphans (trace to no requirement)" in text and "audit_log" in text
    assert "Dangling references" in text and "Requirements: 9.1" in text
    assert "warning (suppressed)" in text and "warning (baselined)" in text
    assert all(len(line) <= 100 for line in text.splitlines())


def test_document_text_is_never_console_markup() -> None:
    text = render(sample_report(), width=160)
    assert SCRIPT_TITLE in text  # shown as written, not swallowed
    assert "**loans**" in text


def test_on_a_terminal_the_tables_are_coloured() -> None:
    buffer = io.StringIO()
    console = Console(file=buffer, force_terminal=True, color_system="standard", width=120)
    print_report(sample_report(), console)
    out = buffer.getvalue()
    assert "\x1b[" in out
    assert "uncovered" in out and "lending" in out


def test_same_report_same_text() -> None:
    assert render(sample_report()) == render(sample_report())
