"""Explicit requirement references in design text: labels, id lists, ranges and table columns.

``Requirements: 1.1, 2.3`` · ``**Validates: Requirements 2.2**`` · ``(Requirement 6)`` ·
``// Implements FR-002 and FR-003`` · ``验证需求: 1.2`` · ``要件12-AC3`` · ``FR-001 through FR-072``
· ``US1–US6`` · ``FR-001/002`` · a "Requirements" table column. Bare numbers count only after a
label; an unlabelled prefixed id counts only when its prefix is one the requirements use.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache

from spectrace.model import Requirement
from spectrace.parse.ids import PREFIXED, Found, ListReader, Rules, id_key, known_prefix
from spectrace.parse.markdown import plain

__all__ = ["Found", "find_references", "find_row_references", "id_key"]


# Hand-written scanning: no maintained library reads traceability labels, and markdown-it's
# inline pass is off for speed, so markup is blanked here (same length, offsets kept). Every
# pattern below has bounded repetition and no nested quantifiers: the scan is linear.

_MARKUP = str.maketrans({"*": " ", "`": " ", "[": " ", "]": " "})
_UNDERSCORE = re.compile(r"(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])")
_HAS_DIGIT = re.compile(r"[0-9]")

# Words that name requirements: enough on their own before a number (``Requirement 6``).
_NAMING = (
    r"requirements?(?:\(s\))?|reqs?\.?|requisitos?(?:\(s\))?|requerimientos?|exigences?"
    r"|anforderung(?:en)?|yêu\s?cầu"
)
_NAMING_CJK = r"要件|需求|요구\s?사항"
_STORY = r"user\s?stor(?:y|ies)"
# Verbs that introduce references but also start ordinary sentences ("Validates the token"):
# they need a colon, a naming word, or an id with a known prefix after them.
_VERBS = (
    r"validates|validated\s by|verifies|verified\s by|implements|implemented\s by|satisfies"
    r"|satisfied\s by|fulfil?ls|covers|covered\s by|addresses|traces(?:\s to)?|traced\s to"
    r"|refs?|references|implementa|atende|cobre|valida"
)
_VERBS_CJK = r"验证|驗證|实现|實現|满足|滿足|覆盖|対応|検証|구현|검증"

_LABEL = re.compile(
    rf"(?<![A-Za-z0-9_])(?:(?P<story>{_STORY})|(?P<naming>{_NAMING})|(?P<verb>{_VERBS}))"
    r"(?![A-Za-z]|[-_]?[0-9])"
    rf"|(?P<naming_cjk>{_NAMING_CJK})|(?P<verb_cjk>{_VERBS_CJK})",
    re.IGNORECASE | re.VERBOSE,
)
# After a naming word: ``ID``/``#``/``No.`` then an optional colon (``要件ID：``, ``Req #3``), on
# the label's line: a number on the next line is not introduced by it.
_NAMING_LEAD = re.compile(
    r"(?:[^\S\n]{0,2}(?:ids?|nos?\.|\#|番号|编号|번호)(?![A-Za-z]))?[^\S\n]{0,4}(?:[:：][^\S\n]{0,4})?",
    re.IGNORECASE | re.VERBOSE,
)
# After a verb: an optional colon, then an optional naming word (``Validates: Requirements``).
_VERB_LEAD = re.compile(
    r"[^\S\n]{0,4}(?P<colon>[:：][^\S\n]{0,4})?"
    rf"(?:(?P<word>(?<![A-Za-z])(?:{_NAMING})(?![A-Za-z]|[-_]?[0-9])|{_NAMING_CJK})"
    r"(?:[^\S\n]{0,2}(?:ids?|\#)(?![A-Za-z]))?[^\S\n]{0,4}(?:[:：][^\S\n]{0,4})?)?",
    re.IGNORECASE | re.VERBOSE,
)

# Column headers (markup stripped, lower case) whose cells hold bare ids.
_COLUMN = re.compile(
    r"(?:related\s|linked\s|covered\s|traced\s|functional\s|関連|対応|相关|对应|관련\s?)?"
    rf"(?:{_NAMING}|{_NAMING_CJK})"
    r"(?:\s?(?:ids?|\#|nos?\.?|numbers?|refs?|references?|coverage|covered|cobertos?"
    r"|cubiertos?|atendidos?|カバレッジ|覆盖|番号|编号|번호))?"
    r"|covers|covered|traces?(?:\sto)?|traceability|satisfies|validates|implements|refs?"
    r"|references|fulfills|addresses|需求覆盖|fr|frs",
    re.IGNORECASE | re.VERBOSE,
)
_STORY_COLUMN = re.compile(r"(?:user\s)?stor(?:y|ies)(?:\s?(?:ids?|\#))?", re.IGNORECASE)


def find_references(
    text: str, *, prefixes: frozenset[str] = frozenset(), known: frozenset[str] | None = None
) -> tuple[Found, ...]:
    """Ids in free text (a paragraph, list item, heading, a code block's text incl. comments).

    ``known``: the keys (``id_key``) of the spec's ids; an id read from a bracket with no label
    (``(1.3)``) counts only when it is one of them, since ``(3.11)`` may as well be a version."""
    return tuple(_known(_scan(text, _normal(prefixes), column=None), known))


def _known(found: Sequence[Found], known: frozenset[str] | None) -> Sequence[Found]:
    if known is None:
        return found
    return [hit for hit in found if not hit.bracketed or id_key(hit.target) in known]


def find_row_references(
    cells: tuple[str, ...],
    header: tuple[str, ...],
    *,
    prefixes: frozenset[str] = frozenset(),
    known: frozenset[str] | None = None,
) -> tuple[tuple[int, Found], ...]:
    """Ids in a table row: (cell index, found). Cells under a requirements column ("Requirements",
    "Req ID", "Covers", "要件", "需求", "Requisito(s)", "요구사항", ...) may hold bare ids
    (``1.1, 1.2``, ``3.1-3.4``, ``2``); so may the other cells of a row whose first cell is such
    a label (``| 要件ID | 1.1, 3.1-3.4 |``). Other cells are read like free text."""
    normal = _normal(prefixes)
    columns = [_column_rules(cell) for cell in header]
    row_label = _column_rules(cells[0]) if len(cells) > 1 else None
    if row_label is not None:
        # A key/value row: the label is in the first cell, the ids in the others.
        columns = [None, *([row_label] * (len(cells) - 1))]
    found: list[tuple[int, Found]] = []
    for index, cell in enumerate(cells):
        rules = columns[index] if index < len(columns) else None
        found.extend((index, hit) for hit in _known(_scan(cell, normal, column=rules), known))
    return tuple(found)


def is_reference_column(header: str) -> bool:
    """Whether a table column (or a key/value row's label) holds requirement ids."""
    return _column_rules(header) is not None


def is_label_line(text: str) -> bool:
    """A short line that opens with a reference label (``**Requirements**: 1.2``,
    ``_Validates: 2.1_``, ``要件: 3.1``): it says what the block above it serves."""
    clean = _clean(text).strip(" \t-:>")
    if len(clean) > 160 or "\n" in clean.strip():
        return False
    label = _LABEL.match(clean)
    return label is not None and bool(_scan(text, frozenset(), column=None))


def _normal(prefixes: frozenset[str]) -> frozenset[str]:
    return frozenset(p.upper() for p in prefixes)


def _column_rules(header: str) -> Rules | None:
    words = " ".join(plain(header).lower().replace(":", " ").split())
    if _COLUMN.fullmatch(words):
        return Rules(labelled=True, bare=True, any_prefix=True)
    if _STORY_COLUMN.fullmatch(words):
        return Rules(labelled=True, bare=True, any_prefix=True, head="User Story ")
    return None


def _clean(text: str) -> str:
    """The text with emphasis, code ticks and link brackets blanked (offsets unchanged)."""
    if "_" in text:
        text = _UNDERSCORE.sub(" ", text)
    return text.translate(_MARKUP)


@lru_cache(maxsize=16384)
def _scan(text: str, prefixes: frozenset[str], *, column: Rules | None) -> tuple[Found, ...]:
    # Memoised (``Found`` is frozen): reading, attaching, masking and the task list ask for the
    # same text's ids.
    if not _HAS_DIGIT.search(text):
        return ()
    clean = _clean(text)
    reader = ListReader(clean, prefixes)
    found: list[Found] = []
    spans: list[tuple[int, int]] = []
    consumed = 0
    if column is not None:
        start = len(clean) - len(clean.lstrip())
        items, end = reader.read(start, column)
        if items:
            found.extend(items)
            spans.append((start, end))
            consumed = end
    for label in _LABEL.finditer(clean):
        if label.start() < consumed:
            continue
        rules, start = _label_rules(clean, label, prefixes)
        items, end = reader.read(start, rules)
        if items:
            found.extend(items)
            spans.append((label.start(), end))
            consumed = end
    if prefixes:
        found.extend(_unlabelled(reader, spans))
    found.extend(_bracketed(reader, spans, found))
    found.sort(key=lambda hit: hit.start)
    return tuple(found)


_OPENING = re.compile(r"[(（](?=[^\S\n]{0,2}[0-9A-Za-z])")
# A bracket opening on a digit, somewhere: most text has none, and skips the bracket pass.
_BRACKETED_DIGIT = re.compile(r"[(（][^\S\n]{0,2}[A-Za-z]{0,12}-?[0-9]")
_CLOSING = re.compile(r"[^\S\n]{0,2}[)）]")
_BARE = Rules(labelled=True, bare=True, any_prefix=True)


def _bracketed(reader: ListReader, spans: list[tuple[int, int]], found: list[Found]) -> list[Found]:
    """A bracket holding nothing but criterion ids (``(1.3)``, ``（2.1-2.4）``, ``(2.1, 3)``): a
    reference though no label introduces it. One dotted id at least: ``(2)`` or ``(v3)`` may be
    anything."""
    if not _BRACKETED_DIGIT.search(reader.text):
        return []
    taken = [(hit.start, hit.end) for hit in found] + spans
    extra: list[Found] = []
    for opening in _OPENING.finditer(reader.text):
        start = opening.end()
        if any(low <= start < high for low, high in taken):
            continue
        items, end = reader.read(start, _BARE)
        if not items or not any("." in item.target for item in items):
            continue
        if _CLOSING.match(reader.text, end) is None:
            continue
        extra.extend(replace(item, labelled=False, bracketed=True) for item in items)
    return extra


def _label_rules(clean: str, label: re.Match[str], prefixes: frozenset[str]) -> tuple[Rules, int]:
    """What the list after a label accepts, and where it starts."""
    if label.group("verb") or label.group("verb_cjk"):
        verb_lead = _VERB_LEAD.match(clean, label.end())
        assert verb_lead is not None  # every part of a lead is optional
        named = bool(verb_lead.group("colon") or verb_lead.group("word"))
        return Rules(labelled=True, bare=named, any_prefix=named), verb_lead.end()
    lead = _NAMING_LEAD.match(clean, label.end())
    assert lead is not None
    if label.group("story"):
        return Rules(labelled=True, bare=True, any_prefix=True, head="User Story "), lead.end()
    word = label.group()
    # ``REQ 1`` in a spec whose ids are ``REQ-1``: the number keeps its prefix.
    head = word + " " if word.isupper() and word.rstrip(".") in prefixes else ""
    return Rules(labelled=True, bare=True, any_prefix=True, head=head), lead.end()


def _unlabelled(reader: ListReader, spans: list[tuple[int, int]]) -> list[Found]:
    """Prefixed ids outside the labelled lists, when their prefix is one the requirements use."""
    rules = Rules(labelled=False, bare=False, any_prefix=False)
    found: list[Found] = []
    span = 0
    consumed = 0
    for match in PREFIXED.finditer(reader.text):
        start = match.start()
        while span < len(spans) and spans[span][1] <= start:
            span += 1
        if start < consumed or (span < len(spans) and spans[span][0] <= start):
            continue
        if not known_prefix(match.group("prefix"), reader.prefixes):
            continue
        items, end = reader.read(start, rules)
        found.extend(items)
        consumed = max(end, match.end())
    return found


_PREFIX = re.compile(r"([A-Za-z]{1,12})-?\d")


def id_prefixes(requirements: Sequence[Requirement]) -> frozenset[str]:
    """The letter prefixes of a spec's ids (``FR`` of ``FR-001``): unlabelled ids need one."""
    prefixes: set[str] = set()
    for requirement in requirements:
        for identifier in (
            requirement.id,
            *requirement.aliases,
            *(c.id for c in requirement.criteria),
        ):
            match = _PREFIX.match(identifier)
            if match:
                prefixes.add(match.group(1).upper())
    return frozenset(prefixes)


def id_keys(requirements: Sequence[Requirement]) -> frozenset[str]:
    """The keys of every id a spec defines (requirements, aliases, criteria)."""
    return frozenset(
        id_key(identifier)
        for requirement in requirements
        for identifier in (
            requirement.id,
            *requirement.aliases,
            *(criterion.id for criterion in requirement.criteria),
        )
    )
