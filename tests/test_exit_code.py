"""The gate: findings and coverage to exit codes."""

from __future__ import annotations

import pytest

from spectrace.model import Finding, Severity, Span
from spectrace.policy import EXIT_FAILED, EXIT_OK, FailOn, exit_code


def finding(severity: Severity, *, suppressed: bool = False) -> Finding:
    return Finding(
        code="ST101",
        severity=severity,
        message="m",
        span=Span(file="design.md", line=3),
        suppressed=suppressed,
    )


@pytest.mark.parametrize(
    ("severities", "fail_on", "expected"),
    [
        ((), FailOn.ERROR, EXIT_OK),
        ((Severity.WARNING, Severity.NOTE), FailOn.ERROR, EXIT_OK),
        ((Severity.ERROR,), FailOn.ERROR, EXIT_FAILED),
        ((Severity.WARNING,), FailOn.WARNING, EXIT_FAILED),
        ((Severity.NOTE,), FailOn.WARNING, EXIT_OK),
        ((Severity.NOTE,), FailOn.NOTE, EXIT_FAILED),
        ((Severity.ERROR,), FailOn.NEVER, EXIT_OK),
    ],
)
def test_threshold(severities: tuple[Severity, ...], fail_on: FailOn, expected: int) -> None:
    assert exit_code([finding(s) for s in severities], fail_on=fail_on) == expected


def test_suppressed_findings_never_fail() -> None:
    assert exit_code([finding(Severity.ERROR, suppressed=True)]) == EXIT_OK


def test_coverage_below_minimum_fails_even_with_fail_on_never() -> None:
    assert exit_code([], fail_on=FailOn.NEVER, coverage=79.9, min_coverage=80) == EXIT_FAILED
    assert exit_code([], fail_on=FailOn.NEVER, coverage=80.0, min_coverage=80) == EXIT_OK
