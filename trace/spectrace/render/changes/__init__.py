"""``spectrace diff`` formats: what a change did to traceability, each ``render(changes)``."""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spectrace.history.changes import Changes

#: ``--format`` name to the module holding its ``render``.
DIFF_FORMATS: dict[str, str] = {
    "text": "spectrace.render.changes.text",
    "markdown": "spectrace.render.changes.markdown",
    "json": "spectrace.render.changes.json",
}


def renderer(name: str) -> Callable[[Changes], str]:
    """The render function of a ``spectrace diff`` format."""
    render: Callable[[Changes], str] = import_module(DIFF_FORMATS[name]).render
    return render
