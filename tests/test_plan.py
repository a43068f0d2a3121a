"""The chain requirements -> design -> tasks: plan status, progress, links and plan findings."""

from __future__ import annotations

from pathlib import Path

import spectrace
from spectrace.model import PlanStatus, SpecReport, TaskState

REQUIREMENTS = """# Requirements

### Requirement 1: Accounts

#### Acceptance Criteria

1. WHEN a user signs up THEN the system SHALL create an account
2. WHEN a user signs in THEN the system SHALL issue a token

### Requirement 2: Audit

#### Acceptance Criteria

1. The system SHALL record every sign-in
2. The system SHALL keep records for a year

### Requirement 3: Export

#### Acceptance Criteria

1. The system SHALL export the audit as CSV
"""

DESIGN = """# Design

## Data Model

```sql
-- Requirements: 1.1
CREATE TABLE accounts (id INT PRIMARY KEY, email TEXT);
-- Requirements: 2.1
CREATE TABLE audit_events (id INT PRIMARY KEY, at TIMESTAMP);
```

## API

- `POST /api/accounts` - sign up (Requirements: 1.1)
- `POST /api/sessions` - sign in (Requirements: 1.2)
- `GET /api/audit/export` - export (Requirements: 3.1)

## Components

### TokenService

Issues tokens (Requirements: 1.2).
"""

TASKS = """# Implementation Plan

- [x] 1. Accounts
  - [x] 1.1 Create the `accounts` table and `POST /api/accounts`
    - _Requirements: 1.1_
  - [ ] 1.2 Implement TokenService for `POST /api/sessions`
    - _Requirements: 1.2_
  - [ ]* 1.3 Write a property test for sign-up
    - _Requirements: 1.1_

- [ ] 2. Audit
  - _Requirements: 2.1_
  - [x] 2.1 Create the audit_events table
  - [ ] 2.2 Record sign-ins
    - _Requirements: 9.9_

- [ ] 3. Checkpoint - run every test
"""


def run(tmp_path: Path, tasks: str | None = TASKS) -> SpecReport:
    (tmp_path / "requirements.md").write_text(REQUIREMENTS, encoding="utf-8")
    (tmp_path / "design.md").write_text(DESIGN, encoding="utf-8")
    if tasks is not None:
        (tmp_path / "tasks.md").write_text(tasks, encoding="utf-8")
    (report,) = spectrace.check([tmp_path]).specs
    return report


def codes(report: SpecReport) -> list[tuple[str, str]]:
    return [(f.code, f.subject) for f in report.findings if f.code.startswith("ST7")]


def test_requirement_plan_status_and_progress(tmp_path: Path) -> None:
    report = run(tmp_path)
    plans = {r.requirement.id: r.plan for r in report.requirements}
    assert all(plan is not None for plan in plans.values())
    accounts, audit, export = plans["1"], plans["2"], plans["3"]
    assert accounts is not None and audit is not None and export is not None
    assert accounts.status == PlanStatus.PLANNED
    # 1.3 is optional and open: it does not count toward progress.
    assert accounts.tasks == ("1.1", "1.2", "1.3")
    assert (accounts.done, accounts.total) == (1, 2)
    assert accounts.chain == "planned 1/2 done"
    # Task 2 cites 2.1; its subtasks inherit it, so 2.2 (whose own id is dangling) counts.
    assert audit.status == PlanStatus.PARTIAL
    assert audit.tasks == ("2.1", "2.2") and (audit.done, audit.total) == (1, 2)
    assert export.status == PlanStatus.UNPLANNED and export.chain == "unplanned"


def test_criteria_are_planned_by_leaf_tasks(tmp_path: Path) -> None:
    report = run(tmp_path)
    criteria = {c.criterion.id: c.planned_by for r in report.requirements for c in r.criteria}
    assert criteria == {
        "1.1": ("1.1", "1.3"),
        "1.2": ("1.2",),
        "2.1": ("2.1", "2.2"),
        "2.2": (),
        "3.1": (),
    }


def test_parent_state_follows_its_subtasks(tmp_path: Path) -> None:
    report = run(tmp_path)
    states = {t.task.key: t.state for t in report.tasks}
    # Written [x] but 1.2 is open: in progress; the open optional 1.3 would not hold it back.
    assert states["1"] == TaskState.IN_PROGRESS
    assert states["2"] == TaskState.IN_PROGRESS
    assert [t.task.key for t in report.tasks if not t.leaf] == ["1", "2"]


def test_tasks_link_to_design_items_by_name(tmp_path: Path) -> None:
    report = run(tmp_path)
    names = {r.item.id: r.item.name for r in report.items}
    builds = {t.task.key: sorted(names[i] for i in t.builds) for t in report.tasks}
    assert builds["1.1"] == ["POST /api/accounts", "accounts"]
    assert builds["1.2"] == ["POST /api/sessions", "TokenService"]
    assert builds["2.1"] == ["audit_events"]
    assert builds["2.2"] == [] and builds["3"] == []
    built = {r.item.name: r.built_by for r in report.items if r.built_by}
    assert built["accounts"] == ("1.1",)
    assert "GET /api/audit/export" not in built


def test_plan_findings(tmp_path: Path) -> None:
    report = run(tmp_path)
    assert sorted(codes(report)) == [
        ("ST701", "3"),
        ("ST702", "2.2"),
        ("ST703", "endpoint:GET /api/audit/export"),
        ("ST704", "9.9"),
        ("ST705", "3"),
    ]
    dangling = next(f for f in report.findings if f.code == "ST704")
    assert dangling.span.file.endswith("tasks.md") and dangling.span.line == 15
    assert dangling.message == "task 2.2 cites 9.9, which no requirement defines"


def test_plan_summary(tmp_path: Path) -> None:
    plan = run(tmp_path).plan
    assert plan is not None
    assert (plan.tasks, plan.work, plan.work_done, plan.untraced) == (8, 5, 2, 1)
    assert (plan.requirements_planned, plan.requirements_partial, plan.requirements) == (1, 1, 3)
    assert (plan.units_planned, plan.units, plan.coverage) == (3, 5, 60.0)
    assert (plan.design_items_built, plan.design_items, plan.dangling) == (5, 6, 1)
    assert plan.progress == 40.0


def test_a_spec_without_tasks_reports_no_plan(tmp_path: Path) -> None:
    report = run(tmp_path, tasks=None)
    assert report.plan is None and report.tasks == () and report.tasks_file == ""
    assert all(r.plan is None for r in report.requirements)
    assert codes(report) == []
    assert spectrace.check([tmp_path]).plan_total is None


def test_a_task_list_without_tasks(tmp_path: Path) -> None:
    report = run(tmp_path, tasks="# Tasks\n\nTo be written.\n")
    assert report.plan is not None and report.plan.coverage == 0.0
    assert codes(report) == [("ST706", report.tasks_file)]


def test_ignore_comment_silences_a_task_finding(tmp_path: Path) -> None:
    tasks = TASKS.replace(
        "- [ ] 3. Checkpoint", "<!-- spectrace: ignore untraced-task -->\n- [ ] 3. Checkpoint"
    )
    untraced = next(f for f in run(tmp_path, tasks).findings if f.code == "ST705")
    assert untraced.suppressed


def test_unbuilt_items_only_when_tasks_name_the_design(tmp_path: Path) -> None:
    tasks = "- [ ] 1. Do the accounts\n  - _Requirements: 1, 2, 3_\n"
    assert [code for code, _ in codes(run(tmp_path, tasks))] == []


def test_a_bracket_without_a_label_cites_only_ids_the_spec_defines(tmp_path: Path) -> None:
    tasks = (
        "# Tasks\n\n### Phase 2: Audit (1.5-2.5h)\n\n"
        "- [ ] 1. Record sign-ins (2.1)\n- [ ] 2. Keep the records (3.5)\n"
    )
    report = run(tmp_path, tasks)
    cited = {
        result.task.key: [ref.target for ref in (*result.task.refs, *result.task.inherited)]
        for result in report.tasks
    }
    assert cited == {"1": ["2.1"], "2": []}
    assert [code for code, _ in codes(report) if code == "ST704"] == []


def test_an_id_matching_two_requirements_is_ambiguous_in_the_design_and_the_tasks(
    tmp_path: Path,
) -> None:
    (tmp_path / "requirements.md").write_text(
        "# Requirements\n\n### FR-001: Export\n\nThe system SHALL export the catalogue.\n\n"
        "### FR-1: Import\n\nThe system SHALL import a catalogue.\n",
        encoding="utf-8",
    )
    (tmp_path / "design.md").write_text(
        "# Design\n\n## API\n\n- `POST /api/exports` - export (Requirements: FR-01)\n",
        encoding="utf-8",
    )
    (tmp_path / "tasks.md").write_text(
        "- [ ] 1. Build the export\n  - _Requirements: FR-01_\n", encoding="utf-8"
    )
    (report,) = spectrace.check([tmp_path]).specs
    ambiguous = [
        (f.span.file.rsplit("/", 1)[-1], f.message) for f in report.findings if f.code == "ST104"
    ]
    assert ambiguous == [
        ("design.md", "reference FR-01 matches FR-001, FR-1"),
        ("tasks.md", "reference FR-01 matches FR-001, FR-1"),
    ]
