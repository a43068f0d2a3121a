"""A requirement's box, the same in the detail view and the overview."""

from __future__ import annotations

from spectrace.model import RequirementResult, Status
from spectrace.render.common import where
from spectrace.render.diagram.labels import REQUIREMENT_WIDTH, short, tooltip
from spectrace.render.diagram.model import REQUIREMENT, Node, View


def requirement_node_of(
    spec: str, key: str, result: RequirementResult, view: View, group: str, order: int
) -> Node:
    """A requirement's box: one line, its status and uncovered criteria in the tooltip."""
    requirement = result.requirement
    name = f"{requirement.id} {requirement.title}".strip()
    counts = ""
    if result.criteria:
        done = sum(1 for c in result.criteria if c.status == Status.COVERED)
        counts = f": {done}/{len(result.criteria)} criteria covered"
    uncovered = [c.criterion.id for c in result.criteria if c.status != Status.COVERED]
    text = f"{requirement.id}: {requirement.title}" if requirement.title else name
    return Node(
        key=key,
        spec=spec,
        kind=REQUIREMENT,
        ident=requirement.id,
        name=name,
        label=short(text, REQUIREMENT_WIDTH, 1),
        tooltip=tooltip(
            f"Requirement {name}",
            f"{result.status.value}{counts}",
            f"uncovered: {', '.join(uncovered)}" if uncovered and not view.criteria else "",
            where(requirement.span),
            requirement.text,
        ),
        status=result.status.value,
        group=group,
        file=requirement.span.file,
        line=requirement.span.line,
        order=order,
    )
