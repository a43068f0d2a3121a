"""Item names carried by headings and bold labels: entities, components, generic labels.

Hand-written, like the heading classification: designs decorate names in their own ways
("### 2. Order", "### Entity: Contact", "### 用户表 (users)") and no library strips that.
"""

from __future__ import annotations

import re

from spectrace.parse.design import vocabulary as words
from spectrace.parse.design.headings import strip_number
from spectrace.parse.names import singular

_BACKTICKED = re.compile(r"`([^`\n]{1,160})`")
# Starts only after a non-space: each run of spaces is scanned once (linear time).
_PAREN = re.compile(r"(?<!\s)\s*[(（]([^()（）\n]{1,80})[)）]\s*$")
_IDENT = re.compile(r"^[A-Za-z_][\w.$-]{0,127}$")
_WORD = re.compile(r"\w+")
_SPACES = re.compile(r"\s+")
_ENTITY_PREFIX = re.compile(
    r"^(?:new\s+)?(?:join\s+table|record\s+type|entity|model|table|record|collection|schema"
    r"|tabela|entidade|modelo|skema database|firestore|エンティティ|テーブル|实体|表|엔티티|테이블)"
    r"\s{0,2}[:：]\s{0,3}",
    re.IGNORECASE,
)
_ENTITY_SUFFIX = re.compile(
    r"\s{0,2}(?:table schema|table|model|entity|schema|record|collection"
    r"|テーブル|表|테이블|tabela)$",
    re.IGNORECASE,
)
_TABLE_WORD = re.compile(
    r"(?:表|テーブル|エンティティ|实体|테이블|엔티티|\btable|\bentity)\s*$", re.I
)
_FILE = re.compile(
    r"\.(?:ya?ml|json|toml|ini|env|xml|properties|md|txt|csv|sql|prisma|ts|tsx|js|jsx|py|java"
    r"|kt|cs|go|rb|php|vue|html|css)$",
    re.I,
)
_CODE_TAIL = re.compile(r"\s[—–-]\s{0,3}`[^`\n]{1,200}`\s*$")


def entity_name(title: str) -> str:
    """The entity a data-model heading names (``User Model`` -> ``User``), else ``""``."""
    text = strip_number(title)
    ticks = _BACKTICKED.findall(text)
    if len(ticks) == 1:
        inside = str(ticks[0]).strip().split("/", 1)[0]
        if not _IDENT.match(inside):
            return ""
        if _names_only(text, ticks[0]):
            return inside
    paren = _PAREN.search(text)
    main = _PAREN.sub("", text) if paren else text
    main = main.replace("`", "").strip()
    if paren:
        inside = paren.group(1).strip().strip("`")
        # "用户表 (users)", "User Location (user_locations)": the bracket holds the table name;
        # "物理データモデル (LocalStorage)" only says where the data lives.
        if (
            _IDENT.match(inside)
            and not inside.isupper()
            and (
                "_" in inside
                or inside.islower()
                or (not main.isascii() and bool(_TABLE_WORD.search(main)))
            )
        ):
            return inside
    return _decorated_name(main)


def _names_only(text: str, tick: str) -> bool:
    """Whether a heading holding one code span is about that name only."""
    rest = _PAREN.sub("", _BACKTICKED.sub("", text)).strip()
    # `name` alone, after a label ("Entity: `x`"), between table words ("DB: `x` Table"), or
    # in brackets after a name ("X (`x`)").
    return (
        not rest
        or rest.endswith((":", "："))
        or not ({w.lower() for w in _WORD.findall(rest)} - words.TABLE_DECORATION)
        or bool(_ENTITY_PREFIX.match(rest + ":"))
        or bool(re.search(rf"\(\s*`{re.escape(tick)}`\s*\)\s*$", text))
    )


def _decorated_name(name: str) -> str:
    stripped = _ENTITY_PREFIX.sub("", name)
    stripped = _ENTITY_SUFFIX.sub("", stripped).strip(" :：-–—")
    decorated = stripped != name
    if not stripped or stripped.lower() in words.NOT_ENTITIES:
        return ""
    if _IDENT.match(stripped):
        if _FILE.search(stripped):
            return ""  # "#### application.yaml" names a file
        if not decorated and stripped[:1].isupper() and singular(stripped) != stripped.lower():
            return ""  # "### Commands", "### Queries": a kind of thing, not one table
        return stripped
    parts = stripped.split()
    # "Password Reset Token Model": a name of a few capitalised words, decorated as a model.
    if (
        decorated
        and 1 <= len(parts) <= 4
        and all(w.isascii() and w[:1].isupper() for w in parts)
        and not ({w.lower() for w in parts} & words.NOT_IN_ENTITY_NAMES)
    ):
        return stripped
    return ""


def part_name(title: str) -> str:
    """A component or item name from a heading or bold label: numbering, ticks, notes dropped."""
    text = strip_number(title).strip(" *_:：")
    text = _CODE_TAIL.sub("", text) or text
    paren = _PAREN.search(text)
    if paren:
        main = _PAREN.sub("", text).strip()
        inside = paren.group(1).strip().strip("`")
        # "认证控制器 (AuthController)": the bracket holds the name the code uses.
        if main and not main.replace("`", "").isascii() and _IDENT.match(inside):
            return inside
        text = main or inside
    return _SPACES.sub(" ", text.replace("`", "")).strip(" *_:：")


def is_label(name: str) -> bool:
    """A generic bold label (``Purpose``, ``Key Methods``) rather than the name of a part."""
    parts = name.lower().replace(":", "").split()
    return bool(parts) and all(w in words.LABEL_WORDS for w in parts)


def is_identifier(name: str) -> bool:
    """A code-like name: ``ExpenseService``, ``WishlistButton.vue``, ``auth_client``."""
    if not _IDENT.match(name):
        return False
    return "." in name or "_" in name or any(ch.isupper() for ch in name[1:])
