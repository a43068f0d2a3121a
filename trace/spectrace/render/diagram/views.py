"""Narrowed views: the neighbourhood of one node (``--focus``), or gaps or orphans (``--only``)."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from dataclasses import replace

from spectrace.errors import SpectraceError
from spectrace.render.diagram.model import (
    CRITERION,
    HAS,
    ORPHAN,
    PARTIAL,
    REQUIREMENT,
    UNCOVERED,
    Edge,
    Node,
    Only,
    View,
)

Nodes = dict[str, Node]
Edges = dict[tuple[str, str], Edge]


def neighbours(edges: Iterable[Edge]) -> dict[str, list[tuple[str, int]]]:
    """Node -> (neighbour, distance); a criterion is no step away from its requirement."""
    around: dict[str, list[tuple[str, int]]] = {}
    for edge in edges:
        step = 0 if edge.kind == HAS else 1
        around.setdefault(edge.source, []).append((edge.target, step))
        around.setdefault(edge.target, []).append((edge.source, step))
    return around


def within(seeds: Iterable[str], around: dict[str, list[tuple[str, int]]], depth: int) -> set[str]:
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


def keep(kept: set[str], nodes: Nodes, edges: Edges) -> tuple[Nodes, Edges]:
    """The nodes in ``kept`` and the edges between them."""
    return (
        {key: node for key, node in nodes.items() if key in kept},
        {pair: edge for pair, edge in edges.items() if pair[0] in kept and pair[1] in kept},
    )


def focus(
    view: View, nodes: Nodes, edges: Edges, aliases: dict[tuple[str, str], str]
) -> tuple[Nodes, Edges]:
    """The neighbourhood of what ``view.focus`` names, ``view.depth`` edges deep, focus marked."""
    seeds = find(view.focus, nodes, aliases)
    kept, kept_edges = keep(within(seeds, neighbours(edges.values()), view.depth), nodes, edges)
    for key in seeds:
        kept[key] = replace(kept[key], focus=True)
    return kept, kept_edges


def find(wanted: str, nodes: Nodes, aliases: dict[tuple[str, str], str]) -> set[str]:
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


def only(which: Only, nodes: Nodes, edges: Edges) -> tuple[Nodes, Edges]:
    """Gaps (partial and uncovered requirements) or orphans, each with its direct neighbours."""
    if which == Only.GAPS:
        seeds = {
            key
            for key, node in nodes.items()
            if node.kind in (REQUIREMENT, CRITERION) and node.status in (PARTIAL, UNCOVERED)
        }
        # An uncovered criterion is shown with its requirement.
        seeds |= {e.source for e in edges.values() if e.kind == HAS and e.target in seeds}
    else:
        seeds = {key for key, node in nodes.items() if node.status == ORPHAN}
    return keep(within(seeds, neighbours(edges.values()), 1), nodes, edges)
