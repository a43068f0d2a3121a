"""Where a spec's lock file is: one per repository, at its root, unless one is named."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

#: The lock file's name at a repository's root.
LOCK_NAME = "spectrace.lock"


def repository_root(path: Path) -> Path | None:
    """The nearest folder at or above ``path`` that holds ``.git`` (a folder, or the file of a
    git worktree or submodule), or None."""
    start = path.absolute()
    for folder in (start, *start.parents):
        if (folder / ".git").exists():
            return folder
    return None


def lock_file_for(requirements_file: str, named: Path | None = None) -> Path:
    """The lock file of the spec whose requirements document is ``requirements_file`` (a report
    path): ``named`` when given, else ``spectrace.lock`` at the root of the repository holding
    the spec, else in the working folder."""
    if named is not None:
        return named
    root = repository_root(Path(requirements_file).parent)
    return (root if root is not None else Path.cwd()) / LOCK_NAME


def lock_files(
    requirements_files: Iterable[str], named: Path | None = None
) -> dict[Path, list[str]]:
    """The lock files of several specs, each with the requirements documents it covers, in the
    order first met."""
    found: dict[Path, list[str]] = {}
    for requirements_file in requirements_files:
        found.setdefault(lock_file_for(requirements_file, named), []).append(requirements_file)
    return found
