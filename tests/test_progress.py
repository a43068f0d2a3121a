"""The progress bar: on stderr, only on a terminal a person watches, never in a log or a pipe."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from typer.testing import CliRunner

from spectrace.cli import app, progress

runner = CliRunner()


class Terminal(io.StringIO):
    """A stream that says it is a terminal."""

    def isatty(self) -> bool:
        return True


@pytest.fixture
def at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every run counts as a long one: the bar is drawn at its start."""
    monkeypatch.setattr(progress, "DELAY", 0.0)
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")


@pytest.mark.usefixtures("at_once")
def test_a_bar_on_a_terminal_counts_the_specs(
    in_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(progress, "wanted", lambda stream: True)
    result = runner.invoke(app, ["check", "fixtures", "--no-cache", "-j", "1"])
    assert result.exit_code == 1
    assert "tracing specs" in result.stderr and "5/5" in result.stderr
    assert "tracing" not in result.stdout  # the report is untouched


@pytest.mark.usefixtures("at_once")
@pytest.mark.parametrize("command", ["check", "report", "graph"])
def test_no_bar_when_stderr_is_not_a_terminal(in_root: Path, command: str) -> None:
    result = runner.invoke(app, [command, "fixtures", "--no-cache"])
    assert result.exit_code in (0, 1), result.output
    assert result.stderr == ""


@pytest.mark.usefixtures("at_once")
def test_no_bar_in_ci_or_on_a_dumb_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    assert progress.wanted(Terminal())
    assert not progress.wanted(io.StringIO())
    monkeypatch.setenv("TERM", "dumb")
    assert not progress.wanted(Terminal())
    monkeypatch.setenv("TERM", "xterm")
    monkeypatch.setenv("CI", "true")
    assert not progress.wanted(Terminal())


@pytest.mark.usefixtures("at_once")
def test_the_bar_follows_the_hook_and_is_erased() -> None:
    stream = Terminal()
    with progress.progress_bar(stream) as hook:
        assert hook is not None
        hook(0, 3)
        hook(2, 3)
    drawn = stream.getvalue()
    assert "tracing specs" in drawn and "2/3" in drawn
    # Then the cursor is shown again and the bar's line erased: the report starts on a clean line.
    assert drawn.endswith("\x1b[?25h\r\x1b[1A\x1b[2K")
    with progress.progress_bar(io.StringIO()) as hook:
        assert hook is None
