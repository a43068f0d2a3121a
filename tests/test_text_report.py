"""`check --format text`: a linter's list of findings, hints under gaps and orphans, summaries."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from spectrace.cli import app
from spectrace.render.text import SuggestionView, TextView, render

from .conftest import GOLDEN
from .render_sample import sample_report

runner = CliRunner()
FINDING = re.compile(r"^(?P<file>[^:]+):(?P<line>\d+): (?P<code>ST\d{3}) (error|warning|note): \S")


def _check(*args: str, env: dict[str, str] | None = None) -> str:
    result = runner.invoke(app, ["check", *args, "--no-cache"], env=env)
    assert result.exit_code in (0, 1), result.output
    return result.stdout


def _findings(text: str) -> list[re.Match[str]]:
    return [m for m in map(FINDING.match, text.splitlines()) if m]


def test_one_line_per_finding_sorted_by_file_and_line_then_summaries(in_root: Path) -> None:
    text = _check("fixtures")
    findings = _findings(text)
    places = [(m["file"], int(m["line"])) for m in findings]
    assert len(places) == 21 and places == sorted(places)
    lines = text.splitlines()
    # Every line is a finding, a hint under one, or the closing block after one blank line.
    blank = lines.index("")
    assert all(FINDING.match(x) or x.startswith("  did you mean: ") for x in lines[:blank])
    closing = lines[blank + 1 :]
    assert [x.split(":")[0] for x in closing if not x.startswith(" ")] == [
        "library",
        "orders",
        "payments",
        "recipes",
        "taskboard",
        "total (5 specs)",
        "total plan (2 specs with tasks)",
        "findings",
    ]
    assert closing[-1] == "findings: 3 errors, 18 warnings, 28 notes (notes hidden: --show-notes)"


def test_a_gap_gets_its_best_candidate_with_the_criteria_folded(in_root: Path) -> None:
    lines = _check("fixtures/library").splitlines()
    gap = lines.index(
        "fixtures/library/requirements.md:59: ST201 warning: "
        "Requirement 5 (Reservations) is not covered by the design"
    )
    assert lines[gap + 1] == (
        "  did you mean: POST /api/books covers Requirement 5.1, 5.2 (0.28: books, copy)"
    )
    assert not lines[gap + 2].startswith("  ")
    # An orphan has no candidate worth a hint: one would make it a note (ST302), not an orphan.
    orphan = lines.index(
        "fixtures/library/design.md:49: ST301 warning: entity audit_log traces to no requirement"
    )
    assert not lines[orphan + 1].startswith("  ")
    assert sum(line.startswith("  did you mean") for line in lines) == 1


def test_suggestions_shows_every_candidate_and_no_suggestions_none(in_root: Path) -> None:
    every = _check("fixtures/library", "--suggestions").splitlines()
    gap = next(i for i, x in enumerate(every) if "ST201" in x)
    assert every[gap + 1 : gap + 4] == [
        "  did you mean: POST /api/books covers Requirement 5.1, 5.2 (0.28: books, copy)",
        "  did you mean: books covers Requirement 5.1, 5.2 (0.28: books, copies)",
        "  did you mean: GET /api/books covers Requirement 5.1, 5.2 "
        "(0.24: get, books, availability)",
    ]
    assert sum(x.startswith("  did you mean") for x in every) == 3
    none = _check("fixtures/library", "--no-suggestions")
    assert "did you mean" not in none
    assert len(_findings(none)) == 6


def test_notes_are_counted_unless_asked_for(in_root: Path) -> None:
    hidden = _check("fixtures/library")
    assert [m for m in _findings(hidden) if " note: " in m.string] == []
    assert "12 notes (notes hidden: --show-notes)" in hidden
    shown = _check("fixtures/library", "--show-notes")
    assert len([m for m in _findings(shown) if " note: " in m.string]) == 12
    assert "library/requirements.md:65: ST203 note: criterion 5.1 is not covered" in shown
    assert "notes hidden" not in shown
    # Failing on notes lists them: a line that fails the run is never hidden.
    failing = runner.invoke(app, ["check", "fixtures/library", "--fail-on", "note", "--no-cache"])
    assert failing.exit_code == 1 and failing.stdout == shown
    assert _check("fixtures/library", "--fail-on", "note", "--hide-notes") == hidden


def test_the_configuration_can_ask_for_notes_and_every_suggestion(
    in_root: Path, tmp_path: Path
) -> None:
    config = tmp_path / "spectrace.toml"
    config.write_text('show_notes = true\nsuggestions = "all"\n', encoding="utf-8")
    configured = _check("fixtures/library", "--config", str(config))
    assert configured == _check("fixtures/library", "--show-notes", "--suggestions")
    # The command line wins over the file.
    assert "did you mean" not in _check(
        "fixtures/library", "--config", str(config), "--no-suggestions"
    )


def test_suppressed_and_baselined_findings_are_counted_not_listed(
    in_root: Path, tmp_path: Path
) -> None:
    baseline = tmp_path / "baseline.json"
    runner.invoke(app, ["check", "fixtures/payments", "--update-baseline", str(baseline)])
    config = tmp_path / "spectrace.toml"
    config.write_text('ignore = ["orphan"]\n', encoding="utf-8")
    text = _check("fixtures/payments", "--config", str(config), "--baseline", str(baseline))
    assert _findings(text) == []
    # The two orphans are ignored; the gap and the note on ChargeResult are in the baseline.
    assert text.splitlines()[-1] == "findings: none; not counted: 2 suppressed, 2 baselined"


def test_colour_on_request_and_never_when_piped_or_no_color(in_root: Path) -> None:
    coloured = _check("fixtures/library", "--color")
    assert "\x1b[1mfixtures/library/design.md:90:\x1b[0m \x1b[1;31mST101 error\x1b[0m" in coloured
    assert "\x1b[" not in _check("fixtures/library")  # CliRunner's stdout is not a terminal
    assert "\x1b[" not in _check("fixtures/library", "--no-color")
    # --color wins over NO_COLOR, as an explicit choice should.
    assert "\x1b[" in _check("fixtures/library", "--color", env={"NO_COLOR": "1"})
    plain = re.sub(r"\x1b\[[0-9;]*m", "", coloured)
    assert plain == _check("fixtures/library")


def test_hints_need_a_gap_or_an_orphan_finding() -> None:
    report = sample_report()
    best = render(report)
    # audit_log (an orphan) and criterion 2.2 (a gap of Requirement 2) share one suggestion.
    assert best.count("did you mean: audit_log covers Requirement 2.2 (0.41: fine, charge)") == 2
    assert "did you mean" not in render(report, TextView(suggestions=SuggestionView.NONE))
    # Requirement 3 is baselined: neither it nor a hint for it is listed.
    assert "Requirement 3 (" not in best


def test_sample_golden(golden: Callable[[Path, str], None]) -> None:
    """The hand-built sample, hostile titles included, with everything listed."""
    view = TextView(suggestions=SuggestionView.ALL, show_notes=True)
    text = render(sample_report(), view)
    assert "\x1b" not in text
    golden(GOLDEN / "sample" / "report.txt", text)


@pytest.mark.parametrize("view", list(SuggestionView))
def test_same_input_same_bytes(in_root: Path, view: SuggestionView) -> None:
    flag = {"best": [], "all": ["--suggestions"], "none": ["--no-suggestions"]}[view.value]
    assert _check("fixtures", *flag) == _check("fixtures", *flag, "-j", "1")
