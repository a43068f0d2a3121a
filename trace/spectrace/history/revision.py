"""The specs of a commit, read from git objects: the same specs, names and report paths that
``discover`` finds in a work tree, so the two states of a diff compare spec for spec."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from spectrace.discover import (
    CONTRACTS_FOLDER,
    SKIPPED_FOLDERS,
    SpecSources,
    choose_documents,
    display_path,
)
from spectrace.errors import InputError
from spectrace.history.git import Blob, Commit, Repository


@dataclass(frozen=True, slots=True, kw_only=True)
class _Found:
    """A spec of the tree: its name and its documents."""

    name: str
    requirements: Blob
    design: tuple[Blob, ...]
    shown: Path
    """The path the command was given, absolute: report paths are made from it."""
    base: PurePosixPath
    """That path from the repository's root."""


@dataclass(slots=True)
class _Tree:
    """A commit's files by folder (``""`` is the root)."""

    files: dict[str, dict[str, Blob]] = field(default_factory=dict)
    folders: dict[str, set[str]] = field(default_factory=dict)

    def add(self, blob: Blob) -> None:
        path = PurePosixPath(blob.path)
        folder = _key(path.parent)
        self.files.setdefault(folder, {})[path.name] = blob
        child = folder
        for parent in path.parent.parents:
            self.folders.setdefault(_key(parent), set()).add(child)
            child = _key(parent)
        self.folders.setdefault(folder, set())

    def spec_in(self, folder: str) -> tuple[Blob, tuple[Blob, ...]] | None:
        names = self.files.get(folder, {})
        # Sorted, so that of names differing only in case the last one counts, as on disk.
        entries = {name.lower(): names[name] for name in sorted(names)}
        chosen = choose_documents(entries, lambda: self._contracts(folder))
        return None if chosen is None else (chosen[0], chosen[1])

    def walk(self, top: str) -> Iterator[str]:
        """Every folder under ``top``, itself first, sorted, skipped folders left out."""
        yield top
        for child in sorted(self.folders.get(top, ())):
            if PurePosixPath(child).name not in SKIPPED_FOLDERS:
                yield from self.walk(child)

    def _contracts(self, folder: str) -> tuple[Blob, ...]:
        contracts = _key(PurePosixPath(folder) / CONTRACTS_FOLDER)
        names = self.files.get(contracts, {})
        return tuple(
            names[name] for name in sorted(names) if PurePosixPath(name).suffix.lower() == ".md"
        )


def specs_at(repository: Repository, commit: Commit, paths: Sequence[Path]) -> list[SpecSources]:
    """The specs under ``paths`` (spec folders, documents or roots, as for ``check``) in the
    commit's tree, with their documents read; a path with no spec there adds none."""
    tree = _Tree()
    for blob in repository.files(commit):
        tree.add(blob)
    found: dict[str, _Found] = {}
    for path in paths or (Path.cwd(),):
        for spec in _specs_under(tree, path, _in_repository(repository, path)):
            known = found.setdefault(spec.requirements.path, spec)
            # As discover does: a spec under two paths takes the name the outer one gives.
            if (-spec.name.count("/"), spec.name) < (-known.name.count("/"), known.name):
                found[spec.requirements.path] = spec
    specs = sorted(found.values(), key=lambda s: (s.name, s.requirements.path))
    contents = repository.read(blob for s in specs for blob in (s.requirements, *s.design))
    return [
        SpecSources(
            name=spec.name,
            requirements=_document(spec, spec.requirements, contents),
            design=tuple(_document(spec, blob, contents) for blob in spec.design),
        )
        for spec in specs
    ]


def _specs_under(tree: _Tree, path: Path, base: PurePosixPath) -> list[_Found]:
    key = _key(base)
    shown = path.absolute()
    parent = _key(base.parent)
    if key and base.name in tree.files.get(parent, {}):
        # A document names its folder, as on disk.
        own = tree.spec_in(parent)
        if own is None:
            return []
        return [_found(shown.parent.name, own, shown.parent, base.parent)]
    if key not in tree.folders:
        return []
    own = tree.spec_in(key)
    if own is not None:
        return [_found(shown.name, own, shown, base)]
    specs: list[_Found] = []
    for folder in tree.walk(key):
        documents = tree.spec_in(folder)
        if documents is not None:
            name = PurePosixPath(folder).relative_to(base).as_posix() if key else folder
            specs.append(_found(name, documents, shown, base))
    return specs


def _found(
    name: str, documents: tuple[Blob, tuple[Blob, ...]], shown: Path, base: PurePosixPath
) -> _Found:
    return _Found(name=name, requirements=documents[0], design=documents[1], shown=shown, base=base)


def _document(spec: _Found, blob: Blob, contents: dict[str, bytes]) -> tuple[str, bytes]:
    inside = PurePosixPath(blob.path).relative_to(spec.base)
    return display_path(spec.shown / inside), contents[blob.object_id]


def _in_repository(repository: Repository, path: Path) -> PurePosixPath:
    """``path`` from the repository's root (InputError when it is outside)."""
    try:
        relative = path.resolve().relative_to(repository.root.resolve())
    except ValueError:
        raise InputError(
            f"is not in the repository at {repository.root}", file=display_path(path)
        ) from None
    return PurePosixPath(relative.as_posix())


def _key(path: PurePosixPath) -> str:
    """A folder's key in the tree: ``""`` for the root, else its path."""
    text = path.as_posix()
    return "" if text == "." else text
