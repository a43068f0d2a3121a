"""The detail view: a box per requirement and per design item, a line per link."""

from __future__ import annotations

from collections.abc import Sequence

from spectrace.errors import SpectraceError
from spectrace.model import Link, RefOrigin, Report, SpecReport
from spectrace.render.common import plural, where
from spectrace.render.diagram import views
from spectrace.render.diagram.items import item_nodes
from spectrace.render.diagram.labels import natural, short, tooltip
from spectrace.render.diagram.model import (
    CRITERION,
    DERIVED,
    HAS,
    ORIGIN_RANK,
    REQUIREMENTS_TITLE,
    Cluster,
    Diagram,
    Edge,
    Node,
    Scale,
    View,
)
from spectrace.render.diagram.overview import build_overview, past_budget
from spectrace.render.diagram.requirements import requirement_node_of
from spectrace.render.diagram.tasks import add_tasks


def build_diagram(subject: Report | SpecReport, view: View | None = None) -> Diagram:
    """The diagram of a report (every spec) or of one spec, under a view (default: the detail
    view, or the overview when the specs are past the size budget).

    Raises ``SpectraceError`` when ``view.focus`` names nothing in the report.
    """
    view = view or View()
    if view.depth < 0:
        raise SpectraceError("--depth takes a number of edges, 0 or more")
    if view.focus and view.only is not None:
        raise SpectraceError("--focus and --only cannot be combined: choose one view")
    specs = subject.specs if isinstance(subject, Report) else (subject,)
    narrowed = bool(view.focus) or view.only is not None
    if view.scale == Scale.OVERVIEW and narrowed:
        raise SpectraceError("--view overview draws every requirement: drop --focus and --only")
    if view.scale == Scale.OVERVIEW:
        return build_overview(specs, view, _title(specs))
    drawn = detail(specs, view)
    if view.scale == Scale.AUTO and not narrowed and past_budget(drawn):
        return build_overview(specs, view, _title(specs))
    return drawn


def detail(specs: Sequence[SpecReport], view: View) -> Diagram:
    """Every requirement and drawn item of the specs, then narrowed by ``--focus``/``--only``."""
    nodes: dict[str, Node] = {}
    edges: dict[tuple[str, str], Edge] = {}
    aliases: dict[tuple[str, str], str] = {}  # (spec, criterion id) -> node drawing it
    left_out = 0
    for spec in specs:
        criteria, dropped = _add_spec(spec, view, nodes, edges)
        left_out += dropped
        for criterion, key in criteria.items():
            aliases[(spec.name, criterion)] = key
    note = "" if nodes else "no specs"
    if view.focus:
        nodes, edges = views.focus(view, nodes, edges, aliases)
    elif view.only is not None:
        nodes, edges = views.only(view.only, nodes, edges)
        note = "" if nodes else f"no {view.only.value}: nothing to show"
    hidden = (
        f"{plural(left_out, 'cross-cutting item')} that cover nothing left out (--cross-cutting)"
        if left_out
        else ""
    )
    return Diagram(
        nodes=tuple(nodes[key] for key in sorted(nodes)),
        edges=tuple(edges[pair] for pair in sorted(edges)),
        specs=tuple(spec.name for spec in specs),
        title=_title(specs),
        view=view,
        note=note,
        left_out=hidden,
    )


def _title(specs: Sequence[SpecReport]) -> str:
    if len(specs) == 1:
        spec = specs[0]
        return f"{spec.name}: coverage {spec.summary.coverage:.1f}%"
    return f"{len(specs)} specs"


def _add_spec(
    spec: SpecReport, view: View, nodes: dict[str, Node], edges: dict[tuple[str, str], Edge]
) -> tuple[dict[str, str], int]:
    """Add one spec's nodes and edges; return criterion id -> the node that draws it, and how
    many items were left out."""
    prefix = f"{spec.name}/"
    criterion_node: dict[str, str] = {}  # criterion id -> node key it is drawn as
    requirement_node: dict[str, str] = {}
    box = REQUIREMENTS_TITLE if view.cluster != Cluster.NONE else ""
    for number, result in enumerate(spec.requirements):
        requirement = result.requirement
        key = f"{prefix}req:{requirement.id}"
        if key in nodes:
            continue  # a duplicate id: the analysis traces the first one
        requirement_node[requirement.id] = key
        nodes[key] = requirement_node_of(spec.name, key, result, view, box, number * 1000)
        for index, criterion in enumerate(result.criteria, start=1):
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
                tooltip=tooltip(
                    f"Criterion {ident} ({criterion.status.value})",
                    where(criterion.criterion.span),
                    criterion.criterion.text,
                ),
                status=criterion.status.value,
                group=box,
                file=criterion.criterion.span.file,
                line=criterion.criterion.span.line,
                order=number * 1000 + index,
            )
            _add_edge(edges, Edge(source=key, target=child, kind=HAS, relation=HAS))
    items = item_nodes(spec, view)
    nodes.update(items.nodes)
    drawn = items.drawn
    for item_result in spec.items:
        source = drawn.get(item_result.item.id)
        if source is None:
            continue
        for link in item_result.covers:
            target = criterion_node.get(link.target) or requirement_node.get(link.target)
            if target is not None:
                add_link(edges, target, source, link, nodes)
    if view.tasks:
        add_tasks(spec, view, nodes, edges, {**requirement_node, **criterion_node}, drawn)
    for source_id, target_id, relation in spec.derived:
        source, target = drawn.get(source_id), drawn.get(target_id)
        if source is None or target is None or source == target:
            continue
        if {source, target} & items.folded_statements:
            continue  # a section containing its items: the box around them says it
        if relation == "same-as" and (target, source) in edges:
            continue  # drawn once, without arrowheads
        _add_edge(
            edges,
            Edge(
                source=source,
                target=target,
                kind=DERIVED,
                relation=relation,
                tooltip=f"{nodes[source].name} {relation} {nodes[target].name}",
            ),
        )
    return criterion_node, items.left_out


def add_link(
    edges: dict[tuple[str, str], Edge], source: str, target: str, link: Link, nodes: dict[str, Node]
) -> None:
    """One edge per requirement-item pair: the strongest origin wins, folded criteria add up."""
    kind = link.origin.value
    old = edges.get((source, target))
    if old is not None:
        if ORIGIN_RANK[old.kind] > ORIGIN_RANK[kind]:
            kind = old.kind
        targets = tuple(sorted({*old.targets, link.target}, key=natural))
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


def _add_edge(edges: dict[tuple[str, str], Edge], edge: Edge) -> None:
    # A link and a derived edge never join the same pair (requirement-item vs item-item).
    edges.setdefault((edge.source, edge.target), edge)
