"""Name normalisation: one identity key for ``Books``, ``book`` and ``BOOK``."""

from __future__ import annotations

import re
from functools import lru_cache

# Hand rules rather than inflect: inflect costs about 1.5 s to import, and identity keys only need
# the plural forms that schema, model and table names actually use.
_IRREGULAR = {
    "people": "person",
    "persons": "person",
    "children": "child",
    "men": "man",
    "women": "woman",
    "mice": "mouse",
    "geese": "goose",
    "feet": "foot",
    "teeth": "tooth",
    "criteria": "criterion",
    "phenomena": "phenomenon",
    "analyses": "analysis",
    "diagnoses": "diagnosis",
    "theses": "thesis",
    "crises": "crisis",
    "indices": "index",
    "matrices": "matrix",
    "vertices": "vertex",
    "appendices": "appendix",
    "caches": "cache",
    "niches": "niche",
    "leaves": "leaf",
    "lives": "life",
    "wives": "wife",
    "knives": "knife",
    "halves": "half",
    "shelves": "shelf",
    "wolves": "wolf",
    "heroes": "hero",
    "potatoes": "potato",
    "tomatoes": "tomato",
    "echoes": "echo",
    "vetoes": "veto",
    "movies": "movie",
    "cookies": "cookie",
    "zombies": "zombie",
    "species": "species",
    "series": "series",
}

#: Words that end in "s" but are singular (or have no plural) and must stay as they are.
_SINGULAR_S = frozenset(
    {
        "news",
        "status",
        "bonus",
        "campus",
        "virus",
        "census",
        "corpus",
        "focus",
        "radius",
        "alias",
        "atlas",
        "bias",
        "canvas",
        "chaos",
        "lens",
        "gas",
        "plus",
        "bus",
        "thus",
        "this",
        "its",
        "yes",
        "always",
        "analytics",
        "physics",
        "mathematics",
        "economics",
        "ethics",
        "logistics",
        "metadata",
        "kudos",
        "https",
        "sms",
        "cors",
        "aws",
        "gps",
        "dns",
        "ios",
        "macos",
        "redis",
        "kubernetes",
    }
)

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
# camelCase boundaries: "userId" -> user|Id, "HTTPServer" -> HTTP|Server, "v2Api" -> v2|Api.
_CAMEL = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+|[^\W\d_A-Za-z]+", re.UNICODE)


@lru_cache(maxsize=8192)
def singular(word: str) -> str:
    """The singular of an English noun (lower case in, lower case out); unknown words unchanged."""
    lower = word.lower()
    if lower in _IRREGULAR:
        return _IRREGULAR[lower]
    if len(lower) <= 3 or not lower.endswith("s") or lower in _SINGULAR_S or not lower.isascii():
        return lower
    if lower.endswith(("ss", "us", "is", "ous")):
        return lower
    if lower.endswith("ies") and len(lower) > 4:
        return lower[:-3] + "y"
    if lower.endswith(("sses", "xes", "ches", "shes", "zzes")):
        return lower[:-2]
    if lower.endswith("uses") and lower[:-2] in _SINGULAR_S:
        return lower[:-2]
    return lower[:-1]


def split_identifier(name: str) -> tuple[str, ...]:
    """Words of a name in lower case: camelCase, snake_case, kebab-case, dotted and spaced."""
    words: list[str] = []
    for chunk in _WORD.findall(name):
        if chunk.isascii() and not chunk.islower() and not chunk.isupper():
            words.extend(part.lower() for part in _CAMEL.findall(chunk))
        else:
            words.append(chunk.lower())
    return tuple(words)


@lru_cache(maxsize=16384)
def name_key(name: str) -> str:
    """Identity key: case, separators and the plural of the last word do not matter.

    ``Books``, ``book``, ``BOOK`` -> ``book``; ``PasswordResetTokens`` and
    ``password_reset_token`` -> ``password_reset_token``.
    """
    words = list(split_identifier(name))
    if not words:
        return name.strip().lower()
    words[-1] = singular(words[-1])
    return "_".join(words)
