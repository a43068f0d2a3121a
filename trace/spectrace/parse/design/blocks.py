"""The walk over a design's blocks: each heading, paragraph, bullet, row and code block once."""

from __future__ import annotations

import re
from collections.abc import Callable

from spectrace.model import ItemKind
from spectrace.parse.code.fenced import UNTAGGED, sketch_fields
from spectrace.parse.design.drafts import Collector, Draft
from spectrace.parse.design.headings import Context, is_category, label_context, property_heading
from spectrace.parse.design.outline import item_id
from spectrace.parse.design.prose import (
    bold_label,
    field_name,
    lead_name,
    relation,
    rule_name,
    strip_markup,
)
from spectrace.parse.design.titles import entity_name, is_identifier
from spectrace.parse.design.vocabulary import FIELD_LABELS
from spectrace.parse.endpoints import in_prose, in_row
from spectrace.parse.markdown import Block, BlockKind, plain

_FIELD_HEADER = re.compile(
    r"^(?:field|fields|column|columns|attribute|attributes|property|name|key|字段|字段名|列|列名"
    r"|カラム|フィールド|項目|属性|campo|coluna|atributo|컬럼|필드|속성)(?:\s?name)?$",
    re.I,
)
_ENDPOINT_TITLE = re.compile(r"^[A-Z]{3,7}\s+\S+$")


class BlockReader(Collector):
    """Walks a document's blocks once and collects item occurrences and unreadable blocks."""

    def walk(self) -> None:
        """Read every block in document order."""
        for index, block in enumerate(self.doc.blocks):
            kind = block.kind
            if kind == BlockKind.HEADING:
                self._heading(index, block)
            elif kind == BlockKind.PARAGRAPH:
                self._paragraph(index, block)
            elif kind == BlockKind.ITEM:
                self._item(block)
            elif kind == BlockKind.ROW:
                self._row(block)
            elif kind == BlockKind.CODE:
                self._code(block)
            if block.end_line > self._last_end:
                self._last_end = block.end_line
        self._close()

    def _paragraph(self, index: int, block: Block) -> None:
        text = block.text
        section = block.section
        context = self._context(section)
        if context == Context.PROPERTIES or text.startswith(("**", "__")):
            among = context == Context.PROPERTIES
            prop = property_heading(plain(text.split("\n", 1)[0]), examples=among)
            if prop is not None:
                self._close()
                # A property paragraph ends the heading item it follows at the same level.
                for heading in self._by_heading.get(section, ()):
                    if heading.last >= block.line:
                        heading.last = max(heading.line, self._last_end)
                words = _property_words(prop[1], text)
                draft = self._add(ItemKind.PROPERTY, prop[0], block, words=words, body=index + 1)
                self._open_title(draft)
                return
        # A sentence quoting `GET /x` in the introduction or an overview mentions it; in a
        # design section it introduces it.
        endpoints = in_prose(text, spans=self._designing(section))
        if endpoints:
            first_line = plain(text.split("\n", 1)[0])
            title = bool(_ENDPOINT_TITLE.match(first_line.rstrip(" :：")))
            if title:
                self._close()
            for name in endpoints:
                draft = self._add(ItemKind.ENDPOINT, name, block, words=plain(text), body=index + 1)
                if title:
                    self._open_title(draft)
            return
        if block.level > 0:
            return
        label = bold_label(text)
        if label and section not in self.shape.groups:
            self._labelled(index, block, label, context)
            return
        lead = lead_name(text)
        if lead is None:
            return
        name, alone = lead
        if section in self.shape.groups:
            # A bold paragraph names a part when it stands alone or is written like code.
            if alone or is_identifier(name):
                self._close()
                self._entry_parent = ""
                draft = self._add(
                    ItemKind.COMPONENT, name, block, words=plain(text), body=index + 1
                )
                self._open_title(draft)
                self._entry_parent = item_id(ItemKind.COMPONENT, name)
            return
        if (
            context == Context.VALIDATION
            and not alone
            and (is_identifier(name) or name.isidentifier())
        ):
            # "**email**: a valid address" names a field; "**Note**: ..." opens a remark.
            self._close()
            self._add(ItemKind.RULE, name, block, words=plain(text))

    def _designing(self, section: int) -> bool:
        """A section that designs (not the document's introduction, not a cross-cutting one)."""
        return (
            section >= 0 and self.doc.sections[section].level > 1 and not self.shape.cross[section]
        )

    def _labelled(self, index: int, block: Block, name: str, context: Context | None) -> None:
        """A bold label over what follows (``**Validation Rules**:``, ``**Name**:``)."""
        self._close()
        if context == Context.DATA and self._entity_label(index, block, name):
            return
        labelled = label_context(name)
        if labelled is not None or name.lower().rstrip(":") in FIELD_LABELS:
            self._label = labelled
            self._label_fields = labelled is None
            return
        self._label = None
        self._label_fields = False
        self._label_other = True
        if context != Context.VALIDATION:
            return
        blocks = self.doc.blocks
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        if is_category(name) or (
            following is not None
            and following.kind == BlockKind.ITEM
            and self._rule_list(index + 1)
        ):
            self._label = Context.VALIDATION  # a label over rules: the bullets are the rules
            return
        # A label naming one rule ("**Name**:", "**Property Deletion**:"): its bullets are its body.
        draft = self._add(ItemKind.RULE, name, block, words=plain(block.text), body=index + 1)
        self._open_title(draft)
        self._label_open = True

    def _entity_label(self, index: int, block: Block, name: str) -> bool:
        """``**User**`` over ``- id: UUID`` bullets in a data-model section: an entity."""
        entity = entity_name(name)
        if not entity or name.lower() in FIELD_LABELS or label_context(name) is not None:
            return False
        if not self._list_where(index + 1, lambda b: bool(field_name(b.text))):
            return False
        draft = self._add(ItemKind.ENTITY, entity, block, words=name, body=index + 1)
        self._open_title(draft)
        self._label_entity = draft
        return True

    def _list_where(self, start: int, test: Callable[[Block], bool]) -> bool:
        """Whether the list opening at block ``start`` passes ``test`` (its first three items)."""
        blocks = self.doc.blocks
        if start >= len(blocks) or blocks[start].kind != BlockKind.ITEM:
            return False
        list_id = blocks[start].list_id
        seen = 0
        for block in blocks[start : start + 40]:
            if block.kind != BlockKind.ITEM:
                break
            if block.list_id != list_id:
                continue
            if not test(block):
                return False
            seen += 1
            if seen == 3:
                break
        return seen > 0

    def _rule_list(self, start: int) -> bool:
        """Whether the list opening at block ``start`` is written ``field: rule`` throughout."""
        return self._list_where(start, lambda b: rule_name(b.text, plain(b.text))[1])

    def _item(self, block: Block) -> None:
        text = block.text
        section = block.section
        context = self._label or self._context(section)
        endpoints = in_prose(text)
        if endpoints:
            words = plain(text)
            for name in endpoints:
                self._add(ItemKind.ENDPOINT, name, block, words=words)
            return
        if context == Context.PROPERTIES or text.startswith(("**", "__")):
            among = context == Context.PROPERTIES
            prop = property_heading(plain(text.split("\n", 1)[0]), examples=among)
            if prop is not None:
                self._add(ItemKind.PROPERTY, prop[0], block, words=_property_words(prop[1], text))
                return
        if block.level != 1:
            return
        if section in self.shape.groups:
            lead = lead_name(text)
            if lead is not None:
                self._add(ItemKind.COMPONENT, lead[0], block, words=plain(text))
            return
        if context == Context.VALIDATION:
            if not self._label_open:
                words = plain(text)
                name = rule_name(text, words)[0]
                if name:
                    self._add(ItemKind.RULE, name, block, words=words)
            return
        if context == Context.RELATIONSHIPS:
            self._relation(block, plain(text))
            return
        entity = self._field_owner(section)
        if entity is not None:
            column = field_name(text)
            if column:
                self._field(entity, column, block, plain(text))

    def _field_owner(self, section: int) -> Draft | None:
        """The entity whose fields the current list or table gives, if any."""
        if self._label_entity is not None:
            return self._label_entity
        if self._label_fields or (self._label is None and not self._label_other):
            return self._heading_entity(section)
        return None  # under a label such as "**Indexes**:" or "**Relationships**:"

    def _relation(self, block: Block, words: str) -> None:
        names, one_to_many = relation(block.text)
        if not names:
            return
        subject, others = names[0], names[1:]
        for name in names:
            if name == subject:
                uses = () if one_to_many else tuple(others)
            else:
                uses = (subject,) if one_to_many else ()
            self._add(ItemKind.ENTITY, name, block, words=words, uses=uses)

    def _row(self, block: Block) -> None:
        cells = block.cells
        section = block.section
        endpoints = in_row(cells, block.header)
        if endpoints:
            for name in endpoints:
                self._add(ItemKind.ENDPOINT, name, block, words=plain(block.text))
            return
        if not cells:
            return
        first = strip_markup(plain(cells[0]))
        if (self._label or self._context(section)) == Context.VALIDATION:
            if first and len(first) <= 60:
                self._add(ItemKind.RULE, first, block, words=plain(block.text))
            return
        entity = self._field_owner(section)
        header = plain(block.header[0]).lower() if block.header else ""
        if entity is not None and _FIELD_HEADER.match(header) and first:
            self._field(entity, first.split()[0], block, plain(block.text))

    def _code(self, block: Block) -> None:
        code = block.text
        base = block.content_line or block.line
        validation = self._context(block.section) == Context.VALIDATION
        read = self.code.get(code, block.info, validation)
        self.errors.extend((base + line, message) for line, message in read.errors)
        for entry in read.entries:
            self._entry(entry, block, base)
        entity = self._heading_entity(block.section)
        if not read.entries and entity is not None and block.info in UNTAGGED:
            for column, line in sketch_fields(code):
                self._field(entity, column, block, "", line=base + line)


def _property_words(title: str, text: str) -> str:
    """A property's title and the rest of its paragraph (its ``Property N:`` label left out)."""
    rest = text.split("\n", 1)[1] if "\n" in text else ""
    return f"{title} {plain(rest)}".strip()
