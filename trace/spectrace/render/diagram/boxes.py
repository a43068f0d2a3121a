"""What a drawing needs beyond nodes and edges: the boxes in reading order and the legend."""

from __future__ import annotations

from spectrace.render.diagram.model import (
    CRITERION,
    EDGE_MEANINGS,
    KINDS,
    REQUIREMENT,
    REQUIREMENTS_TITLE,
    STATUSES,
    TASK_STATUSES,
    Diagram,
    Node,
)


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
    """Spec -> box title ("" for none) -> its nodes in document order, specs in report order;
    the requirements' box first (it is drawn on the left), then the design's boxes in the order
    their first item is written."""
    by_spec: dict[str, dict[str, list[Node]]] = {spec: {} for spec in diagram.specs}
    for node in diagram.nodes:
        by_spec.setdefault(node.spec, {}).setdefault(node.group, []).append(node)
    out: dict[str, dict[str, list[Node]]] = {}
    for spec, boxes in by_spec.items():
        if not boxes:
            continue
        for nodes in boxes.values():
            nodes.sort(key=lambda n: (n.kind not in (REQUIREMENT, CRITERION), n.order, n.key))
        out[spec] = {
            title: boxes[title]
            for title in sorted(
                boxes,
                key=lambda t: (t != REQUIREMENTS_TITLE, boxes[t][0].order, t),
            )
        }
    return out
