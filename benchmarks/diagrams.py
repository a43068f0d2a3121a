"""Diagram-size benchmark: does each corpus folder's default diagram fit one screen?

    python benchmarks/diagrams.py CORPUS_DIR [--engine wasm|system|auto] [--markdown]

For every spec folder, draws the default ``spectrace graph --format svg`` view (the WebAssembly
Graphviz unless told otherwise, the renderer of the committed pictures) and prints its width and
height in CSS pixels at 100% zoom (Graphviz writes points; a browser draws a point as 4/3 px),
its aspect ratio (the longer side over the shorter, ``w`` when wider than tall, ``t`` when
taller), its node count, whether it is the overview or the detail view, and its smallest font
in pixels; for a detail view, how many neighbouring requirements are drawn out of document order
and how many lines cross (each line taken as the straight segment between its ends). Then the
median and worst aspect, the tallest diagram and the totals.

Exits 1 when a folder's default diagram is outside the budget docs/diagrams.md promises:
aspect between 1:3 and 3:1, at most 2,000 x 2,000 px, no text under 10 px, requirements in
document order.
"""

from __future__ import annotations

import argparse
import itertools
import re
import statistics
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, cast

import spectrace
from spectrace.errors import SpectraceError
from spectrace.render.diagram import REQUIREMENT, build_diagram, groups
from spectrace.render.dot import node_id
from spectrace.render.svg import Engine, render_svg

MAX_SIDE_PX = 2000
MAX_ASPECT = 3.0
MIN_FONT_PX = 10.0
PX_PER_PT = 4 / 3
_SVG = "{http://www.w3.org/2000/svg}"
_LENGTH = re.compile(r"([0-9.]+)(pt|px)?")


@dataclass(frozen=True, slots=True)
class Size:
    """One folder's default diagram, measured."""

    folder: str
    width: float
    """CSS pixels at 100% zoom."""
    height: float
    nodes: int
    view: str
    """``overview`` or ``detail``."""
    smallest_font: float
    """Smallest text, CSS pixels."""
    out_of_order: int = 0
    """Neighbouring requirements drawn in the wrong order (detail view)."""
    crossings: int = 0
    """Pairs of lines that cross (detail view)."""

    @property
    def aspect(self) -> float:
        """Longer side over shorter side (1.0 is square)."""
        return max(self.width, self.height) / max(min(self.width, self.height), 1.0)

    @property
    def faults(self) -> list[str]:
        """What breaks the budget."""
        faults = []
        if self.aspect > MAX_ASPECT:
            faults.append(f"aspect {self.aspect:.1f}:1")
        if max(self.width, self.height) > MAX_SIDE_PX:
            faults.append(f"{self.width:.0f}x{self.height:.0f} px")
        if self.smallest_font < MIN_FONT_PX:
            faults.append(f"text of {self.smallest_font:.1f} px")
        if self.out_of_order:
            faults.append(f"{self.out_of_order} requirements out of order")
        return faults


def _pixels(value: str | None) -> float:
    match = _LENGTH.fullmatch((value or "0").strip())
    if match is None:
        return 0.0
    number = float(match.group(1))
    return number if match.group(2) == "px" else number * PX_PER_PT


def measure(document: str) -> tuple[float, float, float]:
    """Width and height (CSS px) and the smallest font (CSS px, after Graphviz's scaling)."""
    root = ET.fromstring(document.encode("utf-8"))
    width, height = _pixels(root.get("width")), _pixels(root.get("height"))
    scale = 1.0
    for group in root.iter(f"{_SVG}g"):
        match = re.search(r"scale\(([0-9.]+)", group.get("transform", ""))
        if match:
            scale = float(match.group(1))
            break
    sizes = [float(t.get("font-size", "14")) for t in root.iter(f"{_SVG}text")]
    smallest = min(sizes, default=14.0) * scale * PX_PER_PT
    return width, height, smallest


def measure_folder(folder: Path, engine: Engine) -> Size | None:
    """The default diagram of one folder, or None when it holds no spec."""
    try:
        report = spectrace.check([folder])
    except SpectraceError:
        return None
    if len(report.specs) != 1:
        return None
    spec = report.specs[0]
    diagram = build_diagram(spec)
    document = render_svg(spec, engine=engine)
    width, height, smallest = measure(document)
    if diagram.overview:
        return Size(folder.name, width, height, len(diagram.nodes), "overview", smallest)
    rows = [
        node_id(node.key)
        for by_title in groups(diagram).values()
        for nodes in by_title.values()
        for node in nodes
        if node.kind == REQUIREMENT
    ]
    heights, lines = drawn(document)
    drawn_rows = [heights[row] for row in rows if row in heights]
    out_of_order = sum(1 for upper, lower in itertools.pairwise(drawn_rows) if lower < upper)
    crossings = sum(1 for one, other in itertools.combinations(lines, 2) if _cross(one, other))
    return Size(
        folder.name, width, height, len(diagram.nodes), "detail", smallest, out_of_order, crossings
    )


_Point = tuple[float, float]


def drawn(document: str) -> tuple[dict[str, float], list[tuple[_Point, _Point]]]:
    """Each node's height (its first text line's y, growing downwards) by DOT id, and each
    line's two ends (the legend's left out)."""
    root = ET.fromstring(document.encode("utf-8"))
    heights: dict[str, float] = {}
    lines: list[tuple[_Point, _Point]] = []
    for group in root.iter(f"{_SVG}g"):
        title = group.find(f"{_SVG}title")
        name = title.text if title is not None and title.text else ""
        if group.get("class") == "node":
            text = group.find(f".//{_SVG}text")
            if text is not None:
                heights[name] = float(text.get("y", "0"))
        elif group.get("class") == "edge" and not name.startswith("legend"):
            path = group.find(f".//{_SVG}path")
            numbers = (
                [float(n) for n in re.findall(r"-?[0-9.]+", path.get("d", ""))]
                if (path is not None)
                else []
            )
            if len(numbers) >= 4:
                lines.append(((numbers[0], numbers[1]), (numbers[-2], numbers[-1])))
    return heights, lines


def _turn(a: _Point, b: _Point, c: _Point) -> float:
    return (c[1] - a[1]) * (b[0] - a[0]) - (b[1] - a[1]) * (c[0] - a[0])


def _cross(one: tuple[_Point, _Point], other: tuple[_Point, _Point]) -> bool:
    """Whether two segments cross (segments sharing an end, as lines from one node do, don't)."""
    (a, b), (c, d) = one, other
    if len({a, b, c, d}) < 4:
        return False
    return (_turn(a, c, d) > 0) != (_turn(b, c, d) > 0) and (
        (_turn(a, b, c) > 0) != (_turn(a, b, d) > 0)
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--engine", default="wasm", choices=("wasm", "system", "auto"))
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table")
    args = parser.parse_args(argv)
    engine = cast(Literal["wasm", "system", "auto"], args.engine)
    sizes = [
        size
        for folder in sorted(p for p in args.corpus.iterdir() if p.is_dir())
        if (size := measure_folder(folder, engine)) is not None
    ]
    if args.markdown:
        print("| folder | view | nodes | width px | height px | aspect | smallest text px |")
        print("|---|---|---:|---:|---:|---:|---:|")
    for size in sizes:
        shape = "w" if size.width >= size.height else "t"
        cells = (
            size.folder,
            size.view,
            str(size.nodes),
            f"{size.width:.0f}",
            f"{size.height:.0f}",
            f"{size.aspect:.2f}{shape}",
            f"{size.smallest_font:.1f}",
        )
        if args.markdown:
            print("| " + " | ".join(cells) + " |")
        else:
            mark = "  <- " + ", ".join(size.faults) if size.faults else ""
            print(
                f"{cells[0][:44]:44} {cells[1]:8} {cells[2]:>5} {cells[3]:>6} x {cells[4]:>6}"
                f"  {cells[5]:>7}  {cells[6]:>5}{mark}"
            )
    if not sizes:
        print("no spec folders found", file=sys.stderr)
        return 1
    aspects = [size.aspect for size in sizes]
    worst = max(sizes, key=lambda s: s.aspect)
    tallest = max(sizes, key=lambda s: s.height)
    widest = max(sizes, key=lambda s: s.width)
    failing = [size for size in sizes if size.faults]
    print(
        f"{len(sizes)} folders: median aspect {statistics.median(aspects):.2f}:1, worst "
        f"{worst.aspect:.2f}:1 ({worst.folder}); tallest {tallest.height:.0f} px "
        f"({tallest.folder}); widest {widest.width:.0f} px ({widest.folder}); "
        f"{sum(s.view == 'overview' for s in sizes)} overviews; "
        f"{len(failing)} over budget"
    )
    details = [size for size in sizes if size.view == "detail"]
    print(
        f"{len(details)} detail views: {sum(s.out_of_order for s in details)} requirements drawn "
        f"out of document order; {sum(s.crossings for s in details)} line crossings"
    )
    return 1 if failing else 0


if __name__ == "__main__":
    sys.exit(main())
