"""A re-run of `check` on unchanged inputs replays the last outcome; any change traces again."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from spectrace import pipeline
from spectrace.cli import app

runner = CliRunner()


def _traced_runs(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the runs that trace (call the pipeline) rather than replay."""
    calls: list[int] = []
    real = pipeline.trace

    def counting(*args: object, **kwargs: object) -> object:
        calls.append(1)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(pipeline, "trace", counting)
    return calls


def test_an_unchanged_rerun_replays_output_stderr_and_exit_code(
    library: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A spec's own coverage floor fails the run with a line on stderr.
    Path("spectrace.toml").write_text(
        '[[overrides]]\nspecs = ["library"]\nmin_coverage = 90\n', encoding="utf-8"
    )
    traced = _traced_runs(monkeypatch)
    first = runner.invoke(app, ["check", "library"])
    second = runner.invoke(app, ["check", "library"])
    assert len(traced) == 1
    assert first.exit_code == second.exit_code == 1
    assert first.stdout == second.stdout and "library: coverage 88.9%" in second.stdout
    assert first.stderr == second.stderr and "below" in second.stderr


def test_a_changed_document_option_or_configuration_traces_again(
    library: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    traced = _traced_runs(monkeypatch)
    runner.invoke(app, ["check", "library"])
    runner.invoke(app, ["check", "library", "--format", "json"])  # another option
    assert len(traced) == 2
    design = library / "design.md"
    design.write_text(design.read_text(encoding="utf-8") + "\n- `GET /api/extra` - extra\n")
    changed = runner.invoke(app, ["check", "library"])
    assert len(traced) == 3 and "23 design items" in changed.stdout
    Path("spectrace.toml").write_text('ignore = ["ST301"]\n', encoding="utf-8")
    configured = runner.invoke(app, ["check", "library"])
    assert len(traced) == 4
    assert configured.stdout != changed.stdout
    # What the text report lists is part of the key too.
    for option in ("--show-notes", "--suggestions", "--no-suggestions"):
        shown = runner.invoke(app, ["check", "library", option])
        assert shown.stdout != configured.stdout, option
    assert len(traced) == 7


def test_no_cache_and_a_baseline_always_trace(
    library: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    traced = _traced_runs(monkeypatch)
    for _ in range(2):
        runner.invoke(app, ["check", "library", "--no-cache"])
    assert len(traced) == 2
    runner.invoke(app, ["check", "library", "--update-baseline", "baseline.json"])
    for _ in range(2):
        result = runner.invoke(app, ["check", "library", "--baseline", "baseline.json"])
        assert result.exit_code == 0 and "in the baseline" in result.stderr
    assert len(traced) == 5


def test_the_replayed_report_written_to_a_file_is_the_same(library: Path) -> None:
    runner.invoke(app, ["check", "library", "--format", "sarif", "-o", "first.sarif"])
    runner.invoke(app, ["check", "library", "--format", "sarif", "-o", "second.sarif"])
    assert Path("first.sarif").read_bytes() == Path("second.sarif").read_bytes()
