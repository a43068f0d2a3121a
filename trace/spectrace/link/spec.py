"""Link one parsed spec: references attached, items merged, links resolved, graph built."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

import networkx as nx

from spectrace.link.auto import auto_links, covered_by
from spectrace.link.derived import derive, downstream
from spectrace.link.evidence import EVIDENCE, find_evidence
from spectrace.link.explicit import explicit_links
from spectrace.link.graph import build_graph
from spectrace.link.infer import ACCEPT, Candidate, Inference, links_of
from spectrace.link.plan import LinkedPlan
from spectrace.link.probable import Probable, probable_items
from spectrace.link.resolve import IdIndex, build_index
from spectrace.link.shared import shared_words
from spectrace.model import TRACEABLE_KINDS, DesignItem, Finding, Link, Reference
from spectrace.parse.design.reader import merge_items
from spectrace.parse.references import id_prefixes
from spectrace.parse.spec import ParsedSpec


class LinkMode(StrEnum):
    """Which links count (model section 4)."""

    EXPLICIT = "explicit"
    INFERRED = "inferred"
    AUTO = "auto"
    BOTH = "both"


@dataclass(frozen=True, slots=True, kw_only=True)
class LinkedSpec:
    """A spec with its graph: everything the analysis reads."""

    parsed: ParsedSpec
    """What the documents say."""
    items: tuple[DesignItem, ...]
    """Merged design items (and sections that cover something), sorted by id."""
    links: tuple[Link, ...]
    """Links that count toward coverage."""
    references: tuple[Reference, ...]
    """Every explicit reference read."""
    dangling: tuple[Reference, ...]
    """References to ids that do not exist."""
    derived: tuple[tuple[str, str, str], ...]
    """Design item edges."""
    findings: tuple[Finding, ...]
    """Parse and link findings."""
    index: IdIndex
    """The spec's ids."""
    graph: nx.DiGraph
    """The frozen traceability graph."""
    mode: LinkMode
    """The mode asked for."""
    used: str
    """What counted: ``explicit``, ``inferred`` or ``both`` (auto resolves to one)."""
    inference: Inference | None = None
    """Inference over the spec, asked for the items that need it (suggestions ask later)."""
    probable: dict[str, Probable] = field(default_factory=dict)
    """Auto mode: items no counted link reaches that probably serve a requirement (or whose
    words cannot be compared with the requirements'): notes, not orphans."""
    notes: tuple[str, ...] = ()
    """Sentences every output shows."""
    plan: LinkedPlan | None = None
    """The task list, linked (``link.tasks.link_tasks``); None when the spec has none."""


def link_spec(parsed: ParsedSpec, mode: LinkMode = LinkMode.AUTO) -> LinkedSpec:
    """Attach and resolve references, merge items, derive design edges, build the graph."""
    index = build_index(parsed.requirements)
    items = merge_items(parsed.occurrences) + parsed.covering
    items = tuple(sorted(items, key=lambda i: i.id))
    explicit = explicit_links(items, parsed.references, index)
    derived = derive(items)
    prefixes = id_prefixes(parsed.requirements)
    inference = Inference(parsed.requirements, items, prefixes=prefixes)
    probable: dict[str, Probable] = {}
    if mode == LinkMode.AUTO:
        # Inference is asked only for the items no written reference reaches.
        reached = downstream((link.source for link in explicit.links), derived.edges)
        candidates = inference.candidates(i.id for i in items if i.id not in reached)
        evidence = find_evidence(
            parsed.requirements,
            parsed.design_docs,
            prefixes,
            skip=covered_by(explicit.links, index),
        )
        auto = auto_links(
            explicit.links,
            candidates,
            evidence,
            index,
            derived.edges,
            parsed.occurrences,
            parsed.design_docs,
        )
        known = {item.id for item in items}
        added = tuple(section for section in auto.sections if section.id not in known)
        items = tuple(sorted(items + added, key=lambda i: i.id))
        links, used, notes = auto.links, _used(explicit.links, auto.links), _notes(explicit.links)
        linked_items = {link.source for link in links}
        unlinked = [i for i in items if i.kind in TRACEABLE_KINDS and i.id not in linked_items]
        probable = probable_items(
            candidates, links, unlinked, inference.vocabulary(), shared_words(inference, unlinked)
        )
    elif mode == LinkMode.EXPLICIT:
        links, used, notes = explicit.links, LinkMode.EXPLICIT.value, ()
    else:
        candidates = inference.candidates()
        links, used, notes = _choose(mode, explicit.links, candidates, index.requirement_of)
    criterion_ids = frozenset(index.requirement_of)
    graph = build_graph(parsed.requirements, items, links, derived.edges, criterion_ids)
    return LinkedSpec(
        parsed=parsed,
        items=items,
        links=links,
        references=parsed.references,
        dangling=explicit.dangling,
        derived=derived.edges,
        findings=parsed.findings + explicit.findings + derived.findings,
        index=index,
        graph=graph,
        mode=mode,
        used=used,
        inference=inference,
        notes=notes,
        probable=probable,
    )


def _used(explicit: tuple[Link, ...], links: tuple[Link, ...]) -> str:
    """What auto mode resolved to: explicit, inferred or both."""
    if not explicit:
        return LinkMode.INFERRED.value
    return LinkMode.BOTH.value if len(links) > len(explicit) else LinkMode.EXPLICIT.value


def _notes(explicit: tuple[Link, ...]) -> tuple[str, ...]:
    if explicit:
        return ()
    # Auto mode on a design without references gates CI unasked: every output says so.
    return (
        "the design holds no explicit reference to a requirement: traced by inference (each "
        f"item's best match when it scores {ACCEPT:.2f} or more and is clearly ahead of the "
        f"next; a criterion counts as covered where the design's text holds {EVIDENCE:.0%} of "
        "its weighted words; check them, or write the references)",
    )


def _choose(
    mode: LinkMode,
    explicit: tuple[Link, ...],
    candidates: tuple[Candidate, ...],
    requirement_of: dict[str, str],
) -> tuple[tuple[Link, ...], str, tuple[str, ...]]:
    """The links that count in the explicit, inferred and both modes, what the mode resolved
    to, and the notes to show (inferred links are made only where they count: elsewhere the
    candidates only feed suggestions)."""
    if mode == LinkMode.EXPLICIT:
        return explicit, LinkMode.EXPLICIT.value, ()
    if mode == LinkMode.BOTH:
        # Inferred never hides explicit: a pair an explicit or inherited link already ties
        # (at requirement level) keeps that link only.
        tied = {(link.source, requirement_of.get(link.target, link.target)) for link in explicit}
        extra = tuple(
            link
            for link in links_of(candidates, ACCEPT)
            if (link.source, requirement_of.get(link.target, link.target)) not in tied
        )
        return explicit + extra, LinkMode.BOTH.value, ()
    return links_of(candidates, ACCEPT), LinkMode.INFERRED.value, ()
