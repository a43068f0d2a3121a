"""What a diagram is made of: the view asked for, nodes, edges, and the look of each status."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from spectrace.model import ItemKind, RefOrigin, Status, TaskState


class Cluster(StrEnum):
    """How design items are grouped into boxes."""

    SECTION = "section"
    KIND = "kind"
    NONE = "none"


class Only(StrEnum):
    """The views that keep what needs attention and its immediate context."""

    GAPS = "gaps"
    ORPHANS = "orphans"


class Scale(StrEnum):
    """Whole detail, or one overview for a spec past the size budget."""

    AUTO = "auto"
    DETAIL = "detail"
    OVERVIEW = "overview"


class Split(StrEnum):
    """How ``--split`` cuts a spec into parts, one file each."""

    SECTION = "section"
    REQUIREMENT = "requirement"


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
    scale: Scale = Scale.AUTO
    """Detail, overview, or the overview only for a spec past the size budget (the default)."""
    cross_cutting: bool = False
    """Draw cross-cutting items that cover nothing (left out by default)."""
    tasks: bool = False
    """Draw the leaf tasks of specs with a task list, in a band right of the design items."""


#: Node kinds besides the design item kinds.
REQUIREMENT = "requirement"
CRITERION = "criterion"
GROUP = "group"
"""An overview node: a design section (or kind) with its counts."""
CALLOUT = "callout"
"""An overview node: the gaps or the orphans, by name."""
TASK = "task"
"""A leaf task of the spec's task list (``View.tasks``); in the overview, the tasks' column."""

#: Node statuses: requirements and criteria are covered, partial or uncovered; a design item is
#: linked (covers something), traced (reached from a linked item), orphan, or neutral (a
#: cross-cutting or structural item that is never an orphan).
COVERED, PARTIAL, UNCOVERED = Status.COVERED.value, Status.PARTIAL.value, Status.UNCOVERED.value
LINKED, TRACED, ORPHAN, NEUTRAL = "linked", "traced", "orphan", "neutral"
STATUSES = (COVERED, PARTIAL, UNCOVERED, LINKED, TRACED, ORPHAN, NEUTRAL)
#: A task's status is its state.
DONE, IN_PROGRESS, OPEN = TaskState.DONE.value, TaskState.IN_PROGRESS.value, TaskState.OPEN.value
TASK_STATUSES = (DONE, IN_PROGRESS, OPEN)

#: Edge kinds: the three link origins, derived design edges, and requirement-has-criterion;
#: with tasks, a requirement (or criterion) implemented by a task and a design item built by one.
DERIVED, HAS = "derived", "has"
IMPLEMENTS, BUILDS = "implements", "builds"
ORIGIN_RANK = {RefOrigin.INFERRED.value: 0, RefOrigin.INHERITED.value: 1, "explicit": 2}

REQUIREMENTS_TITLE = "Requirements"
TASKS_TITLE = "Tasks"
KIND_TITLES = {
    REQUIREMENT: REQUIREMENTS_TITLE,
    CRITERION: REQUIREMENTS_TITLE,
    ItemKind.ENTITY.value: "Entities",
    ItemKind.ENDPOINT.value: "Endpoints",
    ItemKind.RULE.value: "Rules",
    ItemKind.INTERFACE.value: "Interfaces",
    ItemKind.COMPONENT.value: "Components",
    ItemKind.PROPERTY.value: "Properties",
    ItemKind.STATEMENT.value: "Statements",
    ItemKind.SECTION.value: "Sections",
    TASK: TASKS_TITLE,
}


@dataclass(frozen=True, slots=True, kw_only=True)
class Node:
    """A box in the diagram."""

    key: str
    """Unique in the diagram: ``<spec>/req:<id>``, ``<spec>/crit:<id>``, ``<spec>/<item id>`` or
    ``<spec>/task:<key>``."""
    spec: str
    """Name of the spec it belongs to."""
    kind: str
    """``requirement``, ``criterion``, a design item kind, ``task``, or ``group``/``callout``
    (overview)."""
    ident: str
    """The requirement, criterion or item id as the report has it."""
    name: str
    """Full name: ``3 Member accounts``, ``GET /api/books``."""
    label: str
    """Short label, at most two lines joined by a newline."""
    tooltip: str
    """Full text, status and ``file:line``, lines joined by newlines."""
    status: str
    """One of ``STATUSES``, or for a task one of ``TASK_STATUSES``."""
    group: str
    """Title of the box it is drawn in ("" for none)."""
    file: str
    """Where it is written."""
    line: int
    """1-based line."""
    focus: bool = False
    """The node a ``--focus`` view is about."""
    order: int = 0
    """Document order within its spec: requirements as written, items by file and line."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Edge:
    """A line between two nodes, drawn left (requirement side) to right (design side)."""

    source: str
    """Node key on the left: a requirement or criterion for a link, an item for a derived edge."""
    target: str
    """Node key on the right."""
    kind: str
    """``explicit``, ``inherited``, ``inferred``, ``derived``, ``has``, ``implements`` or
    ``builds``."""
    relation: str
    """``covers`` for links; ``uses``, ``references``, ``same-as``, ``contains`` or ``has``; the
    kind for a task's edges."""
    score: float = 1.0
    """Best score among the links it stands for (inferred links)."""
    targets: tuple[str, ...] = ()
    """The requirement and criterion ids a link edge stands for (folded criteria)."""
    tooltip: str = ""
    """What it means, in a sentence."""
    count: int = 0
    """Overview: how many design items of the group cover the requirement, or how many tasks
    implement it (0 elsewhere)."""
    label: str = ""
    """Overview: the cell's text when it is not the count (a tasks cell: ``3/4`` done)."""
    status: str = ""
    """Overview: the cell's colour when it is not its row's (a tasks cell: how far they are)."""


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
    overview: bool = False
    """Requirements against design sections (or kinds), with counts: a spec past the budget."""
    left_out: str = ""
    """What the default view leaves out and how to draw it (one line, "" when nothing)."""


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
#: Task states, apart: a diagram without tasks keeps the styles it had (Mermaid's classes).
TASK_PAINT = {
    DONE: Paint(fill="#a5d6a7", stroke="#1b5e20", meaning="task done"),
    IN_PROGRESS: Paint(fill="#fff59d", stroke="#f57f17", meaning="task in progress"),
    OPEN: Paint(fill="#ffffff", stroke="#546e7a", meaning="task open"),
}


def paint(status: str) -> Paint:
    """How a node of this status looks (a requirement or design status, or a task state)."""
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
    GROUP,
)

#: Edge kinds in legend order, with their legend text.
EDGE_MEANINGS = {
    RefOrigin.EXPLICIT.value: "explicit reference",
    RefOrigin.INHERITED.value: "inherited from a heading",
    RefOrigin.INFERRED.value: "inferred (score)",
    DERIVED: "design edge (uses, references)",
    HAS: "requirement has criterion",
    IMPLEMENTS: "implemented by a task",
    BUILDS: "built by a task",
}
