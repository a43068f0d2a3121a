"""The command line of the report formats: `report`, `check --format sarif|junit|github`, `-o`."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from typer.testing import CliRunner

from spectrace.cli import app

runner = CliRunner()

REQUIREMENTS = """# Requirements

### Requirement 1: Sign in

#### Acceptance Criteria

1. WHEN a user signs in THEN the system SHALL issue a token

### Requirement 2: Sign out

#### Acceptance Criteria

1. WHEN a user signs out THEN the system SHALL drop the token
"""
DESIGN = """# Design

## API

- `POST /api/sessions` - sign in (Requirements: 1.1)

## Data Model

<!-- spectrace: ignore orphan -->
```sql
CREATE TABLE audit_log (id INT PRIMARY KEY);
```

```sql
CREATE TABLE metrics (id INT PRIMARY KEY);
```
"""


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository with one spec, run from its root."""
    (tmp_path / ".git").mkdir()
    folder = tmp_path / "specs" / "auth"
    folder.mkdir(parents=True)
    (folder / "requirements.md").write_text(REQUIREMENTS, encoding="utf-8")
    (folder / "design.md").write_text(DESIGN, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize("fmt", ["text", "markdown", "html", "csv", "json"])
def test_report_writes_every_format_and_exits_0(project: Path, fmt: str) -> None:
    result = runner.invoke(app, ["report", "specs", "--format", fmt])
    assert result.exit_code == 0, result.output
    assert "auth" in result.stdout
    assert result.stderr == ""


def test_report_is_not_a_gate_and_rejects_check_formats(project: Path) -> None:
    assert runner.invoke(app, ["report", "specs", "--format", "sarif"]).exit_code == 2
    assert runner.invoke(app, ["check", "specs", "--format", "html"]).exit_code == 2


def test_report_output_file_is_written_whole(project: Path) -> None:
    result = runner.invoke(app, ["report", "specs", "--format", "html", "-o", "out/report.html"])
    assert result.exit_code == 2 and "folder of the output file does not exist" in result.stderr
    (project / "out").mkdir()
    result = runner.invoke(app, ["report", "specs", "--format", "html", "-o", "out/report.html"])
    assert result.exit_code == 0 and result.stdout == ""
    page = (project / "out" / "report.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "specs/auth/design.md" in page
    assert [p.name for p in (project / "out").iterdir()] == ["report.html"]


def test_check_sarif_annotates_the_markdown_lines(project: Path) -> None:
    result = runner.invoke(app, ["check", "specs", "--format", "sarif"])
    assert result.exit_code == 0  # gaps and orphans are warnings
    results = json.loads(result.stdout)["runs"][0]["results"]
    orphan = next(
        r for r in results if r["ruleId"] == "ST301" and "metrics" in r["message"]["text"]
    )
    location = orphan["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": "specs/auth/design.md", "uriBaseId": "%SRCROOT%"}
    assert location["region"]["startLine"] == 15
    inline = next(r for r in results if "audit_log" in r["message"]["text"])
    assert inline["suppressions"][0]["kind"] == "inSource"


def test_check_junit_and_github(project: Path) -> None:
    junit = runner.invoke(app, ["check", "specs", "--format", "junit"])
    suite = ET.fromstring(junit.stdout).find("testsuite")
    assert suite is not None and suite.get("name") == "auth"
    names = [case.get("name") for case in suite.iter("testcase")]
    assert names[:2] == ["1 Sign in", "2 Sign out"]
    github = runner.invoke(app, ["check", "specs", "--format", "github"]).stdout
    assert "::warning file=specs/auth/design.md,line=15,title=ST301::" in github
    assert "audit_log" not in github  # suppressed inline: not annotated


def test_inline_suppression_is_reported_never_silent(project: Path) -> None:
    text = runner.invoke(app, ["check", "specs"]).stdout
    assert "audit_log" not in text and text.endswith("; not counted: 1 suppressed\n")
    tables = runner.invoke(app, ["report", "specs"]).stdout
    assert "audit_log" in tables and "suppressed" in tables
    data = json.loads(runner.invoke(app, ["check", "specs", "--format", "json"]).stdout)
    silenced = [f for f in data["specs"][0]["findings"] if f["suppressed"]]
    assert [f["subject"] for f in silenced] == ["entity:audit_log"]
    assert runner.invoke(app, ["check", "specs", "--fail-on", "warning"]).exit_code == 1
