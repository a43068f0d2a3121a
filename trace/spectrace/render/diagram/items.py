"""Which design items get a box of their own, and where the others are drawn.

Members (a table's columns, a schema's keys, an item nested in one of the same name) are drawn
as their parent and listed in its tooltip. Statements and section nodes (a bullet or heading that
cites a requirement and names nothing) are folded into one ``N statements`` box per design section:
their coverage stays visible without a box per sentence. Cross-cutting items that cover nothing
are left out unless ``View.cross_cutting``: they describe the whole system, not a requirement.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from spectrace.model import ItemKind, ItemResult, SpecReport
from spectrace.render.common import plural, where
from spectrace.render.diagram.labels import natural, short, tooltip
from spectrace.render.diagram.model import (
    KIND_TITLES,
    LINKED,
    NEUTRAL,
    ORPHAN,
    REQUIREMENTS_TITLE,
    TASKS_TITLE,
    TRACED,
    Cluster,
    Node,
    View,
)

_FOLDED_KINDS = (ItemKind.STATEMENT, ItemKind.SECTION)
_SCHEMA_PARENTS = (ItemKind.ENTITY, ItemKind.INTERFACE)
_NOT_WORD = re.compile(r"[\W_]+")
MEMBERS_SHOWN = 12


@dataclass(slots=True)
class DrawnItems:
    """The item boxes of one spec and where every item is drawn."""

    nodes: dict[str, Node] = field(default_factory=dict)
    """Node key -> node."""
    drawn: dict[str, str] = field(default_factory=dict)
    """Item id (members, statements too) -> the key of the node that draws it."""
    folded_statements: set[str] = field(default_factory=set)
    """Keys of the ``N statements`` nodes (no design edges are drawn to them)."""
    left_out: int = 0
    """Cross-cutting items left out."""


def item_nodes(spec: SpecReport, view: View) -> DrawnItems:
    """Boxes for the items of a spec under a view; members and statements folded."""
    by_id = {result.item.id: result for result in spec.items}
    groups = section_groups(spec.items) if view.cluster == Cluster.SECTION else {}
    order = {
        result.item.id: number
        for number, result in enumerate(
            sorted(spec.items, key=lambda r: (r.item.span.file, r.item.span.line, r.item.id))
        )
    }
    out = DrawnItems()
    members: dict[str, list[str]] = {}
    statements: dict[str, list[ItemResult]] = {}
    for result in spec.items:
        item = result.item
        parent = _member_of(result, by_id)
        if parent:
            members.setdefault(parent, []).append(item.name)
            continue
        group = _group(item.kind.value, groups.get(item.id, ""), view)
        if item.kind in _FOLDED_KINDS:
            statements.setdefault(group, []).append(result)
            continue
        if item.cross_cutting and _status(result) == NEUTRAL and not view.cross_cutting:
            out.left_out += 1
            continue
        key = f"{spec.name}/{item.id}"
        out.drawn[item.id] = key
        out.nodes[key] = Node(
            key=key,
            spec=spec.name,
            kind=item.kind.value,
            ident=item.id,
            name=item.name,
            label=short(item.name),
            tooltip="",  # written below, once its members are known
            status=_status(result),
            group=group,
            file=item.span.file,
            line=item.span.line,
            order=order[item.id],
        )
    for key, node in list(out.nodes.items()):
        result = by_id[node.ident]
        names = sorted(members.get(node.ident, ()), key=str.casefold)
        out.nodes[key] = _with_tooltip(node, result, by_id, names)
    _fold_statements(spec.name, statements, order, out)
    _draw_members_as_parents(spec.items, by_id, out)
    return out


def _with_tooltip(
    node: Node, result: ItemResult, by_id: dict[str, ItemResult], members: list[str]
) -> Node:
    shown = ", ".join(members[:MEMBERS_SHOWN])
    more = f" (+{len(members) - MEMBERS_SHOWN} more)" if len(members) > MEMBERS_SHOWN else ""
    item = result.item
    return replace(
        node,
        tooltip=tooltip(
            f"{item.kind.value} {item.name}",
            _state(result, by_id),
            f"{plural(len(members), 'member')}: {shown}{more}" if members else "",
            where(item.span),
            item.text,
        ),
    )


def _fold_statements(
    spec: str, statements: dict[str, list[ItemResult]], order: dict[str, int], out: DrawnItems
) -> None:
    """One ``N statements`` box per group for the statements and cited headings in it."""
    for group, results in statements.items():
        results.sort(key=lambda r: order[r.item.id])
        covering = [r for r in results if r.covers]
        if not covering:
            continue  # structure only: it traces nothing, so it says nothing here
        key = f"{spec}/statements:{group}"
        first = covering[0].item
        cited = sorted({link.target for r in covering for link in r.covers}, key=natural)
        out.nodes[key] = Node(
            key=key,
            spec=spec,
            kind=ItemKind.STATEMENT.value,
            ident=f"statements:{group}",
            name=f"{plural(len(covering), 'statement')} in {group or spec}",
            label=plural(len(covering), "statement"),
            tooltip=tooltip(
                f"{plural(len(covering), 'statement')} citing requirements",
                f"covers {', '.join(cited)}",
                *(f"{where(r.item.span)}: {short(r.item.name, 60, 1)}" for r in covering[:8]),
            ),
            status=LINKED,
            group=group,
            file=first.span.file,
            line=first.span.line,
            order=order[first.id],
        )
        out.folded_statements.add(key)
        for result in covering:
            out.drawn[result.item.id] = key


def _member_of(result: ItemResult, by_id: dict[str, ItemResult]) -> str:
    """The id of the item this one is drawn as ("" when it has a box of its own): a field's
    entity, a schema key's schema, an item nested in a parent of the same name."""
    item = result.item
    parent = by_id.get(item.parent)
    if item.kind == ItemKind.FIELD:
        return _top(item.parent, by_id) if parent else ""
    if parent is None or parent.item.kind in _FOLDED_KINDS:
        return ""
    if item.kind == ItemKind.RULE and parent.item.kind in _SCHEMA_PARENTS:
        return _top(parent.item.id, by_id)
    if _same_name(item.name, parent.item.name):
        return _top(parent.item.id, by_id)
    return ""


def _top(ident: str, by_id: dict[str, ItemResult]) -> str:
    """The first ancestor (or the item) that is not itself a member."""
    seen = {ident}
    while ident in by_id and (parent := _member_of(by_id[ident], by_id)) and parent not in seen:
        seen.add(parent)
        ident = parent
    return ident


def _same_name(one: str, other: str) -> bool:
    return _NOT_WORD.sub("", one).casefold() == _NOT_WORD.sub("", other).casefold()


def _draw_members_as_parents(
    items: Iterable[ItemResult], by_id: dict[str, ItemResult], out: DrawnItems
) -> None:
    """A link or design edge of a member is one of the box that draws it."""
    for result in items:
        ident = result.item.id
        if ident in out.drawn:
            continue
        parent = _member_of(result, by_id)
        if parent in out.drawn:
            out.drawn[ident] = out.drawn[parent]


def _group(kind: str, section: str, view: View) -> str:
    if view.cluster == Cluster.NONE:
        return ""
    group = section if view.cluster == Cluster.SECTION else KIND_TITLES[kind]
    # A design section of that name is not the requirements' box, nor the tasks' one.
    return f"{group} (design)" if group in (REQUIREMENTS_TITLE, TASKS_TITLE) else group


def _status(result: ItemResult) -> str:
    if result.orphan:
        return ORPHAN
    if result.covers:
        return LINKED
    if result.traced_via:
        return TRACED
    return NEUTRAL


def _state(result: ItemResult, by_id: dict[str, ItemResult]) -> str:
    if result.orphan:
        return "orphan: traces to no requirement"
    if result.covers:
        return "covers " + ", ".join(sorted({link.target for link in result.covers}, key=natural))
    if result.traced_via:
        via = by_id.get(result.traced_via)
        return f"traced via {via.item.name if via else result.traced_via}"
    if result.item.cross_cutting:
        return "cross-cutting: never an orphan"
    return ""


def section_groups(items: Iterable[ItemResult]) -> dict[str, str]:
    """Item id -> its top design section: the heading path less the document title (the first
    heading, when every deeper item of that file sits under it), so that spec-kit's several files
    each keep their own sections."""
    paths = {r.item.id: (r.item.span.file, r.item.section.split(" > ")) for r in items}
    shared: dict[str, str | None] = {}
    for file, parts in paths.values():
        if len(parts) < 2:
            continue  # directly under the title (or under no heading): says nothing
        if shared.setdefault(file, parts[0]) != parts[0]:
            shared[file] = None
    groups: dict[str, str] = {}
    for ident, (file, parts) in paths.items():
        skip = 1 if len(parts) > 1 and shared.get(file) is not None else 0
        groups[ident] = parts[skip].strip()
    return groups
