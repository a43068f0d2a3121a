"""Colour for the text report on a terminal (rich), imported only when a terminal shows it.

The report is rendered plain first (render/text.py: the same bytes piped, written or replayed);
this module only styles its lines, so colour can never change what is said.
"""

from __future__ import annotations

import re

from rich.console import Console
from rich.text import Text

_FINDING = re.compile(r"^(?P<where>[^\n]*?:\d+:) (?P<code>ST\d+) (?P<severity>error|warning|note):")
_HINT = re.compile(r"^  (?P<label>did you mean:)")
_SUMMARY = re.compile(r"^(?P<name>[^ ][^\n]*?): coverage ")
_COUNT = re.compile(r"\b\d+ (?P<severity>error|warning|note)s?\b")
_STYLES = {"error": "bold red", "warning": "yellow", "note": "cyan"}


def print_coloured(report_text: str, console: Console | None = None) -> None:
    """Print the plain text report with findings coloured by severity.

    Called when colour was chosen (a terminal, or ``--color``): the console is told so, since
    rich would otherwise drop the colour of ``--color`` piped to ``less -R``, or under NO_COLOR.
    """
    console = console or Console(
        highlight=False, soft_wrap=True, force_terminal=True, no_color=False
    )
    for line in report_text.splitlines():
        console.print(styled(line))


def styled(line: str) -> Text:
    """One line of the report with its styles."""
    text = Text(line)
    finding = _FINDING.match(line)
    if finding:
        text.stylize("bold", 0, finding.end("where"))
        text.stylize(
            _STYLES[finding.group("severity")], finding.start("code"), finding.end("severity")
        )
        return text
    hint = _HINT.match(line)
    if hint:
        text.stylize("green", hint.start("label"), hint.end("label"))
        return text
    if line.startswith("  "):
        text.stylize("dim")
        return text
    summary = _SUMMARY.match(line)
    if summary:
        text.stylize("bold", 0, summary.end("name"))
    if line.startswith("findings: "):
        for count in _COUNT.finditer(line):
            text.stylize(_STYLES[count.group("severity")], count.start(), count.end())
    return text
