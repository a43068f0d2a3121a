"""`spectrace graph`: golden DOT and Mermaid of the fixtures (`pytest --update-golden` rewrites
them), SVG without a system Graphviz, the focused and filtered views, hostile text, the
WebAssembly Graphviz after a failed render, PNG without `dot`, same input same bytes, and the
docs' picture and commands."""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

import spectrace
from spectrace.cli import app
from spectrace.errors import SpectraceError
from spectrace.model import Report
from spectrace.render import dot, mermaid, svg
from spectrace.render.diagram import build_diagram, short
from spectrace.render.registry import GRAPH_FORMATS

from .conftest import FIXTURES, GOLDEN, ROOT
from .render_sample import ODD_ITEM, SCRIPT_TITLE, sample_report

runner = CliRunner()

CASES = sorted(p.name for p in FIXTURES.iterdir() if p.is_dir())
SVG_NS = "{http://www.w3.org/2000/svg}"
DOCS = ROOT / "docs" / "diagrams.md"
PICTURE = ROOT / "docs" / "library-diagram.svg"
LEGEND = "legend%3A"
CELL = "cell%3A"  # the overview matrix's cells and repeated headers: no node of the diagram

HOSTILE_REQUIREMENTS = f"""# Requirements

### Requirement 1: {SCRIPT_TITLE}

**User Story:** As a member, I want {SCRIPT_TITLE} shown as text.

#### Acceptance Criteria

1. WHEN a user signs in THEN the system SHALL issue a token
"""
EVIL = '"]; evil [ --> | x'
HOSTILE_DESIGN = f"""# Design

## Components

### {EVIL}

Issues tokens (Requirements: 1.1).

### <script>alert(4)</script>

Also issues tokens (Requirements: 1).
"""

#: Every line of a Mermaid diagram once its quoted labels are emptied.
MERMAID_LINES = (
    r"flowchart LR",
    r"  %% spectrace: [^\n]*",
    r' +subgraph \w+\[""\]',
    r" +end",
    r' +\w+(?:\(|\(\[|\[\(|>|\[/|\[\[|\[|\{\{|\[\\)""(?:\)|\]\)|\)\]|\]|/\]|\]\]|\}\})',
    r' +\w+ (?:===|---|-\.-|-\.->)(?:\|""\|)? \w+',
    r" +(?:classDef|class|linkStyle) [\w,:#. -]+",
)


@pytest.fixture
def no_dot(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """No system Graphviz: PATH is an empty folder, so SVG takes the WebAssembly path."""
    monkeypatch.setenv("PATH", str(tmp_path_factory.mktemp("no-dot")))
    assert shutil.which("dot") is None


def graph(*args: str) -> str:
    """`spectrace graph ARGS` (fresh, no cache): its stdout; it must exit 0 and say nothing."""
    result = runner.invoke(app, ["graph", *args, "--no-cache"])
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    return result.stdout


def node_ids(args: list[str]) -> set[str]:
    """The node ids of `spectrace graph ARGS --format json`."""
    data = json.loads(graph(*args, "--format", "json"))
    return {node["id"] for node in data["nodes"]}


def svg_nodes(document: str) -> dict[str, ET.Element]:
    """Title -> node group of an SVG Graphviz drew; parsing fails on malformed XML."""
    root = ET.fromstring(document.encode("utf-8"))
    nodes: dict[str, ET.Element] = {}
    for group in root.iter(f"{SVG_NS}g"):
        if group.get("class") == "node":
            title = group.find(f"{SVG_NS}title")
            assert title is not None and title.text, ET.tostring(group)
            assert title.text not in nodes, f"two nodes titled {title.text}"
            nodes[title.text] = group
    return nodes


def drawn_ids(report: Report) -> set[str]:
    """The DOT ids of every node of the report's whole diagram."""
    return {dot.node_id(node.key) for node in build_diagram(report).nodes}


def node_text(group: ET.Element) -> str:
    return " ".join(text.text or "" for text in group.iter(f"{SVG_NS}text"))


# --- golden DOT and Mermaid -------------------------------------------------------------------


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("fmt", ["dot", "mermaid"])
def test_golden_graph(
    case: str, fmt: str, in_root: Path, golden: Callable[[Path, str], None]
) -> None:
    report = spectrace.check([Path("fixtures") / case])
    chosen = GRAPH_FORMATS[fmt]
    text = chosen.renderer()(report)
    assert str(in_root) not in text  # no absolute path of this machine
    if fmt == "dot":
        assert f"fixtures/{case}/" in text  # tooltips say where
    golden(GOLDEN / case / f"graph{chosen.suffix}", text)


@pytest.mark.parametrize("case", [c for c in CASES if (FIXTURES / c / "tasks.md").exists()])
@pytest.mark.parametrize("fmt", ["dot", "mermaid"])
def test_golden_graph_with_tasks(
    case: str, fmt: str, in_root: Path, golden: Callable[[Path, str], None]
) -> None:
    """``graph --tasks --view detail``: the tasks in a third band, from what they implement and
    build (past the budget, the default is the overview with a tasks column: test_diagram_tasks)."""
    suffix = GRAPH_FORMATS[fmt].suffix
    text = graph(f"fixtures/{case}", "--tasks", "--view", "detail", "--format", fmt)
    assert "task:" in text.replace("%3A", ":") or "_task_" in text
    golden(GOLDEN / case / f"graph-tasks{suffix}", text)


def test_tasks_stay_out_unless_asked(in_root: Path) -> None:
    text = graph("fixtures/library")
    assert "task%3A" not in text and "implemented by a task" not in text


def test_the_cli_draws_what_the_golden_holds(in_root: Path) -> None:
    """The golden files are the API's output; the command prints the same."""
    expected = (GOLDEN / "library" / "graph.dot").read_text(encoding="utf-8")
    assert graph("fixtures/library") == expected
    expected = (GOLDEN / "library" / "graph.mmd").read_text(encoding="utf-8")
    assert graph("fixtures/library", "--format", "mermaid") == expected


# --- SVG without a system Graphviz ------------------------------------------------------------


@pytest.mark.parametrize("case", CASES)
def test_svg_without_system_dot_draws_every_node(
    case: str, in_root: Path, no_dot: None, tmp_path: Path
) -> None:
    out = tmp_path / f"{case}.svg"
    assert graph(f"fixtures/{case}", "--format", "svg", "-o", str(out)) == ""
    document = out.read_text(encoding="utf-8")
    assert document.startswith("<?xml")
    nodes = svg_nodes(document)
    expected = drawn_ids(spectrace.check([Path("fixtures") / case]))
    assert len(expected) > 5
    drawn = {title for title in nodes if not title.startswith(LEGEND)}
    assert drawn == expected
    assert any(title.startswith(LEGEND) for title in nodes)  # and a legend
    # Every word in a font Graphviz has metrics for (else boxes are sized for Times).
    fonts = {t.get("font-family") for t in ET.fromstring(document).iter(f"{SVG_NS}text")}
    assert fonts == {"Helvetica,sans-Serif"}


def test_render_svg_api_draws_each_spec_of_a_report(no_dot: None) -> None:
    report = spectrace.check([FIXTURES])
    assert len(report.specs) == len(CASES)
    nodes = svg_nodes(svg.render_svg(report))  # four specs together: past the budget
    assert build_diagram(report).overview
    assert {t for t in nodes if not t.startswith((LEGEND, CELL))} == drawn_ids(report)
    spec = report.specs[0]
    one = svg_nodes(svg.render_svg(spec, engine="wasm"))
    assert {t for t in one if not t.startswith(LEGEND)} == {
        dot.node_id(node.key) for node in build_diagram(spec).nodes
    }


def test_system_engine_without_dot_says_how_to_get_it(no_dot: None) -> None:
    with pytest.raises(SpectraceError, match="apt-get install graphviz"):
        svg.render_svg(spectrace.check([FIXTURES / "payments"]), engine="system")


# --- views: focus, gaps, orphans --------------------------------------------------------------


def test_focus_keeps_only_the_neighbourhood(in_root: Path) -> None:
    library = "fixtures/library"
    near = {
        "library/req:3",
        "library/endpoint:POST /api/loans",
        "library/endpoint:GET /api/members/{}/loans",
        "library/property:property_1",
    }
    assert node_ids([library, "--focus", "3", "--depth", "0"]) == {"library/req:3"}
    assert node_ids([library, "--focus", "3"]) == near  # --depth 1 by default
    two = node_ids([library, "--focus", "3", "--depth", "2"])
    assert near < two
    assert {"library/entity:loan", "library/entity:member"} <= two  # what the endpoints use
    everything = node_ids([library])
    for far in ("library/req:1", "library/req:4", "library/entity:audit_log", "library/rule:isbn"):
        assert far in everything and far not in two
    # A criterion id or an item's name finds its node; the focus is marked in every format.
    assert node_ids([library, "--focus", "3.2", "--depth", "0"]) == {"library/req:3"}
    named = node_ids([library, "--focus", "POST /api/loans", "--depth", "0"])
    assert named == {"library/endpoint:POST /api/loans"}
    dot_text = graph(library, "--focus", "3")
    (focused,) = [line for line in dot_text.splitlines() if "penwidth=3" in line]
    assert focused.strip().startswith('"library/req%3A3" [')
    assert "  class n_library_req_3 focus\n" in graph(library, "--focus", "3", "-f", "mermaid")


def test_focus_on_nothing_is_exit_2_with_one_line(in_root: Path) -> None:
    result = runner.invoke(app, ["graph", "fixtures/library", "--focus", "99", "--no-cache"])
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [
        "spectrace: error: --focus 99: no requirement, criterion or design item has that id or name"
    ]
    assert result.stdout == ""


def test_only_gaps_keeps_partial_and_uncovered_with_their_neighbours(in_root: Path) -> None:
    gaps = node_ids(["fixtures/library", "--only", "gaps"])
    # 5 is uncovered: nothing links it, and nothing in the design's text addresses it.
    assert gaps == {"library/req:5"}
    everything = node_ids(["fixtures/library"])
    for far in ("library/req:1", "library/req:3", "library/entity:audit_log"):
        assert far in everything and far not in gaps


def test_only_orphans_keeps_orphans_with_their_neighbours(in_root: Path) -> None:
    orphans = node_ids(["fixtures/payments", "--only", "orphans"])
    assert orphans == {
        "payments/endpoint:DELETE /v1/payments/{}",
        "payments/entity:webhook",
        "payments/entity:payment",  # what the orphan endpoint uses: context, not an orphan
    }
    data = json.loads(graph("fixtures/payments", "--only", "orphans", "--format", "json"))
    statuses = {node["id"]: node["status"] for node in data["nodes"]}
    assert statuses.pop("payments/entity:payment") == "linked"
    assert set(statuses.values()) == {"orphan"}
    assert not any(node.startswith("payments/req:") for node in orphans)


def test_only_with_nothing_to_show_says_so(tmp_path: Path) -> None:
    folder = tmp_path / "clean"
    folder.mkdir()
    (folder / "requirements.md").write_text(
        "# Requirements\n\n### Requirement 1: Sign in\n\n#### Acceptance Criteria\n\n"
        "1. WHEN a user signs in THEN the system SHALL issue a token\n",
        encoding="utf-8",
    )
    (folder / "design.md").write_text(
        "# Design\n\n## API\n\n- `POST /api/sessions` - sign in (Requirements: 1.1)\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["graph", str(folder), "--only", "orphans", "--no-cache"])
    assert result.exit_code == 0
    assert result.stderr == "spectrace: no orphans: nothing to show\n"
    assert "no orphans: nothing to show" in result.stdout  # the empty diagram says it too


# --- hostile text -----------------------------------------------------------------------------


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    """A spec whose requirement title is a script tag and whose design items are named to break
    out of a DOT string or a Mermaid label."""
    folder = tmp_path / "hostile"
    folder.mkdir()
    (folder / "requirements.md").write_text(HOSTILE_REQUIREMENTS, encoding="utf-8")
    (folder / "design.md").write_text(HOSTILE_DESIGN, encoding="utf-8")
    return folder


def test_hostile_names_stay_text_in_dot_and_svg(hostile: Path, no_dot: None) -> None:
    report = spectrace.check([hostile])
    expected = drawn_ids(report)
    assert len(expected) == 3  # the requirement and two components: no node named "evil"
    source = graph(str(hostile))
    assert "label=<" not in source  # never an HTML-like label
    document = svg.to_svg(source, engine="wasm")  # the DOT parses: Graphviz draws it
    assert "<script" not in document
    assert "&lt;script&gt;alert(4)&lt;/script&gt;" in document
    root = ET.fromstring(document.encode("utf-8"))
    assert not [e for e in root.iter() if e.tag.rpartition("}")[2] == "script"]
    nodes = svg_nodes(document)
    assert {t for t in nodes if not t.startswith(LEGEND)} == expected
    # Each name is drawn whole, as written (the requirement title's tags are stripped by the
    # Markdown reader; the headings keep theirs).
    texts = {title: node_text(group) for title, group in nodes.items()}
    assert texts["hostile/component%3Aevil_x"] == EVIL
    assert texts["hostile/component%3Ascript_alert_4_script"] == "<script>alert(4)</script>"
    assert texts["hostile/req%3A1"] == "1: alert(1)"


def test_hostile_text_of_a_built_report_stays_text(no_dot: None) -> None:
    """The hand-built sample keeps the script title itself and an item id with quotes."""
    report = sample_report()
    document = svg.render_svg(report)
    assert SCRIPT_TITLE not in document and "<script" not in document
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in document
    nodes = svg_nodes(document)
    assert {t for t in nodes if not t.startswith(LEGEND)} == drawn_ids(report)
    assert any(node_text(group) == ODD_ITEM for group in nodes.values())
    text = mermaid.render(report)
    assert SCRIPT_TITLE not in text and ODD_ITEM not in text
    assert '("3: #lt;script#gt;alert(1)#lt;/script#gt;")' in text  # one line, escaped


def test_hostile_names_are_escaped_in_mermaid(hostile: Path) -> None:
    text = graph(str(hostile), "--format", "mermaid")
    labels = re.findall(r'"(.*?)"', text)
    assert labels
    for label in labels:  # a label ends at the next quote: nothing inside may break out
        assert "-->" not in label and "|" not in label and "<script" not in label, label
    assert '"#quot;]; evil [ --#gt; #124; x"' in text
    assert '"#lt;script#gt;alert(4)#lt;/script#gt;"' in text
    # Outside labels only Mermaid's own syntax: ids, shapes, the two edges, styles.
    for line in re.sub(r'"[^"]*"', '""', text).splitlines():
        assert any(re.fullmatch(syntax, line) for syntax in MERMAID_LINES), line
    edges = [line for line in text.splitlines() if " === " in line]
    assert edges == [
        "  n_hostile_req_1 === n_hostile_component_evil_x",
        "  n_hostile_req_1 === n_hostile_component_script_alert_4_script",
    ]


def test_mermaid_label_escapes_what_ends_or_changes_a_label() -> None:
    assert mermaid.label('a "b" | c --> d <e> & #f `g` \\h\nnext') == (
        "a #quot;b#quot; #124; c --#gt; d #lt;e#gt; #amp; #35;f #96;g#96; #92;h<br>next"
    )


# --- the WebAssembly Graphviz after a failure -------------------------------------------------


def test_wasm_graphviz_draws_again_after_a_failed_render(no_dot: None) -> None:
    with pytest.raises(SpectraceError, match=r"Graphviz \(WebAssembly\) could not draw"):
        svg.to_svg("digraph { a -> ", engine="wasm")  # a syntax error
    report = spectrace.check([FIXTURES / "payments"])
    first = svg.render_svg(report)
    assert {t for t in svg_nodes(first) if not t.startswith(LEGEND)} == drawn_ids(report)
    # A trap inside the WebAssembly (the parser's stack overflows), then a render again.
    nested = "digraph {" + "{" * 20000 + "a" + "}" * 20000 + "}"
    with pytest.raises(SpectraceError, match=r"Graphviz \(WebAssembly\) could not draw"):
        svg.to_svg(nested, engine="wasm")
    assert svg.render_svg(report) == first
    assert "<title>c</title>" in svg.to_svg("digraph { c -> d }", engine="wasm")


# --- PNG without the system dot ---------------------------------------------------------------


@pytest.mark.parametrize("args", [["--format", "png", "-o"], ["-o"]])
def test_png_without_system_dot_is_exit_2_and_no_file(
    args: list[str], in_root: Path, no_dot: None, tmp_path: Path
) -> None:
    out = tmp_path / "library.png"  # with -o only, the suffix picks png
    result = runner.invoke(app, ["graph", "fixtures/library", *args, str(out), "--no-cache"])
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 1
    assert lines[0] == (
        "spectrace: error: PNG needs Graphviz's dot program, which is not on PATH: install "
        "Graphviz (apt-get install graphviz, brew install graphviz, or "
        "https://graphviz.org/download/); or use --format svg, which needs nothing more"
    )
    assert result.stdout == ""
    assert list(tmp_path.iterdir()) == []  # no file, no temporary left behind


def test_png_to_stdout_without_dot_prints_nothing(in_root: Path, no_dot: None) -> None:
    result = runner.invoke(app, ["graph", "fixtures/library", "--format", "png", "--no-cache"])
    assert result.exit_code == 2
    assert "apt-get install graphviz" in result.stderr and result.stdout == ""


# --- same input, same bytes -------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["dot", "mermaid"])
def test_two_runs_give_the_same_bytes(fmt: str, in_root: Path) -> None:
    """Two processes with different hash seeds (set and dict order must not leak out)."""
    outputs = []
    for seed in ("1", "2"):
        done = subprocess.run(
            [sys.executable, "-m", "spectrace", "graph", "fixtures", "--format", fmt, "--no-cache"],
            capture_output=True,
            check=False,
            env={**os.environ, "PYTHONHASHSEED": seed},
        )
        assert done.returncode == 0, done.stderr
        outputs.append(done.stdout)
    assert outputs[0] == outputs[1]
    assert all(f"{case}" in outputs[0].decode() for case in CASES)  # four specs, one overview
    assert outputs[0].decode("utf-8") == graph("fixtures", "--format", fmt)


# --- labels -----------------------------------------------------------------------------------


def test_labels_break_between_words_not_inside_them() -> None:
    assert short("Requirement 4: Returns and fines for late loans") == (
        "Requirement 4: Returns and\nfines for late loans"
    )
    assert short("GET /api/members/{id}/loans") == "GET /api/members/{id}/\nloans"
    assert short("VenueImportSchema.venueType") == "VenueImportSchema.\nvenueType"
    assert short("user_geographic_authorization_id") == "user_geographic_\nauthorization_id"
    assert short("UserGeographicAuthorization") == "UserGeographic\nAuthorization"
    assert short("x" * 60) == "x" * 26 + "\n" + "x" * 25 + "…"


# --- the docs ---------------------------------------------------------------------------------


def test_the_docs_picture_is_what_the_tool_draws(
    in_root: Path, no_dot: None, tmp_path: Path, golden: Callable[[Path, str], None]
) -> None:
    """docs/library-diagram.svg is `spectrace graph fixtures/library --format svg` (WebAssembly
    Graphviz); `pytest --update-golden` redraws it."""
    out = tmp_path / "library-diagram.svg"
    graph("fixtures/library", "--format", "svg", "-o", str(out))
    golden(PICTURE, out.read_text(encoding="utf-8"))
    assert PICTURE.read_bytes() == out.read_bytes()
    image = "(docs/library-diagram.svg)"
    assert f"]{image}" in (ROOT / "README.md").read_text(encoding="utf-8")
    assert "](library-diagram.svg)" in DOCS.read_text(encoding="utf-8")


def _doc_commands() -> list[str]:
    text = DOCS.read_text(encoding="utf-8")
    blocks = re.findall(r"```sh\n(.*?)```", text, flags=re.S)
    return [line for block in blocks for line in block.splitlines() if line.startswith("spectrace")]


def test_every_option_of_graph_is_shown_in_the_docs() -> None:
    shown = " ".join(_doc_commands())
    for option in (
        "--format dot",
        "--format svg",
        "--format png",
        "--format mermaid",
        "--format graphml",
        "--format json",
        "-o ",
        "--criteria",
        "--cluster kind",
        "--cluster none",
        "--focus",
        "--depth",
        "--only gaps",
        "--only orphans",
        "--links",
        "--requirements",
        "--no-cache",
    ):
        assert option in shown, option


def test_the_docs_commands_work_as_shown(in_root: Path, no_dot: None, tmp_path: Path) -> None:
    """Every `spectrace ...` line of a sh block in docs/diagrams.md runs (outputs go to a
    temporary folder); PNG, with no system dot here, fails the documented way."""
    commands = _doc_commands()
    assert len(commands) >= 10
    for command in commands:
        args = shlex.split(command)[1:]
        if "-o" in args:
            at = args.index("-o") + 1
            args[at] = str(tmp_path / Path(args[at]).name)
        result = runner.invoke(app, args)
        if "png" in args or any(a.endswith(".png") for a in args):
            assert result.exit_code == 2, command
            assert "apt-get install graphviz" in result.stderr, command
        else:
            assert result.exit_code == 0, f"{command}: {result.output}"
            assert "error" not in result.stderr, command


def test_the_docs_examples_are_real_output(in_root: Path) -> None:
    """Every ```text block of docs/diagrams.md that opens with ``$ spectrace ...`` shows exactly
    what that command prints."""
    text = DOCS.read_text(encoding="utf-8")
    examples = re.findall(r"```text\n\$ (spectrace [^\n]*)\n(.*?)```", text, flags=re.S)
    assert examples
    for command, shown in examples:
        result = runner.invoke(app, [*shlex.split(command)[1:], "--no-cache"])
        assert result.exit_code == 0, command
        assert result.stdout == shown, command
