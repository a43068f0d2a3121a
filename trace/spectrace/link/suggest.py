"""Suggestions: inferred candidates offered for gaps and orphans rather than counted."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping

from spectrace.link.infer import Candidate
from spectrace.link.spec import LinkedSpec
from spectrace.model import Link, Suggestion

__all__ = ["pick_suggestions", "suggest", "suggestions_of"]

#: Suggestions kept for one gap (criterion or requirement) and for one orphan item.
PER_SUBJECT = 3
#: Below this score, or on fewer than ``MIN_TERMS`` shared words, a candidate is noise rather
#: than a lead (docs/inference.md).
MIN_SCORE = 0.15
MIN_TERMS = 2


def suggestions_of(
    candidates: Iterable[Candidate], links: Iterable[Link], requirement_of: Mapping[str, str]
) -> tuple[Suggestion, ...]:
    """Every candidate (item, target) pair that no counted link already ties, best first.

    A pair is tied when the item links to the target, or to the requirement the target belongs
    to, or to the criterion it was suggested through.
    """
    tied: set[tuple[str, str]] = set()
    for link in links:
        tied.add((link.source, link.target))
        tied.add((link.source, requirement_of.get(link.target, link.target)))
    found: dict[tuple[str, str], Suggestion] = {}
    for candidate in candidates:
        if (candidate.item, candidate.requirement) in tied:
            continue
        for target in candidate.targets:
            key = (candidate.item, target)
            if key in tied or key in found:
                continue
            found[key] = Suggestion(
                item=candidate.item,
                target=target,
                score=candidate.score,
                evidence=candidate.evidence,
            )
    return tuple(sorted(found.values(), key=_order))


def pick_suggestions(
    suggestions: Iterable[Suggestion],
    gaps: Collection[str],
    orphans: Collection[str],
) -> tuple[Suggestion, ...]:
    """The best few suggestions for each gap and each orphan item, best first.

    ``gaps``: uncovered criteria, and requirements that are not fully covered (a suggestion
    may name a whole requirement when no single criterion carries the match).
    """
    per_gap: dict[str, int] = {}
    per_orphan: dict[str, int] = {}
    kept: list[Suggestion] = []
    for suggestion in sorted(suggestions, key=_order):
        if not _worth_showing(suggestion):
            continue
        gap = suggestion.target in gaps
        orphan = suggestion.item in orphans
        wanted = False
        if gap and per_gap.get(suggestion.target, 0) < PER_SUBJECT:
            per_gap[suggestion.target] = per_gap.get(suggestion.target, 0) + 1
            wanted = True
        if orphan and per_orphan.get(suggestion.item, 0) < PER_SUBJECT:
            per_orphan[suggestion.item] = per_orphan.get(suggestion.item, 0) + 1
            wanted = True
        if wanted:
            kept.append(suggestion)
    return tuple(kept)


def _worth_showing(suggestion: Suggestion) -> bool:
    """Strong enough, and resting on words both sides share (an HTTP method's action alone,
    shown as ``GET~read``, is not a reason)."""
    words = [term for term in suggestion.evidence if "~" not in term]
    return suggestion.score >= MIN_SCORE and len(words) >= MIN_TERMS


def _order(suggestion: Suggestion) -> tuple[float, str, str]:
    return (-suggestion.score, suggestion.item, suggestion.target)


def suggest(
    linked: LinkedSpec, gaps: Collection[str], orphans: Collection[str]
) -> tuple[Suggestion, ...]:
    """The suggestions for a spec's gaps (uncovered criteria, requirements not fully covered)
    and orphans, asking inference only for the orphans and the items whose names hold a gap's
    rarest words: no item is ranked against every requirement for nothing."""
    inference = linked.inference
    if inference is None or not (gaps or orphans):
        return ()
    candidates = inference.candidates({*orphans, *inference.near(gaps)})
    found = suggestions_of(candidates, linked.links, linked.index.requirement_of)
    return pick_suggestions(found, gaps, orphans)
