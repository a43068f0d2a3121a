"""`spectrace fix`: write the confident inferred links into the design as explicit references."""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from spectrace.cli.app import app
from spectrace.cli.options import (
    ConfigOpt,
    DebugOpt,
    DesignOpt,
    NoCacheOpt,
    PathsArg,
    RequirementsOpt,
)
from spectrace.cli.output import write_atomically_bytes
from spectrace.cli.run import cache_for, guard, load_config, one_line
from spectrace.errors import SpectraceError
from spectrace.policy import EXIT_FAILED, EXIT_OK

if TYPE_CHECKING:
    from spectrace.writeback.fix import FileChange, FixResult

#: ``--min-score``'s default (``spectrace.writeback.proposals.DEFAULT_MIN_SCORE``; repeated here
#: so that ``--help`` does not import the pipeline).
_DEFAULT_MIN_SCORE = 0.2


@app.command()
def fix(
    paths: PathsArg = None,
    requirements: RequirementsOpt = None,
    design: DesignOpt = None,
    min_score: Annotated[
        float,
        typer.Option(
            "--min-score",
            help="Write inferred links scoring at least this (0 to 1).",
        ),
    ] = _DEFAULT_MIN_SCORE,
    show_diff: Annotated[
        bool,
        typer.Option(
            "--diff",
            help="Show the change as a unified diff instead of writing it (exit 1 when there "
            "is one).",
        ),
    ] = False,
    config: ConfigOpt = None,
    no_cache: NoCacheOpt = False,
    debug: DebugOpt = False,
) -> None:
    """Write inferred links into the design as explicit references, in the design's own style.

    Only items that no written reference reaches get one; each reference is checked by reading
    the edited design again. Exit 0 when written (or nothing to write), 2 when the run cannot
    complete; with --diff, 1 when there is something to write.
    """
    guard(
        debug,
        lambda: _fix(
            paths or [],
            requirements,
            design or [],
            min_score,
            show_diff,
            config,
            no_cache,
        ),
    )


def _fix(
    paths: list[Path],
    requirements: Path | None,
    design: list[Path],
    min_score: float,
    show_diff: bool,
    config_file: Path | None,
    no_cache: bool,
) -> int:
    from spectrace.writeback.fix import plan_fix

    if not 0 <= min_score <= 1:
        raise SpectraceError("--min-score takes a score from 0 to 1")
    config = load_config(config_file)
    if not paths and requirements is None and not design:
        paths = list(config.paths)
    result = plan_fix(
        paths,
        requirements=requirements,
        design=design,
        min_score=min_score,
        cache=cache_for(no_cache),
    )
    for skipped in result.skipped:
        item = skipped.item
        typer.echo(
            one_line(
                f"spectrace: {item.span.file}:{item.span.line}: not written: {item.kind.value} "
                f"{item.name} -> {', '.join(skipped.targets)}: {skipped.reason}"
            ),
            err=True,
        )
    if show_diff:
        typer.echo("".join(_unified(change) for change in result.files), nl=False)
    else:
        for change in result.files:
            write_atomically_bytes(change.path, change.after.encode())
    _summary(result, min_score, written=not show_diff)
    return EXIT_FAILED if show_diff and result.files else EXIT_OK


def _unified(change: FileChange) -> str:
    """The change as a unified diff of its lines (line endings shown as ``\\n``)."""
    return "".join(
        difflib.unified_diff(
            [line + "\n" for line in change.before.lines],
            [line + "\n" for line in change.after.lines],
            f"a/{change.display}",
            f"b/{change.display}",
        )
    )


def _summary(result: FixResult, min_score: float, *, written: bool) -> None:
    from spectrace.render.common import plural

    if not result.files:
        reason = (
            "the items above have no place for a reference"
            if result.skipped
            else f"every item with an inferred link scoring {min_score:.2f} or more already "
            "holds or inherits a written reference"
        )
        typer.echo(f"spectrace: nothing to write: {reason}", err=True)
        return
    verb = "wrote" if written else "would write"
    for change in result.files:
        count = sum(1 for w in result.written if w.item.span.file == change.display)
        typer.echo(
            one_line(f"spectrace: {change.display}: {verb} references for {plural(count, 'item')}"),
            err=True,
        )
