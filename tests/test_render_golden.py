"""Golden files of the report formats, rewritten only by `pytest --update-golden`.

The hand-built sample (hostile text included) and the three fixtures, in every format of
`check` and `report` besides the plain text and JSON that tests/test_golden.py covers. The HTML
is rendered without the diagram: SVG changes with the Graphviz version, so it is never golden.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

import spectrace
from spectrace.render import html_diagram
from spectrace.render.registry import format_for

from .conftest import FIXTURES, GOLDEN
from .render_sample import sample_report

#: (command, format) -> golden file name.
FILES = {
    ("check", "sarif"): "report.sarif",
    ("check", "junit"): "report.xml",
    ("check", "github"): "report.github.txt",
    ("report", "text"): "report-tables.txt",
    ("report", "markdown"): "report.md",
    ("report", "html"): "report.html",
    ("report", "csv"): "report.csv",
}
CASES = sorted(p.name for p in FIXTURES.iterdir() if p.is_dir())


@pytest.fixture(autouse=True)
def no_diagram(monkeypatch: pytest.MonkeyPatch) -> None:
    # SVG changes with the Graphviz version: the pages are golden without their pictures.
    monkeypatch.setattr(html_diagram, "drawn_svg", lambda *_args: "")


@pytest.mark.parametrize(("command", "fmt"), sorted(FILES))
def test_golden_sample(command: str, fmt: str, golden: Callable[[Path, str], None]) -> None:
    text = format_for(command, fmt).renderer()(sample_report())
    golden(GOLDEN / "sample" / FILES[command, fmt], text)


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize(("command", "fmt"), sorted(FILES))
def test_golden_fixture(
    case: str, command: str, fmt: str, in_root: Path, golden: Callable[[Path, str], None]
) -> None:
    report = spectrace.check([Path("fixtures") / case])
    text = format_for(command, fmt).renderer()(report)
    assert str(in_root) not in text  # no absolute path of this machine
    golden(GOLDEN / case / FILES[command, fmt], text)
