"""What every command does around its own work: configuration, tracing, errors, output."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import typer

from spectrace.cli.options import LINK_MODES
from spectrace.cli.output import write_atomically
from spectrace.errors import SpectraceError
from spectrace.policy import EXIT_ERROR

if TYPE_CHECKING:
    from spectrace.cache import Cache
    from spectrace.config import Config
    from spectrace.discover import SpecSources
    from spectrace.model import Report


def load_config(config_file: Path | None) -> Config:
    from spectrace.config import read_config

    return read_config(config_file, Path.cwd())


def traced(
    paths: list[Path],
    requirements: Path | None,
    design: list[Path],
    links: str | None,
    config: Config,
    no_cache: bool,
    jobs: int,
    tasks: Path | None = None,
) -> Report:
    """Run the pipeline with the command line's choices, else the configuration's."""
    mode = link_mode(links, config)
    sources = read_specs(paths, requirements, design, config, tasks)
    return trace_specs(sources, mode, no_cache, jobs)


def link_mode(links: str | None, config: Config) -> str:
    mode = links or config.links or "auto"
    choice("--links", mode, LINK_MODES)
    return mode


def read_specs(
    paths: list[Path],
    requirements: Path | None,
    design: list[Path],
    config: Config,
    tasks: Path | None = None,
) -> list[SpecSources]:
    """The documents of every spec the command names (else the configuration's paths), read."""
    from spectrace.discover import discover, read_spec

    if not paths and requirements is None and not design and tasks is None:
        paths = list(config.paths)
    found = discover(paths, requirements=requirements, design=design, tasks=tasks)
    return [read_spec(spec) for spec in found]


def trace_specs(
    sources: list[SpecSources], mode: str, no_cache: bool, jobs: int, *, suggestions: bool = True
) -> Report:
    """The pipeline on documents read, with a progress bar on a terminal when it takes a while;
    ``suggestions``: whether the report must hold them (shown or exported)."""
    from spectrace.cli.progress import progress_bar
    from spectrace.pipeline import trace

    with progress_bar() as progress:
        return trace(
            sources,
            mode,
            cache=cache_for(no_cache),
            jobs=jobs,
            progress=progress,
            suggestions=suggestions,
        )


def with_settings(
    report: Report, config: Config, baseline_file: Path | None, update_baseline: Path | None
) -> Report:
    """Severities, ignores and the baseline applied; --update-baseline writes the baseline first."""
    from spectrace.baseline import build_baseline, dump_baseline, load_baseline
    from spectrace.render.common import plural
    from spectrace.settings import apply_settings

    configured = apply_settings(report, config)
    if update_baseline is not None:
        baseline = build_baseline(configured, update_baseline.parent)
        write_atomically(update_baseline, dump_baseline(baseline))
        count = sum(entry.count for entry in baseline.entries)
        typer.echo(
            f"spectrace: wrote {plural(count, 'finding')} to {update_baseline}",
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
            f"spectrace: {plural(known, 'finding')} {verb} in the baseline "
            "(reported, not failing the run)",
            err=True,
        )
    return result


def with_lock(report: Report, named: Path | None, config: Config) -> Report:
    """The report with its suspect links (ST601) from the lock file of each spec's repository.

    No lock file: no suspect links. A lock file named with --lock must exist.
    """
    from spectrace.errors import ConfigError
    from spectrace.lock.file import load_lock
    from spectrace.lock.location import lock_files
    from spectrace.lock.suspects import with_suspects

    files = lock_files((spec.requirements_file for spec in report.specs), named or config.lock)
    for path, specs in files.items():
        lock = load_lock(path)
        if lock is None:
            if named is not None:
                raise ConfigError(
                    "no such lock file (write one with spectrace lock)", file=str(path)
                )
            continue
        report = with_suspects(report, lock, path.parent, frozenset(specs))
    return report


def lock_key(sources: list[SpecSources], named: Path | None, config: Config) -> list[str]:
    """What the lock files of these specs add to a replay key: each one's path and text (a run
    whose lock changed must not replay the last outcome)."""
    import hashlib

    from spectrace.lock.location import lock_files

    parts: list[str] = []
    for path in lock_files((spec.requirements[0] for spec in sources), named or config.lock):
        try:
            digest = hashlib.blake2b(path.read_bytes(), digest_size=20).hexdigest()
        except OSError:
            digest = "none"
        parts += [path.absolute().as_posix(), digest]
    return parts


def cache_for(disabled: bool) -> Cache | None:
    from spectrace.cache import Cache, default_folder

    return None if disabled else Cache(default_folder())


def choice(option: str, value: str, allowed: tuple[str, ...]) -> None:
    if value not in allowed:
        raise SpectraceError(f"{option} takes one of {', '.join(allowed)}, not {value!r}")


def guard(debug: bool, run: Callable[[], int]) -> NoReturn:
    """Run a command; map its outcome to an exit code, every error to one line and exit 2."""
    try:
        code = run()
    except SpectraceError as exc:
        typer.echo(f"spectrace: error: {one_line(str(exc))}", err=True)
        raise typer.Exit(EXIT_ERROR) from None
    except KeyboardInterrupt:
        typer.echo("spectrace: interrupted", err=True)
        raise typer.Exit(EXIT_ERROR) from None
    except Exception as exc:  # a bug: one line, the trace on demand
        if debug:
            import traceback

            traceback.print_exc()
        typer.echo(
            f"spectrace: internal error: {type(exc).__name__}: {one_line(str(exc))} "
            "(run with --debug for the trace)",
            err=True,
        )
        raise typer.Exit(EXIT_ERROR) from None
    raise typer.Exit(int(code))


def one_line(message: str) -> str:
    """A message as one printable line (a file name may hold a newline or a terminal escape)."""
    from spectrace.render.common import printable

    return " ".join(printable(message).splitlines())


def use_colour(flag: bool | None, output: Path | None) -> bool:
    if flag is not None:
        return flag
    if output is not None or os.environ.get("NO_COLOR"):
        return False
    return sys.stdout.isatty()


def emit(text: str, output: Path | None, *, colour: bool) -> None:
    if output is None:
        if colour:
            from spectrace.terminal import print_coloured

            print_coloured(text)
        else:
            sys.stdout.write(text)
        return
    write_atomically(output, text)
