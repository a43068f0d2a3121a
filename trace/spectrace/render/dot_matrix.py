"""The overview in DOT: a traceability matrix per spec, gaps and orphans named beside it.

Rows are requirements in document order (a one-line label in the colour of their status),
columns are design sections (or kinds) headed by their name and item and orphan counts, and a
cell holds how many of the column's items cover the row's requirement, in the row's status
colour. A long requirement list is cut into blocks set side by side, so the picture stays within
one screen. Each cell is a plain node of fixed size (the WebAssembly Graphviz has no HTML-like
labels): a rank per matrix column, invisible edges holding each row on one line.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping

import graphviz

from spectrace.render.common import printable, xml_text
from spectrace.render.diagram import (
    CALLOUT,
    GROUP,
    PAINT,
    REQUIREMENT,
    TASK,
    Diagram,
    Edge,
    Node,
    paint,
)
from spectrace.render.diagram.labels import short

#: Rows per block: past it the requirements continue in a block to the right.
BLOCK_ROWS = 50
GRID = "#b0bec5"
ROW_HEIGHT = "0.24"
LABEL_WIDTH = "2.6"
CELL_WIDTH = "0.85"
HEADER_HEIGHT = "0.62"


#: The overview's legend, under its title; the second part only with a tasks column.
LEGEND = (
    "A cell counts the items of its column that cover the row's requirement.\n"
    "Green: covered, amber: partial, red: uncovered; purple: a column with orphans."
)
TASKS_LEGEND = (
    "Tasks: how many of the tasks that implement the row's requirement are done;\n"
    "dark green: all, yellow: under way, white: none started."
)


def legend(diagram: Diagram) -> str:
    """The legend lines of an overview."""
    tasks = any(node.kind == TASK for node in diagram.nodes)
    return f"{LEGEND}\n{TASKS_LEGEND}" if tasks else LEGEND


def draw_overview(graph: graphviz.Digraph, diagram: Diagram, links: Mapping[str, str]) -> None:
    """Add the overview's matrices and callouts to ``graph`` (its caption holds ``LEGEND``)."""
    from spectrace.render.dot import node_id, plain  # dot imports this module when it draws

    cells = {(edge.source, edge.target): edge for edge in diagram.edges}
    graph.attr("graph", nodesep="0", ranksep="0")
    graph.attr("node", fixedsize="true", height=ROW_HEIGHT, fontsize="9", penwidth="0.5")
    for spec_number, spec in enumerate(diagram.specs, start=1):
        nodes = [node for node in diagram.nodes if node.spec == spec]
        requirements = sorted((n for n in nodes if n.kind == REQUIREMENT), key=lambda n: n.order)
        # The design's columns in document order, then the tasks' (its order is after them all).
        columns = sorted(
            (n for n in nodes if n.kind in (GROUP, TASK)), key=lambda n: (n.order, n.key)
        )
        blocks = max(1, math.ceil(len(requirements) / BLOCK_ROWS))
        size = math.ceil(len(requirements) / blocks) if requirements else 0
        rows_of_blocks: list[list[list[str]]] = []  # block -> matrix column -> node ids
        for block in range(blocks):
            rows = requirements[block * size : (block + 1) * size]
            rows_of_blocks.append(
                _block(graph, f"{spec_number}.{block + 1}", rows, columns, cells, links)
            )
        tail = [column[0] for block in rows_of_blocks for column in block]
        # A rank's gap before each block after the first and before the callouts; the columns of
        # a block touch, as a table's do.
        apart = {block[0][0] for block in rows_of_blocks[1:]}
        callouts = sorted((n for n in nodes if n.kind == CALLOUT), key=lambda n: n.order)
        for node in callouts:
            look = PAINT[node.status]
            lines = node.label.count("\n") + 1
            graph.node(
                node_id(node.key),
                label=_left(node.label),
                shape="box",
                style="rounded,filled",
                fillcolor=look.fill,
                color=look.stroke,
                fixedsize="false",
                height=f"{0.2 * lines:.2f}",
                tooltip=plain(node.tooltip),
                **_href(node, links),
            )
        ids = [node_id(node.key) for node in callouts]
        if ids and _wide(rows_of_blocks):
            # Under the first block's requirement column: right of a short, wide matrix they
            # would make the picture a strip.
            with graph.subgraph() as rank:
                rank.attr(rank="same")
                for ident in (rows_of_blocks[0][0][-1], *ids):
                    rank.node(ident)
            for upper, lower in itertools.pairwise((rows_of_blocks[0][0][-1], *ids)):
                graph.edge(upper, lower, style="invis")
        elif ids:
            # The gaps over the orphans, in one column right of the matrix.
            with graph.subgraph() as rank:
                rank.attr(rank="same")
                for ident in ids:
                    rank.node(ident)
            tail.append(ids[0])
            apart.add(ids[0])
        # Left to right: the label column and the cell columns of each block, then the callouts.
        for left, right in itertools.pairwise(tail):
            graph.edge(left, right, style="invis", minlen="2" if right in apart else "1")


def _block(
    graph: graphviz.Digraph,
    name: str,
    rows: list[Node],
    columns: list[Node],
    cells: dict[tuple[str, str], Edge],
    links: Mapping[str, str],
) -> list[list[str]]:
    """One block of the matrix: a header row, then a row per requirement; returns its columns'
    node ids, top to bottom."""
    from spectrace.render.dot import node_id, plain

    matrix: list[list[str]] = []
    corner = f"cell%3A{name}%3Ahead"
    graph.node(
        corner,
        label="requirement",
        shape="box",
        height=HEADER_HEIGHT,
        width=LABEL_WIDTH,
        fillcolor="#eceff1",
        color=GRID,
        labeljust="l",
    )
    labels = [corner]
    for row in rows:
        look = PAINT[row.status]
        ident = node_id(row.key)
        graph.node(
            ident,
            label=plain(row.label),
            shape="box",
            width=LABEL_WIDTH,
            fillcolor=look.fill,
            color=GRID,
            tooltip=plain(row.tooltip),
            **_href(row, links),
        )
        labels.append(ident)
    matrix.append(labels)
    for number, column in enumerate(columns, start=1):
        # The first block's header is the group's node; later blocks repeat it as cells.
        first = name.endswith(".1")
        head = node_id(column.key) if first else f"cell%3A{name}%3A{number}%3Ahead"
        look = paint(column.status)
        graph.node(
            head,
            label=plain(_wrap(column.label)),
            shape="box",
            height=HEADER_HEIGHT,
            width=CELL_WIDTH,
            fillcolor=look.fill,
            color=GRID,
            fontsize="8",
            tooltip=plain(column.tooltip),
            **_href(column, links),
        )
        ids = [head]
        for row in rows:
            edge = cells.get((row.key, column.key))
            cell = f"cell%3A{name}%3A{number}%3A{len(ids)}"
            # A tasks cell says how far its tasks are; a design cell, its row's status.
            fill = paint(edge.status or row.status).fill if edge else "white"
            graph.node(
                cell,
                label=(edge.label or str(edge.count)) if edge else "",
                shape="box",
                width=CELL_WIDTH,
                fillcolor=fill,
                color=GRID,
                tooltip=plain(edge.tooltip) if edge else " ",
            )
            ids.append(cell)
        matrix.append(ids)
    for ids in matrix:
        with graph.subgraph() as rank:
            rank.attr(rank="same")
            for ident in ids:
                rank.node(ident)
        # Rows tied across columns turn Graphviz's flat edges around: here the tail goes above.
        for upper, lower in itertools.pairwise(ids):
            graph.edge(upper, lower, style="invis")
    for left, right in itertools.pairwise(matrix):
        for one, other in zip(left, right, strict=True):
            graph.edge(one, other, style="invis", weight="100")
    return matrix


def _wide(blocks: list[list[list[str]]]) -> bool:
    """Whether the matrix is wider than tall (its blocks side by side, each a label column and
    cell columns, each a header and rows)."""
    width = sum(float(LABEL_WIDTH) + (len(block) - 1) * float(CELL_WIDTH) for block in blocks)
    height = float(HEADER_HEIGHT) + (len(blocks[0][0]) - 1) * float(ROW_HEIGHT) if blocks else 0
    return width > height


def _wrap(label: str) -> str:
    """A column title in at most two short lines over its counts: columns stay narrow."""
    title, _, counts = label.partition("\n")
    return "\n".join(part for part in (short(title, 12), counts) if part)


def _href(node: Node, links: Mapping[str, str]) -> dict[str, str]:
    from spectrace.render.dot import plain

    url = links.get(node.key)
    return {"href": plain(url)} if url else {}


def _left(text: str) -> str:
    """A plain label whose lines are left-aligned (DOT's ``\\l``), backslashes kept literal."""
    value = printable(xml_text(text.replace("\r", "")))
    lines = [line.replace("\\", "\\\\") for line in value.split("\n")]
    result: str = graphviz.nohtml("\\l".join(lines) + "\\l")
    return result
