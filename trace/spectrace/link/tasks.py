"""Link a spec's task list: task -> requirement and criterion links (by the ids it cites), task ->
design item links (by the names it mentions), in the spec's graph."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

import networkx as nx

from spectrace.codes import finding
from spectrace.link.explicit import ambiguous
from spectrace.link.graph import criterion_node, requirement_node
from spectrace.link.plan import LinkedPlan, task_node
from spectrace.link.probable import Probable
from spectrace.link.resolve import IdIndex
from spectrace.link.spec import LinkedSpec, LinkMode
from spectrace.link.task_names import built_items, name_index
from spectrace.model import Finding, Link, Reference, RefOrigin, Span, Task
from spectrace.parse.markdown import parse_markdown
from spectrace.parse.references import id_keys, id_prefixes
from spectrace.parse.source import decode
from spectrace.parse.tasks import parse_tasks

TASK = "task"
IMPLEMENTS = "implements"
BUILDS = "builds"
SUBTASK = "subtask"


def link_tasks(linked: LinkedSpec, tasks: tuple[str, bytes] | None) -> LinkedSpec:
    """The linked spec with its task list read and linked (unchanged when it has none)."""
    if tasks is None:
        return linked
    display, data = tasks
    requirements = linked.parsed.requirements
    parsed = parse_tasks(
        parse_markdown(decode(data, display), display),
        id_prefixes(requirements),
        id_keys(requirements),
    )
    names = name_index(linked.items)
    implements = {task.key: _links(task, linked.index) for task in parsed.tasks}
    builds = {task.key: built_items(task.mentions, names) for task in parsed.tasks}
    dangling, findings = _unresolved(parsed.tasks, linked.index)
    if not parsed.tasks:
        findings.append(
            finding(
                "ST706", Span(file=display, line=1), display, "no task recognised in the task list"
            )
        )
    plan = LinkedPlan(
        tasks_file=display,
        tasks=parsed.tasks,
        implements=implements,
        builds=builds,
        dangling=tuple(dangling),
        findings=tuple(findings),
        checklist_lines=parsed.checklist_lines,
    )
    graph = _graph(linked, plan)
    return replace(
        linked,
        plan=plan,
        graph=graph,
        probable=_built_for(linked, parsed.tasks, implements, builds),
    )


def _built_for(
    linked: LinkedSpec,
    tasks: Iterable[Task],
    implements: dict[str, tuple[Link, ...]],
    builds: dict[str, tuple[str, ...]],
) -> dict[str, Probable]:
    """Auto mode's probable items, and the orphans a task builds while citing what it implements:
    the plan says what the item is for (a note, not an orphan)."""
    if linked.mode != LinkMode.AUTO:
        return linked.probable
    linked_items = {link.source for link in linked.links}
    probable = dict(linked.probable)
    for task in tasks:
        cited = implements.get(task.key, ())
        if not cited:
            continue
        for item in builds.get(task.key, ()):
            if item in linked_items or item in probable:
                continue
            probable[item] = Probable(
                item=item, target=cited[0].target, score=0.0, evidence=(), task=task.id or task.key
            )
    return probable


def _links(task: Task, index: IdIndex) -> tuple[Link, ...]:
    """Links for every id the task cites or inherits; its own citation wins over an inherited
    one of the same id."""
    found: dict[str, Link] = {}
    for origin, refs in ((RefOrigin.EXPLICIT, task.refs), (RefOrigin.INHERITED, task.inherited)):
        for ref in refs:
            for target in index.resolve(ref.target):
                found.setdefault(
                    target,
                    Link(source=task_node(task.key), target=target, origin=origin, span=ref.span),
                )
    return tuple(sorted(found.values(), key=lambda link: (link.target, link.origin.value)))


def _unresolved(tasks: Iterable[Task], index: IdIndex) -> tuple[list[Reference], list[Finding]]:
    """Every citation of an unknown id (dangling) or of several (ambiguous), once per place."""
    dangling: list[Reference] = []
    findings: list[Finding] = []
    seen: set[tuple[str, str, int]] = set()
    for task in tasks:
        for ref in (*task.refs, *task.inherited):
            place = (ref.target, ref.span.file, ref.span.line)
            if place in seen:
                continue
            seen.add(place)
            targets = index.resolve(ref.target)
            own = ref in task.refs
            if not targets:
                dangling.append(ref)
                who = f"task {task.id or task.title}" if own else "the heading"
                findings.append(
                    finding(
                        "ST704",
                        ref.span,
                        ref.target,
                        f"{who} cites {ref.target}, which no requirement defines",
                        item=task_node(task.key) if own else "",
                    )
                )
            elif len(targets) > 1:
                findings.append(ambiguous(ref, targets, item=task_node(task.key) if own else ""))
    dangling.sort(key=lambda ref: (ref.span.file, ref.span.line))
    return dangling, findings


def _graph(linked: LinkedSpec, plan: LinkedPlan) -> nx.DiGraph:
    """The spec's graph with task nodes and their implements, builds and subtask edges."""
    criteria = frozenset(linked.index.requirement_of)
    extra = nx.DiGraph()
    for task in plan.tasks:
        node = task_node(task.key)
        extra.add_node(node, type=TASK, id=task.key, record=task)
        if task.parent:
            extra.add_edge(task_node(task.parent), node, type=SUBTASK)
        for link in plan.implements[task.key]:
            target = (
                criterion_node(link.target)
                if link.target in criteria
                else requirement_node(link.target)
            )
            extra.add_edge(node, target, type=IMPLEMENTS, origin=link.origin.value, link=link)
        for item in plan.builds[task.key]:
            extra.add_edge(node, item, type=BUILDS)
    return nx.freeze(nx.compose(linked.graph, extra))
