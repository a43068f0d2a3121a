"""`spectrace init`: a commented configuration naming the specs found, never overwriting one."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from spectrace.cli import app
from spectrace.config import read_config
from spectrace.version import __version__

from .conftest import ROOT

runner = CliRunner()

REQUIREMENTS = """# Requirements

### Requirement 1: Sign in

#### Acceptance Criteria

1. WHEN a user signs in THEN the system SHALL issue a token
"""
DESIGN = "# Design\n\n- `POST /api/sessions` - sign in (Requirements: 1.1)\n"
PYPROJECT = """[project]
name = "shop"   # a comment that must survive

[tool.ruff]
line-length = 100
"""


def _spec(folder: Path) -> None:
    folder.mkdir(parents=True)
    (folder / "requirements.md").write_text(REQUIREMENTS, encoding="utf-8")
    (folder / "design.md").write_text(DESIGN, encoding="utf-8")


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository with Kiro specs and a docs/specs folder, run from its root."""
    (tmp_path / ".git").mkdir()
    for name in (".kiro/specs/auth", ".kiro/specs/billing", "docs/specs/search"):
        _spec(tmp_path / name)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _init(*args: str) -> Result:
    return runner.invoke(app, ["init", *args])


def test_adds_a_commented_table_to_pyproject_keeping_the_rest(repo: Path) -> None:
    (repo / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    result = _init()
    assert result.exit_code == 0, result.output
    assert result.stderr == (
        "spectrace: wrote [tool.spectrace] in pyproject.toml "
        "(spec paths: .kiro/specs, docs/specs)\n"
    )
    text = (repo / "pyproject.toml").read_text(encoding="utf-8")
    assert text.startswith(PYPROJECT + "\n[tool.spectrace]\n# spectrace: ")
    assert "\n# min_coverage = 80\n" in text and "\n# [tool.spectrace.severity]\n" in text
    config = read_config(None, repo)
    assert config.source.endswith("pyproject.toml")
    assert config.paths == (repo / ".kiro/specs", repo / "docs/specs")
    assert (config.links, config.fail_on, config.show_notes) == ("auto", "error", False)
    # The configuration works: `check` with no path checks the three specs.
    check = runner.invoke(app, ["check", "--no-cache"])
    assert check.exit_code == 0 and "total (3 specs): coverage 100.0%" in check.stdout


def test_prints_the_pre_commit_and_actions_snippets(repo: Path) -> None:
    result = _init()
    assert result.exit_code == 0
    assert "pre-commit: add to .pre-commit-config.yaml" in result.stdout
    assert f"    rev: v{__version__}\n    hooks:\n      - id: spectrace\n" in result.stdout
    assert f"      - uses: OWNER/spectrace@v{__version__}\n" in result.stdout
    # The hook and the action it names are this repository's own.
    assert "- id: spectrace\n" in (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    assert (ROOT / "action.yml").is_file()


def test_never_overwrites_without_force(repo: Path) -> None:
    (repo / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    assert _init().exit_code == 0
    first = (repo / "pyproject.toml").read_bytes()
    again = _init()
    assert again.exit_code == 2 and again.stdout == ""
    assert again.stderr == (
        "spectrace: error: pyproject.toml:7: already has a [tool.spectrace] table: "
        "--force replaces it\n"
    )
    assert (repo / "pyproject.toml").read_bytes() == first
    forced = _init("--force")
    assert forced.exit_code == 0 and forced.stderr.startswith(
        "spectrace: replaced [tool.spectrace]"
    )
    assert (repo / "pyproject.toml").read_bytes() == first  # same input, same bytes


def test_force_replaces_a_table_written_in_pieces(repo: Path) -> None:
    (repo / "pyproject.toml").write_text(
        '[tool.spectrace]\npaths = ["old"]\n\n[tool.spectrace.severity]\norphan = "error"\n\n'
        '[tool.mypy]\nstrict = true\n\n[[tool.spectrace.overrides]]\nspecs = ["x"]\n',
        encoding="utf-8",
    )
    assert _init("--force").exit_code == 0
    text = (repo / "pyproject.toml").read_text(encoding="utf-8")
    assert text.startswith("[tool.mypy]\nstrict = true\n\n[tool.spectrace]\n")
    data = tomllib.loads(text)
    assert data["tool"]["mypy"] == {"strict": True}
    assert set(data["tool"]["spectrace"]) == {
        "paths",
        "links",
        "fail_on",
        "show_notes",
        "suggestions",
    }


def test_writes_spectrace_toml_without_a_pyproject(repo: Path) -> None:
    assert _init().exit_code == 0
    text = (repo / "spectrace.toml").read_text(encoding="utf-8")
    assert "[tool.spectrace]" not in text and "\n# [severity]\n" in text
    assert read_config(None, repo).source.endswith("spectrace.toml")
    refused = _init()
    assert refused.exit_code == 2
    assert (
        refused.stderr == "spectrace: error: spectrace.toml: already exists: --force replaces it\n"
    )
    (repo / "spectrace.toml").write_text('paths = ["elsewhere"]\n', encoding="utf-8")
    assert _init("--force").exit_code == 0
    assert (repo / "spectrace.toml").read_text(encoding="utf-8") == text


def test_spectrace_toml_wins_over_pyproject_as_config_lookup_does(repo: Path) -> None:
    (repo / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    (repo / "spectrace.toml").write_text("", encoding="utf-8")
    result = _init()
    assert result.exit_code == 2 and "spectrace.toml: already exists" in result.stderr
    assert (repo / "pyproject.toml").read_text(encoding="utf-8") == PYPROJECT


def test_no_spec_yet_leaves_paths_commented(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = _init()
    assert result.exit_code == 0 and "(spec paths: none found yet)" in result.stderr
    text = (tmp_path / "spectrace.toml").read_text(encoding="utf-8")
    assert '\n# paths = ["specs"]\n' in text
    assert read_config(None, tmp_path).paths == ()


@pytest.mark.parametrize(
    ("folders", "paths"),
    [
        (["."], ["."]),  # the folder is a spec itself
        (["auth", "billing"], ["auth", "billing"]),  # specs right under it
        (["specs/001-a", "specs/002-b", "specs/nested/003-c"], ["specs"]),  # outermost only
    ],
)
def test_paths_are_the_folders_holding_the_specs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, folders: list[str], paths: list[str]
) -> None:
    for folder in folders:
        target = tmp_path / folder
        target.mkdir(parents=True, exist_ok=True)
        (target / "requirements.md").write_text(REQUIREMENTS, encoding="utf-8")
        (target / "design.md").write_text(DESIGN, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert _init().exit_code == 0
    assert (
        tomllib.loads((tmp_path / "spectrace.toml").read_text(encoding="utf-8"))["paths"] == paths
    )


def test_a_broken_pyproject_is_one_line_and_left_alone(repo: Path) -> None:
    (repo / "pyproject.toml").write_text("[project\nname = 1\n", encoding="utf-8")
    result = _init()
    assert result.exit_code == 2
    assert result.stderr.startswith("spectrace: error: pyproject.toml: not valid TOML: ")
    assert len(result.stderr.splitlines()) == 1 and "Traceback" not in result.output
    assert (repo / "pyproject.toml").read_text(encoding="utf-8") == "[project\nname = 1\n"
    assert sorted(p.name for p in repo.iterdir()) == [".git", ".kiro", "docs", "pyproject.toml"]
