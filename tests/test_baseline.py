"""Baseline: match on spec, code and subject (never lines); a sorted, stable JSON file."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from typer.testing import CliRunner

from spectrace.baseline import (
    Baseline,
    Entry,
    build_baseline,
    dump_baseline,
    load_baseline,
    parse_baseline,
    spec_key,
)
from spectrace.cli import app
from spectrace.config import Config
from spectrace.errors import ConfigError
from spectrace.model import Report, Span
from spectrace.settings import apply_settings, counted

from .render_sample import lending_spec, sample_report, todo_spec


def _unbaselined() -> Report:
    specs = tuple(
        replace(s, findings=tuple(replace(f, baselined=False) for f in s.findings))
        for s in sample_report().specs
    )
    return replace(sample_report(), specs=specs)


def test_spec_key_is_the_folder_of_the_requirements_document() -> None:
    assert spec_key(lending_spec()) == "specs/lending"
    assert spec_key(replace(todo_spec(), requirements_file="spec.md")) == "."


def test_built_from_unsuppressed_findings_sorted_and_counted() -> None:
    report = _unbaselined()
    baseline = build_baseline(report)
    keys = [entry.key for entry in baseline.entries]
    assert keys == sorted(keys)
    assert ("specs/lending", "ST301", "entity:legacy_cards") not in keys  # suppressed: left out
    assert ("specs/lending", "ST101", "9.1") in keys
    assert ("specs/todo", "ST201", "FR-002") in keys
    assert len(keys) == len(report.findings) - 1


def test_file_is_stable_json_without_lines() -> None:
    text = dump_baseline(build_baseline(_unbaselined()))
    assert text == dump_baseline(build_baseline(_unbaselined()))
    data = json.loads(text)
    assert data["version"] == 1
    assert set(data["findings"][0]) == {"spec", "code", "name", "subject", "count"}
    assert '"line"' not in text
    assert parse_baseline(text) == build_baseline(_unbaselined())


def test_matching_survives_moved_lines_and_catches_new_findings() -> None:
    baseline = build_baseline(_unbaselined())
    spec = lending_spec()
    moved = tuple(
        replace(f, span=Span(file=f.span.file, line=f.span.line + 30), baselined=False)
        for f in spec.findings
    )
    new = replace(moved[0], subject="9.9", message="reference to 9.9, which no requirement defines")
    edited = replace(spec, findings=(*moved, new))
    result = apply_settings(replace(sample_report(), specs=(edited,)), Config(), baseline)
    still_counted = counted(result.findings)
    assert [f.subject for f in still_counted] == ["9.9"]


def test_a_count_absorbs_that_many_findings_and_one_more_is_new() -> None:
    spec = lending_spec()
    dangling = next(f for f in spec.findings if f.code == "ST101")
    twice = replace(spec, findings=(dangling, replace(dangling, span=Span(file="x.md", line=99))))
    baseline = Baseline(
        entries=(Entry(spec="specs/lending", code="ST101", subject="9.1", count=1),)
    )
    result = apply_settings(replace(sample_report(), specs=(twice,)), Config(), baseline)
    assert [f.baselined for f in result.findings] == [True, False]


def test_bad_files_are_config_errors(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="no such baseline file"):
        load_baseline(tmp_path / "missing.json")
    bad = tmp_path / "bad.json"
    for text, message in (
        ("{", "not valid JSON"),
        ('{"version": 1}', "no findings list"),
        ('{"version": 7, "findings": []}', "version 7 is not 1"),
        ('{"version": 1, "findings": [{"spec": "a"}]}', "need spec, code and subject"),
        ('{"version": 1, "findings": [{"spec": "a", "code": "ST101", "count": 0}]}', "count"),
    ):
        bad.write_text(text, encoding="utf-8")
        with pytest.raises(ConfigError, match=message):
            load_baseline(bad)


# Through the command line.

REQUIREMENTS = """# Requirements

### Requirement 1: Sign in

#### Acceptance Criteria

1. WHEN a user signs in THEN the system SHALL issue a token
"""
DESIGN = """# Design

## API

- `POST /api/sessions` - sign in (Requirements: 1.1)
- `GET /api/sessions` - the session (Requirements: 7.1)
"""


@pytest.fixture
def spec_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / ".git").mkdir()
    folder = tmp_path / "specs" / "auth"
    folder.mkdir(parents=True)
    (folder / "requirements.md").write_text(REQUIREMENTS, encoding="utf-8")
    (folder / "design.md").write_text(DESIGN, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return folder


def test_update_baseline_then_only_new_findings_fail(spec_folder: Path) -> None:
    runner = CliRunner()
    assert runner.invoke(app, ["check", "specs"]).exit_code == 1  # the dangling 7.1
    written = runner.invoke(app, ["check", "specs", "--update-baseline", "baseline.json"])
    assert written.exit_code == 0
    assert "wrote" in written.stderr
    data = json.loads(Path("baseline.json").read_text(encoding="utf-8"))
    assert {
        "spec": "specs/auth",
        "code": "ST101",
        "name": "dangling-reference",
        "subject": "7.1",
        "count": 1,
    } in data["findings"]

    passed = runner.invoke(app, ["check", "specs", "--baseline", "baseline.json"])
    assert passed.exit_code == 0
    assert "in the baseline" in passed.stderr

    # Lines move: still matched. A new dangling reference: fails.
    design = spec_folder / "design.md"
    design.write_text(DESIGN.replace("## API\n", "## API\n\nIntro.\n\n"), encoding="utf-8")
    assert runner.invoke(app, ["check", "specs", "--baseline", "baseline.json"]).exit_code == 0
    design.write_text(
        design.read_text(encoding="utf-8") + "- `DELETE /api/sessions` - (Requirements: 8.1)\n",
        encoding="utf-8",
    )
    failed = runner.invoke(
        app, ["check", "specs", "--baseline", "baseline.json", "--format", "sarif"]
    )
    assert failed.exit_code == 1
    results = json.loads(failed.stdout)["runs"][0]["results"]
    states = {
        r["message"]["text"]: r.get("baselineState", "new")
        for r in results
        if r["ruleId"] == "ST101"
    }
    assert states == {
        "reference to 7.1, which no requirement defines": "unchanged",
        "reference to 8.1, which no requirement defines": "new",
    }


def test_baseline_from_the_configuration_and_a_missing_file(spec_folder: Path) -> None:
    runner = CliRunner()
    missing = runner.invoke(app, ["check", "specs", "--baseline", "nope.json"])
    assert missing.exit_code == 2 and "no such baseline file" in missing.stderr
    runner.invoke(app, ["check", "specs", "--update-baseline", "known.json"])
    Path("spectrace.toml").write_text("baseline = 'known.json'\n", encoding="utf-8")
    assert runner.invoke(app, ["check", "specs"]).exit_code == 0
    report = runner.invoke(app, ["report", "specs", "--format", "markdown"])
    assert "| baselined | ST101 |" in report.stdout


def test_baseline_matches_from_another_working_folder(
    spec_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    runner = CliRunner()
    runner.invoke(app, ["check", "specs", "--update-baseline", "baseline.json"])
    monkeypatch.chdir(spec_folder.parent)  # specs/: report paths now read auth/...
    result = runner.invoke(app, ["check", "auth", "--baseline", "../baseline.json"])
    assert result.exit_code == 0, result.output
