"""Item names in Markdown prose: bold lead names, rule bullets, relationship bullets, field rows.

Hand-written patterns over the raw inline text (the inline parser is off, see ``markdown.py``);
each is anchored or bounded so that it runs in linear time.
"""

from __future__ import annotations

import re

from spectrace.parse.design.titles import is_label

_LEAD = re.compile(
    r"^(?:\d{1,3}[.)]\s{1,3})?(?:\*\*([^*\n]{1,120}?)\*\*|__([^_\n]{1,120}?)__|`([^`\n]{1,120})`)"
)
_PLAIN_NAME = re.compile(r"^([\w][\w .\-/]{0,40}?)\s{0,2}[:：]\s{0,4}\S")
_FIRST_WORDS = re.compile(r"[\w'’%<>=≤≥-]+", re.UNICODE)
_SENTENCE_END = re.compile(r"[.;:!?。：；(（]")
_MARKUP = re.compile(r"\*\*|__|`")
_CODE_NAME = re.compile(r"^[A-Za-z_][\w.\-/]{0,119}$")
_RELATION_VERB = re.compile(
    r"\b(has many|has one|has at most one|has|contains|owns|includes"
    r"|belongs to|references|refers to|is linked to|links to)\b|\b[1N]\s{0,2}:\s{0,2}[1NM]\b"
    r"|\b(?:one|many)-to-(?:one|many)\b",
    re.IGNORECASE,
)
_SPANS = re.compile(r"\*\*([^*\n]{1,80})\*\*|`([^`\n]{1,80})`")
_CAPITALISED = re.compile(r"\b[A-Z][A-Za-z0-9_]{1,63}\b")
_FIELD = re.compile(
    r"^(?:\*\*|__|`)?([A-Za-z_][\w.]{0,63})(?:\*\*|__|`)?\??\s{0,2}(?:[:：(]|\s[-—–]\s)"
)
_FOREIGN = re.compile(
    r"(?:\bFK\b|\bforeign key\b|\breferences\b|外键|外部キー|참조)\s{0,3}(?:→|->|to|:|\()?\s{0,3}`?"
    r"([A-Za-z_]\w{0,63})(\.\w{1,63}|\(\w{1,63}\))?",
    re.IGNORECASE,
)
_SUPPRESS = re.compile(r"<!--\s{0,8}spectrace:\s{0,8}ignore\s{1,8}([\w\-, ]{1,200}?)\s{0,8}-->")


def lead_name(raw: str) -> tuple[str, bool] | None:
    """The bold or code name a bullet or paragraph opens with, and whether it stands alone.

    ``**ExpenseService**`` -> (``ExpenseService``, True); ``- `CacheManager`: ...`` ->
    (``CacheManager``, False). None when the text opens otherwise or with a label.
    """
    text = raw.strip()
    match = _LEAD.match(text)
    if match is None:
        return None
    name = _lead_text(match)
    first_line = text[match.end() :].split("\n", 1)[0].strip()
    if first_line and first_line[0] not in ":：-—–(":
        return None  # the bold words open a sentence, they do not name a part
    if not name or "(" in name or len(name.split()) > 6 or is_label(name):
        return None
    return name, not first_line.strip(" :：")


def bold_label(raw: str) -> str:
    """The words of a paragraph that is only a bold label (``**Validation Rules**:``) or ``""``."""
    text = raw.strip()
    match = _LEAD.match(text)
    if match is None or match.group(3) is not None or text[match.end() :].strip(" :："):
        return ""
    return _lead_text(match)


def _lead_text(match: re.Match[str]) -> str:
    text = match.group(1) or match.group(2) or match.group(3) or ""
    return text.replace("`", "").strip().rstrip(":：").strip()


def rule_name(raw: str, plain_text: str) -> tuple[str, bool]:
    """The field or rule a validation bullet is about, and whether it is written ``name: rule``.

    Without that form the rule is named by its first words (at most five).
    """
    text = raw.strip()
    lead = _LEAD.match(text)
    if lead is not None:
        name = _lead_text(lead)
        after = text[lead.end() :].lstrip()
        if name and len(name.split()) <= 5 and (not after or after[0] in ":：-—–(\n"):
            return name, True
        if name and _CODE_NAME.match(name) and lead.group(3):
            return name, True  # "`currentHP` can go negative": a rule on that field
    named = _PLAIN_NAME.match(plain_text)
    if named and len(named.group(1).split()) <= 4:
        return named.group(1).strip(), True
    head = _SENTENCE_END.split(plain_text, maxsplit=1)[0]
    words = _FIRST_WORDS.findall(head)[:5]
    return " ".join(words), False


def relation(raw: str) -> tuple[list[str], bool]:
    """Entity names of a relationship bullet, and whether the later ones use the first.

    ``**Book** has many **Loan**``: the loan holds the foreign key, so Loan uses Book (True);
    ``**Loan** belongs to **Book**``: Loan uses Book (False: the first uses the others).
    """
    text = raw.split("(", 1)[0]
    names = [
        (m.group(1) or m.group(2) or "").strip()
        for m in _SPANS.finditer(text)
        if _CODE_NAME.match((m.group(1) or m.group(2) or "").strip())
    ]
    verb = _RELATION_VERB.search(text)
    if not names and verb is not None:
        before = _CAPITALISED.findall(text[: verb.start()])
        after = _CAPITALISED.findall(text[verb.end() :])
        names = before[-1:] + after[:1]
    names = list(dict.fromkeys(n.split(".")[0] for n in names if n))
    if verb is None:
        return names, False
    phrase = verb.group(0).lower().replace(" ", "")
    one_to_many = phrase.startswith(
        ("has", "contain", "own", "include", "1:n", "1:m", "one-to-many")
    )
    return names, one_to_many


def field_name(raw: str) -> str:
    """The attribute a bullet under an entity heading defines (``- email: string``), else ``""``."""
    match = _FIELD.match(raw.strip())
    return match.group(1) if match else ""


def foreign_targets(text: str) -> list[str]:
    """Tables a column description points at: ``FK → users.id``, ``references Teammate``."""
    found: list[str] = []
    for match in _FOREIGN.finditer(text):
        target = match.group(1)
        # Without a column ("references Teammate") only a name written like one counts.
        if match.group(2) or target[:1].isupper() or "_" in target:
            found.append(target)
    return found


def suppressions(text: str) -> list[tuple[int, tuple[str, ...]]]:
    """(0-based line, finding names) of every ``<!-- spectrace: ignore ... -->`` comment."""
    found: list[tuple[int, tuple[str, ...]]] = []
    for match in _SUPPRESS.finditer(text):
        names = tuple(n.strip().lower() for n in match.group(1).split(",") if n.strip())
        found.append((text.count("\n", 0, match.start()), names))
    return found


def strip_markup(raw: str) -> str:
    """Bold and code markers removed, nothing else (names keep their dots and slashes)."""
    return _MARKUP.sub("", raw).strip()
