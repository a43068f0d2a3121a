"""The README and docs stay true: every command, format and finding code is documented."""

from __future__ import annotations

import contextlib
import io
import re
import shlex
from pathlib import Path

import pytest
from typer.main import get_command
from typer.testing import CliRunner

import spectrace
from spectrace.cli import app
from spectrace.codes import CODES
from spectrace.render.registry import FORMATS

from .conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_command_is_in_the_readme() -> None:
    command = get_command(app)
    names = sorted(command.commands)  # type: ignore[attr-defined]
    assert names
    for name in names:
        assert f"spectrace {name}" in README, name


def test_every_format_is_in_the_readme() -> None:
    for name in FORMATS:
        assert re.search(rf"\b{re.escape(name)}\b", README), name


def test_every_code_is_documented() -> None:
    findings = (ROOT / "docs" / "findings.md").read_text(encoding="utf-8")
    for code in CODES.values():
        assert f"## {code.code} {code.name}" in findings
        assert code.explanation in findings


def test_readme_starts_with_the_two_commands() -> None:
    blocks = re.findall(r"```sh\n(.*?)\n```", README, flags=re.S)
    assert "pip install -e . && spectrace check fixtures/" in blocks[0]
    assert "pip install -e '.[test]' && pytest" in blocks[1]


def test_readme_examples_are_real_output(in_root: Path) -> None:
    """Every ```text block of the README that opens with ``$ spectrace ...`` shows exactly what
    that command prints."""
    examples = re.findall(r"```text\n\$ (spectrace [^\n]*)\n(.*?)```", README, flags=re.S)
    assert examples
    for command, shown in examples:
        result = CliRunner().invoke(app, [*shlex.split(command)[1:], "--no-cache"])
        assert result.stdout == shown, command


def test_readme_library_example_prints_what_it_shows(in_root: Path) -> None:
    """The README's Library section: its Python block, run, prints its text block."""
    section = README[README.index("## Library\n") :]
    code, shown = re.findall(r"```python\n(.*?)```\n\n```text\n(.*?)```", section, flags=re.S)[0]
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(compile(code, "README.md", "exec"), {})
    assert printed.getvalue() == shown


def test_library_check_takes_a_str_a_path_or_a_list(in_root: Path) -> None:
    by_str = spectrace.check("fixtures/library")
    assert [spec.name for spec in by_str.specs] == ["library"]
    assert spectrace.check(Path("fixtures/library")) == by_str
    assert spectrace.check(["fixtures/library", Path("fixtures/payments")]).total.requirements == 11
    with pytest.raises(spectrace.InputError, match="no such file or folder"):
        spectrace.check("fixtures/nowhere")
