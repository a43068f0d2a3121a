"""The formats each command offers, their renderers and file suffixes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module

from spectrace.model import Report


@dataclass(frozen=True, slots=True, kw_only=True)
class Format:
    """An output format."""

    name: str
    """What ``--format`` takes."""
    module: str
    """Module holding ``render(report) -> str`` (imported on use)."""
    suffix: str
    """File suffix of its output."""
    description: str
    """One line for the README and ``--help``."""

    def renderer(self) -> Callable[[Report], str]:
        """The render function."""
        render: Callable[[Report], str] = import_module(self.module).render
        return render


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format(
            name="text",
            module="spectrace.render.text",
            suffix=".txt",
            description="summary per spec and total, then file:line: CODE message",
        ),
        Format(
            name="json",
            module="spectrace.render.json",
            suffix=".json",
            description="everything, versioned, with a JSON Schema (docs/report.schema.json)",
        ),
    )
}

#: Formats of `spectrace check`.
CHECK_FORMATS = ("text", "json")
