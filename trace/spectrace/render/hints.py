"""Suggestions as "did you mean" hints under the gap and orphan findings of the text report.

A suggestion is a lead, not a finding: the report keeps every one (JSON, SARIF, HTML), and the
text report shows them under the finding they could resolve. Suggestions for the criteria of one
requirement by one item fold into one hint, so a requirement with five uncovered criteria and an
item that matches them all reads as one line, not five.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum

from spectrace.model import Finding, SpecReport, Suggestion

#: Findings about a requirement the design misses: uncovered, partly covered.
_GAP_CODES = frozenset({"ST201", "ST202"})
_ORPHAN_CODE = "ST301"
#: Ids a hint names before it says how many more: a hint stays one readable line.
_MAX_TARGETS = 4


class SuggestionView(StrEnum):
    """How many hints a finding gets."""

    BEST = "best"
    """The best candidate only (the default)."""
    ALL = "all"
    """Every candidate the report holds."""
    NONE = "none"
    """No hint."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Hint:
    """One candidate link for a finding: an item and the targets of one requirement it may cover."""

    item: str
    """The design item's name."""
    targets: tuple[str, ...]
    """Requirement and criterion ids of one requirement, in document order."""
    score: float
    """The best score among the folded suggestions."""
    evidence: tuple[str, ...]
    """The terms that matched, for the best of them."""

    def line(self) -> str:
        """``did you mean: ITEM covers Requirement 5.1, 5.2 (0.28: books, copy)``."""
        targets = ", ".join(self.targets[:_MAX_TARGETS])
        if len(self.targets) > _MAX_TARGETS:
            targets += f" and {len(self.targets) - _MAX_TARGETS} more"
        if self.targets[0][:1].isdigit():
            targets = f"Requirement {targets}"  # Kiro's bare numbers read as ids this way
        return (
            f"did you mean: {self.item} covers {targets} "
            f"({self.score:.2f}: {', '.join(self.evidence)})"
        )


class SpecHints:
    """The hints of one spec's findings."""

    def __init__(self, spec: SpecReport) -> None:
        self._names = {result.item.id: result.item.name for result in spec.items}
        self._requirement_of: dict[str, str] = {}
        self._position: dict[str, int] = {}
        for result in spec.requirements:
            ids = (result.requirement.id, *(c.criterion.id for c in result.criteria))
            for identifier in ids:
                self._requirement_of.setdefault(identifier, result.requirement.id)
                self._position.setdefault(identifier, len(self._position))
        # Indexed once: a large spec has thousands of suggestions and of findings.
        self._by_requirement: dict[str, list[Suggestion]] = {}
        self._by_item: dict[str, list[Suggestion]] = {}
        for suggestion in spec.suggestions:
            self._by_requirement.setdefault(self._of(suggestion.target), []).append(suggestion)
            self._by_item.setdefault(suggestion.item, []).append(suggestion)

    def for_finding(self, finding: Finding, view: SuggestionView) -> tuple[Hint, ...]:
        """The finding's hints, best first: one for ``BEST``, all for ``ALL``."""
        if view == SuggestionView.NONE:
            return ()
        if finding.code in _GAP_CODES:
            # Candidates for the requirement or its criteria, one hint per item.
            groups = self._grouped(
                self._by_requirement.get(finding.subject, ()), key=lambda s: s.item
            )
        elif finding.code == _ORPHAN_CODE and finding.item:
            # Candidates for the item, one hint per requirement.
            groups = self._grouped(
                self._by_item.get(finding.item, ()), key=lambda s: self._of(s.target)
            )
        else:
            return ()
        hints = tuple(self._hint(group) for group in groups)
        return hints[:1] if view == SuggestionView.BEST else hints

    def _of(self, target: str) -> str:
        return self._requirement_of.get(target, target)

    @staticmethod
    def _grouped(
        suggestions: Iterable[Suggestion], key: Callable[[Suggestion], str]
    ) -> list[list[Suggestion]]:
        groups: dict[str, list[Suggestion]] = {}
        for suggestion in suggestions:
            groups.setdefault(key(suggestion), []).append(suggestion)
        return sorted(groups.values(), key=_best_first)

    def _hint(self, group: list[Suggestion]) -> Hint:
        best = min(group, key=_order)
        targets = sorted({s.target for s in group}, key=lambda t: (self._position.get(t, 0), t))
        return Hint(
            item=self._names.get(best.item, best.item),
            targets=tuple(targets),
            score=best.score,
            evidence=best.evidence,
        )


def _order(suggestion: Suggestion) -> tuple[float, str, str]:
    return (-suggestion.score, suggestion.item, suggestion.target)


def _best_first(group: list[Suggestion]) -> tuple[float, str, str]:
    return _order(min(group, key=_order))
