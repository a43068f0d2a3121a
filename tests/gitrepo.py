"""A scripted git repository for the tests of ``spectrace diff`` (git run with argument lists)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

#: Who commits, and when: fixed, so commit ids are the same on every run.
GIT_ENV = {
    **os.environ,
    "GIT_AUTHOR_NAME": "Spec Writer",
    "GIT_AUTHOR_EMAIL": "writer@example.com",
    "GIT_COMMITTER_NAME": "Spec Writer",
    "GIT_COMMITTER_EMAIL": "writer@example.com",
    "GIT_AUTHOR_DATE": "2024-05-01T12:00:00+00:00",
    "GIT_COMMITTER_DATE": "2024-05-01T12:00:00+00:00",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
}


def git(repo: Path, *arguments: str) -> str:
    """Run git in ``repo``; its stdout."""
    done = subprocess.run(
        ["git", *arguments], cwd=repo, env=GIT_ENV, capture_output=True, text=True, check=True
    )
    return done.stdout


def init(repo: Path) -> Path:
    """A new repository at ``repo`` (branch ``main``)."""
    repo.mkdir(parents=True, exist_ok=True)
    git(repo, "init", "-q", "-b", "main")
    return repo


def write(repo: Path, files: dict[str, str]) -> None:
    """Write files (paths relative to ``repo``)."""
    for name, text in files.items():
        path = repo / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def commit(repo: Path, message: str) -> str:
    """Commit everything in the work tree; the new commit's id."""
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)
    return git(repo, "rev-parse", "HEAD").strip()
