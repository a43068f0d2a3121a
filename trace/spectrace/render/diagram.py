"""The diagram view every graph format draws: which nodes and edges, folded and filtered.

DOT, SVG, PNG, Mermaid, GraphML and node-link JSON all draw one ``Diagram`` built here, so they
agree on what is shown: requirements (criteria folded in unless asked for), design items (fields
folded into their entity), coverage links from requirements to items, derived edges between
items, one edge per pair of nodes.
"""

from __future__ import annotations

import unicodedata
from collections import deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum

from spectrace.errors import SpectraceError
from spectrace.model import (
    ItemKind,
    ItemResult,
    Link,
    RefOrigin,
    Report,
    RequirementResult,
    SpecReport,
    Status,
)
from spectrace.render.common import where
from spectrace.render.diagram_tasks import TASK, TASK_EDGE_MEANINGS, TASK_STATUSES, add_tasks


class Cluster(StrEnum):
    """How design items are grouped into boxes."""

    SECTION = "section"
    KIND = "kind"
    NONE = "none"


class Only(StrEnum):
    """The views that keep what needs attention and its immediate context."""

    GAPS = "gaps"
    ORPHANS = "orphans"


@dataclass(frozen=True, slots=True, kw_only=True)
class View:
    """What to draw."""

    criteria: bool = False
    """Draw acceptance criteria as nodes (else they are folded into their requirement)."""
    cluster: Cluster = Cluster.SECTION
    """Group design items by design section, by kind, or not at all."""
    focus: str = ""
    """Keep only the neighbourhood of this requirement, criterion or design item (id or name)."""
    depth: int = 1
    """How many edges away from the focus to go."""
    only: Only | None = None
    """Keep only gaps or orphans, with their neighbours."""
    tasks: bool = False
    """Draw the tasks of specs with a task list, right of the design items."""


#: Node kinds besides the design item kinds.
REQUIREMENT = "requirement"
CRITERION = "criterion"

#: Node statuses: requirements and criteria are covered, partial or uncovered; a design item is
#: linked (covers something), traced (reached from a linked item), orphan, or neutral (a
#: cross-cutting or structural item that is never an orphan).
COVERED, PARTIAL, UNCOVERED = Status.COVERED.value, Status.PARTIAL.value, Status.UNCOVERED.value
LINKED, TRACED, ORPHAN, NEUTRAL = "linked", "traced", "orphan", "neutral"
STATUSES = (COVERED, PARTIAL, UNCOVERED, LINKED, TRACED, ORPHAN, NEUTRAL)

#: Edge kinds: the three link origins, derived design edges, and requirement-has-criterion.
DERIVED, HAS = "derived", "has"
_ORIGIN_RANK = {RefOrigin.INFERRED.value: 0, RefOrigin.INHERITED.value: 1, "explicit": 2}

_KIND_TITLES = {
    REQUIREMENT: "Requirements",
    CRITERION: "Requirements",
    ItemKind.ENTITY.value: "Entities",
    ItemKind.ENDPOINT.value: "Endpoints",
    ItemKind.RULE.value: "Rules",
    ItemKind.INTERFACE.value: "Interfaces",
    ItemKind.COMPONENT.value: "Components",
    ItemKind.PROPERTY.value: "Properties",
    ItemKind.STATEMENT.value: "Statements",
    ItemKind.SECTION.value: "Sections",
}
LABEL_WIDTH = 26
TOOLTIP_TEXT = 480


@dataclass(frozen=True, slots=True, kw_only=True)
class Node:
    """A box in the diagram."""

    key: str
    """Unique in the diagram: ``<spec>/req:<id>``, ``<spec>/crit:<id>`` or ``<spec>/<item id>``."""
    spec: str
    """Name of the spec it belongs to."""
    kind: str
    """``requirement``, ``criterion`` or a design item kind."""
    ident: str
    """The requirement, criterion or item id as the report has it."""
    name: str
    """Full name: ``3 Member accounts``, ``GET /api/books``."""
    label: str
    """Short label, at most two lines joined by a newline."""
    tooltip: str
    """Full text, status and ``file:line``, lines joined by newlines."""
    status: str
    """One of ``STATUSES``."""
    group: str
    """Title of the box it is drawn in ("" for none)."""
    file: str
    """Where it is written."""
    line: int
    """1-based line."""
    focus: bool = False
    """The node a ``--focus`` view is about."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Edge:
    """A line between two nodes, drawn left (requirement side) to right (design side)."""

    source: str
    """Node key on the left: a requirement or criterion for a link, an item for a derived edge."""
    target: str
    """Node key on the right."""
    kind: str
    """``explicit``, ``inherited``, ``inferred``, ``derived`` or ``has``."""
    relation: str
    """``covers`` for links; ``uses``, ``references``, ``same-as``, ``contains`` or ``has``."""
    score: float = 1.0
    """Best score among the links it stands for (inferred links)."""
    targets: tuple[str, ...] = ()
    """The requirement and criterion ids a link edge stands for (folded criteria)."""
    tooltip: str = ""
    """What it means, in a sentence."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Diagram:
    """Nodes and edges to draw, sorted, with what every format needs to say about them."""

    nodes: tuple[Node, ...]
    """Sorted by key."""
    edges: tuple[Edge, ...]
    """Sorted by source and target; at most one per pair."""
    specs: tuple[str, ...]
    """Names of the specs drawn, in report order (one box per spec when several)."""
    title: str
    """One line: the spec(s) and coverage."""
    view: View = field(default_factory=View)
    """The view it was built for."""
    note: str = ""
    """Why the diagram is empty, when it is."""


def build_diagram(subject: Report | SpecReport, view: View | None = None) -> Diagram:
    """The diagram of a report (every spec) or of one spec, under a view (default: everything).

    Raises ``SpectraceError`` when ``view.focus`` names nothing in the report.
    """
    view = view or View()
    if view.depth < 0:
        raise SpectraceError("--depth takes a number of edges, 0 or more")
    if view.focus and view.only is not None:
        raise SpectraceError("--focus and --only cannot be combined: choose one view")
    specs = subject.specs if isinstance(subject, Report) else (subject,)
    nodes: dict[str, Node] = {}
    edges: dict[tuple[str, str], Edge] = {}
    aliases: dict[tuple[str, str], str] = {}  # (spec, criterion id) -> node drawing it
    for spec in specs:
        for criterion, key in _add_spec(spec, view, nodes, edges).items():
            aliases[(spec.name, criterion)] = key
    title = _title(specs)
    note = "" if nodes else "no specs"
    if view.focus:
        nodes, edges = _focus(view, nodes, edges, aliases)
    elif view.only is not None:
        nodes, edges = _only(view.only, nodes, edges)
        note = "" if nodes else f"no {view.only.value}: nothing to show"
    return Diagram(
        nodes=tuple(nodes[key] for key in sorted(nodes)),
        edges=tuple(edges[pair] for pair in sorted(edges)),
        specs=tuple(spec.name for spec in specs),
        title=title,
        view=view,
        note=note,
    )


def short(text: str, width: int = LABEL_WIDTH, lines: int = 2) -> str:
    """At most ``lines`` lines of about ``width`` columns (wide CJK characters count two), broken
    at a space, else after a ``/``, ``-``, ``.`` or ``_`` (paths, dotted and snake_case names),
    else before a capital that follows a small letter (camelCase), else anywhere; an ellipsis when
    cut."""
    rest = " ".join(text.split())
    out: list[str] = []
    while rest and len(out) < lines:
        cut = _fit(rest, width)
        if cut < len(rest):
            space = rest.rfind(" ", 0, cut + 1)
            joint = max(rest.rfind(mark, 0, cut) for mark in "/-._") + 1
            camel = next(
                (i for i in range(cut, 0, -1) if rest[i].isupper() and rest[i - 1].islower()), 0
            )
            if space > cut // 3:
                cut = space
            elif joint > cut // 3:
                cut = joint
            elif camel > cut // 3:
                cut = camel
        out.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    if rest and out:
        last = out[-1]
        out[-1] = last[: max(_fit(last, width - 1), 1)].rstrip() + "…"
    return "\n".join(out)


def _fit(text: str, width: int) -> int:
    """How many leading characters of ``text`` fit in ``width`` columns."""
    used = 0
    for index, char in enumerate(text):
        used += 2 if unicodedata.east_asian_width(char) in "WF" else 1
        if used > width:
            return index
    return len(text)


def _title(specs: Sequence[SpecReport]) -> str:
    if len(specs) == 1:
        spec = specs[0]
        return f"{spec.name}: coverage {spec.summary.coverage:.1f}%"
    return f"{len(specs)} specs"


def _add_spec(
    spec: SpecReport, view: View, nodes: dict[str, Node], edges: dict[tuple[str, str], Edge]
) -> dict[str, str]:
    """Add one spec's nodes and edges; return criterion id -> the node that draws it."""
    prefix = f"{spec.name}/"
    criterion_node: dict[str, str] = {}  # criterion id -> node key it is drawn as
    requirement_node: dict[str, str] = {}
    for result in spec.requirements:
        requirement = result.requirement
        key = f"{prefix}req:{requirement.id}"
        if key in nodes:
            continue  # a duplicate id: the analysis traces the first one
        requirement_node[requirement.id] = key
        nodes[key] = _requirement_node(spec.name, key, result, view)
        for criterion in result.criteria:
            ident = criterion.criterion.id
            if not view.criteria:
                criterion_node.setdefault(ident, key)
                continue
            child = f"{prefix}crit:{ident}"
            if child in nodes:
                continue
            criterion_node[ident] = child
            nodes[child] = Node(
                key=child,
                spec=spec.name,
                kind=CRITERION,
                ident=ident,
                name=f"{ident} {criterion.criterion.text}",
                label=short(f"{ident}: {criterion.criterion.text}"),
                tooltip=tooltip_lines(
                    f"Criterion {ident} ({criterion.status.value})",
                    where(criterion.criterion.span),
                    criterion.criterion.text,
                ),
                status=criterion.status.value,
                group=_KIND_TITLES[REQUIREMENT] if view.cluster != Cluster.NONE else "",
                file=criterion.criterion.span.file,
                line=criterion.criterion.span.line,
            )
            add_edge(edges, Edge(source=key, target=child, kind=HAS, relation=HAS))
    drawn = _item_nodes(spec, view, nodes)
    for item_result in spec.items:
        source = drawn.get(item_result.item.id)
        if source is None:
            continue
        for link in item_result.covers:
            target = criterion_node.get(link.target) or requirement_node.get(link.target)
            if target is not None:
                _add_link(edges, target, source, link, nodes)
    if view.tasks:
        add_tasks(spec, view, nodes, edges, {**requirement_node, **criterion_node}, drawn)
    for source_id, target_id, relation in spec.derived:
        source, target = drawn.get(source_id), drawn.get(target_id)
        if source is None or target is None or source == target:
            continue
        if relation == "same-as" and (target, source) in edges:
            continue  # drawn once, without arrowheads
        add_edge(
            edges,
            Edge(
                source=source,
                target=target,
                kind=DERIVED,
                relation=relation,
                tooltip=f"{nodes[source].name} {relation} {nodes[target].name}",
            ),
        )
    return criterion_node


def _requirement_node(spec: str, key: str, result: RequirementResult, view: View) -> Node:
    requirement = result.requirement
    name = f"{requirement.id} {requirement.title}".strip()
    counts = ""
    if result.criteria:
        done = sum(1 for c in result.criteria if c.status == Status.COVERED)
        counts = f": {done}/{len(result.criteria)} criteria covered"
    uncovered = [c.criterion.id for c in result.criteria if c.status != Status.COVERED]
    return Node(
        key=key,
        spec=spec,
        kind=REQUIREMENT,
        ident=requirement.id,
        name=name,
        label=short(f"{requirement.id}: {requirement.title}" if requirement.title else name),
        tooltip=tooltip_lines(
            f"Requirement {name}",
            f"{result.status.value}{counts}",
            f"uncovered: {', '.join(uncovered)}" if uncovered and not view.criteria else "",
            where(requirement.span),
            requirement.text,
        ),
        status=result.status.value,
        group=_KIND_TITLES[REQUIREMENT] if view.cluster != Cluster.NONE else "",
        file=requirement.span.file,
        line=requirement.span.line,
    )


def _item_nodes(spec: SpecReport, view: View, nodes: dict[str, Node]) -> dict[str, str]:
    """Add a node per drawn item; return every item id (fields too) -> the node it is drawn as."""
    by_id = {result.item.id: result for result in spec.items}
    groups = _section_groups(spec.items) if view.cluster == Cluster.SECTION else {}
    drawn: dict[str, str] = {}
    for result in spec.items:
        item = result.item
        if item.kind == ItemKind.FIELD:
            continue
        key = f"{spec.name}/{item.id}"
        drawn[item.id] = key
        group = (
            groups.get(item.id, "")
            if view.cluster == Cluster.SECTION
            else _KIND_TITLES[item.kind.value]
            if view.cluster == Cluster.KIND
            else ""
        )
        if group == _KIND_TITLES[REQUIREMENT]:
            group = f"{group} (design)"  # a design section of that name is not the requirements
        nodes[key] = Node(
            key=key,
            spec=spec.name,
            kind=item.kind.value,
            ident=item.id,
            name=item.name,
            label=short(item.name),
            tooltip=tooltip_lines(
                f"{item.kind.value} {item.name}",
                _item_state(result, by_id),
                where(item.span),
                item.text,
            ),
            status=_item_status(result),
            group=group,
            file=item.span.file,
            line=item.span.line,
        )
    # Fields are drawn as their entity: a link or edge of a field is one of its entity.
    for result in spec.items:
        item = result.item
        seen = {item.id}
        parent = item.parent
        while item.id not in drawn and parent and parent not in seen:
            seen.add(parent)
            if parent in drawn:
                drawn[item.id] = drawn[parent]
                break
            parent = by_id[parent].item.parent if parent in by_id else ""
    return drawn


def _item_status(result: ItemResult) -> str:
    if result.orphan:
        return ORPHAN
    if result.covers:
        return LINKED
    if result.traced_via:
        return TRACED
    return NEUTRAL


def _item_state(result: ItemResult, by_id: dict[str, ItemResult]) -> str:
    if result.orphan:
        return "orphan: traces to no requirement"
    if result.covers:
        return "covers " + ", ".join(sorted({link.target for link in result.covers}, key=_natural))
    if result.traced_via:
        via = by_id.get(result.traced_via)
        return f"traced via {via.item.name if via else result.traced_via}"
    if result.item.cross_cutting:
        return "cross-cutting: never an orphan"
    return ""


def _section_groups(items: Iterable[ItemResult]) -> dict[str, str]:
    """Item id -> its top design section: the heading path less the document title (the first
    heading, when every deeper item of that file sits under it), so that spec-kit's several files
    each keep their own sections."""
    paths = {r.item.id: (r.item.span.file, r.item.section.split(" > ")) for r in items}
    shared: dict[str, str | None] = {}
    for file, parts in paths.values():
        if len(parts) < 2:
            continue  # directly under the title (or under no heading): says nothing
        if shared.setdefault(file, parts[0]) != parts[0]:
            shared[file] = None
    groups: dict[str, str] = {}
    for ident, (file, parts) in paths.items():
        skip = 1 if len(parts) > 1 and shared.get(file) is not None else 0
        groups[ident] = parts[skip].strip()
    return groups


def _add_link(
    edges: dict[tuple[str, str], Edge], source: str, target: str, link: Link, nodes: dict[str, Node]
) -> None:
    """One edge per requirement-item pair: the strongest origin wins, folded criteria add up."""
    kind = link.origin.value
    old = edges.get((source, target))
    if old is not None:
        if _ORIGIN_RANK[old.kind] > _ORIGIN_RANK[kind]:
            kind = old.kind
        targets = tuple(sorted({*old.targets, link.target}, key=_natural))
        score = max(old.score, link.score)
    else:
        targets, score = (link.target,), link.score
    scored = f", score {score:.2f}" if kind == RefOrigin.INFERRED.value else ""
    edges[(source, target)] = Edge(
        source=source,
        target=target,
        kind=kind,
        relation="covers",
        score=score,
        targets=targets,
        tooltip=f"{nodes[target].name} covers {', '.join(targets)} ({kind}{scored})",
    )


def add_edge(edges: dict[tuple[str, str], Edge], edge: Edge) -> None:
    """Add an edge unless its pair of nodes already has one."""
    # A link and a derived edge never join the same pair (requirement-item vs item-item).
    edges.setdefault((edge.source, edge.target), edge)


def _neighbours(edges: Iterable[Edge]) -> dict[str, list[tuple[str, int]]]:
    """Node -> (neighbour, distance); a criterion is no step away from its requirement."""
    around: dict[str, list[tuple[str, int]]] = {}
    for edge in edges:
        step = 0 if edge.kind == HAS else 1
        around.setdefault(edge.source, []).append((edge.target, step))
        around.setdefault(edge.target, []).append((edge.source, step))
    return around


def _within(seeds: Iterable[str], around: dict[str, list[tuple[str, int]]], depth: int) -> set[str]:
    """Nodes at most ``depth`` steps from a seed (0-1 breadth first: linear in the edges)."""
    best = dict.fromkeys(seeds, 0)
    queue = deque((seed, 0) for seed in sorted(best))
    while queue:
        node, distance = queue.popleft()
        if distance > best[node]:
            continue
        for other, step in sorted(around.get(node, ())):
            reach = distance + step
            if reach <= depth and reach < best.get(other, depth + 1):
                best[other] = reach
                if step:
                    queue.append((other, reach))
                else:
                    queue.appendleft((other, reach))
    return set(best)


def _keep(
    keep: set[str], nodes: dict[str, Node], edges: dict[tuple[str, str], Edge]
) -> tuple[dict[str, Node], dict[tuple[str, str], Edge]]:
    return (
        {key: node for key, node in nodes.items() if key in keep},
        {pair: edge for pair, edge in edges.items() if pair[0] in keep and pair[1] in keep},
    )


def _focus(
    view: View,
    nodes: dict[str, Node],
    edges: dict[tuple[str, str], Edge],
    aliases: dict[tuple[str, str], str],
) -> tuple[dict[str, Node], dict[tuple[str, str], Edge]]:
    seeds = _find(view.focus, nodes, aliases)
    kept, kept_edges = _keep(_within(seeds, _neighbours(edges.values()), view.depth), nodes, edges)
    for key in seeds:
        kept[key] = replace(kept[key], focus=True)
    return kept, kept_edges


def _find(wanted: str, nodes: dict[str, Node], aliases: dict[tuple[str, str], str]) -> set[str]:
    """Nodes a ``--focus`` value names: an id or a name, ``spec/`` before it to pick the spec; a
    criterion folded into its requirement is found as that requirement."""
    tries = [(wanted, "")]
    if "/" in wanted:
        spec, _, rest = wanted.rpartition("/")
        tries.append((rest, spec))
    for ident, in_spec in tries:
        lowered = ident.casefold()
        found = {
            key
            for key, node in nodes.items()
            if (not in_spec or node.spec == in_spec)
            and (ident in (node.ident, node.key) or lowered == node.name.casefold())
        }
        found |= {
            key
            for (spec, criterion), key in aliases.items()
            if criterion == ident and (not in_spec or spec == in_spec)
        }
        if found:
            return found
    raise SpectraceError(
        f"--focus {wanted}: no requirement, criterion or design item has that id or name"
    )


def _only(
    only: Only, nodes: dict[str, Node], edges: dict[tuple[str, str], Edge]
) -> tuple[dict[str, Node], dict[tuple[str, str], Edge]]:
    if only == Only.GAPS:
        seeds = {
            key
            for key, node in nodes.items()
            if node.kind in (REQUIREMENT, CRITERION) and node.status in (PARTIAL, UNCOVERED)
        }
        # An uncovered criterion is shown with its requirement.
        seeds |= {e.source for e in edges.values() if e.kind == HAS and e.target in seeds}
    else:
        seeds = {key for key, node in nodes.items() if node.status == ORPHAN}
    return _keep(_within(seeds, _neighbours(edges.values()), 1), nodes, edges)


def tooltip_lines(*parts: str) -> str:
    """The non-empty parts, one line each, cut to ``TOOLTIP_TEXT`` characters."""
    lines = [" ".join(part.split()) for part in parts if part and part.strip()]
    text = "\n".join(lines)
    return text if len(text) <= TOOLTIP_TEXT else text[: TOOLTIP_TEXT - 1].rstrip() + "…"


def _natural(ident: str) -> tuple[tuple[int, int | str], ...]:
    """``1.2`` before ``1.10``; ``FR-002`` before ``FR-010``."""
    parts: list[tuple[int, int | str]] = []
    for chunk in ident.replace("-", ".").split("."):
        parts.append((0, int(chunk)) if chunk.isdigit() else (1, chunk))
    return tuple(parts)


@dataclass(frozen=True, slots=True, kw_only=True)
class Paint:
    """How a status looks, in every format."""

    fill: str
    """Fill colour."""
    stroke: str
    """Border colour."""
    meaning: str
    """Legend text."""


#: One colour per status: green is fine, amber partial, red missing, purple loose.
PAINT = {
    COVERED: Paint(fill="#c8e6c9", stroke="#2e7d32", meaning="every criterion covered"),
    PARTIAL: Paint(fill="#ffe0b2", stroke="#e65100", meaning="some criteria covered"),
    UNCOVERED: Paint(fill="#ffcdd2", stroke="#c62828", meaning="nothing covers it"),
    LINKED: Paint(fill="#c8e6c9", stroke="#2e7d32", meaning="covers a requirement"),
    TRACED: Paint(fill="#e8f5e9", stroke="#81c784", meaning="reached from a linked item"),
    ORPHAN: Paint(fill="#e1bee7", stroke="#6a1b9a", meaning="traces to nothing"),
    NEUTRAL: Paint(fill="#eceff1", stroke="#90a4ae", meaning="cross-cutting or structure"),
}
#: Task states, apart: drawn only with ``--tasks`` (a diagram without tasks keeps its styles).
TASK_PAINT = {
    TASK_STATUSES[0]: Paint(fill="#a5d6a7", stroke="#1b5e20", meaning="task done"),
    TASK_STATUSES[1]: Paint(fill="#fff59d", stroke="#f57f17", meaning="task in progress"),
    TASK_STATUSES[2]: Paint(fill="#ffffff", stroke="#546e7a", meaning="task open"),
}


def paint(status: str) -> Paint:
    """How a node of this status looks (a design or requirement status, or a task state)."""
    return PAINT.get(status) or TASK_PAINT[status]


#: Kinds in legend order.
KINDS = (
    REQUIREMENT,
    CRITERION,
    ItemKind.ENTITY.value,
    ItemKind.ENDPOINT.value,
    ItemKind.RULE.value,
    ItemKind.INTERFACE.value,
    ItemKind.COMPONENT.value,
    ItemKind.PROPERTY.value,
    ItemKind.STATEMENT.value,
    ItemKind.SECTION.value,
    TASK,
)

#: Edge kinds in legend order, with their legend text.
EDGE_MEANINGS = {
    RefOrigin.EXPLICIT.value: "explicit reference",
    RefOrigin.INHERITED.value: "inherited from a heading",
    RefOrigin.INFERRED.value: "inferred (score)",
    DERIVED: "design edge (uses, references)",
    HAS: "requirement has criterion",
    **TASK_EDGE_MEANINGS,
}


def present(diagram: Diagram) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """The kinds, statuses and edge kinds the diagram uses, in legend order (for its legend)."""
    kinds = {node.kind for node in diagram.nodes}
    statuses = {node.status for node in diagram.nodes}
    edges = {edge.kind for edge in diagram.edges}
    return (
        tuple(k for k in KINDS if k in kinds),
        tuple(s for s in (*STATUSES, *TASK_STATUSES) if s in statuses),
        tuple(e for e in EDGE_MEANINGS if e in edges),
    )


def groups(diagram: Diagram) -> dict[str, dict[str, list[Node]]]:
    """Spec -> box title ("" for none) -> its nodes, specs in report order, boxes by title with
    the requirements first (they are drawn on the left)."""
    by_spec: dict[str, dict[str, list[Node]]] = {spec: {} for spec in diagram.specs}
    for node in diagram.nodes:
        by_spec.setdefault(node.spec, {}).setdefault(node.group, []).append(node)
    return {
        spec: {
            title: boxes[title]
            for title in sorted(boxes, key=lambda t: (t != _KIND_TITLES[REQUIREMENT], t))
        }
        for spec, boxes in by_spec.items()
        if boxes
    }
