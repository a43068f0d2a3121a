"""Tables that name design elements row by row: component summaries and traceability matrices.

A summary table names one element per row in its first column (``| Component | Layer | Intent |
Req Coverage |``, ``| File | Requirements |``); a traceability matrix names the elements that
realise each requirement in its other columns (``| Requirement | Summary | Components |
Interfaces | Flows |``). Either way the row's references belong to the elements it names, not to
a table-shaped item of its own. Hand-written: the column words are the corpus's own, in its
languages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spectrace.model import ItemKind
from spectrace.parse.markdown import Block, BlockKind, plain
from spectrace.parse.references import is_reference_column

# Column headers naming design elements, by the kind of element they name. Flows name sections
# of the design (a flow's diagram), never items of their own.
_LEAD_WORDS = r"(?:key |main |primary |implementing |realizing |主要|実装|实现)?"


def _column(*alternatives: str) -> re.Pattern[str]:
    return re.compile("|".join(alternatives), re.IGNORECASE)


_COLUMNS: tuple[tuple[ItemKind | None, re.Pattern[str]], ...] = (
    (
        ItemKind.INTERFACE,
        _column(
            rf"^{_LEAD_WORDS}(?:interfaces?|contracts?|apis?|types?|dtos?)$",
            r"インター?フェース",
            r"接口",
            r"인터페이스",
        ),
    ),
    (
        None,
        _column(r"^(?:key |main )?(?:flows?|sequences?|fluxos?)$", r"フロー", r"流程", r"플로우"),
    ),
    (
        ItemKind.ENTITY,
        _column(
            r"^(?:tables?|entit(?:y|ies)|models?|data models?)$", r"テーブル", r"数据表", r"테이블"
        ),
    ),
    (
        ItemKind.COMPONENT,
        _column(
            rf"^{_LEAD_WORDS}(?:components?|modules?|services?|class(?:es)?|files?|pages?"
            r"|screens?|design elements?|elements?|implementation|implemented by|realized by"
            r"|handled by|componentes?|módulos?|arquivos?|páginas?|serviços?|implementação"
            r"|onde (?:é|e) implementado)$",
            r"コンポーネント|モジュール|ファイル|実装箇所|設計要素",
            r"组件|模块|文件|实现位置",
            r"컴포넌트|모듈|파일",
        ),
    ),
)
# A cell's names: separated by commas, semicolons, "+", " / ", line breaks or "and".
_SEPARATORS = re.compile(r"[,;、，；+&]|<br\s{0,3}/?>|\s/\s|\band\b", re.IGNORECASE)
_ASIDE = re.compile(r"\s*[(（][^()（）]{0,80}[)）]")
_NOT_A_NAME = re.compile(
    r"^(?:[-–—]+|n/?a|none|tbd|all\b.*|\W*)$|^(?:全|すべて|所有|모든)", re.IGNORECASE
)


@dataclass(frozen=True, slots=True, kw_only=True)
class Named:
    """An element a table row names."""

    name: str
    """As written in the cell, asides and markup removed."""
    kind: ItemKind | None
    """The kind its column gives (None: a flow, which names a section)."""


def column_kind(header: str) -> tuple[bool, ItemKind | None]:
    """Whether a column names design elements, and of which kind."""
    words = " ".join(plain(header).lower().replace(":", " ").split())
    for kind, pattern in _COLUMNS:
        if pattern.search(words):
            return True, kind
    return False, None


def row_names(block: Block) -> tuple[Named, ...]:
    """The elements a row of a summary table or a traceability matrix names; () for any other
    row (a table with no column of references, or none naming elements)."""
    if block.kind != BlockKind.ROW or not block.header:
        return ()
    header = block.header
    if not any(is_reference_column(cell) for cell in header):
        return ()
    first, kind = column_kind(header[0])
    if first:
        # A summary table: its first column is the element, the others describe it.
        return tuple(Named(name=name, kind=kind) for name in cell_names(block.cells[0]))
    found: list[Named] = []
    for index, title in enumerate(header):
        if index >= len(block.cells) or is_reference_column(title):
            continue
        names_elements, kind = column_kind(title)
        if names_elements:
            found.extend(Named(name=name, kind=kind) for name in cell_names(block.cells[index]))
    return tuple(found)


def cell_names(cell: str) -> list[str]:
    """The names a cell lists (``BetterAuth, AuthUI (@scope/ui)`` -> BetterAuth, AuthUI)."""
    text = _ASIDE.sub("", plain(cell).replace("`", ""))
    names = []
    for part in _SEPARATORS.split(text):
        name = part.strip(" .:*_")
        if name and not _NOT_A_NAME.match(name) and len(name) <= 80:
            names.append(name)
    return names
