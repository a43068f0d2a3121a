"""The command line: the only module that prints, reads the environment or exits."""

from __future__ import annotations

import os
import sys
import tempfile
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from spectrace import __version__

if TYPE_CHECKING:
    from spectrace.cache import Cache
from spectrace.errors import SpectraceError
from spectrace.policy import EXIT_ERROR, FailOn, exit_code

app = typer.Typer(
    name="spectrace",
    help="Requirements-to-design traceability for Markdown specs.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

CHECK_FORMATS = ("text", "json")
LINK_MODES = ("explicit", "inferred", "auto", "both")


def _version(value: bool) -> None:
    if value:
        typer.echo(f"spectrace {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """Requirements-to-design traceability for Markdown specs."""


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
LinksOpt = Annotated[
    str,
    typer.Option("--links", help="Which links count: explicit, inferred, auto or both."),
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
DebugOpt = Annotated[bool, typer.Option("--debug", help="Show the traceback of an internal error.")]
ColorOpt = Annotated[
    bool | None,
    typer.Option(
        "--color/--no-color",
        help="Colour the text report (default: on a terminal).",
        show_default=False,
    ),
]


@app.command()
def check(
    paths: PathsArg = None,
    requirements: RequirementsOpt = None,
    design: DesignOpt = None,
    links: LinksOpt = "auto",
    output_format: Annotated[
        str, typer.Option("--format", "-f", help=f"Report format: {', '.join(CHECK_FORMATS)}.")
    ] = "text",
    output: OutputOpt = None,
    min_coverage: Annotated[
        float | None,
        typer.Option(
            "--min-coverage", help="Fail when total coverage (%) is below this.", show_default=False
        ),
    ] = None,
    fail_on: Annotated[
        str,
        typer.Option(
            "--fail-on", help="Lowest severity that fails the run: error, warning, note, never."
        ),
    ] = "error",
    color: ColorOpt = None,
    no_cache: NoCacheOpt = False,
    debug: DebugOpt = False,
) -> None:
    """Trace requirements to design; report gaps, orphans and broken references; gate CI.

    Exit 0 when nothing reaches --fail-on (and coverage meets --min-coverage), 1 when something
    does, 2 when the run cannot complete.
    """
    _guard(
        debug,
        lambda: _check(
            paths or [],
            requirements,
            design or [],
            links,
            output_format,
            output,
            min_coverage,
            fail_on,
            color,
            no_cache,
        ),
    )


def _check(
    paths: list[Path],
    requirements: Path | None,
    design: list[Path],
    links: str,
    output_format: str,
    output: Path | None,
    min_coverage: float | None,
    fail_on: str,
    color: bool | None,
    no_cache: bool,
) -> int:
    from spectrace.pipeline import check as run_check
    from spectrace.render.registry import FORMATS

    _choice("--format", output_format, CHECK_FORMATS)
    _choice("--links", links, LINK_MODES)
    _choice("--fail-on", fail_on, tuple(f.value for f in FailOn))
    if min_coverage is not None and not 0 <= min_coverage <= 100:
        raise SpectraceError("--min-coverage takes a percentage from 0 to 100")
    report = run_check(
        paths, requirements=requirements, design=design, links=links, cache=_cache(no_cache)
    )
    text = FORMATS[output_format].renderer()(report)
    _emit(text, output, colour=output_format == "text" and _use_colour(color, output))
    return exit_code(
        report.findings,
        fail_on=FailOn(fail_on),
        coverage=report.total.coverage,
        min_coverage=min_coverage,
    )


@app.command()
def explain(
    code: Annotated[
        str, typer.Argument(help="A finding code (ST101) or name (dangling-reference).")
    ],
) -> None:
    """Explain a finding code."""
    from spectrace.codes import CODES, lookup

    found = lookup(code)
    if found is None:
        typer.echo(f"spectrace: error: unknown code {code!r}; known: {', '.join(CODES)}", err=True)
        raise typer.Exit(EXIT_ERROR)
    typer.echo(f"{found.code} {found.name} ({found.severity.value}): {found.title}\n")
    typer.echo(found.explanation)


def _cache(disabled: bool) -> Cache | None:
    from spectrace.cache import Cache, default_folder

    return None if disabled else Cache(default_folder())


def _choice(option: str, value: str, allowed: tuple[str, ...]) -> None:
    if value not in allowed:
        raise SpectraceError(f"{option} takes one of {', '.join(allowed)}, not {value!r}")


def _guard(debug: bool, run: Callable[[], int]) -> NoReturn:
    """Run a command; map its outcome to an exit code, every error to one line and exit 2."""
    try:
        code = run()
    except SpectraceError as exc:
        typer.echo(f"spectrace: error: {exc}", err=True)
        raise typer.Exit(EXIT_ERROR) from None
    except KeyboardInterrupt:
        typer.echo("spectrace: interrupted", err=True)
        raise typer.Exit(EXIT_ERROR) from None
    except Exception as exc:  # a bug: one line, the trace on demand
        if debug:
            traceback.print_exc()
        typer.echo(
            f"spectrace: internal error: {type(exc).__name__}: {exc} "
            "(run with --debug for the trace)",
            err=True,
        )
        raise typer.Exit(EXIT_ERROR) from None
    raise typer.Exit(int(code))


def _use_colour(flag: bool | None, output: Path | None) -> bool:
    if flag is not None:
        return flag
    if output is not None or os.environ.get("NO_COLOR"):
        return False
    return sys.stdout.isatty()


def _emit(text: str, output: Path | None, *, colour: bool) -> None:
    if output is None:
        if colour:
            from spectrace.terminal import print_coloured

            print_coloured(text)
        else:
            sys.stdout.write(text)
        return
    write_atomically(output, text)


def write_atomically(path: Path, text: str) -> None:
    """Write a file whole or not at all: a temporary file beside it, then a rename."""
    folder = path.parent if str(path.parent) else Path()
    if not folder.is_dir():
        raise SpectraceError("the folder of the output file does not exist", file=str(path))
    if path.is_dir():
        raise SpectraceError("the output path is a folder", file=str(path))
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise SpectraceError(f"cannot write: {exc.strerror or exc}", file=str(path)) from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
        Path(temporary).replace(path)
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        raise SpectraceError(f"cannot write: {exc.strerror or exc}", file=str(path)) from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def main() -> None:
    """Entry point of the `spectrace` command."""
    app()
