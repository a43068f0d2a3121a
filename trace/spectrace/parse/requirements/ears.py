"""The EARS pattern of a criterion's sentence (English, pt/es, vi, zh, ja, ko keywords).

Hand-written: no maintained library classifies EARS sentences, and the rules are a handful of
keywords. Every pattern is a flat alternation or a bounded gap, so a scan is linear in the text.
"""

from __future__ import annotations

import re

from spectrace.model import Ears

# A label the author wrote in front of the sentence (``R1.2 (Event-driven): ...``) says the
# pattern outright, and beats anything read from the keywords.
_LABEL = re.compile(
    r"\W{0,3}(ubiquitous|event[- ]driven|state[- ]driven|unwanted(?: behaviou?r)?"
    r"|optional(?: feature)?|complex)\s*[)\]:]",
    re.IGNORECASE,
)
_LABELS = {
    "ubiquitous": Ears.UBIQUITOUS,
    "event": Ears.EVENT,
    "state": Ears.STATE,
    "unwanted": Ears.UNWANTED,
    "optional": Ears.OPTIONAL,
    "complex": Ears.COMPLEX,
}

# Keywords of scripts with word spaces, matched on the lower-cased text: one flat alternation
# (``finditer`` reads the text once) with shared prefixes factored, which the engine runs fastest.
# ``trong khi`` comes before ``khi`` so the longer Vietnamese keyword wins at the same place.
_WORDS = {
    "while": "state",
    "enquanto": "state",
    "mientras": "state",
    "trong khi": "state",
    "when": "event",
    "quando": "event",
    "cuando": "event",
    "khi": "event",
    "given": "event",
    "if": "unwanted",
    "se": "unwanted",
    "si": "unwanted",
    "nếu": "unwanted",
    "where": "optional",
    "onde": "optional",
    "donde": "optional",
    "nơi": "optional",
}
_WORD_KEYWORDS = re.compile(
    r"\b(?:wh(?:ile|en|ere)|if|given|quando|cuando|enquanto|mientras|se|si|onde|donde"
    r"|trong khi|khi|nếu|nơi)\b"
)
_LATIN_MODAL = re.compile(r"\b(?:shall|must|should|dev(?:e|em|erá|erão)|deben?|phải)\b")

# Keywords of scripts without word spaces: their shapes are specific enough to hold anywhere.
_CJK_KEYWORDS = re.compile(
    # zh: 当...时 (event), 如果/若...(则/那么) (unwanted), 在...期间/过程中/时 (state).
    r"(?P<event>(?:^|(?<=[，,。；;：:\s]))当(?![前今然地即天日中])[^，。；]{1,60}?时"
    r"|(?<!同)時(?:に|は|、|,)|とき|際(?:に|は|、)|すると|したら|ると、"
    r"|(?:할|될|을|ㄹ) ?때)"
    r"|(?P<unwanted>(?:^|(?<=[，,。；;：:\s]))(?:如果|若|假如)|場合|경우)"
    r"|(?P<state>(?:^|(?<=[，,。；;：:\s]))在[^，。；]{1,60}?(?:期间|過程中|过程中|时)"
    r"|(?:ている|でいる|の|する)間(?:は|に|、|,)|동안)"
)

# Words that make a sentence a requirement; keywords only count before the first of them, so
# ``... SHALL use a WHERE clause`` stays ubiquitous.
_CJK_MODAL = re.compile(r"应当|应该|必须|(?<![响对相适反供回])应(?![用答])|해야")
# Japanese states a requirement with its sentence ending.
_JA_ENDING = re.compile(
    r"(?:する|される|できる|こと|べき|ならない|ものとする|表示する|行う|返す)[。.]?\s*$"
)
_CLAUSE_START = frozenset(",;:(（，、；：")


def classify(text: str) -> Ears:
    """The EARS pattern of ``text``: event, state, unwanted, optional, complex, ubiquitous, none."""
    label = _LABEL.match(text)
    if label:
        return _LABELS[label.group(1).lower().split()[0].split("-")[0]]
    low = text.lower()
    if len(low) != len(text):
        # A rare letter (``İ``) lower-cases to two: keep one per letter so offsets still match.
        low = "".join(letter.lower()[:1] for letter in text)
    ascii_only = text.isascii()
    modal = _first_modal(low)
    limit = modal if modal >= 0 else len(text)
    if not ascii_only:
        cjk_modal = _CJK_MODAL.search(text, 0, limit)
        if cjk_modal:
            modal = limit = cjk_modal.start()
    found: set[str] = set()
    for match in _WORD_KEYWORDS.finditer(low, 0, limit):
        start, end = match.span()
        if _hyphenated(text, start, end):
            continue
        # Lower-case keywords are ordinary words mid-sentence ("the page where ..."): they only
        # count where a clause starts. Upper-case ones are written as keywords.
        if text[start:end].isupper() or _starts_clause(text, start):
            found.add(_WORDS[match.group(0).lower()])
    if not ascii_only:
        for match in _CJK_KEYWORDS.finditer(text, 0, limit):
            if match.lastgroup is not None:
                found.add(match.lastgroup)
    if len(found) > 1:
        return Ears.COMPLEX
    if found:
        return _LABELS[found.pop()]
    if modal >= 0 or (not ascii_only and _JA_ENDING.search(text)):
        return Ears.UBIQUITOUS
    return Ears.NONE


def _first_modal(low: str) -> int:
    """Where the first modal verb starts in the lower-cased text, -1 when there is none."""
    for match in _LATIN_MODAL.finditer(low):
        if not _hyphenated(low, *match.span()):
            return match.start()
    return -1


def _hyphenated(text: str, start: int, end: int) -> bool:
    """True for a word that is part of a hyphenated one (``must-have``, ``if-else``)."""
    return (start > 0 and text[start - 1] == "-") or text[end : end + 1] == "-"


def _starts_clause(text: str, index: int) -> bool:
    """True when only spaces (and markup leftovers) separate ``index`` from a clause start."""
    position = index - 1
    while position >= 0 and text[position] in " \t*_":
        position -= 1
    return position < 0 or text[position] in _CLAUSE_START
