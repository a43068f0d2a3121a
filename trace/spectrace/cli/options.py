"""Options shared by the commands."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

LINK_MODES = ("explicit", "inferred", "auto", "both")

PathsArg = Annotated[
    list[Path] | None,
    typer.Argument(
        help="Spec folders or roots to search for specs (default: the current folder).",
        show_default=False,
    ),
]
RequirementsOpt = Annotated[
    Path | None,
    typer.Option(
        "--requirements", help="A requirements document (with --design).", show_default=False
    ),
]
DesignOpt = Annotated[
    list[Path] | None,
    typer.Option(
        "--design", help="A design document (repeatable; with --requirements).", show_default=False
    ),
]
TasksOpt = Annotated[
    Path | None,
    typer.Option(
        "--task-list",
        help="A task list (tasks.md) for the --requirements/--design pair.",
        show_default=False,
    ),
]
LinksOpt = Annotated[
    str | None,
    typer.Option(
        "--links",
        help="Which links count: explicit, inferred, auto or both (default: auto).",
        show_default=False,
    ),
]
ConfigOpt = Annotated[
    Path | None,
    typer.Option(
        "--config",
        help="Configuration file (default: spectrace.toml or pyproject.toml [tool.spectrace], "
        "searched from the current folder up to the repository root).",
        show_default=False,
    ),
]
BaselineOpt = Annotated[
    Path | None,
    typer.Option(
        "--baseline",
        help="Findings listed in this baseline file are reported as baselined and do not fail.",
        show_default=False,
    ),
]
LockOpt = Annotated[
    Path | None,
    typer.Option(
        "--lock",
        help="Lock file (default: the configuration's lock, else spectrace.lock at the "
        "repository's root).",
        show_default=False,
    ),
]
OutputOpt = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        help="Write the report to this file (default: stdout).",
        show_default=False,
    ),
]
NoCacheOpt = Annotated[
    bool,
    typer.Option("--no-cache", help="Trace every spec afresh (no reuse of unchanged results)."),
]
JobsOpt = Annotated[
    int,
    typer.Option(
        "--jobs",
        "-j",
        help=(
            "Trace specs on this many processes (default 0: one per core once there is more"
            " than 256 KB of Markdown to trace; 1: none)."
        ),
        min=0,
    ),
]
DebugOpt = Annotated[bool, typer.Option("--debug", help="Show the traceback of an internal error.")]
ColorOpt = Annotated[
    bool | None,
    typer.Option(
        "--color/--no-color",
        help="Colour the text report (default: on a terminal).",
        show_default=False,
    ),
]
SuggestionsOpt = Annotated[
    bool | None,
    typer.Option(
        "--suggestions/--no-suggestions",
        help="Under each gap and orphan of the text report: every candidate link, or none "
        "(default: the best one).",
        show_default=False,
    ),
]
ShowNotesOpt = Annotated[
    bool | None,
    typer.Option(
        "--show-notes/--hide-notes",
        help="List notes (severity note) in the text report; hidden, they are counted "
        "(default: hidden, unless --fail-on note).",
        show_default=False,
    ),
]
