"""The typer application the command modules register on."""

from __future__ import annotations

from typing import Annotated

import typer

from spectrace.version import __version__

app = typer.Typer(
    name="spectrace",
    help="Requirements-to-design traceability for Markdown specs.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    # Plain help: rich formatting costs about a second of imports on every `--help`.
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"spectrace {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """Requirements-to-design traceability for Markdown specs."""


def main() -> None:
    """Entry point of the `spectrace` command."""
    app()
