"""Tasks in the diagram (``spectrace graph --tasks``): a third column, right of the design.

Each leaf task of a spec's task list is a node coloured by its state (done, in progress, open);
an edge joins it to every requirement or criterion it implements (drawn from the requirement,
so tasks stand right of the design items) and to every design item it builds. Parent tasks are
groupings, not work: they are not drawn, their title is in their subtasks' tooltips.
"""

from __future__ import annotations

from spectrace.model import SpecReport, TaskResult, TaskState
from spectrace.render.common import where

#: Node kind of a task.
TASK = "task"
#: Edge kinds: a requirement (or criterion) implemented by a task, a design item built by one.
IMPLEMENTS, BUILDS = "implements", "builds"
#: Node statuses of tasks (their state).
DONE, STARTED, OPEN = TaskState.DONE.value, TaskState.IN_PROGRESS.value, TaskState.OPEN.value
TASK_STATUSES = (DONE, STARTED, OPEN)
TASK_EDGE_MEANINGS = {IMPLEMENTS: "implemented by a task", BUILDS: "built by a task"}
TASKS_GROUP = "Tasks"


def task_nodes(spec: SpecReport, grouped: bool) -> list[tuple[str, TaskResult, str, str, str, str]]:
    """(node key, task, label, tooltip, status, group) of every leaf task of a spec."""
    titles = {result.task.key: result.task.title for result in spec.tasks}
    found = []
    for result in spec.tasks:
        if not result.leaf:
            continue
        task = result.task
        name = f"{task.id}: {task.title}" if task.id else task.title
        parent = f"part of {task.parent} {titles.get(task.parent, '')}" if task.parent else ""
        implements = sorted({link.target for link in result.implements})
        tooltip = "\n".join(
            part
            for part in (
                f"Task {name} ({result.state.value}{', optional' if task.optional else ''})",
                parent.strip(),
                f"implements {', '.join(implements)}" if implements else "implements nothing",
                where(task.span),
            )
            if part
        )
        found.append(
            (
                f"{spec.name}/task:{task.key}",
                result,
                name,
                tooltip,
                result.state.value,
                TASKS_GROUP if grouped else "",
            )
        )
    return found
