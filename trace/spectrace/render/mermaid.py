"""Mermaid ``flowchart LR`` of the traceability diagram: renders on GitHub and in Markdown viewers.

The same view, shapes and colours as the DOT diagram (``classDef`` per status, ``linkStyle`` per
edge kind). Every label is quoted with Mermaid's entity codes (``#quot;``) for the characters that
would end or change it. Paste the output into a ```` ```mermaid ```` fence.
"""

from __future__ import annotations

import re
from collections import defaultdict

from spectrace.model import Report
from spectrace.render.common import printable
from spectrace.render.diagram import (
    BUILDS,
    CRITERION,
    DERIVED,
    EDGE_MEANINGS,
    HAS,
    IMPLEMENTS,
    PAINT,
    REQUIREMENT,
    TASK,
    TASK_PAINT,
    Diagram,
    Edge,
    Node,
    build_diagram,
    groups,
    paint,
    present,
)

#: Shape brackets per kind, the same ideas as the DOT shapes.
SHAPES = {
    REQUIREMENT: ("(", ")"),
    CRITERION: ("([", "])"),
    "entity": ("[(", ")]"),
    "endpoint": (">", "]"),
    "rule": ("[/", "/]"),
    "interface": ("[[", "]]"),
    "component": ("[", "]"),
    "property": ("{{", "}}"),
    "statement": ("[/", "\\]"),
    "section": ("[\\", "/]"),
    TASK: ("[\\", "\\]"),  # not the statements' trapezoid
    "group": ("[", "]"),
    "callout": ("[", "]"),
}

#: Link syntax and style per edge kind: explicit thick, inherited thin, inferred dashed, derived
#: dotted with an arrow.
LINKS = {
    "explicit": ("===", "stroke:#37474f,stroke-width:2px"),
    "inherited": ("---", "stroke:#78909c,stroke-width:1px"),
    "inferred": ("-.-", "stroke:#1565c0,stroke-width:1px,stroke-dasharray:6 4"),
    DERIVED: ("-.->", "stroke:#8d6e63,stroke-width:1.5px,stroke-dasharray:2 3"),
    HAS: ("---", "stroke:#bdbdbd,stroke-width:1px"),
    # One dash more: a rank longer, so tasks stand right of the design items.
    IMPLEMENTS: ("----", "stroke:#2e7d32,stroke-width:1px"),
    BUILDS: ("-.-", "stroke:#8e24aa,stroke-width:1px,stroke-dasharray:4 3"),
}
_LEGEND_LINKS = {
    "explicit": "thick",
    "inherited": "thin",
    "inferred": "dashed",
    DERIVED: "dotted arrow",
    HAS: "grey",
    IMPLEMENTS: "green",
    BUILDS: "purple dashed",
}

#: GitHub's Mermaid draws at most this many edges and characters by default.
GITHUB_MAX_EDGES = 500
GITHUB_MAX_TEXT = 50_000

_ENTITIES = {
    '"': "#quot;",
    "#": "#35;",
    "&": "#amp;",
    "<": "#lt;",
    ">": "#gt;",
    "`": "#96;",
    "|": "#124;",
    "\\": "#92;",
}
_SPECIAL = re.compile(r'["#&<>`|\\]')
_NOT_ID = re.compile(r"[^A-Za-z0-9]+")


def render(report: Report) -> str:
    """The whole report as a Mermaid flowchart (every spec, criteria folded)."""
    return draw(build_diagram(report))


def draw(diagram: Diagram) -> str:
    """A diagram view as Mermaid text (no fence)."""
    ids = _ids(diagram.nodes)
    lines = ["flowchart LR", f"  %% spectrace: {_comment(diagram.note or diagram.title)}"]
    if diagram.left_out:
        lines.append(f"  %% {_comment(diagram.left_out)}")
    if not diagram.nodes:
        lines.append(f'  empty["{label(diagram.note or diagram.title)}"]')
        return "\n".join(lines) + "\n"
    boxes = groups(diagram)
    several = len(boxes) > 1
    for spec_number, (spec, by_title) in enumerate(boxes.items(), start=1):
        indent = "  "
        if several:
            lines.append(f'  subgraph s{spec_number}["{label(spec)}"]')
            indent = "    "
        for box_number, (title, nodes) in enumerate(by_title.items(), start=1):
            inner = indent
            if title:
                lines.append(f'{indent}subgraph s{spec_number}_{box_number}["{label(title)}"]')
                inner = indent + "  "
            lines.extend(f"{inner}{_node(ids[node.key], node)}" for node in nodes)
            if title:
                lines.append(f"{indent}end")
        if several:
            lines.append("  end")
    by_kind: dict[str, list[int]] = defaultdict(list)
    for number, edge in enumerate(diagram.edges):
        lines.append(f"  {_edge(ids, edge)}")
        by_kind[edge.kind].append(number)
    lines.extend(_legend(diagram))
    lines.extend(_styles(diagram, ids, by_kind))
    text = "\n".join(lines) + "\n"
    if len(diagram.edges) > GITHUB_MAX_EDGES or len(text) > GITHUB_MAX_TEXT:
        warning = (
            f"  %% {len(diagram.edges)} edges, {len(text)} characters: GitHub draws at most "
            f"{GITHUB_MAX_EDGES} edges and {GITHUB_MAX_TEXT} characters; try --only or --focus"
        )
        text = text.replace("\n", f"\n{warning}\n", 1)
    return text


def label(text: str) -> str:
    """Text for a quoted Mermaid label: characters that end or change it as entity codes, lines
    joined by ``<br>``; control characters replaced."""
    lines = [
        _SPECIAL.sub(lambda m: _ENTITIES[m.group()], line) for line in printable(text).split("\n")
    ]
    return "<br>".join(lines)


def _name(status: str) -> str:
    """A status as a Mermaid class and id part (``in-progress`` -> ``in_progress``)."""
    return status.replace("-", "_")


def _comment(text: str) -> str:
    return " ".join(printable(text).split())


def _ids(nodes: tuple[Node, ...]) -> dict[str, str]:
    """Node key -> a Mermaid id: letters, digits and underscores from the key, ``n_`` first (no
    keyword, no ``o``/``x`` that Mermaid would read as an edge end), a number on a clash."""
    ids: dict[str, str] = {}
    taken: set[str] = set()
    for node in nodes:
        base = "n_" + _NOT_ID.sub("_", node.key).strip("_")[:40]
        candidate, number = base, 1
        while candidate in taken:
            number += 1
            candidate = f"{base}_{number}"
        taken.add(candidate)
        ids[node.key] = candidate
    return ids


def _node(ident: str, node: Node) -> str:
    opening, closing = SHAPES.get(node.kind, ("[", "]"))
    return f'{ident}{opening}"{label(node.label)}"{closing}'


def _edge(ids: dict[str, str], edge: Edge) -> str:
    arrow = LINKS[edge.kind][0]
    if edge.relation == "same-as":
        arrow = "-.-"
    text = f'|"{edge.score:.2f}"|' if edge.kind == "inferred" else ""
    if edge.count:
        # The overview: how many of the group's items (a tasks cell: how many tasks are done).
        text = f'|"{edge.label or edge.count}"|'
    return f"{ids[edge.source]} {arrow}{text} {ids[edge.target]}"


def _legend(diagram: Diagram) -> list[str]:
    kinds, statuses, edge_kinds = present(diagram)
    lines = ['  subgraph legend["Legend"]']
    lines.extend(f"    {_node(f'legend_{kind}', _sample(kind))}" for kind in kinds)
    lines.extend(
        f'    legend_{_name(status)}["{label(f"{status}: {paint(status).meaning}")}"]'
        for status in statuses
    )
    if edge_kinds:
        meanings = " · ".join(f"{_LEGEND_LINKS[k]}: {EDGE_MEANINGS[k]}" for k in edge_kinds)
        lines.append(f'    legend_edges["{label(meanings)}"]')
    lines.append("  end")
    return lines


def _sample(kind: str) -> Node:
    return Node(
        key=kind,
        spec="",
        kind=kind,
        ident=kind,
        name=kind,
        label=kind,
        tooltip="",
        status="",
        group="",
        file="",
        line=0,
    )


def _styles(diagram: Diagram, ids: dict[str, str], by_kind: dict[str, list[int]]) -> list[str]:
    # Task states get their classes only in a diagram that draws tasks.
    looks = {**PAINT, **(TASK_PAINT if any(n.kind == TASK for n in diagram.nodes) else {})}
    lines = [
        f"  classDef {_name(status)} fill:{look.fill},stroke:{look.stroke},color:#212121"
        for status, look in looks.items()
    ]
    lines.append("  classDef sample fill:#ffffff,stroke:#546e7a,color:#212121")
    lines.append("  classDef focus stroke-width:4px")
    members: dict[str, list[str]] = defaultdict(list)
    for node in diagram.nodes:
        members[node.status].append(ids[node.key])
    kinds, statuses, _ = present(diagram)
    for status in statuses:
        members[status].append(f"legend_{_name(status)}")
    for status in looks:
        if members[status]:
            lines.append(f"  class {','.join(members[status])} {_name(status)}")
    if kinds:
        lines.append(f"  class {','.join(f'legend_{kind}' for kind in kinds)} sample")
    focused = [ids[node.key] for node in diagram.nodes if node.focus]
    if focused:
        lines.append(f"  class {','.join(focused)} focus")
    for kind, numbers in by_kind.items():
        lines.append(f"  linkStyle {','.join(map(str, numbers))} {LINKS[kind][1]}")
    return lines
