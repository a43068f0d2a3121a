"""`graph --tasks` at real sizes: the tasks' band after the design's in the detail, the tasks'
column in the overview, tasks in --split parts (through the CLI, on the fixtures)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from spectrace.cli import app

runner = CliRunner()

#: The DOT fill of each task state (render/diagram/model.py's TASK_PAINT, as the legend says).
DONE_FILL, IN_PROGRESS_FILL, OPEN_FILL = "#a5d6a7", "#fff59d", "#ffffff"


def graph(*args: str) -> str:
    result = runner.invoke(app, ["graph", *args, "--no-cache"])
    assert result.exit_code == 0, result.output
    return result.stdout


def columns(source: str) -> dict[str, int]:
    """DOT node id -> its column: the order of the ``rank=same`` blocks the layout writes (the
    legend's blocks left out)."""
    blocks = [block.split("}", 1)[0] for block in source.split("rank=same")[1:]]
    placed: dict[str, int] = {}
    for block in (b for b in blocks if "legend%3A" not in b):
        column = len({*placed.values()})
        for line in block.splitlines():
            if line.strip().startswith('"'):
                placed[line.strip().strip('"')] = column
    return placed


@pytest.mark.parametrize("cluster", ["section", "kind", "none"])
def test_detail_draws_the_tasks_in_columns_after_the_design(in_root: Path, cluster: str) -> None:
    source = graph("fixtures/library", "--tasks", "--view", "detail", "--cluster", cluster)
    placed = columns(source)
    tasks = {key: column for key, column in placed.items() if "/task%3A" in key}
    design = {
        key: column
        for key, column in placed.items()
        if "/task%3A" not in key and "/req%3A" not in key
    }
    assert len(tasks) == 14 and "library/task%3A2" not in tasks  # leaves only: 2 is a parent
    assert design and min(tasks.values()) > max(design.values())
    assert {placed[f"library/req%3A{n}"] for n in range(1, 7)} == {0}


def test_detail_colours_tasks_by_state_and_joins_them(in_root: Path) -> None:
    data = json.loads(graph("fixtures/library", "--tasks", "--view", "detail", "-f", "json"))
    states = {n["id"]: n["status"] for n in data["nodes"] if n["kind"] == "task"}
    assert states["library/task:2.1"] == "done" and states["library/task:2.3"] == "open"
    edges = {(e["source"], e["target"], e["kind"]) for e in data["edges"]}
    assert ("library/req:4", "library/task:5.1", "implements") in edges
    assert ("library/endpoint:POST /api/loans/{}/return", "library/task:5.1", "builds") in edges


def test_past_the_budget_the_tasks_are_a_column_of_the_overview(in_root: Path) -> None:
    """The library's detail with its tasks is past the budget (58 lines): the overview has a
    tasks column whose cells say how many of each requirement's tasks are done, as the plan
    counts them (an open optional task does not count)."""
    data = json.loads(graph("fixtures/library", "--tasks", "-f", "json"))
    head = next(n for n in data["nodes"] if n["kind"] == "task")
    assert head["id"] == "library/tasks" and head["label"] == "Tasks 6/12 done"
    assert head["status"] == "in-progress"
    mermaid = graph("fixtures/library", "--tasks", "-f", "mermaid")
    assert 'n_library_req_2 ----|"3/3"| n_library_tasks' in mermaid  # 1, 3.1, 3.2: all done
    assert 'n_library_req_1 ----|"3/4"| n_library_tasks' in mermaid  # 2.4 is optional and open
    assert "n_library_req_5 ----" not in mermaid  # unplanned: an empty cell
    source = graph("fixtures/library", "--tasks")
    cells = {
        line.split('"')[1]: line
        for line in source.splitlines()
        # The fifth column's cells (the tasks'), not the invisible edges between them.
        if line.strip().startswith('"cell%3A1.1%3A5%3A') and " [label=" in line
    }
    assert 'label="3/3"' in cells["cell%3A1.1%3A5%3A2"]
    assert f'fillcolor="{DONE_FILL}"' in cells["cell%3A1.1%3A5%3A2"]
    assert f'fillcolor="{IN_PROGRESS_FILL}"' in cells["cell%3A1.1%3A5%3A1"]
    assert f'fillcolor="{OPEN_FILL}"' in cells["cell%3A1.1%3A5%3A6"]  # 6.1 not started
    assert "Tasks: how many of the tasks" in source  # the caption explains the column


def test_without_tasks_the_overview_has_no_tasks_column(in_root: Path) -> None:
    data = json.loads(graph("fixtures/library", "--view", "overview", "-f", "json"))
    assert "task" not in {node["kind"] for node in data["nodes"]}
    assert "Tasks:" not in graph("fixtures/library", "--view", "overview")


def test_split_by_section_gives_each_part_its_tasks_and_the_tasks_a_part(
    in_root: Path, tmp_path: Path
) -> None:
    out = tmp_path / "parts"
    graph("fixtures/library", "--tasks", "--split", "section", "-f", "json", "-o", str(out))
    index = (out / "index.md").read_text(encoding="utf-8")
    assert "- [library: Tasks (14 tasks)](library-section-05-tasks.json)" in index
    endpoints = json.loads((out / "library-section-02-api-endpoints.json").read_text())
    ids = {node["id"] for node in endpoints["nodes"]}
    assert "library/task:5.2" in ids  # builds POST /api/fines/{id}/settle
    assert "library/task:6.1" not in ids  # builds the ReminderJob, a component
    tasks = json.loads((out / "library-section-05-tasks.json").read_text())
    kinds = {node["kind"] for node in tasks["nodes"]}
    assert kinds == {"requirement", "task"}  # the plan: tasks and what they implement
    requirement = tmp_path / "reqs"
    graph(
        "fixtures/library",
        "--tasks",
        "--split",
        "requirement",
        "-f",
        "json",
        "-o",
        str(requirement),
    )
    fourth = json.loads(
        (requirement / "library-requirement-04-4-returns-and-fines.json").read_text()
    )
    assert {"library/task:5.1", "library/task:5.2"} <= {node["id"] for node in fourth["nodes"]}


def test_a_design_section_called_tasks_keeps_a_box_of_its_own(tmp_path: Path) -> None:
    (tmp_path / "requirements.md").write_text(
        "# Requirements\n\n### Requirement 1: Export\n\n#### Acceptance Criteria\n\n"
        "1. WHEN asked THEN the system SHALL export the board\n",
        encoding="utf-8",
    )
    (tmp_path / "design.md").write_text(
        "# Design\n\n## Tasks\n\n- `GET /api/export` - the board as CSV (Requirements: 1.1)\n",
        encoding="utf-8",
    )
    (tmp_path / "tasks.md").write_text(
        "# Tasks\n\n- [ ] 1. Write `GET /api/export`\n  - _Requirements: 1.1_\n", encoding="utf-8"
    )
    data = json.loads(graph(str(tmp_path), "--tasks", "-f", "json"))
    groups = {node["kind"]: node["group"] for node in data["nodes"]}
    assert groups["endpoint"] == "Tasks (design)" and groups["task"] == "Tasks"


def test_every_kind_in_the_legend_has_a_shape_of_its_own(in_root: Path) -> None:
    """Tasks are drawn beside the statements' boxes: a shared shape would make them one kind."""
    source = graph("fixtures/library", "--tasks", "--view", "detail")
    shapes = dict(re.findall(r'"legend%3Akind%3A(\w+)" \[label=\w+ .*?shape=(\w+)', source))
    assert {"task", "statement"} <= set(shapes)
    assert len(set(shapes.values())) == len(shapes), shapes
    mermaid = graph("fixtures/library", "--tasks", "--view", "detail", "-f", "mermaid")
    brackets = {
        kind: (opening, closing)
        for kind, opening, closing in re.findall(r'legend_(\w+)(\W+)"\w+"(\W+)\n', mermaid)
    }
    assert {"task", "statement"} <= set(brackets)
    assert len(set(brackets.values())) == len(brackets), brackets


def test_an_open_optional_task_does_not_hold_a_cell_back(tmp_path: Path) -> None:
    (tmp_path / "requirements.md").write_text(
        "# Requirements\n\n### Requirement 1: Export\n\n### Requirement 2: Import\n",
        encoding="utf-8",
    )
    (tmp_path / "design.md").write_text(
        "# Design\n\n## API\n\n- `GET /api/export` - the board (Requirements: 1)\n"
        "- `POST /api/import` - a board (Requirements: 2)\n",
        encoding="utf-8",
    )
    (tmp_path / "tasks.md").write_text(
        "# Tasks\n\n- [x] 1. Write the export\n  - _Requirements: 1_\n"
        "- [ ]* 2. Test the export\n  - _Requirements: 1_\n"
        "- [ ]* 3. Test the import\n  - _Requirements: 2_\n",
        encoding="utf-8",
    )
    source = graph(str(tmp_path), "--tasks", "--view", "overview")
    cells = [
        line for line in source.splitlines() if '"cell%3A1.1%3A2%3A' in line and "label=" in line
    ]
    export, imports = cells
    assert 'label="1/1"' in export and f'fillcolor="{DONE_FILL}"' in export
    assert 'label="0/0"' in imports and f'fillcolor="{OPEN_FILL}"' in imports
