"""Tasks in the diagram (``spectrace graph --tasks``): a band right of the design items.

In the detail view each leaf task of a spec's task list is a box coloured by its state (done, in
progress, open), joined to every requirement or criterion it implements and to every design item
it builds. Parent tasks are groupings, not work: they have no box, their title is in their
subtasks' tooltips. In the overview the tasks are one more column, after the design's: a cell
says how many of the row's tasks are done (``3/4``) in the colour of how far they are.
"""

from __future__ import annotations

from spectrace.model import SpecReport, TaskResult, TaskState
from spectrace.render.common import plural, where
from spectrace.render.diagram.labels import natural, short, tooltip
from spectrace.render.diagram.model import (
    BUILDS,
    DONE,
    IMPLEMENTS,
    IN_PROGRESS,
    OPEN,
    TASK,
    TASKS_TITLE,
    Cluster,
    Edge,
    Node,
    View,
)

#: Tasks come after every design item in document order (and so in their own band).
TASK_ORDER = 10**6


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
    group = TASKS_TITLE if view.cluster != Cluster.NONE else ""
    titles = {result.task.key: result.task.title for result in spec.tasks}
    for number, result in enumerate(spec.tasks):
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
            tooltip=tooltip(*_tooltip(result, name, titles)),
            status=result.state.value,
            group=group,
            file=task.span.file,
            line=task.span.line,
            order=TASK_ORDER + number,
        )
        # One edge per pair, as everywhere: the first link of a task to a node stands for all.
        for link in result.implements:
            source = targets.get(link.target)
            if source is not None:
                edges.setdefault(
                    (source, key),
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
                edges.setdefault(
                    (source, key),
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
    implements = sorted({link.target for link in result.implements}, key=natural)
    return (
        f"Task {name} ({result.state.value}{optional})",
        f"part of {task.parent} {titles.get(task.parent, '')}" if task.parent else "",
        f"implements {', '.join(implements)}" if implements else "implements nothing",
        where(task.span),
    )


def task_column(
    spec: SpecReport, requirement_keys: dict[str, str]
) -> tuple[dict[str, Node], dict[tuple[str, str], Edge]]:
    """The overview's tasks column (nothing for a spec without a task list): its head says how
    many tasks are done, a cell per requirement how many of its tasks are (the plan's numbers: an
    open optional task does not count)."""
    if spec.plan is None or not spec.tasks:
        return {}, {}
    key = f"{spec.name}/tasks"
    # As the plan counts: an open optional task neither holds a requirement back nor is work.
    counted = {
        result.task.key: result.state
        for result in spec.tasks
        if not (result.task.optional and result.state != TaskState.DONE)
    }
    first = spec.tasks[0].task.span
    head = Node(
        key=key,
        spec=spec.name,
        kind=TASK,
        ident=TASKS_TITLE,
        name=TASKS_TITLE,
        label=f"{TASKS_TITLE}\n{spec.plan.work_done}/{spec.plan.work} done",
        tooltip=tooltip(
            f"{plural(spec.plan.work, 'task')} to do, {spec.plan.work_done} done",
            f"first: {where(first)}",
        ),
        status=_progress(
            [counted[r.task.key] for r in spec.tasks if r.leaf and r.task.key in counted]
        ),
        group="Design",
        file=first.file,
        line=first.line,
        order=TASK_ORDER,
    )
    edges: dict[tuple[str, str], Edge] = {}
    for result in spec.requirements:
        plan = result.plan
        requirement = requirement_keys.get(result.requirement.id)
        if plan is None or not plan.tasks or requirement is None:
            continue
        edges[(requirement, key)] = Edge(
            source=requirement,
            target=key,
            kind=IMPLEMENTS,
            relation=IMPLEMENTS,
            targets=(result.requirement.id,),
            count=len(plan.tasks),
            label=f"{plan.done}/{plan.total}",
            status=_progress([counted[task] for task in plan.tasks if task in counted]),
            tooltip=f"{result.requirement.id}: {plan.chain} (tasks {', '.join(plan.tasks)})",
        )
    return {key: head}, edges


def _progress(states: list[TaskState]) -> str:
    """Done when every task is, in progress when one is under way or done, else open (as is a
    cell of optional tasks only)."""
    if states and all(state == TaskState.DONE for state in states):
        return DONE
    if any(state != TaskState.OPEN for state in states):
        return IN_PROGRESS
    return OPEN
