"""The plan in every format: shown with a task list, absent without one, task text escaped."""

from __future__ import annotations

import csv
import io
import json
import os
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import jsonschema
import pytest

import spectrace
from spectrace.codes import CODES
from spectrace.model import Report
from spectrace.render import html_diagram
from spectrace.render.registry import FORMATS, format_for

from .conftest import ROOT

REQUIREMENTS = """# Requirements

### Requirement 1: Accounts

#### Acceptance Criteria

1. WHEN a user signs up THEN the system SHALL create an account
"""
DESIGN = """# Design

## API

- `POST /api/accounts` - sign up (Requirements: 1.1)
"""
HOSTILE_TASKS = """# Tasks

- [ ] 1. <script>alert(1)</script> | =SUM(A1) **bold**
  - _Requirements: 1.1_
- [x] 2. ]]><!-- `POST /api/accounts` \x1b[31m
"""


@pytest.fixture(autouse=True)
def no_diagram(monkeypatch: pytest.MonkeyPatch) -> None:
    # SVG changes with the Graphviz version: the pages are golden without their pictures.
    monkeypatch.setattr(html_diagram, "drawn_svg", lambda *_args: "")


@pytest.fixture
def library(in_root: Path) -> Report:
    return spectrace.check([Path("fixtures/library")])


@pytest.fixture
def payments(in_root: Path) -> Report:
    return spectrace.check([Path("fixtures/payments")])


@pytest.fixture
def hostile(tmp_path: Path) -> Report:
    (tmp_path / "requirements.md").write_text(REQUIREMENTS, encoding="utf-8")
    (tmp_path / "design.md").write_text(DESIGN, encoding="utf-8")
    (tmp_path / "tasks.md").write_text(HOSTILE_TASKS, encoding="utf-8")
    return spectrace.check([tmp_path])


def render(command: str, fmt: str, report: Report) -> str:
    return format_for(command, fmt).renderer()(report)


def test_without_a_task_list_no_format_mentions_a_plan(payments: Report) -> None:
    assert payments.plan_total is None
    for command, fmt in [(c, f) for c in ("check", "report") for f in FORMATS]:
        try:
            text = render(command, fmt, payments)
        except KeyError:
            continue
        assert "ST70" not in text, (command, fmt)
        assert "task" not in text.lower().replace("tasks.md", ""), (command, fmt)


def test_json_has_tasks_and_plans_and_matches_its_schema(library: Report) -> None:
    data: dict[str, Any] = json.loads(render("check", "json", library))
    schema = json.loads((ROOT / "docs" / "report.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, schema)
    spec = data["specs"][0]
    assert spec["tasks_file"] == "fixtures/library/tasks.md"
    assert data["plan"]["coverage"] == spec["plan"]["coverage"] == 83.3
    first = spec["requirements"][0]
    assert first["plan"]["chain"] == "design: covered | plan: planned 3/4 done"
    assert first["criteria"][0]["planned_by"] == ["1", "2.1", "2.4"]
    task = next(t for t in spec["tasks"] if t["key"] == "4.1")
    assert task["state"] == "done" and task["parent"] == "4" and task["leaf"]
    assert [link["target"] for link in task["implements"]] == ["3.1", "3.2", "3.3"]
    assert {built["name"] for built in task["builds"]} == {"POST /api/loans", "loans"}


def test_sarif_lists_the_plan_rules_with_a_task_list(library: Report) -> None:
    log = json.loads(render("check", "sarif", library))
    rules = [rule["id"] for rule in log["runs"][0]["tool"]["driver"]["rules"]]
    assert rules == sorted(CODES)
    results = log["runs"][0]["results"]
    plan = [r for r in results if r["ruleId"].startswith("ST7")]
    assert {r["ruleId"] for r in plan} == {"ST701", "ST702", "ST703", "ST704", "ST705"}
    for result in plan:
        assert rules[result["ruleIndex"]] == result["ruleId"]
    schema_path = os.environ.get("SPECTRACE_SARIF_SCHEMA", "")
    if schema_path:
        jsonschema.validate(log, json.loads(Path(schema_path).read_text(encoding="utf-8")))


def test_junit_gives_plan_findings_cases_of_their_own(library: Report) -> None:
    root = ET.fromstring(render("check", "junit", library))
    plan = [case for case in root.iter("testcase") if case.get("classname") == "library.plan"]
    names = {case.get("name") for case in plan}
    assert "ST701 5" in names and "ST704 4.4" in names
    failing = {case.get("name") for case in plan if case.find("failure") is not None}
    assert failing == {"ST701 5", "ST704 4.4"}  # notes pass


def test_markdown_summary_and_plan_gaps(library: Report) -> None:
    text = render("report", "markdown", library)
    assert "· plan 83.3% (6/12 tasks done) ·" in text
    assert "| plan | tasks done |" in text
    assert "### Plan gaps (2)" in text
    assert "| library | 5 Reservations | unplanned | 5.1, 5.2 |" in text


def test_html_progress_bars_tasks_column_and_table(library: Report) -> None:
    page = render("report", "html", library)
    assert '<progress value="3" max="4"></progress> 3/4 done' in page
    assert "<th>id</th><th>status</th><th>tasks</th>" in page
    assert '<td class="tasks">1, 2.1, 2.4</td>' in page
    assert "<h3>Tasks <small>(19)</small></h3>" in page
    assert 'class="label">progress</span><span class="value">6/12</span>' in page


def test_csv_plan_columns(library: Report, payments: Report) -> None:
    rows = list(csv.reader(io.StringIO(render("report", "csv", library))))
    assert rows[0][-2:] == ["plan", "tasks"]
    assert rows[1][-2:] == ["planned 3/4 done", "1; 2.1; 2.2; 2.3; 2.4"]
    plain = list(csv.reader(io.StringIO(render("report", "csv", payments))))
    assert plain[0][-1] == "line"


def test_tables_show_the_chain(library: Report) -> None:
    text = render("report", "text", library)
    assert "planned 3/4 done" in text and "Tasks (fixtures/library/tasks.md)" in text
    assert "open (optional)" in text


def test_task_text_is_escaped_everywhere(hostile: Report) -> None:
    page = render("report", "html", hostile)
    assert page.count("<script") == 2  # the page's data block and its own script, no other
    assert "<td>alert(1) | =SUM(A1) bold</td>" in page  # tags and markup are not text
    assert "]]&gt;&lt;!-- POST /api/accounts" in page
    markdown = render("report", "markdown", hostile)
    assert "<script>" not in markdown
    rows = list(csv.reader(io.StringIO(render("report", "csv", hostile))))
    assert all(not cell.startswith("=") for row in rows for cell in row)
    ET.fromstring(render("check", "junit", hostile))  # well-formed
    for command, fmt in (("check", "text"), ("report", "text"), ("check", "github")):
        assert "\x1b" not in render(command, fmt, hostile), (command, fmt)
