"""The traceability graph: one networkx DiGraph, built once and frozen."""

from __future__ import annotations

from collections.abc import Sequence

import networkx as nx

from spectrace.model import DesignItem, Link, RefOrigin, Requirement

REQUIREMENT = "requirement"
CRITERION = "criterion"
COVERS = "covers"
HAS = "has"
_PRIORITY = {RefOrigin.INFERRED: 0, RefOrigin.INHERITED: 1, RefOrigin.EXPLICIT: 2}


def requirement_node(identifier: str) -> str:
    """Node key of a requirement."""
    return f"req:{identifier}"


def criterion_node(identifier: str) -> str:
    """Node key of a criterion."""
    return f"crit:{identifier}"


def build_graph(
    requirements: Sequence[Requirement],
    items: Sequence[DesignItem],
    links: Sequence[Link],
    derived: Sequence[tuple[str, str, str]],
    criterion_ids: frozenset[str],
) -> nx.DiGraph:
    """Typed nodes (requirement, criterion, each item kind, section) and typed edges (has, covers
    with its origin, contains, uses, references, same-as). The graph is frozen: read it only."""
    graph = nx.DiGraph()
    for requirement in requirements:
        node = requirement_node(requirement.id)
        # A duplicate id is reported by the analysis and traced as the first one, which takes
        # the criteria only a later one has: no criterion a link names is left out of the graph.
        if node not in graph:
            graph.add_node(node, type=REQUIREMENT, id=requirement.id, record=requirement)
        for criterion in requirement.criteria:
            child = criterion_node(criterion.id)
            if child not in graph:
                graph.add_node(child, type=CRITERION, id=criterion.id, record=criterion)
                graph.add_edge(node, child, type=HAS)
    for item in items:
        graph.add_node(item.id, type=item.kind.value, id=item.id, record=item)
    # Explicit links go in last so that they win over an inferred or inherited one on one edge.
    for link in sorted(links, key=lambda link: _PRIORITY[link.origin]):
        target = (
            criterion_node(link.target)
            if link.target in criterion_ids
            else requirement_node(link.target)
        )
        graph.add_edge(link.source, target, type=COVERS, origin=link.origin.value, link=link)
    for source, target, relation in derived:
        graph.add_edge(source, target, type=relation)
    return nx.freeze(graph)
