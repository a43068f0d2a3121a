"""`spectrace diff`: what a change did to traceability, between two states of a repository."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from spectrace.cli.app import app
from spectrace.cli.options import ConfigOpt, DebugOpt, JobsOpt, LinksOpt, NoCacheOpt, OutputOpt
from spectrace.cli.run import cache_for, choice, emit, guard, link_mode, load_config
from spectrace.render.changes import DIFF_FORMATS


@app.command()
def diff(
    base: Annotated[
        str, typer.Argument(help="The state before: a git revision (branch, tag, commit).")
    ],
    head: Annotated[
        str | None,
        typer.Argument(
            help="The state after: a git revision (default: the work tree).", show_default=False
        ),
    ] = None,
    paths: Annotated[
        list[Path] | None,
        typer.Option(
            "--path",
            "-p",
            help="A spec folder or root to compare (repeatable; default: the configuration's "
            "paths, else the current folder).",
            show_default=False,
        ),
    ] = None,
    links: LinksOpt = None,
    output_format: Annotated[
        str, typer.Option("--format", "-f", help=f"Format: {', '.join(DIFF_FORMATS)}.")
    ] = "text",
    output: OutputOpt = None,
    config: ConfigOpt = None,
    no_cache: NoCacheOpt = False,
    jobs: JobsOpt = 0,
    debug: DebugOpt = False,
) -> None:
    """Compare traceability between two states: requirements added, removed or reworded, new and
    resolved gaps and orphans, coverage before and after.

    Reads the revisions from git objects (nothing is checked out). Exit 0 when the comparison is
    written (it is not a gate), 2 when it cannot be made (not a git repository, unknown revision).
    """
    guard(
        debug,
        lambda: _diff(
            base, head, paths or [], links, output_format, output, config, no_cache, jobs
        ),
    )


def _diff(
    base: str,
    head: str | None,
    paths: list[Path],
    links: str | None,
    output_format: str,
    output: Path | None,
    config_file: Path | None,
    no_cache: bool,
    jobs: int,
) -> int:
    from spectrace.history.diff import diff as compare_states
    from spectrace.render.changes import renderer

    choice("--format", output_format, tuple(DIFF_FORMATS))
    config = load_config(config_file)
    mode = link_mode(links, config)
    changes = compare_states(
        paths or list(config.paths),
        base,
        head,
        links=mode,
        cache=cache_for(no_cache),
        jobs=jobs,
    )
    emit(renderer(output_format)(changes), output, colour=False)
    return 0
