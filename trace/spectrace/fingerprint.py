"""A requirement's or criterion's wording as a short fingerprint.

Changing the words changes it; re-wrapping lines, re-indenting, and adding or removing Markdown
markup (emphasis, code ticks, links, HTML tags, escapes, entities) do not. Case and punctuation
are words: "SHALL" turned into "MAY" is a new requirement, and so, for the fingerprint, is any
other edit a person made on purpose. The lock file (``spectrace lock``) and ``spectrace diff``
both compare requirements through it.
"""

from __future__ import annotations

import hashlib
import html
import re
import unicodedata

from spectrace.model import Criterion, Requirement
from spectrace.parse.markdown import plain

# ``_word_`` emphasis (``plain`` leaves single underscores: they are common inside identifiers).
_UNDERSCORE_EMPHASIS = re.compile(r"(?<![\w])_+(?=\S)|(?<=\S)_+(?![\w])")
_STARS = re.compile(r"\*+")
# A backslash escape is markup too (``\*`` and ``*`` read the same once stars are gone).
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_SPACES = re.compile(r"\s+")

#: Hex digits of a fingerprint: 64 bits, no collision to fear among one spec's requirements.
FINGERPRINT_LENGTH = 16


def normalised(text: str) -> str:
    """The words of ``text`` with markup and layout gone: what a fingerprint is taken of."""
    text = _ESCAPE.sub(r"\1", text)
    text = unicodedata.normalize("NFKC", html.unescape(plain(text)))
    text = _UNDERSCORE_EMPHASIS.sub("", text)
    text = _STARS.sub("", text)
    return _SPACES.sub(" ", text).strip()


def fingerprint(text: str) -> str:
    """A short, stable hash of the normalised text (hex)."""
    digest = hashlib.blake2b(normalised(text).encode("utf-8"), digest_size=FINGERPRINT_LENGTH // 2)
    return digest.hexdigest()


def requirement_fingerprint(requirement: Requirement) -> str:
    """The fingerprint of a requirement's own words: its title and its text (user story or
    sentence). Its criteria have fingerprints of their own."""
    return fingerprint(f"{requirement.title}\n{requirement.text}")


def criterion_fingerprint(criterion: Criterion) -> str:
    """The fingerprint of a criterion's sentence."""
    return fingerprint(criterion.text)
