"""Graphviz DOT of the traceability diagram, built with the ``graphviz`` package.

Left to right: requirements, then the design items that cover them, then what those use. One
shape per kind, one colour per status, a legend of what is used. Deterministic: nodes, edges and
boxes in sorted order, ids made from the report's ids, no timestamps.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping, Sequence

import graphviz

from spectrace.model import Report
from spectrace.render.common import printable, xml_text
from spectrace.render.diagram import (
    BUILDS,
    CALLOUT,
    CRITERION,
    DERIVED,
    EDGE_MEANINGS,
    HAS,
    IMPLEMENTS,
    REQUIREMENT,
    TASK,
    Diagram,
    Edge,
    Node,
    build_diagram,
    groups,
    paint,
    present,
)
from spectrace.render.dot_matrix import draw_overview
from spectrace.render.dot_matrix import legend as overview_legend
from spectrace.render.layout import aligned, columns, level_anchors

#: One family name, not a list: Graphviz sizes nodes by the metrics of the family it is named,
#: and measures an unknown name such as "Helvetica,Arial,sans-serif" as (narrower) Times, so the
#: text overflows its box. Its SVG writes "Helvetica,sans-Serif" for this name.
FONT = "Helvetica"
_SUBSTITUTED = re.compile(r"\\(?=[GNEHTL])")
#: Characters no id may hold raw: control characters (Graphviz copies them into SVG and JSON,
#: which cannot hold them) and what XML cannot hold.
_NOT_IN_ID = re.compile("[\x00-\x1f\x7f-\x9f\ufffe\uffff]")

#: One shape per kind (the same ideas as Mermaid's shapes in ``render/mermaid.py``).
SHAPES = {
    REQUIREMENT: "box",
    CRITERION: "ellipse",
    "entity": "cylinder",
    "endpoint": "cds",
    "rule": "parallelogram",
    "interface": "tab",
    "component": "component",
    "property": "hexagon",
    "statement": "note",
    "section": "folder",
    TASK: "box3d",  # not "note": that is the statements' box, drawn beside tasks
    "group": "box",
    CALLOUT: "box",
}

#: Edge look by kind: explicit solid, inherited solid thin, inferred dashed, derived dotted.
EDGE_STYLES: dict[str, dict[str, str]] = {
    "explicit": {"style": "solid", "penwidth": "1.3", "color": "#37474f", "dir": "none"},
    "inherited": {"style": "solid", "penwidth": "0.6", "color": "#78909c", "dir": "none"},
    "inferred": {"style": "dashed", "penwidth": "1.0", "color": "#1565c0", "dir": "none"},
    DERIVED: {
        "style": "dotted",
        "penwidth": "1.2",
        "color": "#8d6e63",
        "arrowhead": "vee",
        "constraint": "false",  # the columns, not the design's edges, place the boxes
    },
    HAS: {"style": "solid", "penwidth": "0.5", "color": "#bdbdbd", "dir": "none"},
    IMPLEMENTS: {"style": "solid", "penwidth": "0.8", "color": "#2e7d32", "dir": "none"},
    BUILDS: {"style": "dashed", "penwidth": "0.8", "color": "#8e24aa", "dir": "none"},
}


def render(report: Report) -> str:
    """The whole report as DOT (every spec, criteria folded, boxes per design section)."""
    return draw(build_diagram(report))


def draw(diagram: Diagram, links: Mapping[str, str] | None = None) -> str:
    """A diagram view as DOT text; ``links`` maps node keys to the URL their box opens (in SVG: the
    overview's rows and columns to the detail of a requirement or section, a box to its entry in
    the HTML report)."""
    graph = graphviz.Digraph(name="spectrace")
    explained = overview_legend(diagram) if diagram.overview and diagram.nodes else ""
    lines = (diagram.note or diagram.title, diagram.left_out, *explained.split("\n"))
    # Left-aligned lines (DOT's \l), each escaped as any document text.
    caption = "".join(f"{_text(line)}\\l" for line in lines if line)
    graph.attr(
        "graph",
        rankdir="LR",
        newrank="true",  # a column's rank holds nodes of several boxes
        # No second crossing-minimisation pass over the whole graph: it reorders a column's
        # nodes across its boxes and breaks the document order the invisible edges set.
        remincross="false",
        ranksep="0.5",
        nodesep="0.12",
        fontname=FONT,
        fontsize="12",
        label=graphviz.nohtml(caption),
        labelloc="t",
        labeljust="l",
        outputorder="edgesfirst",
        tooltip=_text(diagram.title),
    )
    graph.attr("node", fontname=FONT, fontsize="10", style="filled", margin="0.1,0.04")
    graph.attr("edge", fontname=FONT, fontsize="8", arrowsize="0.6")
    if diagram.overview:
        draw_overview(graph, diagram, links or {})
        source: str = graph.source
        return source
    if diagram.nodes:
        _legend(graph, diagram)  # first in the source: Graphviz then draws it below the rest
    boxes = groups(diagram)
    several = len(boxes) > 1
    for spec_number, (spec, by_title) in enumerate(boxes.items(), start=1):
        if several:
            with graph.subgraph(name=f"cluster_{spec_number}") as box:
                box.attr(label=_text(spec), style="rounded", color="#607d8b", fontsize="12")
                _boxes(box, spec_number, by_title, links or {})
        else:
            _boxes(graph, spec_number, by_title, links or {})
        _columns(graph, by_title, diagram.edges)
    for edge in diagram.edges:
        graph.edge(node_id(edge.source), node_id(edge.target), **_edge_attributes(edge))
    drawn: str = graph.source
    return drawn


def _columns(
    graph: graphviz.Digraph, by_title: dict[str, list[Node]], edges: Sequence[Edge]
) -> None:
    """Requirements in the first column, the design's boxes in the columns after it, then the
    tasks' (``--tasks``): a rank per column, invisible edges setting the columns left to right
    and the nodes of a column top to bottom: requirements in document order, the others level
    with the requirements they cover (``layout.aligned``)."""
    requirements = [n for nodes in by_title.values() for n in nodes if n.kind == REQUIREMENT]
    anchors = level_anchors(requirements, edges)
    # By kind, not by box: with --cluster none, items and tasks share the one untitled box.
    design = [
        [n for n in nodes if n.kind not in (REQUIREMENT, CRITERION, TASK)]
        for nodes in by_title.values()
    ]
    tasks = [[n for n in nodes if n.kind == TASK] for nodes in by_title.values()]
    placed = columns(requirements, [design, tasks])
    by_column: dict[int, dict[int, list[str]]] = {}
    for box, nodes in enumerate(zip(design, tasks, strict=True)):
        for node in (*nodes[0], *nodes[1]):
            by_column.setdefault(placed[node.key], {}).setdefault(box, []).append(node.key)
    stacked = [[node.key for node in requirements]] + [
        aligned(list(by_column[column].values()), anchors) for column in sorted(by_column) if column
    ]
    _stack(graph, [[node_id(key) for key in keys] for keys in stacked if keys])


def node_id(key: str) -> str:
    """A DOT id for a node key: the ``graphviz`` package reads ``a:b`` in an edge as node ``a``,
    port ``b``, writes ``<...>`` as an HTML-like id and lets a final backslash escape the closing
    quote, so colons, angle brackets and backslashes (and the escape character itself) are
    percent-escaped."""
    for character, code in (("%", "%25"), (":", "%3A"), ("\\", "%5C"), ("<", "%3C"), (">", "%3E")):
        key = key.replace(character, code)
    return _NOT_IN_ID.sub(lambda match: f"%{ord(match.group()):02X}", key)


def _boxes(
    graph: graphviz.Digraph,
    spec_number: int,
    by_title: dict[str, list[Node]],
    links: Mapping[str, str],
) -> None:
    for box_number, (title, nodes) in enumerate(by_title.items(), start=1):
        if not title:
            for node in nodes:
                _node(graph, node, links)
            continue
        with graph.subgraph(name=f"cluster_{spec_number}_{box_number}") as box:
            box.attr(
                label=_text(title),
                style="rounded,filled",
                fillcolor="#fafafa",
                color="#cfd8dc",
                fontsize="11",
            )
            for node in nodes:
                _node(box, node, links)


def _node(graph: graphviz.Digraph, node: Node, links: Mapping[str, str]) -> None:
    look = paint(node.status)
    attributes = {
        "shape": SHAPES.get(node.kind, "box"),
        "fillcolor": look.fill,
        "color": look.stroke,
        "tooltip": _text(node.tooltip),
    }
    if node.kind == REQUIREMENT:
        attributes["style"] = "rounded,filled"
        # One line high (Graphviz's default minimum is two): the requirements' column is the
        # picture's height, and layout.py counts a requirement row as one line.
        attributes["height"] = "0.3"
    if node.focus:
        # A thick border, not a bold font: Graphviz without fonts (WebAssembly) has no metrics
        # for "Helvetica-Bold" and would size the box for narrower text.
        attributes["penwidth"] = "3"
    if node.key in links:
        attributes["href"] = _text(links[node.key])
    graph.node(node_id(node.key), label=_text(node.label), **attributes)


def _edge_attributes(edge: Edge) -> dict[str, str]:
    attributes = dict(EDGE_STYLES[edge.kind])
    if edge.relation == "same-as":
        attributes["dir"] = "none"
    if edge.kind == "inferred":
        attributes["label"] = f"{edge.score:.2f}"
        attributes["fontcolor"] = attributes["color"]
    if edge.tooltip:
        attributes["tooltip"] = _text(edge.tooltip)
    return attributes


def _legend(graph: graphviz.Digraph, diagram: Diagram) -> None:
    """A box with one sample per kind, status and edge kind the diagram uses, in three columns:
    kinds, statuses, edge samples (so it is as short as the longest of them)."""
    kinds, statuses, edge_kinds = present(diagram)
    with graph.subgraph(name="cluster_legend") as legend:
        legend.attr(label="Legend", style="rounded", color="#b0bec5", fontsize="11")
        legend.attr("node", fontsize="9", height="0.25", margin="0.06,0.02")
        for kind in reversed(kinds):
            style = "rounded,filled" if kind == REQUIREMENT else "filled"
            legend.node(
                f"legend%3Akind%3A{kind}",
                label=kind,
                shape=SHAPES[kind],
                style=style,
                fillcolor="white",
                color="#546e7a",
            )
        for status in reversed(statuses):
            look = paint(status)
            legend.node(
                f"legend%3Astatus%3A{status}",
                label=f"{status}: {look.meaning}",
                shape="box",
                fillcolor=look.fill,
                color=look.stroke,
            )
        for kind in reversed(edge_kinds):
            legend.node(
                f"legend%3Aedge%3A{kind}",
                label=EDGE_MEANINGS[kind],
                shape="plaintext",
                style="",
            )
            legend.node(f"legend%3Aedge%3A{kind}%3Aend", label="", shape="point", width="0.05")
            sample = {k: v for k, v in EDGE_STYLES[kind].items() if k != "constraint"}
            legend.edge(f"legend%3Aedge%3A{kind}", f"legend%3Aedge%3A{kind}%3Aend", **sample)
        columns = [
            [f"legend%3Akind%3A{kind}" for kind in kinds],
            [f"legend%3Astatus%3A{status}" for status in statuses],
            [f"legend%3Aedge%3A{kind}" for kind in edge_kinds],
        ]
        _stack(legend, [column for column in columns if column])


def _stack(graph: graphviz.Digraph, columns: list[list[str]]) -> None:
    """Set node ids in columns, left to right, each column top to bottom as listed."""
    for ids in columns:
        with graph.subgraph() as rank:
            rank.attr(rank="same")
            for ident in ids:
                rank.node(ident)
        # Left to right, Graphviz sets the tail of a flat edge below its head.
        for upper, lower in itertools.pairwise(ids):
            graph.edge(lower, upper, style="invis")
    for left, right in itertools.pairwise(column[0] for column in columns):
        graph.edge(left, right, style="invis", weight="0")


def plain(value: str) -> str:
    """Document text as a DOT string (see ``_text``)."""
    return _text(value)


def _text(value: str) -> str:
    """Literal text for a DOT string: backslashes doubled (so ``\\N`` and friends mean nothing),
    newlines as DOT's ``\\n``, never an HTML-like label; the package adds quotes and escapes ``"``.
    Control characters (which Graphviz would copy into SVG and JSON) are replaced.

    Graphviz (2.43 to 16.1) still expands ``\\\\N`` in a tooltip to the node's name, so a zero-width
    space keeps a backslash apart from a letter Graphviz would substitute.
    """
    value = printable(xml_text(value.replace("\r", "")))
    lines = _SUBSTITUTED.sub("\\\\\u200b", value).split("\n")
    text: str = graphviz.nohtml("\\n".join(line.replace("\\", "\\\\") for line in lines))
    return text
