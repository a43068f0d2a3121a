"""Requirements documents to requirements and their acceptance criteria, in one walk.

Reads every form of the traceability model (section 2): Kiro ``Requirement 3`` headings (and
their translations) with acceptance-criteria lists, ``REQ-1``/``FR-1``/``R1`` headings, OpenSpec
``Requirement: Name`` with scenarios, spec-kit user stories and ``- **FR-001**:`` bullets, bold
ids opening paragraphs, id tables and checkbox criteria. The forms themselves are recognised in
``requirement_forms.py``; this module decides which blocks belong to which requirement.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from spectrace.model import Criterion, Kind, Requirement
from spectrace.parse.markdown import Block, BlockKind, Document
from spectrace.parse.requirements.drafts import FlatDraft, HeadingDraft, Spans, lead_text, plain
from spectrace.parse.requirements.forms import (
    Form,
    is_criteria_title,
    is_excluded_title,
    is_id_header,
    is_nonfunctional_id,
    is_nonfunctional_title,
    read_heading,
    requirement_lead,
    scenario_title,
    short_title,
    strip_checkbox,
    table_id,
)


@dataclass(frozen=True, slots=True, kw_only=True)
class RequirementsParse:
    """The requirements of one document."""

    requirements: tuple[Requirement, ...]
    """In document order, duplicates kept (analysis reports them)."""

    def ids(self) -> tuple[str, ...]:
        """Requirement ids in document order (duplicates kept)."""
        return tuple(requirement.id for requirement in self.requirements)

    def criteria(self) -> tuple[Criterion, ...]:
        """Every criterion in document order."""
        return tuple(c for requirement in self.requirements for c in requirement.criteria)

    def duplicates(self) -> tuple[str, ...]:
        """Requirement and criterion ids defined more than once, in order of their second use."""
        seen: set[str] = set()
        twice: dict[str, None] = {}
        for requirement in self.requirements:
            for ident in (requirement.id, *(c.id for c in requirement.criteria)):
                if ident in seen:
                    twice[ident] = None
                seen.add(ident)
        return tuple(twice)


def parse_requirements(doc: Document) -> RequirementsParse:
    """Find the requirements and criteria of a parsed requirements document."""
    return RequirementsParse(requirements=_Walk(doc).run())


class _Walk:
    """One pass over the blocks, with the requirement being read (if any)."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.excluded = _SectionFlag(doc, is_excluded_title)
        self.nonfunctional = _SectionFlag(doc, is_nonfunctional_title)
        self.found: list[HeadingDraft | FlatDraft] = []
        self.current: HeadingDraft | None = None
        self.flat: FlatDraft | None = None

    def run(self) -> tuple[Requirement, ...]:
        for block in self.doc.blocks:
            if block.kind is BlockKind.HEADING:
                self._heading(block)
            elif self.current is not None:
                self.current.take(block)
            else:
                self._outside(block)
        trim = Spans(self.doc)
        return tuple(found.build(trim) for found in self.found)

    def _heading(self, block: Block) -> None:
        section = self.doc.sections[block.section]
        title = section.title
        parent = section.parent
        found = None if self.excluded.get(parent) else read_heading(title)
        self.flat = None
        current = self.current
        if current is not None:
            inside = found is None and block.level > current.level
            if inside or (
                found is None and (is_criteria_title(title) or scenario_title(title) is not None)
            ):
                current.subheading(block, title, section.end_line)
                return
            self.current = None
        if found is not None:
            nonfunctional = (
                found.nonfunctional
                or (found.form is Form.PREFIXED and is_nonfunctional_id(found.id))
                or self.nonfunctional.get(parent)
            )
            draft = HeadingDraft(found, block, _kind(nonfunctional))
            self.found.append(draft)
            self.current = draft

    def _outside(self, block: Block) -> None:
        """A block under no requirement heading: a bullet, paragraph or row requirement?"""
        kind = block.kind
        flat = self.flat
        if flat is not None and block.line <= flat.end:
            if kind in (BlockKind.ITEM, BlockKind.PARAGRAPH):
                if requirement_lead(block.text) is None:
                    flat.pieces.append(plain(strip_checkbox(block.text)))
                    flat.last = max(flat.last, block.end_line)
                    return
            else:
                return
        self.flat = None
        section = block.section
        if self.excluded.get(section):
            return
        nonfunctional = self.nonfunctional.get(section)
        if kind is BlockKind.ROW:
            self._row(block, nonfunctional)
            return
        if kind is BlockKind.ITEM:
            lead = requirement_lead(block.text)
        elif kind is BlockKind.PARAGRAPH and block.level == 0:
            lead = requirement_lead(block.text, paragraph=True)
        else:
            return
        if lead is None:
            return
        ident, rest = lead
        text = lead_text(plain(rest))
        found = FlatDraft(ident, text, block, _kind(nonfunctional or is_nonfunctional_id(ident)))
        self.found.append(found)
        self.flat = found

    def _row(self, block: Block, nonfunctional: bool) -> None:
        if not block.cells or not is_id_header(tuple(plain(cell) for cell in block.header)):
            return
        ident = table_id(plain(block.cells[0]))
        if ident is None:
            return
        cells = [plain(cell) for cell in block.cells[1:]]
        title = short_title(cells[0]) if cells else ""
        text = " ".join(cell for cell in cells if cell)
        kind = _kind(nonfunctional or is_nonfunctional_id(ident))
        self.found.append(FlatDraft(ident, text, block, kind, title))


class _SectionFlag:
    """A property of section titles that holds for a section when it holds for an ancestor.

    Computed on demand and remembered: most sections of a large document are never asked about.
    """

    __slots__ = ("known", "sections", "test")

    def __init__(self, doc: Document, test: Callable[[str], bool]) -> None:
        self.sections = doc.sections
        self.test = test
        self.known: dict[int, bool] = {}

    def get(self, index: int) -> bool:
        if index < 0:
            return False
        known = self.known.get(index)
        if known is None:
            section = self.sections[index]
            known = self.test(section.title) or self.get(section.parent)
            self.known[index] = known
        return known


def _kind(nonfunctional: bool) -> Kind:
    return Kind.NON_FUNCTIONAL if nonfunctional else Kind.FUNCTIONAL
