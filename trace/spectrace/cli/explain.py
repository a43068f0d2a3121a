"""`spectrace explain`: what a finding code means."""

from __future__ import annotations

from typing import Annotated

import typer

from spectrace.cli.app import app
from spectrace.policy import EXIT_ERROR


@app.command()
def explain(
    code: Annotated[
        str, typer.Argument(help="A finding code (ST101) or name (dangling-reference).")
    ],
) -> None:
    """Explain a finding code."""
    from spectrace.codes import CODES, lookup

    found = lookup(code)
    if found is None:
        typer.echo(f"spectrace: error: unknown code {code!r}; known: {', '.join(CODES)}", err=True)
        raise typer.Exit(EXIT_ERROR)
    typer.echo(f"{found.code} {found.name} ({found.severity.value}): {found.title}\n")
    typer.echo(found.explanation)
