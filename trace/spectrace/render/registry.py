"""The formats each command offers, their renderers and file suffixes."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the CLI loads this module for --version and --help
    from spectrace.model import Report
    from spectrace.render.diagram import Diagram


@dataclass(frozen=True, slots=True, kw_only=True)
class Format:
    """An output format."""

    name: str
    """What ``--format`` takes."""
    module: str
    """Module holding ``render(report) -> str`` (imported on use)."""
    suffix: str
    """File suffix of its output."""
    description: str
    """One line for the README and ``--help``."""
    draw: str = "draw"
    """``spectrace graph`` formats: the module's function drawing a diagram view."""
    binary: bool = False
    """Its output is bytes (PNG), not text."""
    links: bool = False
    """``spectrace graph`` formats: its drawing can make a box open a URL (SVG, and DOT for it)."""
    suggestions: bool = False
    """It shows or exports suggestions (a run for another format does not look for them)."""

    def renderer(self) -> Callable[[Report], str]:
        """The render function."""
        render: Callable[[Report], str] = import_module(self.module).render
        return render

    def drawer(self) -> Callable[[Diagram], str | bytes]:
        """The function drawing a diagram view (``spectrace graph`` formats)."""
        draw: Callable[[Diagram], str | bytes] = getattr(import_module(self.module), self.draw)
        return draw

    def linking_drawer(self) -> Callable[[Diagram, Mapping[str, str]], str | bytes]:
        """The drawing function of a format with ``links``: node key -> URL as its second
        argument."""
        draw: Callable[[Diagram, Mapping[str, str]], str | bytes] = getattr(
            import_module(self.module), self.draw
        )
        return draw


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format(
            name="text",
            module="spectrace.render.text",
            suffix=".txt",
            description="file:line: CODE severity: message per finding, then the summaries",
            suggestions=True,
        ),
        Format(
            name="json",
            module="spectrace.render.json",
            suffix=".json",
            description="everything, versioned, with a JSON Schema (docs/report.schema.json)",
            suggestions=True,
        ),
        Format(
            name="sarif",
            module="spectrace.render.sarif",
            suffix=".sarif",
            description="SARIF 2.1.0 for code scanning (GitHub annotates the Markdown lines)",
        ),
        Format(
            name="junit",
            module="spectrace.render.junit",
            suffix=".xml",
            description="JUnit XML: a test suite per spec, a test case per requirement",
        ),
        Format(
            name="github",
            module="spectrace.render.github",
            suffix=".github.txt",
            description="GitHub Actions workflow commands (::error file=...,line=...::message)",
        ),
        Format(
            name="markdown",
            module="spectrace.render.markdown",
            suffix=".md",
            description="compact summary for a pull-request comment or the step summary",
        ),
        Format(
            name="html",
            module="spectrace.render.html",
            suffix=".html",
            description="one self-contained page: matrix, gaps, orphans; filter and sort offline",
            suggestions=True,
        ),
        Format(
            name="csv",
            module="spectrace.render.csv",
            suffix=".csv",
            description="the traceability matrix, one row per requirement or criterion",
        ),
    )
}

#: `spectrace report --format text`: rich tables (`check`'s text is the plain finding list).
TABLES = Format(
    name="text",
    module="spectrace.render.richtext",
    suffix=".txt",
    description="tables: summary, requirements with their criteria, orphans, dangling, findings",
)

#: `spectrace graph --format`: the diagram view (render/diagram/) in each format.
GRAPH_FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format(
            name="dot",
            module="spectrace.render.dot",
            suffix=".dot",
            description="Graphviz DOT source, deterministic (for your own styling or tools)",
            links=True,
        ),
        Format(
            name="svg",
            module="spectrace.render.svg",
            suffix=".svg",
            description="the picture, with tooltips (system dot, else WebAssembly Graphviz)",
            links=True,
        ),
        Format(
            name="png",
            module="spectrace.render.svg",
            suffix=".png",
            description="the picture as a bitmap (needs the system Graphviz dot)",
            draw="draw_png",
            binary=True,
        ),
        Format(
            name="mermaid",
            module="spectrace.render.mermaid",
            suffix=".mmd",
            description="Mermaid flowchart for GitHub and Markdown (paste into a mermaid fence)",
        ),
        Format(
            name="graphml",
            module="spectrace.render.graphml",
            suffix=".graphml",
            description="GraphML for yEd, Gephi and other graph tools",
        ),
        Format(
            name="json",
            module="spectrace.render.nodelink",
            suffix=".json",
            description="node-link JSON (networkx) of the same nodes and edges",
        ),
    )
}

#: What ``--format`` offers, per command: name to format. A command whose ``text`` or ``json``
#: means something else (``report``'s tables) maps the name to its own entry.
COMMANDS: dict[str, dict[str, Format]] = {
    "check": {name: FORMATS[name] for name in ("text", "json", "sarif", "junit", "github")},
    "report": {
        "text": TABLES,
        **{name: FORMATS[name] for name in ("markdown", "html", "csv", "json")},
    },
    "graph": GRAPH_FORMATS,
}

#: Formats of `spectrace check`: for the CI gate.
CHECK_FORMATS = tuple(COMMANDS["check"])
#: Formats of `spectrace report`: for people.
REPORT_FORMATS = tuple(COMMANDS["report"])


def format_for(command: str, name: str) -> Format:
    """The format a command's ``--format NAME`` means (``report``'s text is the tables)."""
    return COMMANDS[command][name]
