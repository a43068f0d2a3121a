"""The gate: findings and coverage to an exit code. One small pure function, unit-tested."""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported when needed: the CLI loads this module for --version and --help
    from spectrace.model import Finding

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_ERROR = 2


class FailOn(StrEnum):
    """The lowest severity that fails the run."""

    ERROR = "error"
    WARNING = "warning"
    NOTE = "note"
    NEVER = "never"


def exit_code(
    findings: Iterable[Finding],
    *,
    fail_on: FailOn = FailOn.ERROR,
    coverage: float = 100.0,
    min_coverage: float | None = None,
) -> int:
    """0 when nothing reaches the threshold; 1 when a finding does or coverage is too low.

    Suppressed findings never count. (2, a run that could not complete, is the CLI's to give.)
    """
    if min_coverage is not None and coverage < min_coverage:
        return EXIT_FAILED
    if fail_on == FailOn.NEVER:
        return EXIT_OK
    from spectrace.model import Severity

    threshold = Severity(fail_on.value).rank
    failing = any(not f.suppressed and f.severity.rank >= threshold for f in findings)
    return EXIT_FAILED if failing else EXIT_OK
