"""`spectrace init`: write a commented configuration, print the pre-commit and CI snippets."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from spectrace.cli.app import app
from spectrace.cli.options import DebugOpt
from spectrace.cli.output import write_atomically
from spectrace.cli.run import guard
from spectrace.version import __version__

#: Where spectrace's hooks and action are published: a placeholder, as in the README, until the
#: project has a public home.
_REPOSITORY = "OWNER/spectrace"

_SNIPPETS = """\
pre-commit: add to .pre-commit-config.yaml

repos:
  - repo: https://github.com/{repository}
    rev: v{version}
    hooks:
      - id: spectrace

GitHub Actions: save as .github/workflows/spectrace.yml

on: pull_request
permissions:
  contents: read
  security-events: write   # for the SARIF upload
jobs:
  traceability:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: {repository}@v{version}
"""


@app.command()
def init(
    force: Annotated[
        bool,
        typer.Option(
            "--force", help="Replace an existing [tool.spectrace] table or spectrace.toml."
        ),
    ] = False,
    debug: DebugOpt = False,
) -> None:
    """Write a commented configuration for this folder and print the pre-commit and CI snippets.

    A [tool.spectrace] table goes into pyproject.toml; without one, a spectrace.toml is written.
    Its paths are the spec folders found here. An existing configuration is kept unless --force.
    """
    guard(debug, lambda: _init(Path.cwd(), force))


def _init(folder: Path, force: bool) -> int:
    from spectrace.scaffold import plan

    planned = plan(folder, force=force)
    write_atomically(planned.path, planned.text)
    where = "[tool.spectrace] in " if planned.path.name == "pyproject.toml" else ""
    found = ", ".join(planned.paths) if planned.paths else "none found yet"
    verb = "replaced" if planned.replaces else "wrote"
    typer.echo(f"spectrace: {verb} {where}{planned.path.name} (spec paths: {found})", err=True)
    typer.echo(_SNIPPETS.format(repository=_REPOSITORY, version=__version__), nl=False)
    return 0
