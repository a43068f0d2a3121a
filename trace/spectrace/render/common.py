"""Small pieces the report formats share: labels, places, counts, a finding's state."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from spectrace.codes import silences
from spectrace.model import Finding, Requirement, Severity, Span, SpecReport, Summary

#: Codes about requirements the design misses (shown as gaps, not as separate findings).
GAP_CODES = frozenset({"ST201", "ST202", "ST203"})
ORPHAN_CODE = "ST301"
DANGLING_CODE = "ST101"
#: A link whose requirement's text changed since the lock file recorded it.
SUSPECT_CODE = "ST601"


def suspect_links(spec: SpecReport) -> frozenset[tuple[str, str]]:
    """(design item id, requirement or criterion id) of the spec's suspect links, silenced ones
    included (they are still suspect; the gate just does not count them)."""
    return frozenset((f.item, f.subject) for f in spec.findings if f.code == SUSPECT_CODE)


#: Codes about requirements the task list does not take up (shown as plan gaps).
PLAN_GAP_CODES = frozenset({"ST701", "ST702"})

#: C0 controls but tab and newline, DEL and C1 controls: a terminal's escape sequences start with
#: one (to move the cursor, recolour, retitle), so document text must not print them raw.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
#: What XML 1.0 cannot hold, even escaped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def printable(text: str) -> str:
    """Text safe to print on a terminal: each control character (but tab and newline) replaced by
    U+FFFD."""
    return _CONTROL.sub("\ufffd", text)


def xml_text(text: str) -> str:
    """Text XML 1.0 can hold: each character it cannot hold, even escaped, replaced by U+FFFD."""
    return _NOT_XML.sub("\ufffd", text)


def where(span: Span) -> str:
    """``file:line``, as compilers and linters print a place."""
    return f"{span.file}:{span.line}" if span.line > 0 else span.file


def requirement_label(requirement: Requirement) -> str:
    """``3 Title`` / ``FR-001 Title``: the id, then the title when there is one."""
    return f"{requirement.id} {requirement.title}".strip()


def item_names(spec: SpecReport) -> dict[str, str]:
    """Design item id to its name."""
    return {result.item.id: result.item.name for result in spec.items}


def uncovered(summary: Summary) -> int:
    """Requirements neither covered nor partial."""
    return summary.requirements - summary.requirements_covered - summary.requirements_partial


def state(finding: Finding) -> str:
    """``suppressed``, ``baselined`` or "" for a finding that counts."""
    if finding.suppressed:
        return "suppressed"
    if finding.baselined:
        return "baselined"
    return ""


def inline_silencers(spec: SpecReport) -> dict[str, frozenset[str]]:
    """Design item id to the finding names an inline comment next to it silences."""
    return {r.item.id: frozenset(r.item.suppressed) for r in spec.items if r.item.suppressed}


def silenced_inline(finding: Finding, silencers: dict[str, frozenset[str]]) -> bool:
    """Whether an inline comment next to the finding's item silences it (else configuration did)."""
    return silences(silencers.get(finding.item, ()), finding.code)


def severity_counts(findings: Iterable[Finding]) -> str:
    """``1 error, 2 warnings`` over the findings that count; ``none`` when there are none."""
    counts = Counter(f.severity for f in findings if not f.suppressed and not f.baselined)
    parts = [
        plural(counts[level], level.value)
        for level in (Severity.ERROR, Severity.WARNING, Severity.NOTE)
        if counts[level]
    ]
    return ", ".join(parts) or "none"


def silenced_counts(findings: Iterable[Finding]) -> str:
    """``2 suppressed, 1 baselined`` (only the parts that are not zero); "" when none."""
    states = Counter(state(f) for f in findings)
    parts = [f"{states[name]} {name}" for name in ("suppressed", "baselined") if states[name]]
    return ", ".join(parts)


def plural(count: int, word: str) -> str:
    """``1 spec``, ``2 specs``."""
    return f"{count} {word}{'' if count == 1 else 's'}"
