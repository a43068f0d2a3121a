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
    """Draw everything first, then write each file atomically: a failed drawing writes nothing."""
    if folder.exists() and not folder.is_dir():
        raise SpectraceError(f"{folder}: --split writes into a folder, and this is a file")
    draw = chosen.drawer()
    files: dict[str, str | bytes] = {f"overview{chosen.suffix}": draw(build_diagram(report, view))}
    lines = [
        f"# {build_diagram(report, view).title}",
        "",
        f"- [overview](overview{chosen.suffix})",
    ]
    for part in split(report, view, how):
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
