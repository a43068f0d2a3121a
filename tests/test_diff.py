"""`spectrace diff`: two states of a scripted repository traced and compared."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from spectrace.cli import app

from .conftest import FIXTURES
from .gitrepo import commit, git, init, write

runner = CliRunner()

REQUIREMENTS = """# Requirements

### Requirement 1: Loans

**User Story:** As a member, I want to borrow books, so that I can read them at home.

#### Acceptance Criteria

1. WHEN a member borrows an available copy THEN the system SHALL record a loan
2. IF the member already holds five loans THEN the system SHALL refuse the loan
"""

REQUIREMENT_2 = """
### Requirement 2: Exports

**User Story:** As a librarian, I want to export the catalogue, so that I can share it.

#### Acceptance Criteria

1. WHEN a librarian asks for an export THEN the system SHALL produce a CSV file of every book
"""

DESIGN = """# Design

## API

- `POST /api/loans` - borrow a copy (Requirements: 1.1, 1.2)

## Data

```sql
-- Requirements: 1.1
CREATE TABLE loans (id BIGINT PRIMARY KEY);
```
"""

ORPHAN = "- `GET /api/metrics` - counters for the dashboard\n"


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository whose first commit holds specs/lending; the working folder."""
    root = init(tmp_path / "repo")
    write(
        root,
        {"specs/lending/requirements.md": REQUIREMENTS, "specs/lending/design.md": DESIGN},
    )
    commit(root, "lending spec")
    monkeypatch.chdir(root)
    return root


def _second_commit(repo: Path) -> None:
    """Requirement 2 added, with no design; an endpoint nobody asked for."""
    write(
        repo,
        {
            "specs/lending/requirements.md": REQUIREMENTS + REQUIREMENT_2,
            "specs/lending/design.md": DESIGN.replace("## Data", ORPHAN + "\n## Data"),
        },
    )
    commit(repo, "exports, metrics")


def _edit_design(repo: Path, old: str, new: str) -> None:
    """Replace text in the work tree's design."""
    design = repo / "specs/lending/design.md"
    design.write_text(design.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


def _json(*arguments: str) -> dict[str, Any]:
    result = runner.invoke(app, ["diff", *arguments, "--format", "json"])
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def test_two_commits_report_the_added_requirement_and_the_new_orphan(repo: Path) -> None:
    _second_commit(repo)
    data = _json("HEAD~1", "HEAD")
    (spec,) = data["specs"]
    assert spec["folder"] == "specs/lending"
    assert [(r["id"], r["change"]) for r in spec["requirements"]] == [("2", "added")]
    assert [(g["id"], g["before"], g["after"], g["units"]) for g in spec["new_gaps"]] == [
        ("2", None, "uncovered", ["2.1"])
    ]
    assert [(o["name"], o["kind"], o["line"]) for o in spec["new_orphans"]] == [
        ("GET /api/metrics", "endpoint", 7)
    ]
    assert spec["resolved_gaps"] == [] and spec["resolved_orphans"] == []
    assert spec["before"]["coverage"] == 100.0
    assert spec["after"]["coverage"] == pytest.approx(66.7)
    assert data["base"].startswith("HEAD~1 (") and data["head"].startswith("HEAD (")


def test_text_and_markdown_say_the_same(repo: Path) -> None:
    _second_commit(repo)
    text = runner.invoke(app, ["diff", "HEAD~1", "HEAD"])
    assert text.exit_code == 0, text.output
    lines = text.stdout.splitlines()
    assert "total: coverage 100.0% -> 66.7% (-33.3); requirements 1 -> 2; orphans 0 -> 1" in lines
    assert "  specs/lending/requirements.md:12: requirement added: Requirement 2 (Exports)" in lines
    assert "  specs/lending/design.md:7: new orphan: endpoint GET /api/metrics" in lines
    markdown = runner.invoke(app, ["diff", "HEAD~1", "HEAD", "--format", "markdown"])
    assert markdown.stdout.startswith("## spectrace diff: coverage 100.0% → 66.7% (-33.3)\n")
    assert (
        "| specs/lending | Requirement 2 (Exports) | added |  | specs/lending/requirements.md:12 |"
        in (markdown.stdout)
    )
    assert "| specs/lending | endpoint | GET /api/metrics | specs/lending/design.md:7 |" in (
        markdown.stdout
    )
    assert "### New gaps (1)" in markdown.stdout


def test_head_defaults_to_the_work_tree_and_nothing_is_checked_out(repo: Path) -> None:
    write(repo, {"specs/lending/design.md": DESIGN + "\n" + ORPHAN})
    status = git(repo, "status", "--porcelain")
    head = git(repo, "rev-parse", "HEAD")
    data = _json("main")
    assert data["head"] == "work tree"
    assert [o["name"] for o in data["specs"][0]["new_orphans"]] == ["GET /api/metrics"]
    assert git(repo, "status", "--porcelain") == status
    assert git(repo, "rev-parse", "HEAD") == head
    assert (repo / "specs/lending/design.md").read_text(encoding="utf-8").endswith(ORPHAN)


def test_no_change_is_said_so(repo: Path) -> None:
    result = runner.invoke(app, ["diff", "HEAD", "--format", "markdown"])
    assert result.exit_code == 0
    assert "No change to traceability." in result.stdout
    data = _json("HEAD")
    assert data["specs"][0]["changed"] is False


@pytest.mark.parametrize("where", [".", "specs", "specs/lending", "specs/lending/design.md"])
def test_base_and_work_tree_find_the_same_specs_from_any_path(repo: Path, where: str) -> None:
    data = _json("HEAD", "--path", where)
    assert [spec["changed"] for spec in data["specs"]] == [False]


def test_spec_kit_layouts_and_nested_roots_read_the_same_from_git(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = init(tmp_path / "fixtures-repo")
    shutil.copytree(FIXTURES, root / "docs" / "specs")
    commit(root, "all fixtures")
    monkeypatch.chdir(root)
    data = _json("HEAD", "--path", "docs")
    assert [(s["folder"], s["changed"]) for s in data["specs"]] == [
        ("docs/specs/library", False),
        ("docs/specs/orders", False),
        ("docs/specs/payments", False),
        ("docs/specs/recipes", False),
        ("docs/specs/taskboard", False),
    ]
    # A contract removed from the spec-kit design is seen in the work tree, not in the base.
    (root / "docs/specs/taskboard/contracts/board-events.md").unlink()
    changed = [s["folder"] for s in _json("HEAD", "--path", "docs")["specs"] if s["changed"]]
    assert changed == ["docs/specs/taskboard"]


def test_reworded_criteria_are_named_and_formatting_is_not_a_change(repo: Path) -> None:
    requirements = repo / "specs/lending/requirements.md"
    text = requirements.read_text(encoding="utf-8")
    requirements.write_text(
        text.replace("holds five loans", "holds six loans").replace(
            "1. WHEN a member", "1. **WHEN** a member"
        ),
        encoding="utf-8",
    )
    (change,) = _json("HEAD")["specs"][0]["requirements"]
    assert change["change"] == "reworded"
    assert change["criteria_reworded"] == ["1.2"]
    assert change["text_reworded"] is False


def test_resolved_gaps_and_removed_specs(repo: Path) -> None:
    _second_commit(repo)
    _edit_design(repo, ORPHAN, "- `POST /api/exports` (Requirements: 2.1)\n")
    spec = _json("HEAD")["specs"][0]
    assert [(g["id"], g["before"], g["after"]) for g in spec["resolved_gaps"]] == [
        ("2", "uncovered", "covered")
    ]
    assert [(o["name"], o["removed"]) for o in spec["resolved_orphans"]] == [
        ("GET /api/metrics", True)
    ]
    shutil.rmtree(repo / "specs/lending")
    (gone,) = _json("HEAD", "--path", "specs/lending")["specs"]
    assert gone["after"] is None
    assert [(r["id"], r["change"]) for r in gone["requirements"]] == [
        ("1", "removed"),
        ("2", "removed"),
    ]


def test_a_criterion_newly_uncovered_is_a_new_gap_of_its_requirement(repo: Path) -> None:
    _edit_design(repo, "(Requirements: 1.1, 1.2)", "(Requirements: 1.1)")
    spec = _json("HEAD")["specs"][0]
    assert [(g["id"], g["before"], g["after"], g["units"]) for g in spec["new_gaps"]] == [
        ("1", "covered", "partial", ["1.2"])
    ]
    assert spec["requirements"] == []  # the requirements did not change
    (gap,) = spec["new_gaps"]
    assert [(c["unit"], c["kind"], c["name"], c["origin"], c["removed"]) for c in gap["lost"]] == [
        ("1.2", "endpoint", "POST /api/loans", "explicit", False)
    ]


def test_a_new_gap_names_what_covered_it_before(repo: Path) -> None:
    _edit_design(repo, "- `POST /api/loans` - borrow a copy (Requirements: 1.1, 1.2)\n", "")
    text = runner.invoke(app, ["diff", "HEAD"])
    assert text.exit_code == 0, text.output
    assert (
        "  specs/lending/requirements.md:3: new gap: Requirement 1 (Loans) [covered -> partial], "
        "uncovered: 1.2; covered before: 1.2 by endpoint POST /api/loans (explicit, item removed)"
    ) in text.stdout.splitlines()
    markdown = runner.invoke(app, ["diff", "HEAD", "--format", "markdown"]).stdout
    assert "| covered before |" in markdown
    assert "| 1.2 by endpoint POST /api/loans (explicit, item removed) |" in markdown


def test_not_a_git_repository_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "plain"
    write(folder, {"requirements.md": REQUIREMENTS, "design.md": DESIGN})
    monkeypatch.chdir(folder)
    result = runner.invoke(app, ["diff", "main"])
    assert result.exit_code == 2
    assert result.stderr == f"spectrace: error: {folder}: not in a git repository\n"


@pytest.mark.parametrize(
    ("revision", "message"),
    [
        ("no-such-branch", "unknown revision 'no-such-branch'"),
        ("--output=/tmp/x", "not a revision: '--output=/tmp/x'"),
        ("HEAD:specs", "unknown revision 'HEAD:specs'"),
    ],
)
def test_bad_revisions_are_one_line(repo: Path, revision: str, message: str) -> None:
    result = runner.invoke(app, ["diff", "--", revision])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"spectrace: error: {message}")
    assert len(result.stderr.splitlines()) == 1


def test_no_spec_in_either_state_is_an_error(repo: Path) -> None:
    result = runner.invoke(app, ["diff", "HEAD", "--path", "nowhere"])
    assert result.exit_code == 2
    assert "no spec found under nowhere" in result.stderr


def test_output_file_and_same_bytes_every_run(repo: Path) -> None:
    _second_commit(repo)
    first = runner.invoke(app, ["diff", "HEAD~1", "HEAD", "-f", "markdown", "-o", "diff.md"])
    assert first.exit_code == 0 and first.stdout == ""
    again = runner.invoke(app, ["diff", "HEAD~1", "HEAD", "-f", "markdown", "--no-cache"])
    assert (repo / "diff.md").read_text(encoding="utf-8") == again.stdout
