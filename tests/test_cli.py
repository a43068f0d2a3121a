"""The command line: exit codes 0/1/2, what goes to stdout and to stderr, files written whole."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from spectrace.cli import app

runner = CliRunner()

CLEAN_REQUIREMENTS = """# Requirements

### Requirement 1: Sign in

#### Acceptance Criteria

1. WHEN a user signs in THEN the system SHALL issue a token
"""
CLEAN_DESIGN = """# Design

## API

- `POST /api/sessions` - sign in (Requirements: 1.1)
"""


def spec(tmp_path: Path, requirements: str, design: str) -> Path:
    folder = tmp_path / "spec"
    folder.mkdir()
    (folder / "requirements.md").write_text(requirements, encoding="utf-8")
    (folder / "design.md").write_text(design, encoding="utf-8")
    return folder


def test_clean_spec_exits_0(tmp_path: Path) -> None:
    result = runner.invoke(app, ["check", str(spec(tmp_path, CLEAN_REQUIREMENTS, CLEAN_DESIGN))])
    assert result.exit_code == 0, result.output
    assert "coverage 100.0%" in result.stdout
    assert result.stderr == ""


def test_dangling_reference_exits_1_with_file_and_line(tmp_path: Path) -> None:
    design = CLEAN_DESIGN + "- `GET /api/sessions` - current session (Requirements: 7.1)\n"
    folder = spec(tmp_path, CLEAN_REQUIREMENTS, design)
    result = runner.invoke(app, ["check", str(folder)])
    assert result.exit_code == 1
    line = next(x for x in result.stdout.splitlines() if "ST101" in x)
    assert line.endswith("design.md:6: ST101 error: reference to 7.1, which no requirement defines")


def test_gaps_are_warnings_unless_fail_on_warning(tmp_path: Path) -> None:
    requirements = (
        CLEAN_REQUIREMENTS + "2. WHEN a user signs out THEN the system SHALL drop the token\n"
    )
    folder = spec(tmp_path, requirements, CLEAN_DESIGN)
    assert runner.invoke(app, ["check", str(folder)]).exit_code == 0
    assert runner.invoke(app, ["check", str(folder), "--fail-on", "warning"]).exit_code == 1
    assert runner.invoke(app, ["check", str(folder), "--min-coverage", "60"]).exit_code == 1
    assert runner.invoke(app, ["check", str(folder), "--min-coverage", "50"]).exit_code == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["check", "does/not/exist"], "does/not/exist: no such file or folder"),
        (["check", "--format", "yaml", "."], "--format takes one of"),
        (["check", "--min-coverage", "120", "."], "--min-coverage takes a percentage"),
    ],
)
def test_bad_usage_exits_2_with_one_line(args: list[str], message: str) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.output


def test_invalid_utf8_is_exit_2_with_file_and_line(tmp_path: Path) -> None:
    folder = spec(tmp_path, CLEAN_REQUIREMENTS, CLEAN_DESIGN)
    (folder / "design.md").write_bytes(b"# Design\n\n- caf\xe9\n")
    result = runner.invoke(app, ["check", str(folder)])
    assert result.exit_code == 2
    assert "design.md:3: is not valid UTF-8" in result.stderr


def test_json_output_file_is_written_whole(tmp_path: Path) -> None:
    folder = spec(tmp_path, CLEAN_REQUIREMENTS, CLEAN_DESIGN)
    out = tmp_path / "report.json"
    result = runner.invoke(app, ["check", str(folder), "--format", "json", "-o", str(out)])
    assert result.exit_code == 0
    assert result.stdout == ""
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["specs"][0]["summary"]["coverage"] == 100.0
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_failed_run_keeps_the_previous_output(tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    out.write_text("previous", encoding="utf-8")
    result = runner.invoke(
        app, ["check", str(tmp_path / "missing"), "--format", "json", "-o", str(out)]
    )
    assert result.exit_code == 2
    assert out.read_text(encoding="utf-8") == "previous"


def test_links_mode_decides_what_counts(tmp_path: Path) -> None:
    unreferenced = (
        "# Design\n\n## API\n\n- `POST /api/tokens` - issue a token when a user signs in\n"
    )
    folder = spec(tmp_path, CLEAN_REQUIREMENTS, unreferenced)
    explicit = runner.invoke(app, ["check", str(folder), "--links", "explicit", "--format", "json"])
    inferred = runner.invoke(app, ["check", str(folder), "--links", "inferred", "--format", "json"])
    assert json.loads(explicit.stdout)["total"]["criteria_covered"] == 0
    assert json.loads(inferred.stdout)["total"]["criteria_covered"] == 1
    (item,) = json.loads(inferred.stdout)["specs"][0]["design_items"]
    assert [link["origin"] for link in item["covers"]] == ["inferred"]


def test_explain_known_and_unknown_codes() -> None:
    result = runner.invoke(app, ["explain", "orphan"])
    assert result.exit_code == 0
    assert result.stdout.startswith("ST301 orphan (warning)")
    assert runner.invoke(app, ["explain", "ST999"]).exit_code == 2


def test_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout.startswith("spectrace ")


def test_a_written_report_gets_the_mode_a_plain_write_would(tmp_path: Path) -> None:
    import os

    folder = spec(tmp_path, CLEAN_REQUIREMENTS, CLEAN_DESIGN)
    fresh = tmp_path / "fresh.json"
    runner.invoke(app, ["check", str(folder), "--format", "json", "-o", str(fresh)])
    umask = os.umask(0)
    os.umask(umask)
    assert fresh.stat().st_mode & 0o777 == 0o666 & ~umask
    kept = tmp_path / "kept.json"
    kept.write_text("old", encoding="utf-8")
    kept.chmod(0o640)
    runner.invoke(app, ["check", str(folder), "--format", "json", "-o", str(kept)])
    assert kept.read_text(encoding="utf-8").startswith("{")
    assert kept.stat().st_mode & 0o777 == 0o640


def test_the_installed_command_answers_version_without_the_cli_library() -> None:
    import subprocess
    import sys

    from spectrace.version import __version__

    probe = (
        "import sys; sys.argv = ['spectrace', '--version']\n"
        "from spectrace.entry import run\n"
        "run()\n"
        "assert 'typer' not in sys.modules and 'spectrace.cli' not in sys.modules\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"spectrace {__version__}\n"
    help_run = subprocess.run(
        [sys.executable, "-m", "spectrace", "--help"], capture_output=True, text=True, check=False
    )
    assert help_run.returncode == 0 and "check" in help_run.stdout
