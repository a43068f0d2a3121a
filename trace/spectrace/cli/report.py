"""`spectrace report`: reports for people."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

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
    TasksOpt,
)
from spectrace.cli.run import (
    choice,
    emit,
    guard,
    load_config,
    traced,
    use_colour,
    with_lock,
    with_settings,
)
from spectrace.render.registry import REPORT_FORMATS


@app.command()
def report(
    paths: PathsArg = None,
    requirements: RequirementsOpt = None,
    design: DesignOpt = None,
    tasks_file: TasksOpt = None,
    links: LinksOpt = None,
    output_format: Annotated[
        str,
        typer.Option("--format", "-f", help=f"Report format: {', '.join(REPORT_FORMATS)}."),
    ] = "text",
    output: OutputOpt = None,
    config: ConfigOpt = None,
    baseline: BaselineOpt = None,
    lock: LockOpt = None,
    color: ColorOpt = None,
    no_cache: NoCacheOpt = False,
    jobs: JobsOpt = 0,
    debug: DebugOpt = False,
) -> None:
    """Write a report for people: tables, Markdown (pull requests), HTML (review), CSV or JSON.

    Takes the same paths, link mode, configuration and baseline as check. Exit 0 when the report
    is written (it is not a gate: use check for that), 2 when the run cannot complete.
    """
    guard(
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
            lock,
            tasks_file,
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
    lock_file: Path | None = None,
    tasks_file: Path | None = None,
) -> int:
    from spectrace.render.registry import format_for

    choice("--format", output_format, REPORT_FORMATS)
    config = load_config(config_file)
    report = traced(paths, requirements, design, links, config, no_cache, jobs, tasks_file)
    report = with_settings(with_lock(report, lock_file, config), config, baseline_file, None)
    if output_format == "text" and output is None and use_colour(color, output):
        from rich.console import Console

        from spectrace.render.richtext import print_report

        print_report(report, Console(highlight=False))
        return 0
    emit(format_for("report", output_format).renderer()(report), output, colour=False)
    return 0
