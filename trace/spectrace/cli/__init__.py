"""The command line: the only modules that print, read the environment or exit.

One module per command; importing this package registers them all on ``app``.
"""

from __future__ import annotations

from spectrace.cli import check, diff, explain, fix, graph, init, lock, report
from spectrace.cli.app import app, main

__all__ = ["app", "check", "diff", "explain", "fix", "graph", "init", "lock", "main", "report"]
