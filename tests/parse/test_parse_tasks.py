"""Task lists: ids, states, optional markers, nesting, citations and mentions (parse_tasks)."""

from __future__ import annotations

from spectrace.model import MentionKind, Task, TaskState
from spectrace.parse.markdown import parse_markdown
from spectrace.parse.tasks import TasksParse, parse_tasks

SPEC_KIT = frozenset({"FR", "SC", "US"})


def read(text: str, prefixes: frozenset[str] = frozenset()) -> TasksParse:
    return parse_tasks(parse_markdown(text, "tasks.md"), prefixes)


def by_key(text: str, prefixes: frozenset[str] = frozenset()) -> dict[str, Task]:
    return {task.key: task for task in read(text, prefixes).tasks}


def cited(task: Task) -> list[str]:
    return [ref.target for ref in task.refs]


def inherited(task: Task) -> list[str]:
    return [ref.target for ref in task.inherited]


KIRO = """# Implementation Plan

- [x] 1. Lay out the project
  - Create the folders and the build
  - _Requirements: 1.1, 2.1_

- [-] 2. Store loans
  - [x] 2.1 Create the loans table
    - Columns for the member, the copy and the due date
    - _Requirements: 3.1, 3.2_
  - [ ]* 2.2 Write a property test for loan limits
    - **Property 1: One loan per copy**
    - **Validates: Requirements 3.3**
  - [ ] 2.3 Return a copy
    - Dependencies: 2.1
    - _Requirements: All requirements (returns)_

- [ ] 3. Checkpoint - make sure every test passes
"""


def test_kiro_ids_titles_and_states() -> None:
    tasks = by_key(KIRO)
    assert list(tasks) == ["1", "2", "2.1", "2.2", "2.3", "3"]
    assert tasks["1"].title == "Lay out the project"
    assert tasks["1"].state == TaskState.DONE
    assert tasks["2"].state == TaskState.IN_PROGRESS
    assert tasks["2.3"].state == TaskState.OPEN
    assert tasks["2.2"].optional and not tasks["2.1"].optional


def test_kiro_nesting_and_extent() -> None:
    tasks = by_key(KIRO)
    assert [tasks[k].parent for k in ("2.1", "2.2", "2.3")] == ["2", "2", "2"]
    assert tasks["1"].parent == "" and tasks["3"].parent == ""
    assert (tasks["2"].span.line, tasks["2"].span.end_line) == (7, 17)
    # A parent's own text holds no line of its subtasks.
    assert "loans table" not in tasks["2"].text
    assert "Columns for the member" in tasks["2.1"].text


def test_kiro_citations_own_and_from_the_parent() -> None:
    tasks = by_key(KIRO)
    assert cited(tasks["1"]) == ["1.1", "2.1"]
    assert cited(tasks["2.1"]) == ["3.1", "3.2"]
    assert cited(tasks["2.2"]) == ["3.3"]
    assert [ref.span.line for ref in tasks["2.1"].refs] == [10, 10]
    # "Dependencies: 2.1" names a task, and "All requirements" names no id.
    assert cited(tasks["2.3"]) == []
    assert cited(tasks["3"]) == [] and inherited(tasks["3"]) == []


def test_kiro_property_mention() -> None:
    mentions = {(m.kind, m.text) for m in by_key(KIRO)["2.2"].mentions}
    assert (MentionKind.NAME, "Property 1") in mentions


def test_subtasks_side_by_side_take_their_parent_from_the_id() -> None:
    text = """- [x] 1. Set up
- [x] 1.1 Create the app
  - _Requirements: 4.1_
- [ ] 1.2 (P) Add linting
- [x] 2. Store
- [ ] 2.1 Save tasks (P)
  - _Requirements: 1, 2_
"""
    tasks = by_key(text)
    assert [tasks[k].parent for k in ("1.1", "1.2", "2.1")] == ["1", "1", "2"]
    assert tasks["1.2"].parallel and tasks["2.1"].parallel
    assert tasks["2.1"].title == "Save tasks"
    assert cited(tasks["2.1"]) == ["1", "2"]


SPEC_KIT_TASKS = """# Tasks: Board

## Format: `[ID] [P?] [Story] Description`

- **[P]**: can run in parallel

## Phase 1: Setup

- [X] T001 Create the project in `src/`
- [ ] **T002** [P] [SETUP] Configure the linter in `eslint.config.js`

## Phase 2: User Story 1 - Create tasks (Priority: P1)

### Tests for User Story 1

- [ ] T003 [P] [US1] Contract test for POST /api/tasks in `tests/contract/tasks.test.ts`

### Implementation for User Story 1

- [x] T004 [US1] Create the `Task` model in src/models/task.ts (per FR-001)
- [ ] T005 Wire the route, see UTF-8 and SHA-256 notes

## Definition of Done

- [ ] All tests pass
- [x] Reviewed
"""


def test_spec_kit_ids_labels_and_story_tags() -> None:
    parsed = read(SPEC_KIT_TASKS, SPEC_KIT)
    tasks = {task.key: task for task in parsed.tasks}
    assert list(tasks) == ["T001", "T002", "T003", "T004", "T005"]
    assert tasks["T001"].state == TaskState.DONE
    assert tasks["T002"].parallel and tasks["T002"].labels == ("SETUP",)
    assert tasks["T002"].title == "Configure the linter in eslint.config.js"
    assert cited(tasks["T003"]) == ["US1"]
    assert cited(tasks["T004"]) == ["US1", "FR-001"]
    # The definition of done is a checklist, not two more tasks.
    assert parsed.checklist_lines == 2


def test_spec_kit_phase_headings_are_inherited() -> None:
    tasks = by_key(SPEC_KIT_TASKS, SPEC_KIT)
    assert "User Story 1" in inherited(tasks["T003"])
    assert "User Story 1" in inherited(tasks["T005"])
    assert inherited(tasks["T001"]) == []
    # Unlabelled ids count only with a prefix the requirements use.
    assert cited(tasks["T005"]) == []


def test_spec_kit_mentions() -> None:
    tasks = by_key(SPEC_KIT_TASKS, SPEC_KIT)
    t003 = {(m.kind, m.text) for m in tasks["T003"].mentions}
    assert (MentionKind.ENDPOINT, "POST /api/tasks") in t003
    assert (MentionKind.PATH, "tests/contract/tasks.test.ts") in t003
    t004 = {(m.kind, m.text) for m in tasks["T004"].mentions}
    assert (MentionKind.IDENTIFIER, "Task") in t004
    assert (MentionKind.PATH, "src/models/task.ts") in t004


def test_heading_tasks_with_status_lines_and_steps() -> None:
    text = """# Plan

## Phase 1

### T-1.1: Scaffold the service

**Status**: Complete

### T-1.2: Database

- [x] create the schema
- [ ] seed the data

#### **Task 1.3**: Docs

- [x] README written
- [x] API documented

### T-1.4: Deploy (Requirement 2)

Nothing yet.

## 1. Not a task
"""
    tasks = by_key(text)
    assert list(tasks) == ["T-1.1", "T-1.2", "Task 1.3", "T-1.4"]
    assert tasks["T-1.1"].state == TaskState.DONE
    assert tasks["T-1.2"].state == TaskState.IN_PROGRESS
    assert tasks["Task 1.3"].state == TaskState.DONE
    assert tasks["T-1.4"].state == TaskState.OPEN
    assert tasks["Task 1.3"].parent == "T-1.2"  # a deeper heading inside its section
    assert cited(tasks["T-1.4"]) == ["2"]
    assert tasks["T-1.4"].title == "Deploy (Requirement 2)"


def test_plain_checklist_without_ids() -> None:
    text = """# Tasks

- [ ] Add the `alerts` table in `app/models/db.py`
- [x] Add `POST /webhook/alert` to `app/routers/alert.py`
  - [ ] handle retries
"""
    tasks = read(text).tasks
    assert [(t.id, t.key) for t in tasks] == [("", "#1"), ("", "#2"), ("", "#3")]
    assert tasks[2].parent == "#2"
    assert tasks[0].title == "Add the alerts table in app/models/db.py"
    names = {(m.kind, m.text) for m in tasks[1].mentions}
    assert (MentionKind.ENDPOINT, "POST /webhook/alert") in names


def test_numbered_checklist_takes_its_list_numbers() -> None:
    text = """1. [x] Write the schema
2. [ ] Write the API
   1. [ ] list
   2. [ ] create
"""
    tasks = read(text).tasks
    assert [(t.id, t.parent) for t in tasks] == [("1", ""), ("2", ""), ("2.1", "2"), ("2.2", "2")]


def test_localized_labels_and_ranges() -> None:
    text = """- [x] 1. 实现注册
  - _需求: 1.1, 1.3_
- [ ] 2. 投稿
  - _Requirements: 要件1（記事登録）, 要件6（概要）_
- [ ] 3. 全部
  - _需求: 全部_
- [ ] 4. ranges
  - **Validates: Requirements 9.1-9.3**
"""
    tasks = by_key(text)
    assert cited(tasks["1"]) == ["1.1", "1.3"]
    assert cited(tasks["2"]) == ["1", "6"]
    assert cited(tasks["3"]) == []
    assert cited(tasks["4"]) == ["9.1", "9.2", "9.3"]


def test_repeated_ids_get_unique_keys() -> None:
    text = "- [ ] 1. One\n- [ ] 1. Again\n"
    assert [(t.id, t.key) for t in read(text).tasks] == [("1", "1"), ("1", "1#2")]


def test_optional_markers() -> None:
    text = """- [ ]* 1.1 Starred
- [ ]\\* 1.2 Escaped star
- [ ] 1.3* Star after the id
- [ ] 1.4 Docker image (optional)
- [ ] 1.5 容器化（可选）
- [ ] 1.6 Add types (optional if not in schemas already)
"""
    assert [t.optional for t in read(text).tasks] == [True, True, True, True, True, False]


def test_suppression_comment_before_a_task() -> None:
    text = "<!-- spectrace: ignore untraced-task -->\n- [ ] 1. Chore\n- [ ] 2. Other\n"
    tasks = by_key(text)
    assert tasks["1"].suppressed == ("untraced-task",)
    assert tasks["2"].suppressed == ()


def test_a_list_of_numbers_is_not_a_task_list_of_ids() -> None:
    # A number without its dot is no id ("36 scenarios"): the checklist is a plain one.
    tasks = read("- [ ] 36 scenarios verified\n- [ ] 2 reviewers approve\n").tasks
    assert [(t.id, t.title) for t in tasks] == [
        ("", "36 scenarios verified"),
        ("", "2 reviewers approve"),
    ]


def test_no_tasks() -> None:
    parsed = read("# Tasks\n\nWe will see.\n\n- a bullet\n")
    assert parsed.tasks == () and parsed.checklist_lines == 0


def test_a_traceability_table_cites_for_the_tasks_it_names() -> None:
    text = """# Tasks

## Phase 1

- [ ] T1.1 Add the audit table
- [ ] T1.2 Seed the flags

## Phase 2

- [ ] T2.1 Service
- [ ] T2.2 Refactor

## Traceability

| Task | Requirements covered |
|------|----------------------|
| T1.1 | R8 (audit), R10 |
| T2.* | R2, R4.4 |
| T1 | R1 |
| T9.* | everything else |
"""
    tasks = by_key(text, frozenset({"R"}))
    assert cited(tasks["T1.1"]) == ["R8", "R10", "R1"]
    assert cited(tasks["T1.2"]) == ["R1"]  # T1 names the group T1.x
    assert cited(tasks["T2.1"]) == cited(tasks["T2.2"]) == ["R2", "R4.4"]
    assert [ref.span.line for ref in tasks["T2.1"].refs] == [18, 18]
