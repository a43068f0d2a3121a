"""The diagram view every graph format draws: which nodes and edges, folded and filtered.

DOT, SVG, PNG, Mermaid, GraphML and node-link JSON all draw one ``Diagram`` built here, so they
agree on what is shown: requirements (criteria folded in unless asked for), design items (members
folded into their parent, statements into their section), coverage links from requirements to
items, derived edges between items, one edge per pair of nodes; or, past the size budget, the
overview of requirements against design sections. With ``View.tasks``, leaf tasks in a band of
their own (``tasks``). ``split`` cuts a spec into parts.
"""

from spectrace.render.diagram.boxes import groups, present
from spectrace.render.diagram.build import build_diagram
from spectrace.render.diagram.labels import LABEL_WIDTH, TOOLTIP_TEXT, short
from spectrace.render.diagram.model import (
    BUILDS,
    CALLOUT,
    COVERED,
    CRITERION,
    DERIVED,
    EDGE_MEANINGS,
    GROUP,
    HAS,
    IMPLEMENTS,
    KINDS,
    LINKED,
    NEUTRAL,
    ORPHAN,
    PAINT,
    PARTIAL,
    REQUIREMENT,
    STATUSES,
    TASK,
    TASK_PAINT,
    TASK_STATUSES,
    TRACED,
    UNCOVERED,
    Cluster,
    Diagram,
    Edge,
    Node,
    Only,
    Paint,
    Scale,
    Split,
    View,
    paint,
)
from spectrace.render.diagram.overview import MAX_ITEMS, MAX_LINES, MAX_REQUIREMENTS

__all__ = [
    "BUILDS",
    "CALLOUT",
    "COVERED",
    "CRITERION",
    "DERIVED",
    "EDGE_MEANINGS",
    "GROUP",
    "HAS",
    "IMPLEMENTS",
    "KINDS",
    "LABEL_WIDTH",
    "LINKED",
    "MAX_ITEMS",
    "MAX_LINES",
    "MAX_REQUIREMENTS",
    "NEUTRAL",
    "ORPHAN",
    "PAINT",
    "PARTIAL",
    "REQUIREMENT",
    "STATUSES",
    "TASK",
    "TASK_PAINT",
    "TASK_STATUSES",
    "TOOLTIP_TEXT",
    "TRACED",
    "UNCOVERED",
    "Cluster",
    "Diagram",
    "Edge",
    "Node",
    "Only",
    "Paint",
    "Scale",
    "Split",
    "View",
    "build_diagram",
    "groups",
    "paint",
    "present",
    "short",
]
