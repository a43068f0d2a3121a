"""Tasks in the diagram (``spectrace graph --tasks``): a third column, right of the design.

Each leaf task of a spec's task list is a node coloured by its state (done, in progress, open);
an edge joins it to every requirement or criterion it implements (drawn from the requirement,
so tasks stand right of the design items) and to every design item it builds. Parent tasks are
groupings, not work: they are not drawn, their title is in their subtasks' tooltips.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spectrace.model import SpecReport, TaskResult, TaskState
from spectrace.render.common import where

if TYPE_CHECKING:
    from spectrace.render.diagram import Edge, Node, View

#: Node kind of a task.
TASK = "task"
#: Edge kinds: a requirement (or criterion) implemented by a task, a design item built by one.
IMPLEMENTS, BUILDS = "implements", "builds"
#: Node statuses of tasks (their state).
TASK_STATUSES = (TaskState.DONE.value, TaskState.IN_PROGRESS.value, TaskState.OPEN.value)
TASK_EDGE_MEANINGS = {IMPLEMENTS: "implemented by a task", BUILDS: "built by a task"}
TASKS_GROUP = "Tasks"


def add_tasks(
    spec: SpecReport,
    view: View,
    nodes: dict[str, Node],
    edges: dict[tuple[str, str], Edge],
    targets: dict[str, str],
    drawn: dict[str, str],
) -> None:
    """Add the spec's leaf tasks, and their edges from what they implement (``targets``: requirement
    and criterion id -> node) and from what they build (``drawn``: item id -> node)."""
    # diagram.py imports this module: its records are taken when it has finished loading.
    from spectrace.render.diagram import Cluster, Edge, Node, add_edge, short, tooltip_lines

    grouped = view.cluster != Cluster.NONE
    titles = {result.task.key: result.task.title for result in spec.tasks}
    for result in spec.tasks:
        if not result.leaf:
            continue
        task = result.task
        key = f"{spec.name}/task:{task.key}"
        name = f"{task.id}: {task.title}" if task.id else task.title
        nodes[key] = Node(
            key=key,
            spec=spec.name,
            kind=TASK,
            ident=task.key,
            name=name,
            label=short(name),
            tooltip=tooltip_lines(*_tooltip(result, name, titles)),
            status=result.state.value,
            group=TASKS_GROUP if grouped else "",
            file=task.span.file,
            line=task.span.line,
        )
        for link in result.implements:
            source = targets.get(link.target)
            if source is not None:
                add_edge(
                    edges,
                    Edge(
                        source=source,
                        target=key,
                        kind=IMPLEMENTS,
                        relation=IMPLEMENTS,
                        targets=(link.target,),
                        tooltip=f"{name} implements {link.target}",
                    ),
                )
        for item in result.builds:
            source = drawn.get(item)
            if source is not None:
                add_edge(
                    edges,
                    Edge(
                        source=source,
                        target=key,
                        kind=BUILDS,
                        relation=BUILDS,
                        tooltip=f"{name} builds {nodes[source].name}",
                    ),
                )


def _tooltip(result: TaskResult, name: str, titles: dict[str, str]) -> tuple[str, ...]:
    task = result.task
    optional = ", optional" if task.optional else ""
    implements = sorted({link.target for link in result.implements})
    return (
        f"Task {name} ({result.state.value}{optional})",
        f"part of {task.parent} {titles.get(task.parent, '')}" if task.parent else "",
        f"implements {', '.join(implements)}" if implements else "implements nothing",
        where(task.span),
    )
