"""`spectrace graph --split`: the overview, one file per part, and an index.md, in one folder."""

from __future__ import annotations

from pathlib import Path

from spectrace.cli.output import write_atomically, write_atomically_bytes
from spectrace.errors import SpectraceError
from spectrace.model import Report
from spectrace.render.diagram import Split, View, build_diagram
from spectrace.render.diagram.split import split
from spectrace.render.registry import Format


def write_split(report: Report, view: View, how: Split, chosen: Format, folder: Path) -> None:
    """Draw everything first, then write each file atomically: a failed drawing writes nothing.
    Where the format can link (SVG, DOT), the overview's rows, columns and boxes that a part
    details open its file."""
    if folder.exists() and not folder.is_dir():
        raise SpectraceError(f"{folder}: --split writes into a folder, and this is a file")
    draw = chosen.drawer()
    parts = split(report, view, how)
    overview = build_diagram(report, view)
    first = f"overview{chosen.suffix}"
    if chosen.links:
        links = {key: f"{part.stem}{chosen.suffix}" for part in parts for key in part.keys}
        files: dict[str, str | bytes] = {first: chosen.linking_drawer()(overview, links)}
        what = f"- [overview]({first}): a click on a requirement or section opens its part"
    else:
        files = {first: draw(overview)}
        what = f"- [overview]({first})"
    lines = [f"# {_markdown(overview.title)}", "", what]
    for part in parts:
        name = f"{part.stem}{chosen.suffix}"
        files[name] = draw(part.diagram)
        lines.append(f"- [{_markdown(part.title)}]({name})")
    files["index.md"] = "\n".join(lines) + "\n"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise SpectraceError(f"{folder}: cannot create the folder: {exc.strerror}") from None
    for name, content in files.items():
        if isinstance(content, bytes):
            write_atomically_bytes(folder / name, content)
        else:
            write_atomically(folder / name, content)


def _markdown(text: str) -> str:
    """Link text that Markdown reads as text."""
    for character in "\\[]*_`<>":
        text = text.replace(character, "\\" + character)
    return text
