"""`spectrace check`: trace, report findings, gate CI."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from spectrace.cli.app import app
from spectrace.cli.options import (
    BaselineOpt,
    ColorOpt,
    ConfigOpt,
    DebugOpt,
    DesignOpt,
    JobsOpt,
    LinksOpt,
    LockOpt,
    NoCacheOpt,
    OutputOpt,
    PathsArg,
    RequirementsOpt,
    ShowNotesOpt,
    SuggestionsOpt,
    TasksOpt,
)
from spectrace.cli.run import (
    cache_for,
    choice,
    emit,
    guard,
    link_mode,
    load_config,
    lock_key,
    read_specs,
    trace_specs,
    use_colour,
    with_lock,
    with_settings,
)
from spectrace.errors import SpectraceError
from spectrace.policy import EXIT_FAILED, FailOn, exit_code
from spectrace.render.registry import CHECK_FORMATS, format_for

if TYPE_CHECKING:
    from spectrace.config import Config
    from spectrace.model import Report
    from spectrace.render.text import TextView
    from spectrace.replay import Outcome


@app.command()
def check(
    paths: PathsArg = None,
    requirements: RequirementsOpt = None,
    design: DesignOpt = None,
    tasks_file: TasksOpt = None,
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
    min_plan_coverage: Annotated[
        float | None,
        typer.Option(
            "--min-plan-coverage",
            help="Fail when total plan coverage (%: criteria a task implements) is below this, "
            "or a spec has no task list.",
            show_default=False,
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
    suggestions: SuggestionsOpt = None,
    show_notes: ShowNotesOpt = None,
    no_cache: NoCacheOpt = False,
    jobs: JobsOpt = 0,
    debug: DebugOpt = False,
    config: ConfigOpt = None,
    baseline: BaselineOpt = None,
    lock: LockOpt = None,
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
    guard(
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
            suggestions,
            show_notes,
            lock,
            min_plan_coverage,
            tasks_file,
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
    suggestions: bool | None = None,
    show_notes: bool | None = None,
    lock_file: Path | None = None,
    min_plan_coverage: float | None = None,
    tasks_file: Path | None = None,
) -> int:
    from spectrace.render.hints import SuggestionView
    from spectrace.replay import Outcome, outcome_key, replayed
    from spectrace.settings import counted, coverage_shortfalls, plan_shortfalls

    choice("--format", output_format, CHECK_FORMATS)
    if fail_on is not None:
        choice("--fail-on", fail_on, tuple(f.value for f in FailOn))
    for option, value in (
        ("--min-coverage", min_coverage),
        ("--min-plan-coverage", min_plan_coverage),
    ):
        if value is not None and not 0 <= value <= 100:
            raise SpectraceError(f"{option} takes a percentage from 0 to 100")
    config = load_config(config_file)
    colour = output_format == "text" and use_colour(color, output)
    mode = link_mode(links, config)
    view = _text_view(suggestions, show_notes, config, fail_on)
    sources = read_specs(paths, requirements, design, config, tasks_file)
    # A re-run on unchanged documents replays the last outcome (not with a baseline: its
    # messages depend on the baseline's own file, and --update-baseline writes one).
    replay = None if baseline_file or update_baseline or config.baseline else cache_for(no_cache)
    key = ""
    if replay is not None:
        options = ["check", output_format, mode, repr(min_coverage), fail_on or ""]
        options += [view.suggestions.value, repr(view.show_notes)]
        options += lock_key(sources, lock_file, config)
        if min_plan_coverage is not None:  # keys of runs without it stay as they were
            options.append(f"min_plan_coverage={min_plan_coverage!r}")
        key = outcome_key(options, sources, config.source)
        hit = replayed(replay, key)
        if hit is not None:
            return emit_outcome(hit, output, colour)
    # Suggestions are looked for only when the report shows or exports them.
    wanted = format_for("check", output_format).suggestions and (
        output_format != "text" or view.suggestions != SuggestionView.NONE
    )
    traced = with_lock(
        trace_specs(sources, mode, no_cache, jobs, suggestions=wanted), lock_file, config
    )
    report = with_settings(traced, config, baseline_file, update_baseline)
    code = exit_code(
        counted(report.findings),
        fail_on=FailOn(fail_on or config.fail_on or FailOn.ERROR.value),
        coverage=report.total.coverage,
        min_coverage=min_coverage if min_coverage is not None else config.min_coverage,
    )
    plan_floor = min_plan_coverage if min_plan_coverage is not None else config.min_plan_coverage
    shortfalls = coverage_shortfalls(report, config) + plan_shortfalls(report, config, plan_floor)
    outcome = Outcome(
        text=_rendered(report, output_format, view),
        messages=tuple(f"spectrace: {line}" for line in shortfalls),
        code=EXIT_FAILED if shortfalls else code,
    )
    if replay is not None:
        replay.store(key, outcome)
    return emit_outcome(outcome, output, colour)


def _text_view(
    suggestions: bool | None, show_notes: bool | None, config: Config, fail_on: str | None
) -> TextView:
    """What the text report lists: the command line's choice, else the configuration's; notes
    are listed when they fail the run."""
    from spectrace.render.text import SuggestionView, TextView

    if suggestions is not None:
        shown = SuggestionView.ALL if suggestions else SuggestionView.NONE
    else:
        shown = SuggestionView(config.suggestions or SuggestionView.BEST.value)
    if show_notes is None:
        show_notes = bool(config.show_notes) or (fail_on or config.fail_on) == FailOn.NOTE.value
    return TextView(suggestions=shown, show_notes=show_notes)


def _rendered(report: Report, output_format: str, view: TextView) -> str:
    if output_format == "text":
        from spectrace.render.text import render

        return render(report, view)
    return format_for("check", output_format).renderer()(report)


def emit_outcome(outcome: Outcome, output: Path | None, colour: bool) -> int:
    """Write a run's outcome: the report, then its lines on stderr; its exit code."""
    emit(outcome.text, output, colour=colour)
    for line in outcome.messages:
        typer.echo(line, err=True)
    return outcome.code
