"""The installed ``spectrace`` command and ``python -m spectrace``.

``--version`` answers before the command-line library (typer, click) loads: start-up is measured
(docs/performance.md), and a version check runs in many scripts.
"""

from __future__ import annotations

import sys

from spectrace.version import __version__


def run() -> None:
    """Run the command line."""
    if sys.argv[1:] == ["--version"]:
        sys.stdout.write(f"spectrace {__version__}\n")
        return
    from spectrace.cli import main
    from spectrace.memory import few_collections

    with few_collections():  # rendering a large report makes as many objects as tracing
        main()
