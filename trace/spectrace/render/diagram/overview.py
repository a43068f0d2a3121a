"""The overview: requirements against design sections (or kinds), for a spec past the budget.

A node per requirement (its status), a node per design group (its item, linked and orphan
counts), an edge per requirement-group pair labelled with how many of the group's boxes cover
the requirement, and two callouts naming the gaps and the orphans; with ``View.tasks``, a tasks
column (``tasks.task_column``). DOT draws it as a matrix,
Mermaid as a graph; both fit one screen where the detail view would be a tower.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from spectrace.model import RefOrigin, SpecReport, Status
from spectrace.render.common import plural
from spectrace.render.diagram.items import DrawnItems, item_nodes
from spectrace.render.diagram.labels import natural, short, tooltip
from spectrace.render.diagram.model import (
    CALLOUT,
    CRITERION,
    GROUP,
    LINKED,
    NEUTRAL,
    ORIGIN_RANK,
    ORPHAN,
    REQUIREMENT,
    REQUIREMENTS_TITLE,
    UNCOVERED,
    Cluster,
    Diagram,
    Edge,
    Node,
    View,
)
from spectrace.render.diagram.requirements import requirement_node_of
from spectrace.render.diagram.tasks import task_column

#: Past this many design boxes, requirements or lines, the default diagram is the overview.
MAX_ITEMS = 32
MAX_REQUIREMENTS = 30
MAX_LINES = 40
#: Past this many design sections, the overview's columns are kinds (a column per section
#: would no longer fit one screen).
MAX_GROUPS = 8
#: Names a callout lists before it says how many more there are.
CALLOUT_NAMES = 12


def past_budget(detail: Diagram) -> bool:
    """Whether a detail view is past the size budget: too many boxes to fit one screen, or so
    many lines that they merge into one bundle."""
    requirements = sum(1 for node in detail.nodes if node.kind == REQUIREMENT)
    boxes = sum(1 for node in detail.nodes if node.kind not in (REQUIREMENT, CRITERION))
    return boxes > MAX_ITEMS or requirements > MAX_REQUIREMENTS or len(detail.edges) > MAX_LINES


def build_overview(specs: Sequence[SpecReport], view: View, title: str) -> Diagram:
    """The overview diagram of the specs."""
    nodes: dict[str, Node] = {}
    edges: dict[tuple[str, str], Edge] = {}
    for spec in specs:
        items = grouped_items(spec, view)
        requirement_keys: dict[str, str] = {}
        for number, result in enumerate(spec.requirements):
            key = f"{spec.name}/req:{result.requirement.id}"
            if key in nodes:
                continue
            for ident in (result.requirement.id, *(c.criterion.id for c in result.criteria)):
                requirement_keys.setdefault(ident, key)
            nodes[key] = requirement_node_of(
                spec.name, key, result, view, REQUIREMENTS_TITLE, number * 1000
            )
        nodes.update(_group_nodes(spec, items))
        edges.update(_group_edges(spec, items, requirement_keys, nodes))
        if view.tasks:
            column, cells = task_column(spec, requirement_keys)
            nodes.update(column)
            edges.update(cells)
        nodes.update(_callouts(spec, items))
    columns = sorted({n.ident for n in nodes.values() if n.kind == GROUP})
    return Diagram(
        nodes=tuple(nodes[key] for key in sorted(nodes)),
        edges=tuple(edges[pair] for pair in sorted(edges)),
        specs=tuple(spec.name for spec in specs),
        title=f"{title}: overview of {plural(len(columns), 'design group')}",
        view=view,
        note="" if nodes else "no specs",
        overview=True,
        left_out="--split section or --focus ID for the detail",
    )


def overview_cluster(spec: SpecReport, view: View) -> Cluster:
    """How the overview groups a spec's design: by section, unless there are too many sections
    (or no grouping was asked for): then by kind."""
    if view.cluster == Cluster.SECTION:
        sections = {node.group for node in item_nodes(spec, view).nodes.values()}
        if len(sections) <= MAX_GROUPS:
            return Cluster.SECTION
    return Cluster.KIND


def grouped_items(spec: SpecReport, view: View) -> DrawnItems:
    """The boxes the detail view would draw, grouped as the overview's columns are."""
    return item_nodes(spec, replace(view, cluster=overview_cluster(spec, view)))


def _group_nodes(spec: SpecReport, items: DrawnItems) -> dict[str, Node]:
    members: dict[str, list[Node]] = {}
    for node in items.nodes.values():
        members.setdefault(node.group, []).append(node)
    out: dict[str, Node] = {}
    for title, nodes in members.items():
        nodes.sort(key=lambda n: (n.order, n.key))
        orphans = [n for n in nodes if n.status == ORPHAN]
        linked = sum(1 for n in nodes if n.status == LINKED)
        label = f"{short(title or spec.name, 22, 1)}\n{plural(len(nodes), 'item')}"
        if orphans:
            label += f", {plural(len(orphans), 'orphan')}"
        key = f"{spec.name}/group:{title}"
        out[key] = Node(
            key=key,
            spec=spec.name,
            kind=GROUP,
            ident=title,
            name=title or spec.name,
            label=label,
            tooltip=tooltip(
                f"Design group {title or spec.name}: {plural(len(nodes), 'item')}, {linked} linked",
                f"orphans: {', '.join(n.name for n in orphans)}" if orphans else "",
                f"first: {nodes[0].file}:{nodes[0].line}",
            ),
            status=ORPHAN if orphans else LINKED if linked else NEUTRAL,
            group="Design",
            file=nodes[0].file,
            line=nodes[0].line,
            order=nodes[0].order,
        )
    return out


def _group_edges(
    spec: SpecReport, items: DrawnItems, requirement_keys: dict[str, str], nodes: dict[str, Node]
) -> dict[tuple[str, str], Edge]:
    """Requirement -> group, with how many of the group's boxes cover it (or its criteria)."""
    boxes: dict[tuple[str, str], set[str]] = {}
    kinds: dict[tuple[str, str], str] = {}
    targets: dict[tuple[str, str], set[str]] = {}
    for result in spec.items:
        box = items.drawn.get(result.item.id)
        if box is None:
            continue
        group = f"{spec.name}/group:{items.nodes[box].group}"
        for link in result.covers:
            requirement = requirement_keys.get(link.target)
            if requirement is None:
                continue
            pair = (requirement, group)
            boxes.setdefault(pair, set()).add(box)
            targets.setdefault(pair, set()).add(link.target)
            old = kinds.get(pair, RefOrigin.INFERRED.value)
            origin = link.origin.value
            kinds[pair] = origin if ORIGIN_RANK[origin] >= ORIGIN_RANK[old] else old
    out: dict[tuple[str, str], Edge] = {}
    for pair, covering in boxes.items():
        count = len(covering)
        ids = tuple(sorted(targets[pair], key=natural))
        out[pair] = Edge(
            source=pair[0],
            target=pair[1],
            kind=kinds[pair],
            relation="covers",
            targets=ids,
            count=count,
            tooltip=f"{plural(count, 'item')} of {nodes[pair[1]].name} cover {', '.join(ids)}",
        )
    return out


def _callouts(spec: SpecReport, items: DrawnItems) -> dict[str, Node]:
    """The gaps and the orphans by name (what the matrix shows only as colour)."""
    gaps = []
    for result in spec.requirements:
        if result.status == Status.COVERED:
            continue
        title = short(f"{result.requirement.id}: {result.requirement.title}", 34, 1)
        missing = [c.criterion.id for c in result.criteria if c.status != Status.COVERED]
        if result.status == Status.UNCOVERED:
            gaps.append(f"{title} (uncovered)")
        else:
            gaps.append(f"{title} ({short(', '.join(missing), 16, 1)} uncovered)")
    orphans = [
        f"{short(node.name, 28, 1)} ({short(node.group, 16, 1)})" if node.group else node.name
        for node in sorted(items.nodes.values(), key=lambda n: (n.order, n.key))
        if node.status == ORPHAN
    ]
    out: dict[str, Node] = {}
    for name, status, lines, hint in (
        ("gaps", UNCOVERED, gaps, "--only gaps"),
        ("orphans", ORPHAN, orphans, "--only orphans"),
    ):
        if not lines:
            continue
        shown = lines[:CALLOUT_NAMES]
        if len(lines) > CALLOUT_NAMES:
            shown.append(f"… {len(lines) - CALLOUT_NAMES} more: {hint}")
        key = f"{spec.name}/{name}"
        out[key] = Node(
            key=key,
            spec=spec.name,
            kind=CALLOUT,
            ident=name,
            name=f"{name.capitalize()} ({len(lines)})",
            label="\n".join((f"{name.capitalize()} ({len(lines)})", *shown)),
            tooltip=tooltip(f"{name.capitalize()}: {hint} draws them", *lines),
            status=status,
            group="",
            file="",
            line=0,
            order=10**9 if name == "orphans" else 10**9 - 1,
        )
    return out
