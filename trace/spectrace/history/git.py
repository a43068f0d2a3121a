"""Reading a repository's history with git plumbing: no checkout, no shell, no work tree touched.

Every call is an argument list (nothing a user types reaches a shell), a revision is checked
before use (``--end-of-options``: it can never be read as an option), and only commands that
read objects run (``rev-parse``, ``ls-tree``, ``cat-file``): no hook, filter or textconv runs.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from spectrace.errors import InputError, SpectraceError

#: Tree entry modes of a regular file (symbolic links, 120000, and submodules, 160000, are not
#: documents: a link's blob is its target's path).
_FILE_MODES = frozenset({"100644", "100755"})


@dataclass(frozen=True, slots=True, kw_only=True)
class Blob:
    """A file of a commit's tree."""

    path: str
    """Path from the repository's root, ``/``-separated."""
    object_id: str
    """The blob's object id."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Commit:
    """A revision as the user named it, resolved."""

    name: str
    """As given (``main``, ``HEAD~1``)."""
    object_id: str
    """The commit's full object id."""

    @property
    def label(self) -> str:
        """``main (1a2b3c4)`` for reports."""
        short = self.object_id[:7]
        return self.name if self.name == short else f"{self.name} ({short})"


class Repository:
    """A git repository, found from a folder inside its work tree."""

    def __init__(self, start: Path) -> None:
        self._git = shutil.which("git")
        if self._git is None:
            raise InputError("spectrace diff needs git, which is not on PATH")
        folder = start if start.is_dir() else start.parent
        done = self._run(["rev-parse", "--show-toplevel"], folder, check=False)
        if done.returncode != 0 or not done.stdout.strip():
            said = _first_line(done.stderr)
            # git's own words when it refuses a repository (another owner), ours otherwise.
            reason = said if said and "not a git repository" not in said else ""
            raise InputError(
                f"not in a git repository{f' ({reason})' if reason else ''}", file=str(start)
            )
        self.root = Path(os.fsdecode(done.stdout).strip())
        """The work tree's root folder."""

    def commit(self, revision: str) -> Commit:
        """The commit ``revision`` names; InputError when it names none."""
        if not revision or revision.startswith("-") or any(c in revision for c in "\0\n\r"):
            raise InputError(f"not a revision: {revision!r}")
        done = self._run(
            ["rev-parse", "--verify", "--quiet", "--end-of-options", f"{revision}^{{commit}}"],
            self.root,
            check=False,
        )
        object_id = os.fsdecode(done.stdout).strip()
        if done.returncode != 0 or not object_id:
            raise InputError(f"unknown revision {revision!r} in {self.root}")
        return Commit(name=revision, object_id=object_id)

    def files(self, commit: Commit) -> tuple[Blob, ...]:
        """Every regular file of the commit's tree, sorted by path."""
        done = self._run(["ls-tree", "-r", "-z", "--full-tree", commit.object_id], self.root)
        blobs: list[Blob] = []
        for record in done.stdout.split(b"\0"):
            if not record:
                continue
            meta, _, raw_path = record.partition(b"\t")
            mode, kind, object_id = os.fsdecode(meta).split(" ", 2)
            if kind == "blob" and mode in _FILE_MODES:
                blobs.append(Blob(path=os.fsdecode(raw_path), object_id=object_id))
        return tuple(sorted(blobs, key=lambda blob: blob.path))

    def read(self, blobs: Iterable[Blob]) -> dict[str, bytes]:
        """The contents of blobs, by object id, read by one ``git cat-file --batch``."""
        wanted = sorted({blob.object_id for blob in blobs})
        if not wanted:
            return {}
        request = "".join(f"{object_id}\n" for object_id in wanted).encode("ascii")
        output = self._run(["cat-file", "--batch"], self.root, stdin=request).stdout
        contents: dict[str, bytes] = {}
        position = 0
        for object_id in wanted:
            end = output.index(b"\n", position)
            header = output[position:end].decode("ascii").split(" ")
            if len(header) != 3 or header[1] != "blob":
                raise SpectraceError(f"git could not read object {object_id}")
            size = int(header[2])
            contents[object_id] = output[end + 1 : end + 1 + size]
            position = end + 1 + size + 1  # the content, then its newline
        return contents

    def _run(
        self, arguments: Sequence[str], folder: Path, *, check: bool = True, stdin: bytes = b""
    ) -> subprocess.CompletedProcess[bytes]:
        assert self._git is not None
        try:
            # No pager and no optional locks: read-only plumbing, maybe while the user's own git
            # runs in the same repository.
            done = subprocess.run(
                [self._git, "--no-pager", "--no-optional-locks", *arguments],
                cwd=folder,
                input=stdin,
                capture_output=True,
                check=False,
            )
        except OSError as exc:
            raise SpectraceError(f"cannot run git: {exc.strerror or exc}") from None
        if check and done.returncode != 0:
            raise SpectraceError(f"git {arguments[0]} failed: {_first_line(done.stderr) or '?'}")
        return done


def _first_line(data: bytes) -> str:
    lines = os.fsdecode(data).strip().splitlines()
    return lines[0].removeprefix("fatal: ").strip() if lines else ""
