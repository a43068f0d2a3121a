"""GraphML of the traceability diagram (networkx's writer), for yEd, Gephi and other tools."""

from __future__ import annotations

import networkx as nx

from spectrace.model import Report
from spectrace.render.diagram import Diagram, build_diagram
from spectrace.render.nodelink import to_networkx


def render(report: Report) -> str:
    """The whole report as GraphML (every spec, criteria folded)."""
    return draw(build_diagram(report))


def draw(diagram: Diagram) -> str:
    """A diagram view as GraphML: the same nodes, edges and attributes as the node-link JSON."""
    return "\n".join(nx.generate_graphml(to_networkx(diagram), prettyprint=True)) + "\n"
