"""The command line: the only module that prints, reads the environment or exits."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from spectrace.version import __version__

if TYPE_CHECKING:
    from spectrace.cache import Cache
from spectrace.errors import SpectraceError
from spectrace.policy import EXIT_ERROR, EXIT_FAILED, FailOn, exit_code
from spectrace.render.registry import CHECK_FORMATS, GRAPH_FORMATS, REPORT_FORMATS

if TYPE_CHECKING:
    from spectrace.config import Config
    from spectrace.discover import SpecSources
    from spectrace.model import Report
    from spectrace.replay import Outcome

app = typer.Typer(
    name="spectrace",
    help="Requirements-to-design traceability for Markdown specs.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    # Plain help: rich formatting costs about a second of imports on every `--help`.
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

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
        help="Trace specs on this many processes (default 0: one per core; 1: none).",
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


@app.command()
def check(
    paths: PathsArg = None,
    requirements: RequirementsOpt = None,
    design: DesignOpt = None,
    links: LinksOpt = None,
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
        str | None,
        typer.Option(
            "--fail-on",
            help="Lowest severity that fails the run: error, warning, note, never "
            "(default: error).",
            show_default=False,
        ),
    ] = None,
    color: ColorOpt = None,
    no_cache: NoCacheOpt = False,
    jobs: JobsOpt = 0,
    debug: DebugOpt = False,
    config: ConfigOpt = None,
    baseline: BaselineOpt = None,
    update_baseline: Annotated[
        Path | None,
        typer.Option(
            "--update-baseline",
            help="Write every current finding to this baseline file, then gate against it.",
            show_default=False,
        ),
    ] = None,
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
            jobs,
            config,
            baseline,
            update_baseline,
        ),
    )


def _check(
    paths: list[Path],
    requirements: Path | None,
    design: list[Path],
    links: str | None,
    output_format: str,
    output: Path | None,
    min_coverage: float | None,
    fail_on: str | None,
    color: bool | None,
    no_cache: bool,
    jobs: int,
    config_file: Path | None = None,
    baseline_file: Path | None = None,
    update_baseline: Path | None = None,
) -> int:
    from spectrace.render.registry import format_for
    from spectrace.replay import Outcome, outcome_key, replayed
    from spectrace.settings import counted, coverage_shortfalls

    _choice("--format", output_format, CHECK_FORMATS)
    if fail_on is not None:
        _choice("--fail-on", fail_on, tuple(f.value for f in FailOn))
    if min_coverage is not None and not 0 <= min_coverage <= 100:
        raise SpectraceError("--min-coverage takes a percentage from 0 to 100")
    config = _config(config_file)
    colour = output_format == "text" and _use_colour(color, output)
    mode = _link_mode(links, config)
    sources = _read_specs(paths, requirements, design, config)
    # A re-run on unchanged documents replays the last outcome (not with a baseline: its
    # messages depend on the baseline's own file, and --update-baseline writes one).
    replay = None if baseline_file or update_baseline or config.baseline else _cache(no_cache)
    key = ""
    if replay is not None:
        options = ["check", output_format, mode, repr(min_coverage), fail_on or ""]
        key = outcome_key(options, sources, config.source)
        hit = replayed(replay, key)
        if hit is not None:
            return _emit_outcome(hit, output, colour)
    report = _with_settings(
        _trace(sources, mode, no_cache, jobs), config, baseline_file, update_baseline
    )
    code = exit_code(
        counted(report.findings),
        fail_on=FailOn(fail_on or config.fail_on or FailOn.ERROR.value),
        coverage=report.total.coverage,
        min_coverage=min_coverage if min_coverage is not None else config.min_coverage,
    )
    shortfalls = coverage_shortfalls(report, config)
    outcome = Outcome(
        text=format_for("check", output_format).renderer()(report),
        messages=tuple(f"spectrace: {line}" for line in shortfalls),
        code=EXIT_FAILED if shortfalls else code,
    )
    if replay is not None:
        replay.store(key, outcome)
    return _emit_outcome(outcome, output, colour)


def _emit_outcome(outcome: Outcome, output: Path | None, colour: bool) -> int:
    """Write a run's outcome: the report, then its lines on stderr; its exit code."""
    _emit(outcome.text, output, colour=colour)
    for line in outcome.messages:
        typer.echo(line, err=True)
    return outcome.code


@app.command()
def report(
    paths: PathsArg = None,
    requirements: RequirementsOpt = None,
    design: DesignOpt = None,
    links: LinksOpt = None,
    output_format: Annotated[
        str,
        typer.Option("--format", "-f", help=f"Report format: {', '.join(REPORT_FORMATS)}."),
    ] = "text",
    output: OutputOpt = None,
    config: ConfigOpt = None,
    baseline: BaselineOpt = None,
    color: ColorOpt = None,
    no_cache: NoCacheOpt = False,
    jobs: JobsOpt = 0,
    debug: DebugOpt = False,
) -> None:
    """Write a report for people: tables, Markdown (pull requests), HTML (review), CSV or JSON.

    Takes the same paths, link mode, configuration and baseline as check. Exit 0 when the report
    is written (it is not a gate: use check for that), 2 when the run cannot complete.
    """
    _guard(
        debug,
        lambda: _report(
            paths or [],
            requirements,
            design or [],
            links,
            output_format,
            output,
            config,
            baseline,
            color,
            no_cache,
            jobs,
        ),
    )


def _report(
    paths: list[Path],
    requirements: Path | None,
    design: list[Path],
    links: str | None,
    output_format: str,
    output: Path | None,
    config_file: Path | None,
    baseline_file: Path | None,
    color: bool | None,
    no_cache: bool,
    jobs: int,
) -> int:
    from spectrace.render.registry import format_for

    _choice("--format", output_format, REPORT_FORMATS)
    config = _config(config_file)
    report = _traced(paths, requirements, design, links, config, no_cache, jobs)
    report = _with_settings(report, config, baseline_file, None)
    if output_format == "text" and output is None and _use_colour(color, output):
        from rich.console import Console

        from spectrace.render.richtext import print_report

        print_report(report, Console(highlight=False))
        return 0
    _emit(format_for("report", output_format).renderer()(report), output, colour=False)
    return 0


def _config(config_file: Path | None) -> Config:
    from spectrace.config import read_config

    return read_config(config_file, Path.cwd())


def _traced(
    paths: list[Path],
    requirements: Path | None,
    design: list[Path],
    links: str | None,
    config: Config,
    no_cache: bool,
    jobs: int,
) -> Report:
    """Run the pipeline with the command line's choices, else the configuration's."""
    mode = _link_mode(links, config)
    return _trace(_read_specs(paths, requirements, design, config), mode, no_cache, jobs)


def _link_mode(links: str | None, config: Config) -> str:
    mode = links or config.links or "auto"
    _choice("--links", mode, LINK_MODES)
    return mode


def _read_specs(
    paths: list[Path], requirements: Path | None, design: list[Path], config: Config
) -> list[SpecSources]:
    """The documents of every spec the command names (else the configuration's paths), read."""
    from spectrace.discover import discover, read_spec

    if not paths and requirements is None and not design:
        paths = list(config.paths)
    return [read_spec(spec) for spec in discover(paths, requirements=requirements, design=design)]


def _trace(sources: list[SpecSources], mode: str, no_cache: bool, jobs: int) -> Report:
    from spectrace.pipeline import trace

    return trace(sources, mode, cache=_cache(no_cache), jobs=jobs)


def _with_settings(
    report: Report, config: Config, baseline_file: Path | None, update_baseline: Path | None
) -> Report:
    """Severities, ignores and the baseline applied; --update-baseline writes the baseline first."""
    from spectrace.baseline import build_baseline, dump_baseline, load_baseline
    from spectrace.settings import apply_settings

    configured = apply_settings(report, config)
    if update_baseline is not None:
        baseline = build_baseline(configured, update_baseline.parent)
        write_atomically(update_baseline, dump_baseline(baseline))
        count = sum(entry.count for entry in baseline.entries)
        typer.echo(
            f"spectrace: wrote {count} finding{'s' if count != 1 else ''} to {update_baseline}",
            err=True,
        )
    else:
        chosen = baseline_file or config.baseline
        if chosen is None:
            return configured
        baseline = load_baseline(chosen)
    result = apply_settings(report, config, baseline)
    known = sum(1 for finding in result.findings if finding.baselined)
    if known and update_baseline is None:
        verb = "are" if known != 1 else "is"
        typer.echo(
            f"spectrace: {known} finding{'s' if known != 1 else ''} {verb} in the baseline "
            "(reported, not failing the run)",
            err=True,
        )
    return result


@app.command()
def graph(
    paths: PathsArg = None,
    requirements: RequirementsOpt = None,
    design: DesignOpt = None,
    links: LinksOpt = None,
    output_format: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            help=f"Diagram format: {', '.join(GRAPH_FORMATS)} "
            "(default: from the --output suffix, else dot).",
            show_default=False,
        ),
    ] = None,
    output: OutputOpt = None,
    criteria: Annotated[
        bool,
        typer.Option("--criteria", help="Draw acceptance criteria (default: folded in)."),
    ] = False,
    cluster: Annotated[
        str, typer.Option("--cluster", help="Group design items by: section, kind or none.")
    ] = "section",
    focus: Annotated[
        str | None,
        typer.Option(
            "--focus",
            help="Draw only the neighbourhood of this requirement, criterion or design item "
            "(id or name; SPEC/ID picks the spec).",
            show_default=False,
        ),
    ] = None,
    depth: Annotated[
        int, typer.Option("--depth", help="With --focus: how many edges away to go.")
    ] = 1,
    only: Annotated[
        str | None,
        typer.Option(
            "--only",
            help="Draw only gaps or orphans, with their neighbours.",
            show_default=False,
        ),
    ] = None,
    config: ConfigOpt = None,
    no_cache: NoCacheOpt = False,
    jobs: JobsOpt = 0,
    debug: DebugOpt = False,
) -> None:
    """Draw what covers what: requirements, design items, links; DOT, SVG, PNG, Mermaid, ...

    Exit 0 when the diagram is written (it is not a gate), 2 when the run cannot complete.
    """
    _guard(
        debug,
        lambda: _graph(
            paths or [],
            requirements,
            design or [],
            links,
            output_format,
            output,
            criteria,
            cluster,
            focus,
            depth,
            only,
            config,
            no_cache,
            jobs,
        ),
    )


def _graph(
    paths: list[Path],
    requirements: Path | None,
    design: list[Path],
    links: str | None,
    output_format: str | None,
    output: Path | None,
    criteria: bool,
    cluster: str,
    focus: str | None,
    depth: int,
    only: str | None,
    config_file: Path | None,
    no_cache: bool,
    jobs: int,
) -> int:
    from spectrace.render.diagram import Cluster, Only, View, build_diagram
    from spectrace.render.registry import format_for

    suffixes = {f.suffix: name for name, f in GRAPH_FORMATS.items()}
    name = output_format or (suffixes.get(output.suffix.lower(), "dot") if output else "dot")
    _choice("--format", name, tuple(GRAPH_FORMATS))
    _choice("--cluster", cluster, tuple(c.value for c in Cluster))
    if only is not None:
        _choice("--only", only, tuple(o.value for o in Only))
    if depth < 0:
        raise SpectraceError("--depth takes a number of edges, 0 or more")
    chosen = format_for("graph", name)
    if chosen.binary and output is None and sys.stdout.isatty():
        raise SpectraceError(f"{name} is binary: write it to a file with -o FILE")
    report = _traced(paths, requirements, design, links, _config(config_file), no_cache, jobs)
    view = View(
        criteria=criteria,
        cluster=Cluster(cluster),
        focus=focus or "",
        depth=depth,
        only=Only(only) if only is not None else None,
    )
    diagram = build_diagram(report, view)
    if diagram.note:
        typer.echo(f"spectrace: {diagram.note}", err=True)
    drawn = chosen.drawer()(diagram)
    if isinstance(drawn, bytes):
        if output is None:
            stream = typer.get_binary_stream("stdout")
            stream.write(drawn)
            stream.flush()
        else:
            write_atomically_bytes(output, drawn)
    else:
        _emit(drawn, output, colour=False)
    return 0


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
        typer.echo(f"spectrace: error: {_one_line(str(exc))}", err=True)
        raise typer.Exit(EXIT_ERROR) from None
    except KeyboardInterrupt:
        typer.echo("spectrace: interrupted", err=True)
        raise typer.Exit(EXIT_ERROR) from None
    except Exception as exc:  # a bug: one line, the trace on demand
        if debug:
            import traceback

            traceback.print_exc()
        typer.echo(
            f"spectrace: internal error: {type(exc).__name__}: {_one_line(str(exc))} "
            "(run with --debug for the trace)",
            err=True,
        )
        raise typer.Exit(EXIT_ERROR) from None
    raise typer.Exit(int(code))


def _one_line(message: str) -> str:
    """A message as one printable line (a file name may hold a newline or a terminal escape)."""
    from spectrace.render.common import printable

    return " ".join(printable(message).splitlines())


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
    write_atomically_bytes(path, text.encode("utf-8"))


def write_atomically_bytes(path: Path, data: bytes) -> None:
    """``write_atomically`` for bytes (a PNG): the one writer behind both."""
    folder = path.parent if str(path.parent) else Path()
    if not folder.is_dir():
        raise SpectraceError("the folder of the output file does not exist", file=str(path))
    if path.is_dir():
        raise SpectraceError("the output path is a folder", file=str(path))
    try:
        import tempfile

        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise SpectraceError(f"cannot write: {exc.strerror or exc}", file=str(path)) from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            # mkstemp makes the file private (0600); give it the mode a plain write would.
            os.fchmod(stream.fileno(), _mode_for(path))
        Path(temporary).replace(path)
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        raise SpectraceError(f"cannot write: {exc.strerror or exc}", file=str(path)) from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _mode_for(path: Path) -> int:
    """The replaced file's permissions, else those the umask gives a new file."""
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def main() -> None:
    """Entry point of the `spectrace` command."""
    app()
