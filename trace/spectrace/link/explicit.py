"""Explicit references to links: known ids cover, unknown ids are dangling."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from spectrace.codes import finding
from spectrace.link.resolve import IdIndex
from spectrace.model import DesignItem, Finding, Link, Reference, RefOrigin


@dataclass(frozen=True, slots=True, kw_only=True)
class ExplicitLinks:
    """What the explicit references of a design say."""

    links: tuple[Link, ...]
    """Item -> requirement or criterion, explicit or inherited."""
    dangling: tuple[Reference, ...]
    """References to ids that do not exist, once each, in document order."""
    findings: tuple[Finding, ...]
    """Dangling and ambiguous references."""


def explicit_links(
    items: Sequence[DesignItem], references: Sequence[Reference], index: IdIndex
) -> ExplicitLinks:
    """Links for every reference an item holds or inherits; every unresolved reference once."""
    links: dict[tuple[str, str, RefOrigin], Link] = {}
    for item in items:
        for origin, refs in (
            (RefOrigin.EXPLICIT, item.refs),
            (RefOrigin.INHERITED, item.inherited),
        ):
            for ref in refs:
                for target in index.resolve(ref.target):
                    key = (item.id, target, origin)
                    if key not in links:
                        links[key] = Link(
                            source=item.id, target=target, origin=origin, span=ref.span
                        )
    # An item that both holds and inherits a link keeps the explicit one only.
    explicit = {(s, t) for (s, t, o) in links if o == RefOrigin.EXPLICIT}
    kept = [
        link
        for (source, target, origin), link in links.items()
        if origin == RefOrigin.EXPLICIT or (source, target) not in explicit
    ]
    dangling: list[Reference] = []
    findings: list[Finding] = []
    seen_refs: set[tuple[str, str, int]] = set()
    for ref in references:
        place = (ref.target, ref.span.file, ref.span.line)
        if place in seen_refs:
            continue
        seen_refs.add(place)
        targets = index.resolve(ref.target)
        if not targets:
            dangling.append(ref)
            findings.append(
                finding(
                    "ST101",
                    ref.span,
                    ref.target,
                    f"reference to {ref.target}, which no requirement defines",
                )
            )
        elif len(targets) > 1:
            findings.append(ambiguous(ref, targets))
    return ExplicitLinks(
        links=tuple(sorted(kept, key=lambda link: (link.source, link.target, link.origin))),
        dangling=tuple(dangling),
        findings=tuple(findings),
    )


def ambiguous(ref: Reference, targets: Iterable[str], *, item: str = "") -> Finding:
    """ST104: a reference that matches several requirements or criteria."""
    return finding(
        "ST104",
        ref.span,
        ref.target,
        f"reference {ref.target} matches {', '.join(sorted(targets))}",
        item=item,
    )
