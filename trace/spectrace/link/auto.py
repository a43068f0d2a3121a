"""The default link mode: written references where they reach, evidence-checked inference where
they do not.

An item a reference reaches (on itself, through its section, or through an item that contains or
uses it) is traced by its references alone. Every other item is traced by the inferred links
inference is sure of. A criterion no reference covers is covered only where the design's text
addresses it (``link/evidence.py``): an inferred link to a criterion without that evidence is
not counted (it stays a suggestion), and a criterion with it is covered by the item or section
whose text holds it, linked by its evidence.
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from spectrace.link.derived import downstream
from spectrace.link.evidence import EVIDENCE, Evidence
from spectrace.link.infer import ACCEPT, Candidate, links_of
from spectrace.link.resolve import IdIndex
from spectrace.model import DesignItem, ItemKind, Link, RefOrigin, Span
from spectrace.parse.design.attach import section_item
from spectrace.parse.markdown import Document

__all__ = ["AutoLinks", "auto_links", "covered_by"]


@dataclass(frozen=True, slots=True, kw_only=True)
class AutoLinks:
    """What auto mode counts."""

    links: tuple[Link, ...]
    """Explicit and inherited links, then the inferred ones that count."""
    sections: tuple[DesignItem, ...]
    """Sections whose text is the evidence for a criterion no item holds."""


def auto_links(
    explicit: Sequence[Link],
    candidates: Sequence[Candidate],
    evidence: Mapping[str, Evidence],
    index: IdIndex,
    edges: Sequence[tuple[str, str, str]],
    occurrences: Sequence[DesignItem],
    docs: Sequence[Document],
) -> AutoLinks:
    """The links auto mode counts, and the section nodes some of them come from."""
    covered = covered_by(explicit, index)
    reached = downstream((link.source for link in explicit), edges)
    inferred: list[Link] = []
    for link in links_of(candidates, ACCEPT, confident_only=True):
        if link.source in reached:
            continue
        inferred.extend(_evidenced(link, evidence, index, covered))
    covered.update(link.target for link in inferred)
    holders = _Holders(occurrences, docs)
    sections: dict[str, DesignItem] = {}
    for target, found in sorted(evidence.items()):
        if target in covered or found.score < EVIDENCE:
            continue
        source = holders.item_at(found.file, found.line)
        if source is None:
            section = holders.section(found.file, found.section)
            if section is None:
                continue
            sections.setdefault(section.id, section)
            source = section.id
        inferred.append(_link(source, target, found))
    ordered = sorted(inferred, key=lambda link: (link.source, link.target))
    return AutoLinks(
        links=(*explicit, *ordered), sections=tuple(sorted(sections.values(), key=_id))
    )


def _id(item: DesignItem) -> str:
    return item.id


def covered_by(explicit: Sequence[Link], index: IdIndex) -> set[str]:
    """Criteria (and requirements without criteria) a written reference covers."""
    covered: set[str] = set()
    for link in explicit:
        criteria = index.criteria_of.get(link.target)
        covered.update(criteria or (link.target,))
    return covered


def _evidenced(
    link: Link, evidence: Mapping[str, Evidence], index: IdIndex, covered: set[str]
) -> list[Link]:
    """An inferred link, kept for the criteria whose evidence the design holds (a link to a whole
    requirement becomes links to those of its criteria)."""
    targets = index.criteria_of.get(link.target) or (link.target,)
    kept = []
    for target in targets:
        found = evidence.get(target)
        if target in covered or found is None or found.score < EVIDENCE:
            continue
        kept.append(
            Link(
                source=link.source,
                target=target,
                origin=RefOrigin.INFERRED,
                score=link.score,
                evidence=link.evidence,
            )
        )
    return kept


def _link(source: str, target: str, found: Evidence) -> Link:
    return Link(
        source=source,
        target=target,
        origin=RefOrigin.INFERRED,
        score=found.score,
        evidence=found.words,
        span=Span(file=found.file, line=found.line),
    )


class _Holders:
    """The smallest item whose text holds a line, per document; sections as nodes."""

    def __init__(self, occurrences: Sequence[DesignItem], docs: Sequence[Document]) -> None:
        self._docs = {doc.path: doc for doc in docs}
        self._extents: dict[str, list[tuple[int, int, str]]] = {}
        for item in occurrences:
            if item.kind == ItemKind.FIELD:
                continue
            first, last = item.extent if item.extent[0] > 0 else (item.span.line, item.span.last)
            self._extents.setdefault(item.span.file, []).append((first, last, item.id))
        for extents in self._extents.values():
            extents.sort()

    def item_at(self, file: str, line: int) -> str | None:
        extents = self._extents.get(file, [])
        stop = bisect.bisect_right(extents, (line, 1 << 30, ""))
        holding = [
            (last - first, -first, key) for first, last, key in extents[:stop] if last >= line
        ]
        return min(holding)[2] if holding else None

    def section(self, file: str, index: int) -> DesignItem | None:
        doc = self._docs.get(file)
        if doc is None or index < 0:
            return None
        return section_item(doc, index)
