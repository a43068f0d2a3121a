"""Trace the specs at two states of a repository and compare them (``spectrace diff``)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from spectrace.cache import Cache
from spectrace.discover import SpecSources, discover, display_path, read_spec
from spectrace.errors import InputError
from spectrace.history.changes import Changes
from spectrace.history.compare import compare
from spectrace.history.git import Repository
from spectrace.history.revision import specs_at
from spectrace.pipeline import trace

#: How the work tree is named in reports.
WORK_TREE = "work tree"


def diff(
    paths: Sequence[Path],
    base: str,
    head: str | None = None,
    *,
    links: str = "auto",
    cache: Cache | None = None,
    jobs: int = 0,
) -> Changes:
    """What changed between revision ``base`` and revision ``head`` (None: the work tree, as
    ``check`` reads it) in the specs under ``paths`` (default: the working folder).

    The revisions are read from git objects: nothing is checked out. InputError when the paths are
    not in a git repository, a revision is unknown, or neither state holds a spec.
    """
    paths = list(paths) or [Path.cwd()]
    repository = Repository(_existing(paths[0]))
    base_commit = repository.commit(base)
    head_commit = repository.commit(head) if head is not None else None
    before = specs_at(repository, base_commit, paths)
    after = (
        specs_at(repository, head_commit, paths) if head_commit is not None else _work_tree(paths)
    )
    if not before and not after:
        shown = ", ".join(display_path(path) for path in paths)
        raise InputError(
            f"no spec found under {shown} in {base_commit.label} or "
            f"{head_commit.label if head_commit is not None else 'the ' + WORK_TREE}"
        )
    return compare(
        trace(before, links, cache=cache, jobs=jobs),
        trace(after, links, cache=cache, jobs=jobs),
        repository.root,
        base=base_commit.label,
        head=head_commit.label if head_commit is not None else WORK_TREE,
    )


def _work_tree(paths: Sequence[Path]) -> list[SpecSources]:
    return [read_spec(spec) for spec in discover(paths, empty_ok=True)]


def _existing(path: Path) -> Path:
    """``path``, or its nearest folder that exists (a spec folder the change deleted)."""
    absolute = path.absolute()
    for candidate in (absolute, *absolute.parents):
        if candidate.exists():
            return candidate
    return absolute
