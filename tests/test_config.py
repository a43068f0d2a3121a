"""Configuration: `[tool.spectrace]` or spectrace.toml, checked, applied, nothing dropped."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from spectrace.cli import app
from spectrace.config import Config, Override, find_config, load_config, read_config
from spectrace.errors import ConfigError
from spectrace.model import Severity
from spectrace.settings import apply_settings, counted, coverage_shortfalls, rules_for

from .render_sample import lending_spec, sample_report, todo_spec

PYPROJECT = """\
[project]
name = "demo"

[tool.spectrace]
paths = ["specs"]
links = "explicit"
min-coverage = 80
fail_on = "warning"
ignore = ["endpoint-without-entity"]
baseline = "spectrace-baseline.json"

[tool.spectrace.severity]
orphan = "error"
ST203 = "warning"

[[tool.spectrace.overrides]]
specs = ["specs/legacy*"]
ignore = ["ST301"]
min_coverage = 40
"""


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_pyproject_table_is_read_with_paths_relative_to_the_file(tmp_path: Path) -> None:
    config = load_config(_write(tmp_path, "pyproject.toml", PYPROJECT))
    assert config.paths == (tmp_path / "specs",)
    assert config.links == "explicit"
    assert config.min_coverage == 80.0
    assert config.fail_on == "warning"
    assert config.ignore == frozenset({"ST402"})
    assert config.severity == (("ST203", Severity.WARNING), ("ST301", Severity.ERROR))
    assert config.baseline == tmp_path / "spectrace-baseline.json"
    assert config.overrides == (
        Override(specs=("specs/legacy*",), ignore=frozenset({"ST301"}), min_coverage=40.0),
    )


def test_spectrace_toml_uses_the_top_level(tmp_path: Path) -> None:
    config = load_config(_write(tmp_path, "spectrace.toml", 'links = "both"\nignore = "orphan"\n'))
    assert config.links == "both" and config.ignore == frozenset({"ST301"})


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("fail_on = 'sometimes'\n", "fail_on takes one of error, warning, note, never"),
        ("min_coverage = 120\n", "min_coverage takes a percentage from 0 to 100"),
        ("ignore = ['ST999']\n", "unknown finding code 'ST999'"),
        ("[severity]\norphan = 'fatal'\n", "severity.orphan takes error, warning or note"),
        ("colour = true\n", "unknown key colour"),
        ("show-notes = 'yes'\n", "show_notes takes true or false, not 'yes'"),
        ("suggestions = 'some'\n", "suggestions takes one of best, all, none"),
        ("[[overrides]]\nignore = ['orphan']\n", r"overrides\[0\]\.specs is required"),
        ("paths = 'a' 'b'\n", "not valid TOML"),
    ],
)
def test_mistakes_are_config_errors_naming_the_file(
    tmp_path: Path, text: str, message: str
) -> None:
    path = _write(tmp_path, "spectrace.toml", text)
    with pytest.raises(ConfigError, match=message) as caught:
        load_config(path)
    assert caught.value.file == str(path)


def test_find_config_walks_up_to_the_repository_root(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    deep = tmp_path / "docs" / "specs"
    deep.mkdir(parents=True)
    _write(tmp_path / "docs", "pyproject.toml", "[project]\nname = 'x'\n")  # no [tool.spectrace]
    assert find_config(deep) is None
    found = _write(tmp_path, "pyproject.toml", PYPROJECT)
    assert find_config(deep) == found
    own = _write(tmp_path / "docs", "spectrace.toml", "links = 'auto'\n")
    assert find_config(deep) == own


def test_read_config_explicit_missing_and_none(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="no such configuration file"):
        read_config(tmp_path / "nope.toml", tmp_path)
    (tmp_path / ".git").mkdir()
    assert read_config(None, tmp_path) == Config()


def test_severity_overrides_and_ignores_never_drop_findings() -> None:
    config = Config(
        severity=(("ST301", Severity.ERROR),),
        ignore=frozenset({"ST101"}),
    )
    report = apply_settings(sample_report(), config)
    before = sample_report().findings
    after = report.findings
    assert len(after) == len(before)
    dangling = next(f for f in after if f.code == "ST101")
    assert dangling.suppressed
    orphans = [f for f in after if f.code == "ST301"]
    assert {f.severity for f in orphans} == {Severity.ERROR}
    assert {f.code for f in counted(after)} >= {"ST301", "ST201"}
    assert "ST101" not in {f.code for f in counted(after)}


def test_overrides_apply_to_matching_specs_only() -> None:
    config = Config(
        overrides=(
            Override(specs=("specs/todo",), ignore=frozenset({"ST201"}), min_coverage=90.0),
            Override(specs=("lend*",), severity=(("ST101", Severity.NOTE),)),
        )
    )
    assert rules_for(todo_spec(), config).ignore == frozenset({"ST201"})
    assert rules_for(lending_spec(), config).ignore == frozenset()
    assert rules_for(lending_spec(), config).severity == {"ST101": Severity.NOTE}
    report = apply_settings(sample_report(), config)
    todo = next(s for s in report.specs if s.name == "todo")
    assert all(f.suppressed for f in todo.findings)
    assert coverage_shortfalls(report, config) == (
        "todo: coverage 50.0% is below 90% (min_coverage of its override)",
    )


def test_inline_suppressions_stay_suppressed() -> None:
    spec = lending_spec()
    report = apply_settings(replace(sample_report(), specs=(spec,)), Config())
    legacy = next(f for f in report.findings if "legacy_cards" in f.message)
    assert legacy.suppressed and not legacy.baselined


# Through the command line.

CLI_REQUIREMENTS = """# Requirements

### Requirement 1: Sign in

#### Acceptance Criteria

1. WHEN a user signs in THEN the system SHALL issue a token
2. WHEN a user signs out THEN the system SHALL drop the token
"""
CLI_DESIGN = """# Design

## API

- `POST /api/sessions` - sign in (Requirements: 1.1)

```sql
CREATE TABLE audit_log (id INT PRIMARY KEY);
```
"""


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / ".git").mkdir()
    for name in ("auth", "legacy"):
        folder = tmp_path / "specs" / name
        folder.mkdir(parents=True)
        (folder / "requirements.md").write_text(CLI_REQUIREMENTS, encoding="utf-8")
        (folder / "design.md").write_text(CLI_DESIGN, encoding="utf-8")
    monkeypatch.chdir(tmp_path / "specs")  # the configuration is found above the working folder
    return tmp_path


def _run(*args: str) -> Result:
    return CliRunner().invoke(app, list(args))


def test_cli_reads_paths_and_fail_on_from_pyproject(repo: Path) -> None:
    assert _run("check", ".").exit_code == 0  # no configuration yet: warnings do not fail
    (repo / "pyproject.toml").write_text(
        '[tool.spectrace]\npaths = ["specs/auth"]\nfail_on = "warning"\n', encoding="utf-8"
    )
    result = _run("check")
    assert result.exit_code == 1
    assert "auth: coverage 50.0%" in result.stdout and "legacy" not in result.stdout
    assert _run("check", "--fail-on", "error").exit_code == 0  # the command line wins


def test_cli_severity_ignore_and_overrides(repo: Path) -> None:
    (repo / "spectrace.toml").write_text(
        "fail_on = 'error'\n"
        "[severity]\norphan = 'error'\n"
        "[[overrides]]\nspecs = ['specs/legacy']\nignore = ['orphan']\n",
        encoding="utf-8",
    )
    result = _run("check", ".", "--format", "json")
    assert result.exit_code == 1  # the orphan of auth is an error now
    data = json.loads(result.stdout)
    orphans = {
        spec["name"]: [
            (f["severity"], f["suppressed"]) for f in spec["findings"] if f["code"] == "ST301"
        ]
        for spec in data["specs"]
    }
    assert orphans == {"auth": [("error", False)], "legacy": [("error", True)]}


def test_cli_min_coverage_from_config_and_per_spec(repo: Path) -> None:
    (repo / "spectrace.toml").write_text("min_coverage = 60\n", encoding="utf-8")
    assert _run("check", ".").exit_code == 1
    assert _run("check", ".", "--min-coverage", "40").exit_code == 0
    (repo / "spectrace.toml").write_text(
        "[[overrides]]\nspecs = ['legacy']\nmin_coverage = 75\n", encoding="utf-8"
    )
    result = _run("check", ".")
    assert result.exit_code == 1
    assert "legacy: coverage 50.0% is below 75%" in result.stderr


def test_cli_explicit_config_file_and_its_errors(repo: Path) -> None:
    other = repo / "ci.toml"
    other.write_text("fail_on = 'note'\n", encoding="utf-8")
    assert _run("check", ".", "--config", str(other)).exit_code == 1
    other.write_text("fail_on = 'loud'\n", encoding="utf-8")
    result = _run("check", ".", "--config", str(other))
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        f"spectrace: error: {other}: fail_on takes one of error, warning, note, never, not 'loud'"
    )
