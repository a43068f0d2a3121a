"""Which design items a task names: its mentions matched against the design's own names.

``POST /api/loans/{id}/return`` meets the endpoint of that method and path (``{id}``, ``:id`` and
``[id]`` alike); ``/api/books`` alone meets every endpoint on that path; ``LoanService``,
``loan_service`` and ``Loan service`` meet the component ``Loan Service``; ``Transaction model``
and ``models/transaction.py`` meet the entity ``transactions`` (names compared as the design
compares them: case, separators and the plural of the last word do not matter); ``Property 3``
meets the design's property 3 whatever its language.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from spectrace.model import DesignItem, ItemKind, Mention, MentionKind
from spectrace.parse.names import name_key

#: Kinds of design items a task builds. Rules are built by whatever builds the thing they
#: validate, fields with their entity, sections and statements are not built at all.
BUILDABLE_KINDS = frozenset(
    {
        ItemKind.ENTITY,
        ItemKind.ENDPOINT,
        ItemKind.INTERFACE,
        ItemKind.COMPONENT,
        ItemKind.PROPERTY,
    }
)


def _words(text: str) -> frozenset[str]:
    """The words of a word list written as text."""
    return frozenset(text.split())


_PARAMETER = re.compile(r"\{[^/{}]{0,60}\}|:[A-Za-z_][\w-]{0,60}|\[[^/\[\]]{0,60}\]|<[^/<>]{0,60}>")
_PROPERTY_NUMBER = re.compile(r"([0-9]{1,4})\s*$")
_ENDPOINT_NAME = re.compile(r"(?P<method>[A-Z]{3,7})\s+(?P<path>/\S*)")
#: File stems too generic to name a design item (``index.ts``, ``page.tsx``, ``types.ts``).
_GENERIC_STEMS = _words(
    """index page route routes layout main app mod lib init __init__ types type utils util
    helpers config settings schema schemas test tests spec constants package readme models
    model service services controller controllers"""
)
#: Words that end a component's name without being part of it (``TaskForm コンポーネント``).
_KIND_SUFFIXES = ("component", "コンポーネント", "组件", "元件", "컴포넌트")


def endpoint_path(path: str) -> str:
    """A URL path compared: lower case, parameters alike, no query, no trailing slash."""
    path = path.split("?", 1)[0].strip().rstrip("/") or "/"
    return _PARAMETER.sub("{}", path).lower()


@dataclass(slots=True)
class NameIndex:
    """The names of a design's buildable items, by the keys mentions are matched on."""

    endpoints: dict[tuple[str, str], list[str]] = field(default_factory=dict)
    """(method, compared path) -> endpoint ids."""
    paths: dict[str, list[str]] = field(default_factory=dict)
    """Compared path -> ids of the endpoints on it."""
    names: dict[str, list[str]] = field(default_factory=dict)
    """Name key -> ids of entities, interfaces, components and properties."""
    files: list[tuple[str, str]] = field(default_factory=list)
    """(file path in lower case, item id) for items named by a file path (a files table)."""

    def add(self, table: dict[str, list[str]], key: str, ident: str) -> None:
        """Add ``ident`` under ``key`` once."""
        found = table.setdefault(key, [])
        if ident not in found:
            found.append(ident)


def name_index(items: Iterable[DesignItem]) -> NameIndex:
    """Index the buildable items of a design by name."""
    index = NameIndex()
    for item in items:
        if item.kind not in BUILDABLE_KINDS:
            continue
        if item.kind == ItemKind.ENDPOINT:
            match = _ENDPOINT_NAME.match(item.name)
            if match is not None:
                path = endpoint_path(match.group("path"))
                same = index.endpoints.setdefault((match.group("method"), path), [])
                if item.id not in same:
                    same.append(item.id)
                index.add(index.paths, path, item.id)
            continue
        if item.kind == ItemKind.PROPERTY:
            number = _PROPERTY_NUMBER.search(item.name)
            if number is not None:
                index.add(index.names, f"property#{int(number.group(1))}", item.id)
                continue
        for key in _item_keys(item.name):
            index.add(index.names, key, item.id)
        if "/" in item.name and " " not in item.name.strip():
            index.files.append((item.name.strip().lower().lstrip("./"), item.id))
    return index


def built_items(mentions: Sequence[Mention], index: NameIndex) -> tuple[str, ...]:
    """Ids of the design items the mentions name, sorted."""
    found: set[str] = set()
    for mention in mentions:
        found.update(_matches(mention, index))
    return tuple(sorted(found))


def _item_keys(name: str) -> list[str]:
    keys = [name_key(name)]
    words = name.split()
    if len(words) > 1 and words[-1].lower() in _KIND_SUFFIXES:
        keys.append(name_key(" ".join(words[:-1])))
    return [key for key in keys if key]


def _matches(mention: Mention, index: NameIndex) -> list[str]:
    text = mention.text
    if mention.kind == MentionKind.ENDPOINT:
        method, _, path = text.partition(" ")
        return index.endpoints.get((method, endpoint_path(path)), [])
    if mention.kind == MentionKind.PATH:
        if text.startswith("/"):
            return index.paths.get(endpoint_path(text), [])
        return _file_matches(text, index)
    if mention.kind == MentionKind.NAME:
        number = re.fullmatch(r"Property ([0-9]{1,4})", text)
        if number is not None:
            return index.names.get(f"property#{int(number.group(1))}", [])
        return index.names.get(name_key(text), [])
    found = list(index.names.get(name_key(text), []))
    if "." in text:  # ``AppDbContext.OnModelCreating``, ``users.email``: the owner too
        found += index.names.get(name_key(text.split(".", 1)[0]), [])
    return found


def _file_matches(path: str, index: NameIndex) -> list[str]:
    lowered = path.lower().lstrip("./")
    found = [
        ident
        for named, ident in index.files
        if lowered == named or lowered.endswith("/" + named) or named.endswith("/" + lowered)
    ]
    # A file is named after what it holds (``models/user.py``); a folder (``src/tasks/``) is not.
    last = path.rstrip("/").rsplit("/", 1)[-1] if not path.endswith("/") else ""
    stem = last.split(".", 1)[0]
    if "." in last and stem.lower() not in _GENERIC_STEMS:
        found += index.names.get(name_key(stem), [])
    return found
