"""A requirement while the walk over its document reads it: its body, criteria and span.

``requirements.py`` decides which blocks belong to which requirement; the drafts here collect
them and build the ``Requirement`` records at the end.
"""

from __future__ import annotations

import re

from spectrace.model import Criterion, Kind, Requirement, Span, Story
from spectrace.parse.markdown import Block, BlockKind, Document
from spectrace.parse.markdown import plain as _markdown_plain
from spectrace.parse.requirements.ears import classify
from spectrace.parse.requirements.forms import (
    Form,
    HeadingId,
    criterion_lead,
    id_aliases,
    is_criteria_title,
    is_description_label,
    is_story_label,
    paragraph_label,
    scenario_title,
    short_title,
    strip_checkbox,
)
from spectrace.parse.requirements.user_story import read_story

# Regions of a requirement's body: prose, an acceptance-criteria list, a scenario.
_FREE, _CRITERIA, _SCENARIO = "free", "criteria", "scenario"
_NUMBERED = re.compile(r"(\d{1,4}[A-Za-z]?(?:\.\d{1,3}){1,2})\.?\s+")
_SEPARATORS = re.compile(r"[\s:：\-—–.)]{0,6}")
# ``3a. WHEN ...`` right under item 3 is not a list marker, so Markdown folds it into item 3's
# paragraph; it is a criterion of its own, numbered after its parent (``11A.3a``).
_LETTERED = re.compile(r"^[ \t]{0,3}(\d{1,3}[a-z])[.)][ \t]{1,4}(?=\S)", re.MULTILINE)
_LEAD_SEPARATORS = re.compile(r"[\s:：\-—–.)]{0,6}(?:\([^()\n]{1,40}\)\s{0,3}[:：]\s{0,3})?")


class _Candidate:
    """A piece of a requirement's body that may be one of its criteria."""

    __slots__ = (
        "end",
        "explicit",
        "last",
        "lettered",
        "line",
        "ordered",
        "pieces",
        "region",
        "source",
    )

    def __init__(
        self, *, explicit: str, text: str, block: Block, end: int, region: str, source: str
    ) -> None:
        self.explicit = explicit
        self.pieces = [text] if text else []
        self.line = block.line
        self.end = end  # nested content (sub-bullets, scenario lines) ends here
        self.last = block.end_line if source != "heading" else block.line
        self.region = region
        self.source = source  # item, paragraph or heading
        self.ordered = block.number is not None
        self.lettered = ""  # ``3a`` for a lettered criterion folded into item 3

    def add(self, text: str, last: int) -> None:
        if text:
            self.pieces.append(text)
        self.last = max(self.last, last)

    def text(self) -> str:
        return " ".join(self.pieces)


class HeadingDraft:
    """A requirement defined by a heading, while the walk is still inside its section."""

    __slots__ = (
        "candidates",
        "heading",
        "intro",
        "intro_open",
        "kind",
        "last",
        "level",
        "line",
        "open",
        "region",
        "region_level",
    )

    def __init__(self, heading: HeadingId, block: Block, kind: Kind) -> None:
        self.heading = heading
        self.kind = kind
        self.line = block.line
        self.last = block.line
        self.level = block.level
        self.intro: list[str] = []  # paragraphs before the first list or sub-heading
        self.intro_open = True
        self.candidates: list[_Candidate] = []
        self.region = _FREE
        self.region_level = 0  # heading level that ends the region; 0: any heading ends it
        self.open: _Candidate | None = None

    def subheading(self, block: Block, title: str, end: int) -> None:
        """A heading inside the requirement: criteria, a scenario, or just structure."""
        self.open = None
        self.intro_open = False
        self.last = max(self.last, block.line)
        lead = criterion_lead(title)
        scenario = scenario_title(title)
        if lead is not None or scenario is not None:
            explicit, text = lead if lead is not None else ("", scenario or "")
            candidate = _Candidate(
                explicit=explicit,
                text=lead_text(text) if lead else text,
                block=block,
                end=end,
                region=_SCENARIO,
                source="heading",
            )
            self.candidates.append(candidate)
            self.open = candidate
            self.region, self.region_level = _SCENARIO, block.level
        elif is_criteria_title(title):
            self.region, self.region_level = _CRITERIA, block.level
        elif self.region != _FREE and (self.region_level == 0 or block.level <= self.region_level):
            self.region = _FREE

    def take(self, block: Block) -> None:
        """A paragraph, list item, row or code block inside the requirement."""
        self.last = max(self.last, block.end_line)
        kind = block.kind
        if kind not in (BlockKind.ITEM, BlockKind.PARAGRAPH):
            return
        open_ = self.open
        if open_ is not None and block.line <= open_.end:
            lead = criterion_lead(block.text) if kind is BlockKind.ITEM else None
            if lead is None:
                open_.add(plain(strip_checkbox(block.text)), block.end_line)
                return
            # A checkbox criterion nested in a bullet is a criterion of its own.
            self.candidates.append(self._candidate(block, lead, "item"))
            return
        self.open = None
        if kind is BlockKind.ITEM:
            self.intro_open = False
            lettered = list(_LETTERED.finditer(block.text)) if block.number is not None else []
            candidate = self._candidate(block, criterion_lead(block.text), "item")
            self.candidates.append(candidate)
            self.open = candidate
            if lettered:
                self._split_lettered(block, candidate, lettered)
            return
        label = paragraph_label(block.text)
        if label is not None and is_criteria_title(label.label):
            self.region, self.region_level = _CRITERIA, 0
            self.intro_open = False
            return
        lead = criterion_lead(block.text)
        if lead is not None:
            self.candidates.append(self._candidate(block, lead, "paragraph"))
        elif self.region == _CRITERIA:
            text = plain(block.text)
            # ``**Login**:`` over a list names a group of criteria; it is none itself.
            if not (len(text) <= 40 and text.endswith((":", "："))):
                self.candidates.append(self._candidate(block, None, "paragraph"))
        elif self.intro_open:
            self.intro.append(block.text)

    def _split_lettered(self, block: Block, parent: _Candidate, found: list[re.Match[str]]) -> None:
        """Give each ``3a.`` line folded into a numbered item a candidate of its own."""
        text = block.text
        parent.pieces = [plain(strip_checkbox(text[: found[0].start()]))]
        parent.last = block.line + text.count("\n", 0, max(0, found[0].start() - 1))
        for position, match in enumerate(found):
            end = found[position + 1].start() if position + 1 < len(found) else len(text)
            sub = _Candidate(
                explicit="",
                text=plain(text[match.end() : end]),
                block=block,
                end=block.end_line,
                region=self.region,
                source="item",
            )
            sub.line = block.line + text.count("\n", 0, match.start())
            sub.last = block.line + text.count("\n", 0, max(match.start(), end - 1))
            sub.lettered = match.group(1)
            self.candidates.append(sub)
            self.open = sub

    def _candidate(self, block: Block, lead: tuple[str, str] | None, source: str) -> _Candidate:
        if lead is not None:
            # ``R1.2 (Event-driven): ...`` keeps its label: it is part of the sentence, and it
            # names the EARS pattern.
            rest = lead[1]
            explicit, text = lead[0], plain(_skip(_SEPARATORS, rest))
        else:
            explicit, text = "", plain(strip_checkbox(block.text))
            # ``25.1. THE System SHALL ...`` under Requirement 25 numbers itself.
            numbered = _NUMBERED.match(text)
            if numbered and numbered.group(1).startswith(self.heading.id + "."):
                explicit, text = numbered.group(1), text[numbered.end() :]
        return _Candidate(
            explicit=explicit,
            text=text,
            block=block,
            end=block.end_line,
            region=self.region,
            source=source,
        )

    def build(self, trim: Spans) -> Requirement:
        heading = self.heading
        text, story = _body(self.intro)
        title = heading.title or short_title(story.want if story else text)
        ident = heading.id
        criteria: list[Criterion] = []
        number = 0
        for explicit, candidate in self._criteria():
            if candidate.lettered:
                criteria.append(_criterion(ident, f"{ident}.{candidate.lettered}", candidate, trim))
                continue
            number += 1
            criteria.append(_criterion(ident, explicit or f"{ident}.{number}", candidate, trim))
        return Requirement(
            id=ident,
            title=title,
            text=text,
            story=story,
            criteria=tuple(criteria),
            kind=self.kind,
            span=trim.span(self.line, self.last),
            aliases=heading.aliases,
        )

    def _criteria(self) -> list[tuple[str, _Candidate]]:
        """The candidates that are criteria: explicit ids win, then scenarios, then AC lists."""
        candidates = self.candidates
        explicit = [(c.explicit, c) for c in candidates if c.explicit]
        if explicit:
            return explicit
        chosen = [c for c in candidates if c.region == _SCENARIO and c.source == "heading"]
        if not chosen:
            in_criteria = [c for c in candidates if c.region == _CRITERIA]
            chosen = [c for c in in_criteria if c.source == "item"] or in_criteria
        if not chosen:
            # No criteria heading: the lists right under the requirement. Kiro and user-story
            # requirements number their criteria; id headings may list them as bullets.
            numbered_only = self.heading.form in (Form.KIRO, Form.STORY)
            chosen = [
                c
                for c in candidates
                if c.source == "item" and (c.ordered or not numbered_only) and c.region == _FREE
            ]
        return [("", c) for c in chosen]


class FlatDraft:
    """A requirement written on one bullet, paragraph or table row (no criteria)."""

    __slots__ = ("end", "ident", "kind", "last", "line", "pieces", "title")

    def __init__(self, ident: str, text: str, block: Block, kind: Kind, title: str = "") -> None:
        self.ident = ident
        self.pieces = [text] if text else []
        self.title = title
        self.line = block.line
        self.end = block.end_line
        self.last = block.end_line
        self.kind = kind

    def build(self, trim: Spans) -> Requirement:
        text = " ".join(self.pieces)
        return Requirement(
            id=self.ident,
            title=self.title or short_title(self.pieces[0] if self.pieces else ""),
            text=text,
            story=read_story(text),
            criteria=(),
            kind=self.kind,
            span=trim.span(self.line, self.last),
            aliases=id_aliases(self.ident),
        )


_MARKUP = re.compile(r"[*_~`\[<\\]")


def plain(inline: str) -> str:
    """``markdown.plain``, skipped when the text holds no markup (most criteria): a third of
    the time of a large document went to it."""
    if _MARKUP.search(inline):
        return _markdown_plain(inline)
    return " ".join(inline.split())


def lead_text(rest: str) -> str:
    """The text after a lead id, without the ``:`` or ``(Nice to Have):`` between them."""
    return _skip(_LEAD_SEPARATORS, rest)


def _skip(pattern: re.Pattern[str], text: str) -> str:
    """``text`` after what ``pattern`` matches at its start."""
    match = pattern.match(text)
    return text[match.end() :] if match else text


def _body(intro: list[str]) -> tuple[str, Story | None]:
    """The requirement's body among the paragraphs under its heading, and its user story."""
    described = first = ""
    for raw in intro:
        label = paragraph_label(raw)
        if label is not None and is_story_label(label.label):
            text = plain(label.rest)
            return text, read_story(text)
        text = plain(raw)
        story = read_story(text)
        if story is not None:
            return text, story
        if label is not None and is_description_label(label.label):
            described = described or plain(label.rest)
        elif label is None or not label.bold:
            # Bold labels other than these are notes (``**Why this priority**:``).
            first = first or text
    return described or first, None


def _criterion(requirement: str, ident: str, candidate: _Candidate, trim: Spans) -> Criterion:
    text = candidate.text()
    return Criterion(
        id=ident,
        requirement_id=requirement,
        text=text,
        ears=classify(text),
        span=trim.span(candidate.line, candidate.last),
    )


class Spans:
    """Spans in a document, their blank trailing lines dropped (list items end after one)."""

    __slots__ = ("lines", "path")

    def __init__(self, doc: Document) -> None:
        self.path = doc.path
        self.lines = doc.text.split("\n")

    def span(self, line: int, last: int) -> Span:
        lines = self.lines
        last = min(last, len(lines))
        while last > line and not lines[last - 1].strip():
            last -= 1
        return Span(file=self.path, line=line, end_line=max(line, last))
