"""Configuration and baseline applied to a report: pure, nothing is dropped.

Severity overrides change a finding's level; ignores mark it suppressed; the baseline marks it
baselined. Every finding stays in the report, so every format can say what was silenced and why.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from fnmatch import fnmatchcase
from pathlib import Path

from spectrace.baseline import Baseline, Key, finding_key, spec_key
from spectrace.config import Config
from spectrace.model import Finding, Report, Severity, SpecReport


@dataclass(frozen=True, slots=True, kw_only=True)
class SpecRules:
    """The settings that apply to one spec once its overrides are merged in."""

    severity: dict[str, Severity]
    """Finding code to the severity it takes."""
    ignore: frozenset[str]
    """Finding codes suppressed."""
    min_coverage: float | None
    """The spec's own coverage floor, from an override."""
    min_plan_coverage: float | None = None
    """The spec's own plan coverage floor, from an override."""


def rules_for(spec: SpecReport, config: Config) -> SpecRules:
    """The global settings, then every override whose pattern matches the spec, in file order."""
    severity = dict(config.severity)
    ignore = set(config.ignore)
    min_coverage: float | None = None
    min_plan_coverage: float | None = None
    names = (spec_key(spec, config.root), spec.name)
    for override in config.overrides:
        if any(fnmatchcase(name, pattern) for name in names for pattern in override.specs):
            severity.update(override.severity)
            ignore |= override.ignore
            if override.min_coverage is not None:
                min_coverage = override.min_coverage
            if override.min_plan_coverage is not None:
                min_plan_coverage = override.min_plan_coverage
    return SpecRules(
        severity=severity,
        ignore=frozenset(ignore),
        min_coverage=min_coverage,
        min_plan_coverage=min_plan_coverage,
    )


def apply_settings(report: Report, config: Config, baseline: Baseline | None = None) -> Report:
    """The report with configured severities, ignores (suppressed) and the baseline (baselined)."""
    remaining = baseline.counts() if baseline is not None else {}
    root = baseline.root if baseline is not None else None
    specs = tuple(
        _apply_spec(spec, rules_for(spec, config), remaining, root) for spec in report.specs
    )
    return replace(report, specs=specs)


def _apply_spec(
    spec: SpecReport, rules: SpecRules, remaining: dict[Key, int], root: Path | None
) -> SpecReport:
    findings: list[Finding] = []
    for finding in spec.findings:
        changed = finding
        level = rules.severity.get(finding.code)
        if level is not None and level != finding.severity:
            changed = replace(changed, severity=level)
        if finding.code in rules.ignore and not changed.suppressed:
            changed = replace(changed, suppressed=True)
        if not changed.suppressed:
            key = finding_key(spec, finding, root)
            # Findings are in file and line order, so the first ones of a key are the baselined
            # ones; which of two identical findings counts as new does not matter to the gate.
            if remaining.get(key, 0) > 0:
                remaining[key] -= 1
                changed = replace(changed, baselined=True)
        findings.append(changed)
    return replace(spec, findings=tuple(findings))


def coverage_shortfalls(report: Report, config: Config) -> tuple[str, ...]:
    """One line per spec whose coverage is below the ``min_coverage`` of an override for it."""
    lines: list[str] = []
    for spec in report.specs:
        floor = rules_for(spec, config).min_coverage
        if floor is not None and spec.summary.coverage < floor:
            lines.append(
                f"{spec.name}: coverage {spec.summary.coverage:.1f}% is below {floor:g}% "
                "(min_coverage of its override)"
            )
    return tuple(lines)


def plan_shortfalls(report: Report, config: Config, floor: float | None) -> tuple[str, ...]:
    """One line per way the plan misses its floors: the run's plan coverage below ``floor``
    (``--min-plan-coverage``, else ``min_plan_coverage``), a spec without a task list while a
    floor above 0 applies to it, a spec below the ``min_plan_coverage`` of an override for it.

    A spec without a task list plans nothing: a gate that asks for a plan fails on it, rather
    than passing because there was nothing to measure.
    """
    lines: list[str] = []
    total = report.plan_total
    if floor is not None and total is not None and total.coverage < floor:
        lines.append(f"plan coverage {total.coverage:.1f}% is below {floor:g}% (min_plan_coverage)")
    for spec in report.specs:
        own = rules_for(spec, config).min_plan_coverage
        wanted = own if own is not None else floor
        if wanted is None:
            continue
        if spec.plan is None:
            if wanted > 0:  # an override of 0 exempts the spec
                lines.append(
                    f"{spec.name}: no task list, nothing is planned (min_plan_coverage {wanted:g}%)"
                )
        elif own is not None and spec.plan.coverage < own:
            lines.append(
                f"{spec.name}: plan coverage {spec.plan.coverage:.1f}% is below {own:g}% "
                "(min_plan_coverage of its override)"
            )
    return tuple(lines)


def counted(findings: tuple[Finding, ...]) -> tuple[Finding, ...]:
    """The findings the gate counts: neither suppressed nor baselined."""
    return tuple(f for f in findings if not f.suppressed and not f.baselined)
