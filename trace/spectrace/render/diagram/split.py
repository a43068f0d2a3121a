"""``--split``: the detail of a spec cut into parts a reviewer reads one at a time.

By section: each design box with the requirements its items cover (and, with ``--tasks``, the
tasks that build them; the tasks are a part of their own, with the requirements they implement).
By requirement: each requirement with the items that cover it (and the tasks that implement it).
Every part is a detail view of its own, so it takes the same columns, colours and legend; the
overview (or the whole detail, when it fits) goes with them, and an index lists them all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from spectrace.model import Report, SpecReport
from spectrace.render.common import plural
from spectrace.render.diagram import views
from spectrace.render.diagram.build import detail
from spectrace.render.diagram.model import (
    CRITERION,
    REQUIREMENT,
    TASK,
    TASKS_TITLE,
    Diagram,
    Node,
    Scale,
    Split,
    View,
)

_NOT_NAME = re.compile(r"[^0-9A-Za-z]+")
#: What a section's part draws besides its own boxes.
_BESIDE = (REQUIREMENT, CRITERION, TASK)


@dataclass(frozen=True, slots=True, kw_only=True)
class Part:
    """One file of a split."""

    stem: str
    """File name without its suffix: ``<spec>-section-01-data-model``; unique, sorted in order."""
    title: str
    """What it shows, for the index."""
    diagram: Diagram
    """Its detail view."""
    keys: tuple[str, ...]
    """The nodes it details, sorted: its own boxes in the detail view, and the overview's node
    standing for them (a design group's column ``<spec>/group:<title>``, the tasks' column
    ``<spec>/tasks``, a requirement's row ``<spec>/req:<id>``): what links to it."""


def split(subject: Report | SpecReport, view: View, how: Split) -> tuple[Part, ...]:
    """The parts of every spec, in report order, then document order."""
    specs = subject.specs if isinstance(subject, Report) else (subject,)
    whole = replace(view, scale=Scale.DETAIL, focus="", only=None)
    parts: list[Part] = []
    for spec in specs:
        drawn = detail((spec,), whole)
        nodes = {node.key: node for node in drawn.nodes}
        edges = {(edge.source, edge.target): edge for edge in drawn.edges}
        pieces = _by_section(spec.name, nodes) if how == Split.SECTION else _by_requirement(nodes)
        for number, (title, seeds, stands_for) in enumerate(pieces, start=1):
            kept = views.within(seeds, views.neighbours(edges.values()), 1)
            if how == Split.SECTION:  # a section's part: its items, what they cover, their tasks
                kept = seeds | {key for key in kept if nodes[key].kind in _BESIDE}
            part_nodes, part_edges = views.keep(kept, nodes, edges)
            diagram = replace(
                drawn,
                nodes=tuple(part_nodes[key] for key in sorted(part_nodes)),
                edges=tuple(part_edges[pair] for pair in sorted(part_edges)),
                title=f"{drawn.title}: {title}",
            )
            slug = _NOT_NAME.sub("-", title.split(" (")[0]).strip("-").lower()[:40] or "part"
            stem = f"{_NOT_NAME.sub('-', spec.name).strip('-')}-{how.value}-{number:02d}-{slug}"
            keys = tuple(sorted({stands_for, *seeds}))
            parts.append(Part(stem=stem, title=f"{spec.name}: {title}", diagram=diagram, keys=keys))
    return tuple(parts)


def _by_section(spec: str, nodes: dict[str, Node]) -> list[tuple[str, set[str], str]]:
    boxes: dict[str, set[str]] = {}
    first: dict[str, int] = {}
    for node in nodes.values():
        if node.kind in (REQUIREMENT, CRITERION):
            continue
        # Tasks are a part of their own, even where they share the design's box (--cluster none).
        box = TASKS_TITLE if node.kind == TASK else node.group
        boxes.setdefault(box, set()).add(node.key)
        first[box] = min(first.get(box, node.order), node.order)
    titles = sorted(boxes, key=lambda t: (first[t], t))
    return [
        (
            f"{title or 'design'} "
            f"({plural(len(boxes[title]), 'task' if title == TASKS_TITLE else 'item')})",
            boxes[title],
            f"{spec}/tasks" if title == TASKS_TITLE else f"{spec}/group:{title}",
        )
        for title in titles
    ]


def _by_requirement(nodes: dict[str, Node]) -> list[tuple[str, set[str], str]]:
    requirements = sorted(
        (n for n in nodes.values() if n.kind == REQUIREMENT), key=lambda n: (n.order, n.key)
    )
    return [(node.label, {node.key}, node.key) for node in requirements]
