"""The plan gate: --min-plan-coverage, min_plan_coverage in the configuration and its overrides."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

import spectrace
from spectrace.cli import app
from spectrace.config import Config, Override, load_config
from spectrace.errors import ConfigError
from spectrace.settings import plan_shortfalls

from .conftest import FIXTURES


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Two specs: library (a task list, plan coverage 83.3%) and payments (none)."""
    for name in ("library", "payments"):
        shutil.copytree(FIXTURES / name, tmp_path / name)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _run(*args: str) -> Result:
    return CliRunner().invoke(app, [*args, "--no-cache", "--fail-on", "never"])


def test_the_run_plan_coverage_is_gated(repo: Path) -> None:
    assert _run("check", "library", "--min-plan-coverage", "80").exit_code == 0
    result = _run("check", "library", "--min-plan-coverage", "90")
    assert result.exit_code == 1
    assert result.stderr == "spectrace: plan coverage 83.3% is below 90% (min_plan_coverage)\n"


def test_a_spec_without_a_task_list_fails_a_plan_gate(repo: Path) -> None:
    result = _run("check", "library", "payments", "--min-plan-coverage", "50")
    assert result.exit_code == 1
    assert "payments: no task list, nothing is planned (min_plan_coverage 50%)" in result.stderr
    assert _run("check", "payments").exit_code == 0  # no gate asked: no plan needed


def test_configuration_and_overrides(repo: Path) -> None:
    (repo / "spectrace.toml").write_text("min-plan-coverage = 90\n", encoding="utf-8")
    assert _run("check", "library").exit_code == 1
    assert _run("check", "library", "--min-plan-coverage", "10").exit_code == 0
    (repo / "spectrace.toml").write_text(
        "[[overrides]]\nspecs = ['library']\nmin_plan_coverage = 85\n", encoding="utf-8"
    )
    result = _run("check", "library", "payments")
    assert result.exit_code == 1
    assert result.stderr == (
        "spectrace: library: plan coverage 83.3% is below 85% (min_plan_coverage of its override)\n"
    )


def test_the_option_takes_a_percentage(repo: Path) -> None:
    result = _run("check", "library", "--min-plan-coverage", "101")
    assert result.exit_code == 2
    assert "--min-plan-coverage takes a percentage from 0 to 100" in result.stderr


def test_the_configuration_key_is_checked(tmp_path: Path) -> None:
    config = tmp_path / "spectrace.toml"
    config.write_text("min_plan_coverage = 75\n", encoding="utf-8")
    assert load_config(config).min_plan_coverage == 75.0
    config.write_text("min_plan_coverage = -1\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="min_plan_coverage takes a percentage"):
        load_config(config)


def test_shortfalls_are_pure_and_name_each_spec(in_root: Path) -> None:
    report = spectrace.check([Path("fixtures/library"), Path("fixtures/payments")])
    assert plan_shortfalls(report, Config(), None) == ()
    assert plan_shortfalls(report, Config(), 80.0) == (
        "payments: no task list, nothing is planned (min_plan_coverage 80%)",
    )
    exempt = Override(specs=("payments",), min_plan_coverage=0.0)
    assert plan_shortfalls(report, Config(overrides=(exempt,)), 80.0) == ()
    strict = Override(specs=("library",), min_plan_coverage=90.0)
    assert plan_shortfalls(report, Config(overrides=(strict,)), None) == (
        "library: plan coverage 83.3% is below 90% (min_plan_coverage of its override)",
    )


def test_a_replayed_run_keeps_its_plan_gate(repo: Path) -> None:
    runner = CliRunner()
    for _ in range(2):  # the second run is replayed from the outcome cache
        gated = runner.invoke(
            app, ["check", "library", "--min-plan-coverage", "90", "--fail-on", "never"]
        )
        assert gated.exit_code == 1 and "below 90%" in gated.stderr
        free = runner.invoke(app, ["check", "library", "--fail-on", "never"])
        assert free.exit_code == 0 and free.stderr == ""


def test_an_edited_task_list_is_traced_again(repo: Path) -> None:
    """The spec cache and the replayed outcome are keyed by the task list's bytes too."""
    runner = CliRunner()
    first = runner.invoke(app, ["check", "library", "--fail-on", "never"])
    assert "6/12 tasks done" in first.stdout
    tasks = repo / "library" / "tasks.md"
    tasks.write_text(
        tasks.read_text(encoding="utf-8").replace("- [ ] 2.3", "- [x] 2.3"), encoding="utf-8"
    )
    second = runner.invoke(app, ["check", "library", "--fail-on", "never"])
    assert "7/12 tasks done" in second.stdout
    report = runner.invoke(app, ["report", "library", "--format", "json"])
    assert '"work_done": 7' in report.stdout


def test_plan_findings_are_configured_like_the_others(repo: Path) -> None:
    (repo / "spectrace.toml").write_text(
        "ignore = ['untraced-task']\n[severity]\nunplanned-requirement = 'error'\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(app, ["check", "library", "--format", "json", "--no-cache"])
    findings = {f["code"]: f for f in json.loads(result.stdout)["specs"][0]["findings"]}
    assert findings["ST705"]["suppressed"] is True
    assert findings["ST701"]["severity"] == "error"


def test_the_baseline_absorbs_plan_findings(repo: Path) -> None:
    runner = CliRunner()
    written = runner.invoke(app, ["check", "library", "--update-baseline", "base.json"])
    assert written.exit_code == 0, written.stderr
    assert '"code": "ST704"' in (repo / "base.json").read_text(encoding="utf-8")
    assert runner.invoke(app, ["check", "library", "--baseline", "base.json"]).exit_code == 0


def test_explain_knows_the_plan_codes() -> None:
    result = CliRunner().invoke(app, ["explain", "untraced-task"])
    assert result.exit_code == 0 and "ST705" in result.stdout
