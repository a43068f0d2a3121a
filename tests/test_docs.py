"""The README and docs stay true: every command, format and finding code is documented."""

from __future__ import annotations

import re

from typer.main import get_command

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
