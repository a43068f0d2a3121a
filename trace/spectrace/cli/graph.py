"""`spectrace graph`: diagrams."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from spectrace.cli.app import app
from spectrace.cli.options import (
    ConfigOpt,
    DebugOpt,
    DesignOpt,
    JobsOpt,
    LinksOpt,
    NoCacheOpt,
    OutputOpt,
    PathsArg,
    RequirementsOpt,
    TasksOpt,
)
from spectrace.cli.output import write_atomically_bytes
from spectrace.cli.run import choice, emit, guard, load_config, traced
from spectrace.errors import SpectraceError
from spectrace.render.registry import GRAPH_FORMATS


@app.command()
def graph(
    paths: PathsArg = None,
    requirements: RequirementsOpt = None,
    design: DesignOpt = None,
    tasks_file: TasksOpt = None,
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
    tasks: Annotated[
        bool,
        typer.Option(
            "--tasks",
            help="Draw the tasks of tasks.md right of the design: what implements each "
            "requirement and builds each design item (in the overview, a tasks column).",
        ),
    ] = False,
    scale: Annotated[
        str,
        typer.Option(
            "--view",
            help="auto (the overview past the size budget), detail or overview.",
        ),
    ] = "auto",
    split_by: Annotated[
        str | None,
        typer.Option(
            "--split",
            help="Write one file per section or requirement into the -o folder, with the "
            "overview and an index.md.",
            show_default=False,
        ),
    ] = None,
    cross_cutting: Annotated[
        bool,
        typer.Option("--cross-cutting", help="Also draw cross-cutting items that cover nothing."),
    ] = False,
    config: ConfigOpt = None,
    no_cache: NoCacheOpt = False,
    jobs: JobsOpt = 0,
    debug: DebugOpt = False,
) -> None:
    """Draw what covers what: requirements, design items, links; DOT, SVG, PNG, Mermaid, ...

    Exit 0 when the diagram is written (it is not a gate), 2 when the run cannot complete.
    """
    guard(
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
            scale,
            split_by,
            cross_cutting,
            config,
            no_cache,
            jobs,
            tasks,
            tasks_file,
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
    scale: str,
    split_by: str | None,
    cross_cutting: bool,
    config_file: Path | None,
    no_cache: bool,
    jobs: int,
    tasks: bool = False,
    tasks_file: Path | None = None,
) -> int:
    from spectrace.render.diagram import Cluster, Only, Scale, Split, View, build_diagram
    from spectrace.render.registry import format_for

    suffixes = {f.suffix: name for name, f in GRAPH_FORMATS.items()}
    name = output_format or (suffixes.get(output.suffix.lower(), "dot") if output else "dot")
    choice("--format", name, tuple(GRAPH_FORMATS))
    choice("--cluster", cluster, tuple(c.value for c in Cluster))
    choice("--view", scale, tuple(s.value for s in Scale))
    if split_by is not None:
        choice("--split", split_by, tuple(s.value for s in Split))
        if output is None:
            raise SpectraceError("--split writes several files: name their folder with -o DIR")
        if focus or only:
            raise SpectraceError("--split draws every part: drop --focus and --only")
    if only is not None:
        choice("--only", only, tuple(o.value for o in Only))
    if depth < 0:
        raise SpectraceError("--depth takes a number of edges, 0 or more")
    chosen = format_for("graph", name)
    if chosen.binary and output is None and sys.stdout.isatty():
        raise SpectraceError(f"{name} is binary: write it to a file with -o FILE")
    config = load_config(config_file)
    report = traced(paths, requirements, design, links, config, no_cache, jobs, tasks_file)
    view = View(
        criteria=criteria,
        cluster=Cluster(cluster),
        focus=focus or "",
        depth=depth,
        only=Only(only) if only is not None else None,
        scale=Scale(scale),
        cross_cutting=cross_cutting,
        tasks=tasks,
    )
    if split_by is not None and output is not None:
        from spectrace.cli.graph_split import write_split

        write_split(report, view, Split(split_by), chosen, output)
        return 0
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
        emit(drawn, output, colour=False)
    return 0
