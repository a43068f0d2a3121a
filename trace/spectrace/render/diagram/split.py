"""``--split``: the detail of a spec cut into parts a reviewer reads one at a time.

By section: each design box with the requirements its items cover. By requirement: each
requirement with the items that cover it. Every part is a detail view of its own, so it takes
the same columns, colours and legend; the overview (or the whole detail, when it fits) goes
with them, and an index lists them all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from spectrace.model import Report, SpecReport
from spectrace.render.diagram import views
from spectrace.render.diagram.build import detail
from spectrace.render.diagram.labels import plural
from spectrace.render.diagram.model import (
    CRITERION,
    REQUIREMENT,
    Diagram,
    Edge,
    Node,
    Scale,
    Split,
    View,
)

_NOT_NAME = re.compile(r"[^0-9A-Za-z]+")


@dataclass(frozen=True, slots=True, kw_only=True)
class Part:
    """One file of a split."""

    stem: str
    """File name without its suffix: ``<spec>-section-01-data-model``; unique, sorted in order."""
    title: str
    """What it shows, for the index."""
    diagram: Diagram
    """Its detail view."""


def split(subject: Report | SpecReport, view: View, how: Split) -> tuple[Part, ...]:
    """The parts of every spec, in report order, then document order."""
    specs = subject.specs if isinstance(subject, Report) else (subject,)
    whole = replace(view, scale=Scale.DETAIL, focus="", only=None)
    parts: list[Part] = []
    for spec in specs:
        drawn = detail((spec,), whole)
        nodes = {node.key: node for node in drawn.nodes}
        edges = {(edge.source, edge.target): edge for edge in drawn.edges}
        pieces = _by_section(nodes, edges) if how == Split.SECTION else _by_requirement(nodes)
        for number, (title, seeds) in enumerate(pieces, start=1):
            kept = views.within(seeds, views.neighbours(edges.values()), 1)
            if how == Split.SECTION:  # a section's part: its items and what they cover
                kept = seeds | {key for key in kept if nodes[key].kind in (REQUIREMENT, CRITERION)}
            part_nodes, part_edges = views.keep(kept, nodes, edges)
            diagram = replace(
                drawn,
                nodes=tuple(part_nodes[key] for key in sorted(part_nodes)),
                edges=tuple(part_edges[pair] for pair in sorted(part_edges)),
                title=f"{drawn.title}: {title}",
            )
            slug = _NOT_NAME.sub("-", title.split(" (")[0]).strip("-").lower()[:40] or "part"
            stem = f"{_NOT_NAME.sub('-', spec.name).strip('-')}-{how.value}-{number:02d}-{slug}"
            parts.append(Part(stem=stem, title=f"{spec.name}: {title}", diagram=diagram))
    return tuple(parts)


def _by_section(
    nodes: dict[str, Node], edges: dict[tuple[str, str], Edge]
) -> list[tuple[str, set[str]]]:
    boxes: dict[str, set[str]] = {}
    first: dict[str, int] = {}
    for node in nodes.values():
        if node.kind in (REQUIREMENT, CRITERION):
            continue
        boxes.setdefault(node.group, set()).add(node.key)
        first[node.group] = min(first.get(node.group, node.order), node.order)
    titles = sorted(boxes, key=lambda t: (first[t], t))
    return [
        (f"{title or 'design'} ({plural(len(boxes[title]), 'item')})", boxes[title])
        for title in titles
    ]


def _by_requirement(nodes: dict[str, Node]) -> list[tuple[str, set[str]]]:
    requirements = sorted(
        (n for n in nodes.values() if n.kind == REQUIREMENT), key=lambda n: (n.order, n.key)
    )
    return [(node.label, {node.key}) for node in requirements]
