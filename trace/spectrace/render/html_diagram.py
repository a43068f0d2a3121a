"""The HTML report's diagrams, linked to the page around them.

Per spec: its diagram (the detail, or past the size budget the overview), whose requirement
rows and boxes open their row in the page's tables and whose section columns open that section;
then the design's sections as the diagram groups them, each a folded list of its boxes (with
what each covers) and, for a spec drawn as the overview, the section's own detail diagram. All
of it is in the page (inline SVG, no fetch); the page's script unfolds a section a link lands in.

Anchors are made of counters and ids, never of free text: ``spec-2-req-FR-001``,
``spec-2-section-3``, ``spec-2-item-14``. Each SVG's own ids (Graphviz's ``node1``, ``edge1``)
get a prefix of their own, so that the page's ids stay unique.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import replace
from html import escape

from spectrace.errors import SpectraceError
from spectrace.model import ItemResult, SpecReport
from spectrace.render import dot
from spectrace.render.common import plural
from spectrace.render.diagram import ORPHAN, Diagram, Node, Split, View, build_diagram
from spectrace.render.diagram.items import DrawnItems, item_nodes
from spectrace.render.diagram.labels import natural
from spectrace.render.diagram.overview import overview_cluster
from spectrace.render.diagram.split import split
from spectrace.render.svg import to_svg

_NOT_ANCHOR = re.compile(r"[^A-Za-z0-9._-]")
_SVG_ID = re.compile(r'(?<=\s)id="')


def requirement_anchors(spec: SpecReport, number: int) -> list[str]:
    """One anchor per requirement of the spec, in its order, unique in the page (an id written
    twice gets ``-2``)."""
    taken: set[str] = set()
    anchors: list[str] = []
    for result in spec.requirements:
        base = f"spec-{number}-req-{_NOT_ANCHOR.sub('_', result.requirement.id)}"
        anchor, count = base, 1
        while anchor in taken:
            count += 1
            anchor = f"{base}-{count}"
        taken.add(anchor)
        anchors.append(anchor)
    return anchors


def diagrams(spec: SpecReport, number: int) -> str:
    """The spec's diagram and its design sections, linked to each other and to the page."""
    view = View()
    diagram = build_diagram(spec, view)
    if diagram.overview:  # grouped as its columns are
        view = replace(view, cluster=overview_cluster(spec, view))
    items = item_nodes(spec, view)
    sections = _sections(items)
    links = _links(spec, number, sections)
    whole = drawn_svg(diagram, links, f"spec-{number}-d0")
    parts: dict[str, Diagram] = {}
    if diagram.overview:  # the detail, a section at a time, each section with its picture
        cut = split(spec, view, Split.SECTION)
        parts = {key: part.diagram for part in cut for key in part.keys}
    by_id = {result.item.id: result for result in spec.items}
    drawn_as: dict[str, list[ItemResult]] = {}  # box -> the items it draws (members, statements)
    for ident, key in items.drawn.items():
        if ident in by_id:
            drawn_as.setdefault(key, []).append(by_id[ident])
    blocks = []
    for index, (title, boxes) in enumerate(sections, start=1):
        rows = "".join(_row(node, drawn_as.get(node.key, []), links) for node in boxes)
        detail = parts.get(_group_key(spec, title))
        svg = drawn_svg(detail, links, f"spec-{number}-d{index}") if detail is not None else ""
        blocks.append(
            _section(f"spec-{number}-section-{index}", title or spec.name, boxes, rows, svg)
        )
    out = [f'<h3>Diagram</h3><div class="diagram">{whole}</div>' if whole else ""]
    if blocks:
        out.append(f"<h3>Design sections <small>({len(blocks)})</small></h3>{''.join(blocks)}")
    return "".join(out)


def drawn_svg(diagram: Diagram, links: Mapping[str, str], scope: str) -> str:
    """A diagram as inline SVG (from ``<svg`` on), its ids prefixed with ``scope``; "" when no
    Graphviz can draw it: the page then goes without that picture."""
    try:
        svg = to_svg(dot.draw(diagram, links))
    except SpectraceError:
        return ""
    start = svg.find("<svg")
    return _SVG_ID.sub(f'id="{scope}-', svg[start:]) if start >= 0 else ""


def _sections(items: DrawnItems) -> list[tuple[str, list[Node]]]:
    """The boxes by their group (section or kind), groups in the order they are written."""
    by_group: dict[str, list[Node]] = {}
    for node in sorted(items.nodes.values(), key=lambda n: (n.order, n.key)):
        by_group.setdefault(node.group, []).append(node)
    return list(by_group.items())


def _links(
    spec: SpecReport, number: int, sections: Sequence[tuple[str, list[Node]]]
) -> dict[str, str]:
    """Node key -> the anchor it opens: a requirement its row in the requirements table, a box
    its row in its section, a section column its section, a callout its table."""
    links: dict[str, str] = {}
    for result, anchor in zip(spec.requirements, requirement_anchors(spec, number), strict=True):
        links.setdefault(f"{spec.name}/req:{result.requirement.id}", f"#{anchor}")
    count = 0
    for index, (title, boxes) in enumerate(sections, start=1):
        links[_group_key(spec, title)] = f"#spec-{number}-section-{index}"
        for node in boxes:
            count += 1
            links[node.key] = f"#spec-{number}-item-{count}"
    links[f"{spec.name}/gaps"] = f"#spec-{number}-gaps"
    links[f"{spec.name}/orphans"] = f"#spec-{number}-orphans"
    return links


def _group_key(spec: SpecReport, title: str) -> str:
    return f"{spec.name}/group:{title}"  # the overview's column for that group


def _section(anchor: str, title: str, boxes: list[Node], rows: str, svg: str) -> str:
    """A section, folded: its title and counts; unfolded, its boxes and its picture."""
    orphans = sum(1 for node in boxes if node.status == ORPHAN)
    counts = plural(len(boxes), "item") + (f", {plural(orphans, 'orphan')}" if orphans else "")
    picture = f'<div class="diagram">{svg}</div>' if svg else ""
    return (
        f'<details class="section" id="{anchor}">'
        f"<summary>{escape(title)} <small>({escape(counts)})</small></summary>"
        '<table class="sortable filterable items"><thead><tr><th>item</th><th>kind</th>'
        "<th>status</th><th>covers</th><th>where</th></tr></thead>"
        f"<tbody>{rows}</tbody></table>{picture}</details>"
    )


def _row(node: Node, results: list[ItemResult], links: Mapping[str, str]) -> str:
    covers = sorted({link.target for r in results for link in r.covers}, key=natural)
    anchor = links[node.key].removeprefix("#")
    return (
        f'<tr id="{escape(anchor)}"><td title="{escape(node.tooltip)}">{escape(node.name)}</td>'
        f"<td>{escape(node.kind)}</td><td>{escape(node.status)}</td>"
        f"<td>{escape(', '.join(covers))}</td><td>{escape(f'{node.file}:{node.line}')}</td></tr>"
    )
