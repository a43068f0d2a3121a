"""Link one parsed spec: references attached, items merged, links resolved, graph built."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

import networkx as nx

from spectrace.link.attach import attach_references
from spectrace.link.derived import derive
from spectrace.link.explicit import explicit_links
from spectrace.link.graph import build_graph
from spectrace.link.infer import ACCEPT, Candidate, infer, links_of
from spectrace.link.plan import LinkedPlan
from spectrace.link.resolve import IdIndex, build_index, id_prefixes
from spectrace.link.suggest import suggestions_of
from spectrace.model import DesignItem, Finding, Link, Reference, Suggestion
from spectrace.parse.design import merge_items
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
    notes: tuple[str, ...] = ()
    """Sentences every output shows."""
    plan: LinkedPlan | None = None
    """The task list, linked (``link.tasks.link_tasks``); None when the spec has none."""


def link_spec(parsed: ParsedSpec, mode: LinkMode = LinkMode.AUTO) -> LinkedSpec:
    """Attach and resolve references, merge items, derive design edges, build the graph."""
    index = build_index(parsed.requirements)
    attached = attach_references(
        parsed.design_docs, parsed.occurrences, id_prefixes(parsed.requirements)
    )
    items = merge_items(attached.items) + attached.sections
    items = tuple(sorted(items, key=lambda i: i.id))
    explicit = explicit_links(items, attached.references, index)
    derived = derive(items)
    candidates = infer(parsed.requirements, items, prefixes=id_prefixes(parsed.requirements))
    links, used, notes = _choose(mode, explicit.links, candidates, index.requirement_of)
    criterion_ids = frozenset(index.requirement_of)
    graph = build_graph(parsed.requirements, items, links, derived.edges, criterion_ids)
    return LinkedSpec(
        parsed=parsed,
        items=items,
        links=links,
        references=attached.references,
        dangling=explicit.dangling,
        derived=derived.edges,
        findings=parsed.findings + explicit.findings + derived.findings,
        index=index,
        graph=graph,
        mode=mode,
        used=used,
        suggestions=suggestions_of(candidates, links, index.requirement_of),
        notes=notes,
    )


def _choose(
    mode: LinkMode,
    explicit: tuple[Link, ...],
    candidates: tuple[Candidate, ...],
    requirement_of: dict[str, str],
) -> tuple[tuple[Link, ...], str, tuple[str, ...]]:
    """The links that count in ``mode``, what it resolved to, and the notes to show (inferred
    links are made only where they count: elsewhere the candidates only feed suggestions)."""
    if mode == LinkMode.EXPLICIT or (mode == LinkMode.AUTO and explicit):
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
