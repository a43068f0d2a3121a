"""Discovery: which files form a spec, under folders and roots of every layout."""

from __future__ import annotations

from pathlib import Path

import pytest

from spectrace.discover import discover
from spectrace.errors import InputError


def write(path: Path, text: str = "# x\n") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_spec_folder_is_one_spec(tmp_path: Path) -> None:
    write(tmp_path / "auth" / "requirements.md")
    write(tmp_path / "auth" / "design.md")
    write(tmp_path / "auth" / "tasks.md")
    (spec,) = discover([tmp_path / "auth"])
    assert spec.name == "auth"
    assert spec.requirements.name == "requirements.md"
    assert [p.name for p in spec.design] == ["design.md"]
    assert spec.tasks is not None and spec.tasks.name == "tasks.md"


def test_root_finds_kiro_speckit_and_docs_layouts_sorted(tmp_path: Path) -> None:
    write(tmp_path / ".kiro" / "specs" / "login" / "requirements.md")
    write(tmp_path / ".kiro" / "specs" / "login" / "design.md")
    write(tmp_path / "specs" / "001-board" / "spec.md")
    write(tmp_path / "specs" / "001-board" / "plan.md")
    write(tmp_path / "specs" / "001-board" / "data-model.md")
    write(tmp_path / "specs" / "001-board" / "contracts" / "b.md")
    write(tmp_path / "specs" / "001-board" / "contracts" / "a.md")
    write(tmp_path / "docs" / "specs" / "only-requirements" / "requirements.md")
    write(tmp_path / "node_modules" / "pkg" / "requirements.md")
    write(tmp_path / "node_modules" / "pkg" / "design.md")
    specs = discover([tmp_path])
    assert [s.name for s in specs] == [".kiro/specs/login", "specs/001-board"]
    board = specs[1]
    assert [p.name for p in board.design] == ["plan.md", "data-model.md", "a.md", "b.md"]


def test_explicit_pair(tmp_path: Path) -> None:
    req = write(tmp_path / "r.md")
    des = write(tmp_path / "d.md")
    (spec,) = discover([], requirements=req, design=[des])
    assert spec.requirements == req and spec.design == (des,)


def test_explicit_pair_with_its_task_list(tmp_path: Path) -> None:
    req, des = write(tmp_path / "r.md"), write(tmp_path / "d.md")
    write(tmp_path / "tasks.md")
    (alone,) = discover([], requirements=req, design=[des])
    assert alone.tasks is None  # a pair is read as given: no task list looked for beside it
    tasks = write(tmp_path / "plan-tasks.md")
    (spec,) = discover([], requirements=req, design=[des], tasks=tasks)
    assert spec.tasks == tasks
    with pytest.raises(InputError, match="--task-list goes with them"):
        discover([], tasks=tasks)
    with pytest.raises(InputError, match="no such file"):
        discover([], requirements=req, design=[des], tasks=tmp_path / "missing.md")


def test_spec_kit_folder_finds_its_task_list(tmp_path: Path) -> None:
    write(tmp_path / "specs" / "002-x" / "spec.md")
    write(tmp_path / "specs" / "002-x" / "plan.md")
    write(tmp_path / "specs" / "002-x" / "TASKS.md")
    (spec,) = discover([tmp_path])
    assert spec.tasks is not None and spec.tasks.name == "TASKS.md"


def test_pair_needs_both(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="go together"):
        discover([], requirements=write(tmp_path / "r.md"))


def test_missing_path_and_empty_root(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file or folder"):
        discover([tmp_path / "missing"])
    with pytest.raises(InputError, match="no spec found"):
        discover([tmp_path])


def test_symlink_loop_ends(tmp_path: Path) -> None:
    write(tmp_path / "a" / "requirements.md")
    write(tmp_path / "a" / "design.md")
    (tmp_path / "a" / "loop").symlink_to(tmp_path, target_is_directory=True)
    assert [s.name for s in discover([tmp_path])] == ["a"]


def test_a_document_names_its_folder(tmp_path: Path) -> None:
    write(tmp_path / "f" / "requirements.md")
    write(tmp_path / "f" / "design.md")
    (spec,) = discover([tmp_path / "f" / "requirements.md"])
    assert spec.name == "f"
