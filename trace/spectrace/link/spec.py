"""Link one parsed spec: references attached, items merged, links resolved, graph built."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

import networkx as nx

from spectrace.link.derived import derive, downstream
from spectrace.link.explicit import explicit_links
from spectrace.link.graph import build_graph
from spectrace.link.infer import ACCEPT, Candidate, infer, links_of
from spectrace.link.probable import Probable, probable_items
from spectrace.link.resolve import IdIndex, build_index
from spectrace.link.suggest import suggestions_of
from spectrace.model import DesignItem, Finding, Link, Reference, Suggestion
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
    suggestions: tuple[Suggestion, ...] = ()
    """Candidate links for gaps and orphans."""
    probable: dict[str, Probable] = field(default_factory=dict)
    """Auto mode: items no counted link reaches that probably serve a requirement (or whose
    words cannot be compared with the requirements'): notes, not orphans."""
    notes: tuple[str, ...] = ()
    """Sentences every output shows."""


def link_spec(parsed: ParsedSpec, mode: LinkMode = LinkMode.AUTO) -> LinkedSpec:
    """Attach and resolve references, merge items, derive design edges, build the graph."""
    index = build_index(parsed.requirements)
    items = merge_items(parsed.occurrences) + parsed.covering
    items = tuple(sorted(items, key=lambda i: i.id))
    explicit = explicit_links(items, parsed.references, index)
    derived = derive(items)
    candidates = infer(parsed.requirements, items, prefixes=id_prefixes(parsed.requirements))
    links, used, notes = _choose(
        mode, explicit.links, candidates, index.requirement_of, derived.edges
    )
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
        suggestions=suggestions_of(candidates, links, index.requirement_of),
        notes=notes,
        probable=probable_items(candidates, links, items, parsed.requirements)
        if mode == LinkMode.AUTO
        else {},
    )


def _choose(
    mode: LinkMode,
    explicit: tuple[Link, ...],
    candidates: tuple[Candidate, ...],
    requirement_of: dict[str, str],
    edges: tuple[tuple[str, str, str], ...],
) -> tuple[tuple[Link, ...], str, tuple[str, ...]]:
    """The links that count in ``mode``, what it resolved to, and the notes to show (inferred
    links are made only where they count: elsewhere the candidates only feed suggestions)."""
    if mode == LinkMode.EXPLICIT:
        return explicit, LinkMode.EXPLICIT.value, ()
    if mode == LinkMode.AUTO and explicit:
        # Written references are authoritative for the items they reach (and for what those
        # items contain or use); every other item is traced by the inferred links inference is
        # sure of, as in a design without references.
        reached = downstream((link.source for link in explicit), edges)
        extra = tuple(
            link
            for link in links_of(candidates, ACCEPT, confident_only=True)
            if link.source not in reached
        )
        if not extra:
            return explicit, LinkMode.EXPLICIT.value, ()
        return explicit + extra, LinkMode.BOTH.value, ()
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
    if mode == LinkMode.INFERRED:
        return links_of(candidates, ACCEPT), LinkMode.INFERRED.value, ()
    # Auto mode on a design without references gates CI unasked: it counts only the links
    # inference is sure of.
    notes = (
        "the design holds no explicit reference to a requirement: traced by inference "
        f"(each item's best match, when it scores {ACCEPT:.2f} or more and is clearly ahead "
        "of the next; check them, or write the references)",
    )
    return links_of(candidates, ACCEPT, confident_only=True), LinkMode.INFERRED.value, notes
