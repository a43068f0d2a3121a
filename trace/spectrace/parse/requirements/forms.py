"""How requirements and criteria announce themselves: heading forms, lead ids, labels, titles.

Hand-written patterns: no library knows the requirement conventions of Kiro, spec-kit, OpenSpec
or hand-made specs. Every pattern is anchored and its repetitions are bounded, so matching is
linear in the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from enum import StrEnum


class Form(StrEnum):
    """Which convention a requirement heading follows."""

    KIRO = "kiro"
    """``Requirement 3: Title`` (and its translations): criteria ``3.1``, ``3.2``."""
    OPENSPEC = "openspec"
    """``Requirement: Name`` with ``Scenario:`` sub-headings."""
    PREFIXED = "prefixed"
    """``REQ-1 Title``, ``FR-1: Title``, ``R1 — Title``."""
    STORY = "story"
    """``User Story 1 - Title (Priority: P1)`` (spec-kit)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class HeadingId:
    """What a requirement heading says about the requirement."""

    id: str
    """The id as written (``3``, ``REQ-001``, ``US1``, ``Course entity``)."""
    title: str
    """The heading's title without the id."""
    aliases: tuple[str, ...]
    """Other spellings of the id (``REQ-1-1`` in parentheses, ``User Story 1``)."""
    form: Form
    """The convention it follows."""
    nonfunctional: bool = False
    """The heading itself says so (``Non-functional Requirement 2``)."""


# Ids with a hyphen: FR-001, NFR-P01, RF-T001, CON-01, REQ-1-1, FR-025a.
_HYPHEN_ID = r"[A-Z][A-Z0-9]{0,9}(?:-[A-Z0-9]{1,10}){0,2}-[A-Z]{0,2}\d{1,5}[a-z]?"
# Ids without one, from the prefixes specs use that way: R1, US1, REQ1, FR1.
_COMPACT_ID = r"(?:REQ|NFR|FR|NF|US|UC|AC|SR|TR|BR|RF|RNF|R)\d{1,4}[a-z]?"
# Ids that are only ids in bold (``**RS001**``, ``**TA001**``): two or more letters and digits.
_BOLD_ID = r"[A-Z]{2,5}\d{2,5}[a-z]?"
_END = r"(?![\w-]|\.\d)"
# Criterion ids: a requirement id with a dotted part (R1.1, AC-2.1, FR-1.2.3).
_DOTTED_ID = (
    r"[A-Z][A-Z0-9]{0,9}(?:-[A-Z0-9]{1,10}){0,2}-?[A-Z]{0,2}\d{1,5}[a-z]?(?:\.\d{1,4}){1,3}"
)

# Standards and encodings look like ids (UTF-8, ISO-8601, SHA-256) but never are.
_NOT_IDS = frozenset(
    {
        *("UTF", "ISO", "SHA", "MD", "RFC", "AES", "RSA", "TLS", "SSL", "HTTP", "HTTPS"),
        *("IPV", "ES", "ECMA", "WCAG", "PEP", "GPT", "CVE", "CWE", "OWASP", "BASE", "COVID"),
        *("X", "Y", "H", "P"),
    }
)

_NUMBERING = re.compile(r"(?:\d{1,3}(?:\.\d{1,3}){0,3}\.?|[IVX]{1,5}\.)\s{1,4}(?=\S)")
_SEPARATOR = re.compile(r"\s{0,4}[:：\-—–|.)]{0,3}\s{0,4}")

_KIRO = re.compile(
    r"(?P<nf>(?:non[- ]?functional|functional|business|technical|system)\s{1,3})?"
    r"(?:requirement|requisito|requerimiento|anforderung|exigence|要件|需求|要求|요구\s?사항"
    r"|yêu cầu)\s{0,3}#?\s{0,2}(?P<id>\d{1,4}(?:\.\d{1,3}){0,2}[A-Za-z]?)(?!\w|\.\d)"
    r"(?P<rest>.*)",
    re.IGNORECASE | re.DOTALL,
)
_OPENSPEC = re.compile(r"(?:requirement|requisito)\s{0,3}[:：]\s{0,4}(?P<id>\S.*)", re.IGNORECASE)
_STORY = re.compile(
    r"(?:user\s{1,3}story|hist[óo]ria\s{1,3}de\s{1,3}usu[áa]rio|ユーザーストーリー|用户故事)"
    r"\s{0,3}(?P<id>\d{1,4})(?!\d)(?P<rest>.*)",
    re.IGNORECASE | re.DOTALL,
)
_PREFIXED = re.compile(rf"(?P<id>{_HYPHEN_ID}|{_COMPACT_ID}){_END}(?P<rest>.*)", re.DOTALL)
_COMPACT = re.compile(_COMPACT_ID)
_ALIAS = re.compile(rf"\s{{0,4}}[(（]\s{{0,2}}(?P<id>{_HYPHEN_ID}|{_COMPACT_ID})\s{{0,2}}[)）]\s*$")
# A first criterion run into the heading (``...Activities1. THE API SHALL ...``).
_GLUED_CRITERION = re.compile(r"(?<=[^\W\d])\d{1,3}\.\s{1,3}(?:THE|WHEN|IF|WHILE|WHERE)\b")
_PRIORITY = re.compile(r"\s{0,4}[(（]\s{0,2}priority\s{0,2}[:：].*$", re.IGNORECASE | re.DOTALL)


def read_heading(title: str) -> HeadingId | None:
    """The requirement a heading's plain title defines, or None when it defines none."""
    numbered = _NUMBERING.match(title)
    text = title[numbered.end() :] if numbered else title
    kiro = _KIRO.match(text)
    if kiro:
        found = _heading(kiro.group("id"), kiro.group("rest"), Form.KIRO, ())
        if kiro.group("nf") and kiro.group("nf").lower().startswith("non"):
            return replace(found, nonfunctional=True)
        return found
    story = _STORY.match(text)
    if story:
        number = story.group("id")
        aliases = (f"User Story {number}", f"US-{number}")
        return _heading(f"US{number}", story.group("rest"), Form.STORY, aliases)
    openspec = _OPENSPEC.match(text)
    if openspec:
        name = openspec.group("id").strip()
        return HeadingId(id=name, title=name, aliases=(), form=Form.OPENSPEC)
    prefixed = _PREFIXED.match(text)
    if prefixed is None or _prefix(prefixed.group("id")) in _NOT_IDS:
        return None
    ident, rest = prefixed.group("id"), prefixed.group("rest")
    # ``R2 storage`` is a product name: an id without a hyphen needs a separator or nothing.
    if _COMPACT.fullmatch(ident) and rest.strip() and not re.match(r"\s{0,4}[:：\-—–|.]", rest):
        return None
    if rest and not rest[0].isspace() and rest[0] not in ":：-—–|.)":
        return None
    return _heading(ident, rest, Form.PREFIXED, id_aliases(ident))


def _heading(ident: str, rest: str, form: Form, aliases: tuple[str, ...]) -> HeadingId:
    separator = _SEPARATOR.match(rest)
    title = rest[separator.end() :] if separator else rest
    title = _PRIORITY.sub("", title).strip()
    glued = _GLUED_CRITERION.search(title)
    if glued:
        title = title[: glued.start()].strip()
    alias = _ALIAS.search(title)
    if alias and alias.group("id") != ident:
        aliases = (*aliases, alias.group("id"))
        title = title[: alias.start()].strip()
    return HeadingId(id=ident, title=title, aliases=aliases, form=form)


def id_aliases(ident: str) -> tuple[str, ...]:
    """``US-1`` is also ``US1`` and ``User Story 1`` (and the other way round)."""
    story = re.fullmatch(r"US(-?)(\d{1,4})", ident)
    if story is None:
        return ()
    number = story.group(2)
    other = f"US{number}" if story.group(1) else f"US-{number}"
    return (other, f"User Story {number}")


def _prefix(ident: str) -> str:
    match = re.match(r"[A-Z]{1,10}", ident)
    return match.group(0) if match else ""


_CRITERIA_WORDS = (
    r"acceptance\s{1,3}(?:criteria|criterion|scenarios?|tests?|conditions?)"
    r"|crit[ée]rios?\s{1,3}de\s{1,3}acei?ta[çc][ãa]o|crit[ée]rios?\s{1,3}de\s{1,3}aceite"
    r"|criterios?\s{1,3}de\s{1,3}aceptaci[óo]n|crit[èe]res?\s{1,3}d.acceptation"
    r"|akzeptanzkriterien|受け入れ基準|受け入れ条件|受入基準|受入れ基準|验收标准|验收条件|驗收標準"
    r"|인수\s?기준|수용\s?기준|승인\s?기준|tiêu\s{1,3}chí\s{1,3}chấp\s{1,3}nhận"
    r"|kriteria\s{1,3}penerimaan"
)
_CRITERIA_TITLE = re.compile(rf"(?:{_CRITERIA_WORDS})\W{{0,6}}$", re.IGNORECASE)
_SCENARIO = re.compile(
    r"(?:scenario|cenário|cenario|escenario|シナリオ|场景|場景|시나리오|kịch bản)"
    r"\s{0,3}\d{0,3}\s{0,3}[:：\-—–]\s{0,4}(?P<title>.*)",
    re.IGNORECASE | re.DOTALL,
)


def is_criteria_title(title: str) -> bool:
    """True for ``Acceptance Criteria`` and its translations (a heading or a label)."""
    return _CRITERIA_TITLE.match(title.strip()) is not None


def scenario_title(title: str) -> str | None:
    """The scenario's own title for ``Scenario: ...`` headings, None for other headings."""
    match = _SCENARIO.match(title)
    return match.group("title").strip() if match else None


_CHECKBOX = r"(?:\[[ xX]\]\s{1,4})?"
_CRITERION_LEAD = re.compile(
    rf"{_CHECKBOX}(?P<bold>\*\*|__)?\s?"
    rf"(?:(?P<dotted>{_DOTTED_ID})|(?P<plain>{_HYPHEN_ID}|{_COMPACT_ID}))"
    rf"(?(bold)(?:\*\*|__))(?![\w-]|\.\d)(?P<after>\s{{0,4}}[:：]?)"
)
_REQUIREMENT_LEAD = re.compile(
    rf"{_CHECKBOX}(?P<bold>\*\*|__)?\s?(?P<id>{_HYPHEN_ID}|{_COMPACT_ID}|{_BOLD_ID})"
    rf"(?(bold)[:：]?(?:\*\*|__)){_END}(?P<after>\s{{0,4}}[:：—–]?)"
)
_CHECKBOX_ONLY = re.compile(r"\[[ xX]\]\s{1,4}")


def criterion_lead(raw: str) -> tuple[str, str] | None:
    """``(id, rest)`` when an item opens with an explicit criterion id (``- [ ] AC-2.1 ...``)."""
    match = _CRITERION_LEAD.match(raw)
    if match is None:
        return None
    dotted = match.group("dotted")
    if dotted:
        return (dotted, raw[match.end() :]) if _prefix(dotted) not in _NOT_IDS else None
    # An undotted id names a criterion only when it is set apart: bold, or followed by a colon.
    if match.group("bold") or match.group("after").strip():
        ident = match.group("plain")
        if _prefix(ident) not in _NOT_IDS:
            return ident, raw[match.end() :]
    return None


def requirement_lead(raw: str, *, paragraph: bool = False) -> tuple[str, str] | None:
    """``(id, rest)`` when a bullet (or a paragraph) opens with a requirement id."""
    match = _REQUIREMENT_LEAD.match(raw)
    if match is None:
        return None
    ident = match.group("id")
    if _prefix(ident) in _NOT_IDS:
        return None
    # Unmarked ids need a colon or dash after them, and the hyphen form (``- FR-001: ...``):
    # ``- R4 -> design`` or ``- UTF-8 everywhere`` are prose.
    if match.group("bold") is None and (
        paragraph or not match.group("after").strip() or "-" not in ident
    ):
        return None
    return ident, raw[match.end() :]


def strip_checkbox(raw: str) -> str:
    """An item's text without its task-list box."""
    match = _CHECKBOX_ONLY.match(raw)
    return raw[match.end() :] if match else raw


_LABEL = re.compile(
    r"(?:\*\*|__)(?P<a>[^*_\n]{1,40}?)\s{0,2}(?:[:：]\s{0,2}(?:\*\*|__)|(?:\*\*|__)\s{0,2}[:：]?)"
    r"|(?P<b>[^\W\d][^:：\n]{0,38}?)[:：](?=\s|$)"
)


@dataclass(frozen=True, slots=True, kw_only=True)
class Label:
    """The label a paragraph opens with."""

    label: str
    """The label's words (``User Story``)."""
    rest: str
    """The raw text after it."""
    bold: bool
    """Written in bold (``**Why this priority**:``) rather than as plain words."""


def paragraph_label(raw: str) -> Label | None:
    """The label of ``**User Story:** ...`` or ``Acceptance Criteria:`` paragraphs."""
    match = _LABEL.match(raw)
    if match is None:
        return None
    bold = match.group("a") is not None
    label = (match.group("a") if bold else match.group("b")) or ""
    return Label(label=label.strip(), rest=raw[match.end() :].strip(), bold=bold)


_STORY_LABEL = re.compile(
    r"(?:user\s{1,3}story|story|objective|goal|ユーザーストーリー|目的|用户故事|用戶故事"
    r"|hist[óo]ria\s{1,3}de\s{1,3}usu[áa]rio|historia\s{1,3}de\s{1,3}usuario|사용자\s?스토리"
    r"|câu\s{1,3}chuyện\s{1,3}người\s{1,3}dùng)$",
    re.IGNORECASE,
)
_DESCRIPTION_LABEL = re.compile(
    r"(?:description|descrição|descripción|summary|requirement|描述|说明|説明|概要|설명|mô\s{1,3}tả)$",
    re.IGNORECASE,
)


def is_story_label(label: str) -> bool:
    """True for ``User Story`` and its translations."""
    return _STORY_LABEL.match(label) is not None


def is_description_label(label: str) -> bool:
    """True for ``Description`` and its translations: the label of a requirement's body."""
    return _DESCRIPTION_LABEL.match(label) is not None


# Sections whose lists are about something else than the requirements themselves.
_EXCLUDED = re.compile(
    r"(?:out\s{1,3}of\s{1,3}scope|non[- ]?goals|glossary|terminology|references"
    r"|dependencies|traceability|assumptions|open\s{1,3}questions|clarifications|risks"
    r"|revision\s{1,3}history|change\s{1,3}log|changelog|next\s{1,3}steps|roadmap"
    r"|fora\s{1,3}do\s{1,3}escopo|rastreabilidade|riscos|premissas|glossário|referências"
    r"|depend[êe]ncias|quest[õo]es|fuera\s{1,3}de\s{1,3}alcance|用語|术语|術語|スコープ外|范围外"
    r"|依存関係|参考文献|リスク|风险|假设|용어|범위\s?외|thuật\s{1,3}ngữ|ngoài\s{1,3}phạm\s{1,3}vi)",
    re.IGNORECASE,
)
_NONFUNCTIONAL = re.compile(
    r"(?:non[- ]?functional|nonfunctional|quality\s{1,3}(?:attributes|requirements)"
    r"|(?:performance|security|reliability|usability|availability|scalability)"
    r"\s{1,3}requirements|n[ãa]o[- ]funcionais|requisitos\s{1,3}de\s{1,3}"
    r"(?:segurança|seguranca|performance|desempenho|qualidade)|no\s{1,3}funcionales"
    r"|非機能|非功能|비기능|phi\s{1,3}chức\s{1,3}năng)",
    re.IGNORECASE,
)
_NONFUNCTIONAL_ID = re.compile(r"(?:NFR|NF|SC|RNF)(?=[-\d])")


def is_excluded_title(title: str) -> bool:
    """True for glossary, out-of-scope, risks, ... sections: their lists are no requirements."""
    return _EXCLUDED.search(title) is not None


def is_nonfunctional_title(title: str) -> bool:
    """True for a heading that announces non-functional (quality) requirements."""
    return _NONFUNCTIONAL.search(title) is not None


def is_nonfunctional_id(ident: str) -> bool:
    """True for ids whose prefix marks a non-functional requirement (``NFR-1``, ``SC-001``)."""
    return _NONFUNCTIONAL_ID.match(ident) is not None


_ID_HEADER = re.compile(
    r"(?:id|req(?:uirement)?\s{0,2}id|要件\s?id|需求\s?id|需求编号|编号|番号|요구사항\s?id|mã)$",
    re.IGNORECASE,
)
_NOT_REQUIREMENT_COLUMN = re.compile(
    r"(?:risk|risco|riesgo|リスク|风险|question|questão|questao|pregunta|質問|问题|issue)",
    re.IGNORECASE,
)
_TABLE_ID = re.compile(rf"(?:{_HYPHEN_ID}|{_COMPACT_ID}|{_BOLD_ID})")


def is_id_header(header: tuple[str, ...]) -> bool:
    """True when a table's first column holds requirement ids (and the table is no risk list)."""
    if not header or _ID_HEADER.match(header[0].strip()) is None:
        return False
    return not any(_NOT_REQUIREMENT_COLUMN.search(cell) for cell in header[1:])


def table_id(cell: str) -> str | None:
    """The requirement id a plain first cell holds, or None."""
    cell = cell.strip()
    if _TABLE_ID.fullmatch(cell) and _prefix(cell) not in _NOT_IDS:
        return cell
    return None


_HEAD = re.compile(r"(?P<head>[^:：.。]{1,60}?)(?:[:：]|\.\s)")
_MODAL = re.compile(r"\b(?:shall|must|should|will|deve|debe)\b|应|必须", re.IGNORECASE)
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
_CJK_STOP = re.compile(r"[，。、,；;：:（(]")


def short_title(text: str) -> str:
    """A title for a requirement written as a sentence: its lead phrase, or its first words."""
    head = _HEAD.match(text)
    if head and len(head.group("head").split()) <= 6 and not _MODAL.search(head.group("head")):
        return head.group("head").strip()
    words = text.split()
    if len(words) > 8:
        return " ".join(words[:8])
    if _CJK.search(text[:8]):
        stop = _CJK_STOP.search(text)
        cut = stop.start() if stop and stop.start() > 0 else len(text)
        return text[: min(cut, 30)].strip()
    return text.strip()
