"""`spectrace lock`: record what each requirement says and which design items it is linked to."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from spectrace.cli.app import app
from spectrace.cli.options import (
    ConfigOpt,
    DebugOpt,
    DesignOpt,
    JobsOpt,
    LinksOpt,
    LockOpt,
    NoCacheOpt,
    PathsArg,
    RequirementsOpt,
)
from spectrace.cli.output import write_atomically
from spectrace.cli.run import guard, load_config, traced
from spectrace.errors import SpectraceError

if TYPE_CHECKING:
    from spectrace.lock.entries import Lock


@app.command()
def lock(
    paths: PathsArg = None,
    requirements: RequirementsOpt = None,
    design: DesignOpt = None,
    links: LinksOpt = None,
    lock_file: LockOpt = None,
    accept: Annotated[
        list[str] | None,
        typer.Option(
            "--accept",
            help="Record only this requirement (with its criteria) or criterion, once its design "
            "is re-reviewed (repeatable).",
            show_default=False,
        ),
    ] = None,
    config: ConfigOpt = None,
    no_cache: NoCacheOpt = False,
    jobs: JobsOpt = 0,
    debug: DebugOpt = False,
) -> None:
    """Record each requirement's text and its linked design items in spectrace.lock.

    check then reports a link as suspect (ST601) when its requirement's text changes. Exit 0
    when the lock is written (or already up to date), 2 when the run cannot complete.
    """
    guard(
        debug,
        lambda: _lock(
            paths or [],
            requirements,
            design or [],
            links,
            lock_file,
            accept or [],
            config,
            no_cache,
            jobs,
        ),
    )


def _lock(
    paths: list[Path],
    requirements: Path | None,
    design: list[Path],
    links: str | None,
    lock_file: Path | None,
    accept: list[str],
    config_file: Path | None,
    no_cache: bool,
    jobs: int,
) -> int:
    from spectrace.baseline import spec_key
    from spectrace.discover import display_path
    from spectrace.lock.entries import Lock, accepted, relocked
    from spectrace.lock.file import load_lock
    from spectrace.lock.location import lock_files

    config = load_config(config_file)
    report = traced(paths, requirements, design, links, config, no_cache, jobs)
    files = lock_files((spec.requirements_file for spec in report.specs), lock_file or config.lock)
    planned: list[tuple[Path, Lock | None, Lock]] = []
    matched: set[str] = set()
    for path, documents in files.items():
        old = load_lock(path)
        specs = [
            (spec_key(spec, path.parent), spec)
            for spec in report.specs
            if spec.requirements_file in documents
        ]
        if accept:
            if old is None:
                raise SpectraceError(
                    "no lock file to accept into: run spectrace lock first", file=display_path(path)
                )
            new, found = accepted(old, specs, accept)
            matched |= found
        else:
            new = relocked(old or Lock(), specs, keep=_still_there(path.parent))
        planned.append((path, old, new))
    unknown = [ident for ident in accept if ident not in matched]
    if unknown:
        raise SpectraceError(f"no requirement or criterion {unknown[0]!r} in the specs traced")
    # Every lock is planned before any is written: an unknown id changes nothing.
    for path, old, new in planned:
        _write(path, old, new, accept)
    return 0


def _still_there(folder: Path) -> Callable[[str], bool]:
    """Whether a spec the lock holds (and this run did not trace) still has its folder."""

    def exists(key: str) -> bool:
        return (folder / key).is_dir()

    return exists


def _write(path: Path, old: Lock | None, new: Lock, accept: list[str]) -> None:
    from spectrace.discover import display_path
    from spectrace.lock.file import dump_lock
    from spectrace.render.common import plural

    text = dump_lock(new)
    shown = display_path(path)
    if old is not None and _current_text(path) == text:
        typer.echo(f"spectrace: {shown} is up to date", err=True)
        return
    write_atomically(path, text)
    if accept:
        typer.echo(f"spectrace: {shown}: accepted {', '.join(accept)}", err=True)
        return
    entries = sum(len(spec.entries) for spec in new.specs)
    changed = _changed(old, new)
    since = f"; {changed} changed since the last lock" if old is not None else ""
    typer.echo(
        f"spectrace: wrote {shown}: {plural(len(new.specs), 'spec')}, "
        f"{entries} requirements and criteria{since}",
        err=True,
    )


def _current_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return ""


def _changed(old: Lock | None, new: Lock) -> int:
    """Entries whose text or linked items differ from the old lock's (new ones included)."""
    if old is None:
        return 0
    before = {(spec.folder, entry.id): entry for spec in old.specs for entry in spec.entries}
    return sum(
        1
        for spec in new.specs
        for entry in spec.entries
        if before.get((spec.folder, entry.id)) != entry
    )
