"""HTML: one self-contained page, every piece of document text escaped, nothing fetched."""

from __future__ import annotations

import re
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import pytest

import spectrace
from spectrace.errors import SpectraceError
from spectrace.render.html import MATRIX_MAX_COLUMNS, render, script_json

from .render_sample import ODD_ITEM, SCRIPT_TITLE, empty_report, lending_spec, sample_report


class _Collector(HTMLParser):
    """Tags, attributes and script bodies of a page, as a browser's tokenizer sees them."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self.text: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts.append(data)
        else:
            self.text.append(data)


def _parse(page: str) -> _Collector:
    collector = _Collector()
    collector.feed(page)
    return collector


def test_a_script_title_and_an_odd_item_name_come_out_escaped() -> None:
    page = render(sample_report())
    assert SCRIPT_TITLE not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert ODD_ITEM not in page
    assert "&quot;]; x [" in page
    parsed = _parse(page)
    # The browser sees exactly two script elements (the JSON data and the page's own code) ...
    assert [tag for tag, _ in parsed.tags].count("script") == 2
    # ... and the hostile words as text, where they are harmless.
    words = "".join(parsed.text)
    assert SCRIPT_TITLE in words and ODD_ITEM in words


def test_attributes_cannot_be_broken_out_of() -> None:
    spec = lending_spec()
    linked = tuple(
        replace(r, covers=spec.items[-1].covers, orphan=False) if r.item.name == ODD_ITEM else r
        for r in spec.items
    )
    parsed = _parse(render(replace(sample_report(), specs=(replace(spec, items=linked),))))
    titles = [attrs.get("title") or "" for _tag, attrs in parsed.tags]
    assert any(ODD_ITEM in title for title in titles)  # the item's name, whole, inside title=""
    assert all(set(attrs) <= _ALLOWED_ATTRIBUTES for _tag, attrs in parsed.tags)


_ALLOWED_ATTRIBUTES = {
    "lang", "charset", "http-equiv", "content", "name", "class", "id", "href", "title",
    "data-status", "data-sort", "data-search", "type", "placeholder", "value", "role", "aria-live",
    "scope",
    # the inline SVG diagram Graphviz draws, its boxes linking to their rows
    "xmlns", "xmlns:xlink", "xlink:title", "xlink:href", "viewbox", "width", "height", "transform",
    "points", "d", "x", "y", "cx", "cy", "rx", "ry", "fill", "stroke", "stroke-width",
    "stroke-dasharray", "text-anchor", "font-family", "font-size", "xml:space",
}  # fmt: skip


def test_nothing_is_fetched_from_the_network() -> None:
    page = render(sample_report())
    parsed = _parse(page)
    assert not [tag for tag, _ in parsed.tags if tag in {"link", "img", "iframe", "object"}]
    assert all(
        not (attrs.get("src") or attrs.get("href") or "#").startswith(("http", "//"))
        for _tag, attrs in parsed.tags
    )
    style = page[page.index("<style>") : page.index("</style>")]
    assert "@import" not in style and "url(" not in style
    policy = next(
        a["content"] for t, a in parsed.tags if a.get("http-equiv") == "Content-Security-Policy"
    )
    assert policy is not None and "default-src 'none'" in policy and "script-src 'sha256-" in policy


def test_the_page_script_is_allowed_by_its_hash() -> None:
    import base64
    import hashlib

    page = render(sample_report())
    parsed = _parse(page)
    code = parsed.scripts[-1]
    digest = base64.b64encode(hashlib.sha256(code.encode()).digest()).decode()
    assert f"'sha256-{digest}'" in page


def test_json_in_a_script_element_cannot_close_it() -> None:
    text = script_json({"name": "</script><script>alert(1)</script><!--"})
    assert "</" not in text and "<!--" not in text
    spec = replace(lending_spec(), name="</script><b>x")
    page = render(replace(sample_report(), specs=(spec,)))
    assert "</script><b>x" not in page
    assert [tag for tag, _ in _parse(page).tags].count("script") == 2


def test_every_section_is_there() -> None:
    page = render(sample_report())
    for title in (
        "Requirements",
        "Traceability matrix",
        "Gaps",
        "Orphans",
        "Dangling references",
        "Suggested links",
        "Findings",
    ):
        assert f"<h3>{title}" in page, title
    assert 'id="filter"' in page and 'id="status"' in page
    assert page.count('class="sortable') >= 6


def test_matrix_marks_each_link_by_origin() -> None:
    page = render(sample_report())
    matrix = page[
        page.index('<table class="matrix') : page.index(
            "</table>", page.index('<table class="matrix')
        )
    ]
    # Explicit: rows 1 and 1.2 (POST /api/loans), rows 2 and 2.1 (PUT .../renew).
    assert matrix.count('class="mark explicit') == 4
    assert 'class="mark inherited whole"' in matrix  # 1.1: only through Requirement 1
    assert 'class="mark inferred"' in matrix


def test_a_large_matrix_is_replaced_by_a_note() -> None:
    spec = lending_spec()
    first = next(r for r in spec.items if r.covers)
    many = tuple(
        replace(first, item=replace(first.item, id=f"endpoint:x{n}", name=f"GET /x{n}"))
        for n in range(MATRIX_MAX_COLUMNS + 1)
    )
    page = render(replace(sample_report(), specs=(replace(spec, items=many),)))
    assert "too large to draw" in page
    assert '<table class="matrix' not in page


def test_suggestions_section_only_when_there_are_suggestions() -> None:
    spec = replace(lending_spec(), suggestions=())
    assert "Suggested links" not in render(replace(sample_report(), specs=(spec,)))


def test_the_diagram_is_inline_svg_without_a_prolog() -> None:
    page = render(sample_report())
    section = page[page.index("<h3>Diagram</h3>") :]
    assert section.startswith('<h3>Diagram</h3><div class="diagram"><svg')
    assert "<?xml" not in page and "DOCTYPE svg" not in page
    assert "</svg></div>" in section.replace("\n", "")


def test_without_any_graphviz_the_page_has_no_diagram(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_renderer(*_args: object, **_kwargs: object) -> str:
        raise SpectraceError("no Graphviz")

    monkeypatch.setattr("spectrace.render.html_diagram.to_svg", no_renderer)
    page = render(sample_report())
    assert "<h3>Diagram</h3>" not in page and page.endswith("</html>\n")
    assert "<svg" not in page and "<h3>Design sections" in page  # the lists stand without it


def test_empty_report_is_a_valid_page() -> None:
    page = render(empty_report())
    assert page.startswith("<!DOCTYPE html>") and page.endswith("</html>\n")
    assert "0 specs" in page


def test_same_report_same_bytes_and_no_time() -> None:
    page = render(sample_report())
    assert page == render(sample_report())
    assert not re.search(r"\b20\d\d-\d\d-\d\d", page)


class _Links(HTMLParser):
    """Ids of a page (with their tag and the section around them) and the links of its SVGs."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: list[str] = []
        self.tags: dict[str, str] = {}
        self.sections: dict[str, str] = {}  # id -> the <details> section holding it
        self.svg_links: list[str] = []
        self.svgs_in: dict[str, int] = {}  # <details> section id -> how many SVGs it holds
        self.svgs = 0
        self._details: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        named = dict(attrs)
        ident = named.get("id")
        if tag == "details":
            self._details.append(ident or "")
        if ident:
            self.ids.append(ident)
            self.tags[ident] = tag
            if self._details:
                self.sections[ident] = self._details[-1]
        if tag == "svg":
            self.svgs += 1
            if self._details:
                self.svgs_in[self._details[-1]] = self.svgs_in.get(self._details[-1], 0) + 1
        if tag == "a" and named.get("xlink:href"):
            self.svg_links.append(named["xlink:href"] or "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "details":
            self._details.pop()


def _links(page: str) -> _Links:
    links = _Links()
    links.feed(page)
    return links


def test_the_diagram_opens_each_requirement_row_and_each_box_row() -> None:
    parsed = _links(render(sample_report()))
    assert len(parsed.ids) == len(set(parsed.ids))  # the SVGs' own ids are prefixed apart
    assert parsed.svg_links and all(link.startswith("#") for link in parsed.svg_links)
    targets = [link.removeprefix("#") for link in parsed.svg_links]
    assert set(targets) <= set(parsed.ids)  # every link lands
    requirements = [t for t in targets if "-req-" in t]
    assert {"spec-1-req-1", "spec-1-req-2", "spec-1-req-3"} <= set(requirements)
    assert all(parsed.tags[t] == "tr" and t not in parsed.sections for t in requirements)
    boxes = [t for t in targets if "-item-" in t]
    assert boxes and all(parsed.tags[t] == "tr" and parsed.sections[t] for t in boxes)


def test_each_design_section_lists_its_boxes_with_what_they_cover() -> None:
    page = render(sample_report())
    sections = page[page.index("<h3>Design sections") :]
    assert '<details class="section" id="spec-1-section-1"><summary>' in sections
    assert (
        "POST /api/loans</td><td>endpoint</td><td>linked</td><td>1, 1.2</td>"
        "<td>specs/lending/design.md:12</td></tr>"
    ) in sections
    assert "&quot;]; x [</td><td>component</td><td>orphan</td><td></td>" in sections
    assert "(6 items, 3 orphans)" in sections and ODD_ITEM not in sections


def test_ids_of_requirements_are_built_from_their_ids_only() -> None:
    spec = lending_spec()
    odd = replace(spec.requirements[0].requirement, id='1"><script>')
    twice = (replace(spec.requirements[0], requirement=odd),) * 2
    page = render(replace(sample_report(), specs=(replace(spec, requirements=twice),)))
    parsed = _links(page)
    assert {"spec-1-req-1___script_", "spec-1-req-1___script_-2"} <= set(parsed.ids)
    assert [tag for tag, _ in _parse(page).tags].count("script") == 2


def test_past_the_budget_the_page_shows_the_overview_and_each_section_in_detail(
    tmp_path: Path,
) -> None:
    """A spec of 40 endpoints in two sections: the overview, whose columns open the sections,
    each holding its own detail picture; the gaps and orphans callouts open their tables."""
    requirements = ["# Requirements", ""]
    for number in range(1, 9):
        requirements += [f"### Requirement {number}: Feature {number}", ""]
    design = ["# Design", "", "## Public API", ""]
    for number in range(1, 41):
        if number == 21:
            design += ["", "## Admin API", ""]
        cited = number % 7 + 1  # requirement 8 stays uncovered
        design.append(f"- `GET /api/thing{number}` - thing (Requirements: {cited})")
    design.append("- `GET /api/metrics` - counters")
    (tmp_path / "requirements.md").write_text("\n".join(requirements), encoding="utf-8")
    (tmp_path / "design.md").write_text("\n".join(design), encoding="utf-8")
    page = render(spectrace.check([tmp_path]))
    parsed = _links(page)
    assert len(parsed.ids) == len(set(parsed.ids))
    targets = [link.removeprefix("#") for link in parsed.svg_links]
    assert set(targets) <= set(parsed.ids)
    picture = page[page.index("<h3>Diagram</h3>") : page.index("<h3>Design sections")]
    assert "overview of 2 design groups" in picture and picture.count("<svg") == 1
    sections = sorted({t for t in targets if "-section-" in t})
    assert sections == ["spec-1-section-1", "spec-1-section-2"]
    assert all(parsed.tags[t] == "details" and parsed.svgs_in[t] == 1 for t in sections)
    assert parsed.svgs == 3
    assert parsed.tags["spec-1-gaps"] == parsed.tags["spec-1-orphans"] == "table"
    assert {"spec-1-gaps", "spec-1-orphans", "spec-1-req-8"} <= set(targets)


def test_a_hostile_section_title_stays_text_in_the_sections(tmp_path: Path) -> None:
    (tmp_path / "requirements.md").write_text(
        "# Requirements\n\n### Requirement 1: Export\n", encoding="utf-8"
    )
    (tmp_path / "design.md").write_text(
        '# Design\n\n## API "x" < y & <img src=x onerror="alert(1)">\n\n'
        "- `GET /api/export` - the board (Requirements: 1)\n",
        encoding="utf-8",
    )
    page = render(spectrace.check([tmp_path]))
    parsed = _parse(page)
    assert "img" not in {tag for tag, _ in parsed.tags}
    assert "<summary>API &quot;x&quot; &lt; y &amp; <small>" in page  # markup dropped, text kept
