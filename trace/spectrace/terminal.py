"""Colour for the text report on a terminal (rich), imported only when a terminal shows it."""

from __future__ import annotations

import re

from rich.console import Console
from rich.text import Text

_FINDING = re.compile(r"^(?P<where>[^\n]*?:\d+:) (?P<code>ST\d+) (?P<severity>error|warning|note):")
_STYLES = {"error": "bold red", "warning": "yellow", "note": "cyan"}


def print_coloured(report_text: str) -> None:
    """Print the plain text report with findings coloured by severity."""
    console = Console(highlight=False, soft_wrap=True)
    for line in report_text.splitlines():
        text = Text(line)
        match = _FINDING.match(line)
        if match:
            text.stylize("bold", 0, match.end("where"))
            text.stylize(
                _STYLES[match.group("severity")], match.start("code"), match.end("severity")
            )
        elif line and not line.startswith(" "):
            text.stylize("bold")
        console.print(text)
