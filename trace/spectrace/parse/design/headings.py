"""What a heading says about the section under it: its role, and whether it is cross-cutting.

Hand-written: no library classifies Markdown headings; the words are in ``vocabulary.py``.
"""

from __future__ import annotations

import re
import unicodedata
from enum import StrEnum

from spectrace.parse.design import vocabulary as words
from spectrace.parse.names import singular


class Context(StrEnum):
    """The kind of content a section holds (inherited by the sections inside it)."""

    COMPONENTS = "components"
    DATA = "data"
    RELATIONSHIPS = "relationships"
    VALIDATION = "validation"
    PROPERTIES = "properties"
    API = "api"
    TYPES = "types"


# "1.", "2.3", "3.2.1", "A.", "IV.", "D5:", "Phase 1:", "Step 2 -" in front of a title.
_NUMBERING = re.compile(
    r"^(?:(?:phase|fase|step|etapa|stage|part|parte|section)\s{1,3}\w{1,6}\s{0,2}[.:)\-–—]\s{0,3}"
    r"|\d{1,3}(?:\.\d{1,3}){0,4}[.):]?\s{1,3}|[A-Z][.):]\s{1,3}|[IVX]{1,5}[.):]\s{1,3}"
    r"|[A-Z]{1,3}-?\d{1,3}[.:)]\s{1,3})",
    re.IGNORECASE,
)
_SPACES = re.compile(r"\s+")
# Code spans and bracketed asides name files and classes ("(App\Services\X)"), not roles.
_ASIDE = re.compile(r"`[^`\n]{0,200}`|\([^()\n]{0,200}\)|（[^（）\n]{0,200}）")
_ASCII_NAME = re.compile(r"[A-Za-z_][\w.]*[A-Za-z0-9_]")
# After the number: the ids it validates may stand in brackets (``Property 3 (2.1-2.4):``).
_NUMBERED = (
    r"\s{0,2}(\d{1,4}(?:\.\d{1,4}|[A-Za-z](?![A-Za-z]))?)(?!\.?\d)\s{0,2}"
    r"(?:[(（][^()（）\n]{0,40}[)）]\s{0,2})?(?:[:：.)\-–—]\s{0,4}(.*)|$)"
)
_PROPERTY = re.compile(rf"^({words.PROPERTY_WORDS}){_NUMBERED}", re.IGNORECASE)
# Example-based checks beside the properties (Kiro: "**Example 3: README lists ...**").
_EXAMPLE = re.compile(rf"^(Example|Exemplo|Ejemplo|例){_NUMBERED}", re.IGNORECASE)
# Languages that name a property by what it checks, the word last, then the ids it validates:
# ``状態判定プロパティ（2.1-2.4）``.
_NAMED_PROPERTY = re.compile(
    r"^([^\s:：()（）]{1,30}?(?:プロパティ|性质|性質))\s{0,2}[(（][^()（）\n]{0,40}[)）]"
    r"\s{0,2}(?:[:：]\s{0,4}(.*)|$)"
)


def normalise(title: str) -> str:
    """A heading title in lower case: numbering, symbols, code spans and asides removed."""
    text = _ASIDE.sub(" ", _symbols_removed(title))
    text = _SPACES.sub(" ", text).strip()
    text = _NUMBERING.sub("", text, count=1)
    return text.strip(" *_:.-–—").lower()


def strip_number(title: str) -> str:
    """A title without its leading numbering and symbols, case kept."""
    text = _SPACES.sub(" ", _symbols_removed(title)).strip()
    return _NUMBERING.sub("", text, count=1).strip()


def _symbols_removed(title: str) -> str:
    """Emoji and other symbols (✅, ⚠️) dropped; ASCII titles have none."""
    if title.isascii():
        return title
    return "".join(ch for ch in title if unicodedata.category(ch) not in ("So", "Cs"))


def is_cross_cutting(title: str) -> bool:
    """A heading of a section that describes the whole system (architecture, errors, tests...)."""
    text = normalise(title)
    if not text or property_heading(title) is not None:
        return False
    if words.SPEC_KIT.match(text):
        return True
    return bool(words.CROSS_CUTTING.search(text)) and not words.PART.search(text)


def context(title: str) -> Context | None:
    """The role a heading gives its section, if it names one."""
    text = normalise(title)
    if not text or property_heading(title) is not None:
        return None
    if words.PROPERTIES.search(text):
        return Context.PROPERTIES
    if words.COMPONENTS.search(text) or (
        words.COMPONENTS_CJK.search(text) and not _ASCII_NAME.search(text)
    ):
        return Context.COMPONENTS
    if words.PART.search(text):
        return None  # a single named part: a component, not a section of a kind
    if words.VALIDATION.search(text) and not words.NOT_VALIDATION.search(text):
        return Context.VALIDATION
    if words.RELATIONSHIPS.search(text):
        return Context.RELATIONSHIPS
    if words.API.search(text):
        return Context.API
    if words.TYPES.search(text):
        return Context.TYPES
    if words.DATA.search(text):
        return Context.DATA
    return None


def label_context(label: str) -> Context | None:
    """The role a bold label gives the list after it (``**Validation Rules**:``), if any."""
    text = normalise(label)
    if words.VALIDATION.search(text) and not words.NOT_VALIDATION.search(text):
        return Context.VALIDATION
    if words.RELATIONSHIPS.search(text) or text in ("related entities", "associations"):
        return Context.RELATIONSHIPS
    return None


def property_heading(text: str, *, examples: bool = False) -> tuple[str, str] | None:
    """``("Property 3", title)`` for ``Property 3: Title`` (and localised forms, and lettered
    ones: ``Property 8A``), else None. ``examples``: the text stands among correctness
    properties, where ``Example 2: ...`` is an example-based property too."""
    text = text.strip()
    match = _PROPERTY.match(text) or (_EXAMPLE.match(text) if examples else None)
    if match is None:
        named = _NAMED_PROPERTY.match(text)
        return (named.group(1), (named.group(2) or "").strip()) if named else None
    word = match.group(1)
    if word.isascii():
        word = word[0].upper() + word[1:].lower()
    return f"{word} {match.group(2)}", (match.group(3) or "").strip()


def is_category(title: str) -> bool:
    """A title naming a kind of parts rather than one part: ``UI Components``, ``Policies``."""
    parts = normalise(title).split()
    if not parts:
        return False
    last = parts[-1]
    if last in ("ui", "frontend", "backend", "overview", "summary"):
        return True
    return last.isascii() and last.isalpha() and singular(last) != last
