"""HTML: one self-contained page, every piece of document text escaped, nothing fetched."""

from __future__ import annotations

import re
from dataclasses import replace
from html.parser import HTMLParser

import pytest

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
    # the inline SVG diagram Graphviz draws
    "xmlns", "xmlns:xlink", "xlink:title", "viewbox", "width", "height", "transform", "points", "d",
    "x", "y", "cx", "cy", "rx", "ry", "fill", "stroke", "stroke-width", "stroke-dasharray",
    "text-anchor", "font-family", "font-size", "xml:space",
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

    monkeypatch.setattr("spectrace.render.html.render_svg", no_renderer)
    page = render(sample_report())
    assert "<h3>Diagram</h3>" not in page and page.endswith("</html>\n")


def test_empty_report_is_a_valid_page() -> None:
    page = render(empty_report())
    assert page.startswith("<!DOCTYPE html>") and page.endswith("</html>\n")
    assert "0 specs" in page


def test_same_report_same_bytes_and_no_time() -> None:
    page = render(sample_report())
    assert page == render(sample_report())
    assert not re.search(r"\b20\d\d-\d\d-\d\d", page)
