"""User stories in plain text: ``As a <role>, I want <want>, so that <benefit>`` and its kin.

Hand-written: no library reads user stories, and each language's form is three markers. The
markers are found with one linear search each and the text is sliced between them (no
backtracking patterns).
"""

from __future__ import annotations

import re

from spectrace.model import Story

# One form per language: where the role starts, the marker that ends it, the want marker and the
# benefit marker. Each marker pattern is a flat alternation.
# A marker's leading separator (``,?\s*``) may only start at a comma or after a non-space: a
# search then scans each run of spaces once, not once per space (the same matches, linear).
_EN_ROLE = re.compile(r"\bas\s+(?:(?:any|an|a|the)\b)?\s*", re.IGNORECASE)
_EN_WANT = re.compile(
    r"(?:,|(?<!\s))\s*\bI\s+(?:want|need|would like|wish|expect|can)\b(?:\s+to\b)?\s*",
    re.IGNORECASE,
)
_EN_BENEFIT = re.compile(
    r"(?:,|(?<!\s))\s*\b(?:so that|in order to|so(?=\s+(?:I|we|they|that)\b))\b\s*", re.IGNORECASE
)

_PT_ROLE = re.compile(r"\bcomo\s+(?:um|uma|o|a|el|la|un|una)?\s*", re.IGNORECASE)
_PT_WANT = re.compile(
    r"(?:,|(?<!\s))\s*\b(?:eu\s+|yo\s+)?(?:quero|gostaria de|preciso|desejo|quiero|necesito)\b\s*",
    re.IGNORECASE,
)
_PT_BENEFIT = re.compile(
    r"(?:,|(?<!\s))\s*\b(?:para que|para|a fim de|de modo que)\b\s*", re.IGNORECASE
)

_VI_ROLE = re.compile(r"\blà\s+(?:một\s+)?", re.IGNORECASE)
_VI_WANT = re.compile(r"(?:,|(?<!\s))\s*\btôi\s+muốn\b\s*", re.IGNORECASE)
_VI_BENEFIT = re.compile(r"(?:,|(?<!\s))\s*\b(?:để|nhằm)\b\s*", re.IGNORECASE)

_ZH_ROLE = re.compile(r"作为(?:一名|一个|一位)?")
_ZH_WANT = re.compile(r"(?:[，,]|(?<!\s))\s*我(?:希望|想要|想|需要|要)(?:能够)?")
_ZH_BENEFIT = re.compile(r"(?:[，,]|(?<!\s))\s*(?:以便于?|从而|这样)")

_JA_ROLE_END = re.compile(r"として[、,]?\s*")
_JA_BENEFIT = re.compile(r"ことで[、,]?\s*|。\s*")

_KO_ROLE_END = re.compile(r"(?:으로서|로서|으로써|로써)[,，]?\s*")
_KO_BENEFIT = re.compile(r"(?:[,，]|(?<!\s))\s*(?:하기 위해|위해서?|그래서)\s*")

_CLAUSE = re.compile(r"[。、，,.;；]")
_TRAILING = " \t.,;:。，、；："


def read_story(text: str) -> Story | None:
    """The user story told by ``text``, or None when it tells none."""
    for role, want, benefit in (
        (_EN_ROLE, _EN_WANT, _EN_BENEFIT),
        (_PT_ROLE, _PT_WANT, _PT_BENEFIT),
        (_VI_ROLE, _VI_WANT, _VI_BENEFIT),
        (_ZH_ROLE, _ZH_WANT, _ZH_BENEFIT),
    ):
        story = _marked(text, role, want, benefit)
        if story is not None:
            return story
    return _suffixed(text, _JA_ROLE_END, _JA_BENEFIT) or _suffixed(text, _KO_ROLE_END, _KO_BENEFIT)


def _marked(
    text: str, role: re.Pattern[str], want: re.Pattern[str], benefit: re.Pattern[str]
) -> Story | None:
    """Role after a leading marker (``As a``), then a want marker, then a benefit marker."""
    start = role.match(text)
    if start is None:
        return None
    wanted = want.search(text, start.end())
    if wanted is None:
        return None
    because = benefit.search(text, wanted.end())
    want_text = text[wanted.end() : because.start() if because else len(text)]
    return _story(
        text[start.end() : wanted.start()], want_text, text[because.end() :] if because else ""
    )


def _suffixed(text: str, role_end: re.Pattern[str], benefit: re.Pattern[str]) -> Story | None:
    """Role before a trailing marker (``として``), then the want, then the benefit."""
    ended = role_end.search(text)
    # The role is a short noun phrase: a clause or sentence before the marker is no role.
    if ended is None or not 0 < ended.start() <= 60 or _CLAUSE.search(text, 0, ended.start()):
        return None
    because = benefit.search(text, ended.end())
    # A benefit marker at the very end is the sentence's full stop, not a benefit.
    if because is not None and because.end() >= len(text.rstrip()):
        because = None
    want_text = text[ended.end() : because.start() if because else len(text)]
    return _story(text[: ended.start()], want_text, text[because.end() :] if because else "")


def _story(role: str, want: str, benefit: str) -> Story | None:
    role, want, benefit = (part.strip(_TRAILING) for part in (role, want, benefit))
    if not role or not want:
        return None
    return Story(role=role, want=want, benefit=benefit)
