"""GitHub Actions workflow commands: one ``::error file=…,line=…::message`` per finding.

Annotations without a SARIF upload. Suppressed and baselined findings are not annotated (they do
not fail the run); every other finding is, at its severity (a note becomes a ``notice``).
"""

from __future__ import annotations

from spectrace.model import Finding, Report
from spectrace.render.common import printable

_COMMANDS = {"error": "error", "warning": "warning", "note": "notice"}


def render(report: Report) -> str:
    """One workflow command per finding that counts, in file and line order."""
    lines = [
        _command(finding)
        for spec in report.specs
        for finding in spec.findings
        if not finding.suppressed and not finding.baselined
    ]
    return "".join(f"{line}\n" for line in lines)


def _command(finding: Finding) -> str:
    span = finding.span
    properties = [f"file={escape_property(span.file)}"]
    if span.line >= 1:
        properties.append(f"line={span.line}")
        if span.last > span.line:
            properties.append(f"endLine={span.last}")
    properties.append(f"title={escape_property(finding.code)}")
    command = _COMMANDS[finding.severity.value]
    return f"::{command} {','.join(properties)}::{escape_data(finding.message)}"


def escape_data(text: str) -> str:
    """The message part: ``%``, CR and LF encoded, as the Actions runner decodes them; other
    control characters (terminal escapes in the log) replaced."""
    return printable(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def escape_property(text: str) -> str:
    """A property value: as data, and ``:`` and ``,`` too (they delimit properties)."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")
