"""Edges between design items: endpoint uses entity, entity references entity, and so on."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from spectrace.codes import finding
from spectrace.model import DesignItem, Finding, ItemKind
from spectrace.parse.names import name_key

#: Path segments that never name a resource.
_NOISE_SEGMENTS = frozenset({"api", "rest", "v1", "v2", "v3", "v4", "admin", "public", "internal"})
_PARAM = re.compile(r"^(\{.*\}|:.+|<.*>|\[.*\]|\*)$")
_VERSION = re.compile(r"^v\d+$")

USES = "uses"
REFERENCES = "references"
SAME_AS = "same-as"
CONTAINS = "contains"
#: Edges along which a traced item passes its trace on (downstream only).
TRACE_EDGES = frozenset({CONTAINS, USES, REFERENCES, SAME_AS})


@dataclass(frozen=True, slots=True, kw_only=True)
class Derived:
    """Design edges and the consistency findings met on the way."""

    edges: tuple[tuple[str, str, str], ...]
    """(source item id, target item id, relation), sorted."""
    findings: tuple[Finding, ...]
    """Unknown foreign-key targets, endpoints that name no entity."""


def derive(items: Sequence[DesignItem]) -> Derived:
    """Connect merged design items to each other."""
    entities = {name_key(i.name): i for i in items if i.kind == ItemKind.ENTITY}
    interfaces = {name_key(i.name): i for i in items if i.kind == ItemKind.INTERFACE}
    ids = {i.id for i in items}
    edges: set[tuple[str, str, str]] = set()
    findings: list[Finding] = []
    for item in items:
        if item.parent and item.parent in ids:
            edges.add((item.parent, item.id, CONTAINS))
        if item.kind == ItemKind.ENDPOINT:
            used = _path_entities(item.name, entities)
            edges.update((item.id, target, USES) for target in used)
            if not used and entities:
                findings.append(_about("ST402", item, f"endpoint {item.name} names no entity"))
        elif item.kind in (ItemKind.ENTITY, ItemKind.INTERFACE):
            table = entities if item.kind == ItemKind.ENTITY else {**entities, **interfaces}
            for name in item.uses:
                target = table.get(name_key(name)) or entities.get(name_key(name))
                if target is None:
                    if item.kind == ItemKind.ENTITY:
                        findings.append(
                            _about(
                                "ST401",
                                item,
                                f"{item.name} references {name}, which the design does not define",
                            )
                        )
                elif target.id != item.id:
                    edges.add((item.id, target.id, REFERENCES))
        if item.kind == ItemKind.INTERFACE:
            entity = entities.get(name_key(item.name))
            if entity is not None:
                edges.add((item.id, entity.id, SAME_AS))
                edges.add((entity.id, item.id, SAME_AS))
    return Derived(edges=tuple(sorted(edges)), findings=tuple(findings))


def _path_entities(name: str, entities: dict[str, DesignItem]) -> list[str]:
    """Entities named by the segments of an endpoint's path (``GET /api/loans/{id}`` -> loans)."""
    path = name.split(" ", 1)[-1]
    found: list[str] = []
    for segment in path.strip("/").split("/"):
        lowered = segment.lower()
        if (
            not segment
            or _PARAM.match(segment)
            or lowered in _NOISE_SEGMENTS
            or _VERSION.match(lowered)
        ):
            continue
        entity = entities.get(name_key(segment))
        if entity is not None and entity.id not in found:
            found.append(entity.id)
    return found


def _about(code: str, item: DesignItem, message: str) -> Finding:
    """A consistency finding about an item (its subject the bare name, as baselines recorded)."""
    return finding(code, item.span, item.name, message, item=item.id)


def downstream(starts: Iterable[str], edges: Iterable[tuple[str, str, str]]) -> set[str]:
    """The items reached from ``starts`` along trace edges (``starts`` included)."""
    following: dict[str, list[str]] = {}
    for source, target, relation in edges:
        if relation in TRACE_EDGES:
            following.setdefault(source, []).append(target)
    reached = set(starts)
    queue = list(reached)
    while queue:
        for target in following.get(queue.pop(), ()):
            if target not in reached:
                reached.add(target)
                queue.append(target)
    return reached
