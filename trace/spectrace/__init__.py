"""spectrace: requirements-to-design traceability for Markdown specs."""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from spectrace.version import __version__

# The public API is imported on first use, so that `spectrace --version` and `--help` do not
# pay for networkx, markdown-it and the parsers.
_LAZY = {
    "check": "spectrace.pipeline",
    "Report": "spectrace.model",
    "SpecReport": "spectrace.model",
    "Finding": "spectrace.model",
    "Severity": "spectrace.model",
    "Status": "spectrace.model",
    "SpectraceError": "spectrace.errors",
    "InputError": "spectrace.errors",
    "ConfigError": "spectrace.errors",
    "ParseError": "spectrace.errors",
}

if TYPE_CHECKING:
    from spectrace.errors import ConfigError, InputError, ParseError, SpectraceError
    from spectrace.model import Finding, Report, Severity, SpecReport, Status
    from spectrace.pipeline import check


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'spectrace' has no attribute {name!r}")


__all__ = [
    "ConfigError",
    "Finding",
    "InputError",
    "ParseError",
    "Report",
    "Severity",
    "SpecReport",
    "SpectraceError",
    "Status",
    "__version__",
    "check",
]
