"""GraphML of the traceability diagram (networkx's writer), for yEd, Gephi and other tools."""

from __future__ import annotations

import networkx as nx

from spectrace.model import Report
from spectrace.render.common import xml_text
from spectrace.render.diagram import Diagram, build_diagram
from spectrace.render.nodelink import to_networkx


def render(report: Report) -> str:
    """The whole report as GraphML (every spec, criteria folded)."""
    return draw(build_diagram(report))


def draw(diagram: Diagram) -> str:
    """A diagram view as GraphML: the same nodes, edges and attributes as the node-link JSON."""
    # XML 1.0 cannot hold most control characters, even escaped, and networkx writes those of
    # document text as they are: they are replaced first.
    graph = nx.relabel_nodes(to_networkx(diagram), xml_text)
    for data in (
        graph.graph,
        *(data for _node, data in graph.nodes(data=True)),
        *(data for _source, _target, data in graph.edges(data=True)),
    ):
        data.update((key, xml_text(v)) for key, v in data.items() if isinstance(v, str))
    return "\n".join(nx.generate_graphml(graph, prettyprint=True)) + "\n"
