"""Paths to specs: which files form one feature's requirements and design."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from spectrace.errors import InputError
from spectrace.parse.source import read_bytes

#: File names of a requirements document, by preference (compared case-insensitively).
REQUIREMENTS_NAMES = ("requirements.md", "spec.md", "prd.md")
#: File names of a design document, by preference.
DESIGN_NAMES = ("design.md",)
#: spec-kit splits its design: the plan, then the data model, then the contracts.
PLAN_NAMES = ("plan.md",)
DATA_MODEL_NAMES = ("data-model.md",)
CONTRACTS_FOLDER = "contracts"
TASKS_NAMES = ("tasks.md",)

#: A file as the caller knows it: a Path on disk, a path in a git tree.
_Document = TypeVar("_Document")

#: Folders never searched under a root: dependencies, builds, caches, version control.
SKIPPED_FOLDERS = frozenset(
    {
        ".git",
        ".hg",
        ".svn",
        "node_modules",
        ".venv",
        "venv",
        "__pycache__",
        ".tox",
        ".nox",
        "dist",
        "build",
        "target",
        ".mypy_cache",
        ".ruff_cache",
        ".pytest_cache",
        ".spectrace_cache",
    }
)


@dataclass(frozen=True, slots=True, kw_only=True)
class SpecFiles:
    """The documents of one spec."""

    name: str
    """Folder relative to the root given (its own name when it is the root)."""
    requirements: Path
    """The requirements document."""
    design: tuple[Path, ...]
    """Design documents in reading order (spec-kit: plan.md, data-model.md, contracts/*.md)."""
    tasks: Path | None = None
    """The task list, when there is one."""


@dataclass(frozen=True, slots=True)
class SpecSources:
    """The documents of one spec, read once: each as (display path, bytes)."""

    name: str
    """The spec's name."""
    requirements: tuple[str, bytes]
    """The requirements document."""
    design: tuple[tuple[str, bytes], ...]
    """The design documents, in reading order."""
    tasks: tuple[str, bytes] | None = None
    """The task list, when the spec has one."""

    @property
    def size(self) -> int:
        """Bytes of all its documents."""
        tasks = len(self.tasks[1]) if self.tasks is not None else 0
        return len(self.requirements[1]) + sum(len(data) for _path, data in self.design) + tasks

    @property
    def documents(self) -> tuple[tuple[str, bytes], ...]:
        """Every document: requirements, design, then the task list when there is one."""
        tasks = (self.tasks,) if self.tasks is not None else ()
        return (self.requirements, *self.design, *tasks)


def read_spec(spec: SpecFiles) -> SpecSources:
    """Read a spec's documents (a missing or unreadable one is an ``InputError``)."""
    return SpecSources(
        name=spec.name,
        requirements=_read(spec.requirements),
        design=tuple(_read(path) for path in spec.design),
        tasks=_read(spec.tasks) if spec.tasks is not None else None,
    )


def _read(path: Path) -> tuple[str, bytes]:
    display = display_path(path)
    return display, read_bytes(path, display)


def display_path(path: Path) -> str:
    """How a path is shown in reports: relative to the working directory when under it, posix."""
    absolute = path.absolute()
    try:
        return absolute.relative_to(Path.cwd()).as_posix()
    except ValueError:
        return absolute.as_posix()


def discover(
    paths: Sequence[Path],
    *,
    requirements: Path | None = None,
    design: Sequence[Path] = (),
    tasks: Path | None = None,
    empty_ok: bool = False,
) -> tuple[SpecFiles, ...]:
    """Find the specs named by ``paths`` (spec folders or roots) or by an explicit file pair (and
    its task list, ``tasks``: a pair is read as given, no task list is looked for beside it).

    With ``empty_ok`` a path that does not exist or holds no spec adds none instead of being an
    error (``spectrace diff``: a spec may exist in only one of the two states compared).
    """
    if requirements is not None or design or tasks is not None:
        return (_pair(requirements, design, tasks),)
    found: dict[Path, SpecFiles] = {}
    for path in paths or (Path.cwd(),):
        if empty_ok and not path.exists():
            continue
        for spec in _specs_under(path, empty_ok=empty_ok):
            # A spec under two of the paths takes the name the outer one gives (``group/auth``,
            # not ``auth``), whatever their order.
            known = found.setdefault(spec.requirements.absolute(), spec)
            if (-spec.name.count("/"), spec.name) < (-known.name.count("/"), known.name):
                found[spec.requirements.absolute()] = spec
    return tuple(sorted(found.values(), key=lambda s: (s.name, s.requirements.as_posix())))


def _pair(requirements: Path | None, design: Sequence[Path], tasks: Path | None) -> SpecFiles:
    if requirements is None or not design:
        raise InputError(
            "--requirements and --design go together: give both"
            + (" (--task-list goes with them)" if tasks is not None else "")
        )
    for path in (requirements, *design, *([tasks] if tasks is not None else [])):
        if not path.is_file():
            raise InputError("no such file", file=display_path(path))
    return SpecFiles(
        name=requirements.absolute().parent.name,
        requirements=requirements,
        design=tuple(design),
        tasks=tasks,
    )


def _specs_under(path: Path, *, empty_ok: bool = False) -> Iterable[SpecFiles]:
    if not path.exists():
        raise InputError("no such file or folder", file=display_path(path))
    if path.is_file():
        # A document names its folder: `check specs/auth/requirements.md` checks specs/auth.
        folder = path.parent
        spec = spec_in(folder, folder.absolute().name)
        if spec is None:
            if empty_ok:
                return ()
            raise InputError(
                "its folder holds no requirements and design documents", file=display_path(path)
            )
        return (spec,)
    own = spec_in(path, path.absolute().name)
    if own is not None:
        return (own,)
    specs = [
        spec
        for folder in _walk(path)
        if (spec := spec_in(folder, (folder.relative_to(path)).as_posix())) is not None
    ]
    if not specs and not empty_ok:
        raise InputError(
            "no spec found (a folder with requirements.md or spec.md and design.md or plan.md)",
            file=display_path(path),
        )
    return specs


def _walk(root: Path) -> Iterable[Path]:
    """Every folder under root, sorted, not following links (so link loops end)."""
    for current, folders, _files in os.walk(root, onerror=lambda _e: None):
        folders[:] = sorted(f for f in folders if f not in SKIPPED_FOLDERS)
        yield Path(current)


def spec_in(folder: Path, name: str) -> SpecFiles | None:
    """The spec held by a folder, or None when it lacks a requirements or a design document."""
    try:
        # Sorted, so that of names differing only in case the same one (the last, lower case)
        # is taken whatever order the disk lists them in.
        entries = {e.name.lower(): e for e in sorted(folder.iterdir()) if e.is_file()}
    except OSError:
        return None
    chosen = choose_documents(entries, lambda: _contracts(folder))
    if chosen is None:
        return None
    requirements, documents, tasks = chosen
    return SpecFiles(name=name, requirements=requirements, design=documents, tasks=tasks)


def choose_documents(
    entries: Mapping[str, _Document], contracts: Callable[[], Sequence[_Document]]
) -> tuple[_Document, tuple[_Document, ...], _Document | None] | None:
    """Which files of one folder form a spec: the requirements document, the design documents in
    reading order, and the task list; None when the folder is no spec.

    ``entries`` maps the folder's file names, lower case, to the files; ``contracts`` lists the
    ``contracts/*.md`` files, sorted (asked for only when the design is spec-kit's plan). Shared
    by the work tree and ``spectrace diff``'s reading of a git tree, so both find the same specs.
    """
    requirements = _first(entries, REQUIREMENTS_NAMES)
    if requirements is None:
        return None
    design = _first(entries, DESIGN_NAMES)
    if design is not None:
        documents: tuple[_Document, ...] = (design,)
    else:
        plan = _first(entries, PLAN_NAMES)
        if plan is None:
            return None
        documents = (plan, *_optional(entries, DATA_MODEL_NAMES), *contracts())
    return requirements, documents, _first(entries, TASKS_NAMES)


def _first(entries: Mapping[str, _Document], names: Sequence[str]) -> _Document | None:
    for name in names:
        if name in entries:
            return entries[name]
    return None


def _optional(entries: Mapping[str, _Document], names: Sequence[str]) -> tuple[_Document, ...]:
    found = _first(entries, names)
    return (found,) if found is not None else ()


def _contracts(folder: Path) -> tuple[Path, ...]:
    contracts = folder / CONTRACTS_FOLDER
    if not contracts.is_dir():
        return ()
    try:
        return tuple(
            sorted(p for p in contracts.iterdir() if p.suffix.lower() == ".md" and p.is_file())
        )
    except OSError:
        return ()
