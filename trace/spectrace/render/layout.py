"""Columns for the detail view: left to right, never a tower.

Requirements take the first column. The design's boxes (sections or kinds, in document order)
fill the columns after it, each column about as tall as the requirements' one, a box longer than
a column continuing in the next: the number of rows per column is the one whose estimated
picture is closest to a landscape screen. More bands (tasks, say) take columns of their own
after the design's, with the same rows per column.

Within a column, requirements stay in document order; the design's boxes, and the nodes within
each box, are ordered by the mean row of the requirements they cover, so lines run level instead
of crossing (the barycentre heuristic of layered drawing, computed here so that the order is
ours and stable, not left to Graphviz's crossing minimisation, which also reorders the
requirements).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

from spectrace.render.diagram import Edge, Node

#: Estimated sizes in points: a one-line requirement row, a two-line item row, a box's title,
#: a column with the gap after it.
REQUIREMENT_ROW = 30.0
ITEM_ROW = 52.0
BOX_TITLE = 1
COLUMN_WIDTH = 230.0
#: Width over height the layout aims at (a screen is about 16:10).
TARGET_ASPECT = 2.4

Box = Sequence[Node]


def columns(requirements: Sequence[Node], bands: Sequence[Sequence[Box]]) -> dict[str, int]:
    """Node key -> column (0: the requirements; then each band's columns in turn)."""
    out = {node.key: 0 for node in requirements}
    boxes = [box for band in bands for box in band if box]
    if not boxes:
        return out
    rows = _best_rows(len(requirements), bands)
    start = 1
    for band in bands:
        placed = _fill([box for box in band if box], rows, start)
        out.update(placed)
        if placed:
            start = max(placed.values()) + 1
    return out


def _best_rows(requirements: int, bands: Sequence[Sequence[Box]]) -> int:
    """Rows per column whose picture is closest to ``TARGET_ASPECT``."""
    sizes = [[len(box) for box in band if box] for band in bands]
    biggest = max(sum(s + BOX_TITLE for s in band) for band in sizes)
    best, best_score = biggest, math.inf
    for rows in range(min(4, biggest), biggest + 1):
        count = sum(_columns_needed(band, rows) for band in sizes if band)
        height = max(requirements * REQUIREMENT_ROW, rows * ITEM_ROW)
        width = (1 + count) * COLUMN_WIDTH
        score = abs(math.log(width / height / TARGET_ASPECT))
        if score < best_score - 1e-9:
            best, best_score = rows, score
    return best


def _columns_needed(sizes: Sequence[int], rows: int) -> int:
    column, used = 1, 0
    for size in sizes:
        column, used = _place(size, rows, column, used)
    return column if used else column - 1


def _place(size: int, rows: int, column: int, used: int) -> tuple[int, int]:
    """Where a box of ``size`` nodes ends: (its last column, rows used there)."""
    need = size + BOX_TITLE
    if used and used + need > rows:
        column, used = column + 1, 0
    if used + need <= rows:
        return column, used + need
    # Longer than a column: it continues in the next ones, filling each.
    whole, rest = divmod(size, max(rows - BOX_TITLE, 1))
    if rest == 0:
        return column + whole - 1, rows
    return column + whole, rest + BOX_TITLE


def _fill(boxes: Sequence[Box], rows: int, start: int) -> dict[str, int]:
    out: dict[str, int] = {}
    column, used = start, 0
    per_column = max(rows - BOX_TITLE, 1)
    for box in boxes:
        need = len(box) + BOX_TITLE
        if used and used + need > rows:
            column, used = column + 1, 0
        if used + need <= rows:
            out.update((node.key, column) for node in box)
            used += need
            continue
        for index, node in enumerate(box):
            out[node.key] = column + index // per_column
        column, used = _place(len(box), rows, column, 0)
        if used >= rows:
            column, used = column + 1, 0
    return out


def level_anchors(requirements: Sequence[Node], edges: Sequence[Edge]) -> dict[str, float]:
    """Node key -> the mean row of the requirements it is drawn to (a node only design edges
    reach: the mean anchor of the nodes it is drawn to)."""
    rows = {node.key: row for row, node in enumerate(requirements)}
    covering: dict[str, list[float]] = {}
    for edge in edges:
        if edge.source in rows:
            covering.setdefault(edge.target, []).append(rows[edge.source])
    anchors = {key: sum(found) / len(found) for key, found in covering.items()}
    near: dict[str, list[float]] = {}
    for edge in edges:
        for node, other in ((edge.source, edge.target), (edge.target, edge.source)):
            if node not in anchors and node not in rows and other in anchors:
                near.setdefault(node, []).append(anchors[other])
    anchors.update((key, sum(found) / len(found)) for key, found in near.items())
    return anchors


def aligned(boxes: Sequence[Sequence[str]], anchors: Mapping[str, float]) -> list[str]:
    """One column's node keys, box after box (a box stays together), boxes and the nodes within
    each ordered by anchor, a box by the mean anchor of its nodes; a node without an anchor keeps
    its place after the node before it (ties keep document order)."""
    keyed = [_ordered(box, anchors) for box in boxes if box]
    keyed.sort(key=_first)
    return [key for _mean, keys in keyed for key in keys]


def _ordered(keys: Sequence[str], anchors: Mapping[str, float]) -> tuple[float, list[str]]:
    """(the box's mean anchor, its keys ordered by anchor)."""
    last = next((anchors[key] for key in keys if key in anchors), 0.0)
    keyed = []
    for key in keys:
        last = anchors.get(key, last)
        keyed.append((last, key))
    keyed.sort(key=_first)
    linked = [anchors[key] for key in keys if key in anchors]
    mean = sum(linked) / len(linked) if linked else (keyed[0][0] if keyed else 0.0)
    return mean, [key for _anchor, key in keyed]


def _first(entry: tuple[float, object]) -> float:
    return entry[0]
