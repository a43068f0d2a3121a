"""Node-link JSON of the traceability diagram (networkx's ``node_link_data``), for other tools."""

from __future__ import annotations

import networkx as nx

from spectrace import jsontext
from spectrace.model import Report
from spectrace.render.diagram import Diagram, build_diagram


def render(report: Report) -> str:
    """The whole report as node-link JSON (every spec, criteria folded)."""
    return draw(build_diagram(report))


def draw(diagram: Diagram) -> str:
    """A diagram view as node-link JSON: ``nodes`` with their kind, status and place, ``edges``
    with their kind, relation and score; keys sorted, the same input giving the same bytes."""
    data = nx.node_link_data(to_networkx(diagram), edges="edges")
    return jsontext.dumps(data)


def to_networkx(diagram: Diagram) -> nx.DiGraph:
    """The diagram as a networkx DiGraph: node keys as ids, only plain attribute values (strings,
    numbers, booleans) so that GraphML can carry them too; nodes and edges in sorted order."""
    graph = nx.DiGraph(title=diagram.title, note=diagram.note)
    for node in diagram.nodes:
        graph.add_node(
            node.key,
            kind=node.kind,
            id=node.ident,
            name=node.name,
            label=node.label.replace("\n", " "),
            status=node.status,
            spec=node.spec,
            group=node.group,
            file=node.file,
            line=node.line,
            description=node.tooltip,
            focus=node.focus,
        )
    for edge in diagram.edges:
        # Drawn requirement -> item (left to right); stored as the model says: item covers it.
        link = edge.relation == "covers"
        graph.add_edge(
            edge.target if link else edge.source,
            edge.source if link else edge.target,
            kind=edge.kind,
            relation=edge.relation,
            score=edge.score,
            targets=",".join(edge.targets),
            description=edge.tooltip,
        )
    return graph
