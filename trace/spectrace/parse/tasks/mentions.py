"""Names in a task's text that the design may define: endpoints, paths, identifiers, named things.

The reader does not know the design: it lists candidates (``POST /api/loans``,
``src/models/user.py``, `` `LoanService` ``, ``PaymentService``, ``chat_rooms``,
``Transaction model``, ``notifications table``, ``Property 3``) and the linker keeps the ones a
design item answers to. Candidates are cheap to over-collect: a name no item has costs nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from spectrace.model import Mention, MentionKind

# Hand-written scanning, linear: bounded repetition, no nested quantifiers.


def _words(text: str) -> frozenset[str]:
    """The words of a word list written as text."""
    return frozenset(text.split())


_METHODS = r"GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS"
#: ``GET /api/books``, with the path in backticks or not (``GET `/api/x```).
_ENDPOINT = re.compile(
    rf"(?<![A-Za-z])(?P<method>{_METHODS})[ \t]{{1,4}}`?(?P<path>/[^\s`'\")\],;<>]{{0,200}})"
)
_CODE_SPAN = re.compile(r"`([^`\n]{1,200})`")
#: A path or file name: holds a ``/`` or ends in a file suffix.
_PATH_LIKE = re.compile(r"[\w@.\[\]{}()~*-]{0,100}(?:/[\w@.\[\]{}()~*:-]{0,100}){1,30}/?")
#: File paths and names outside backticks: a suffix a source or document file has.
_SUFFIXES = (
    r"tsx?|jsx?|mjs|cjs|vue|svelte|py|java|kt|kts|cs|go|rb|php|dart|swift|rs|scala|sql|prisma"
    r"|graphql|proto|ya?ml|json|toml|md|html|css|scss"
)
_BARE_FILE = re.compile(
    rf"(?<![\w/.@:-])(?:[\w@.\[\]{{}}-]{{1,100}}/){{0,30}}[\w@.-]{{1,100}}\.(?:{_SUFFIXES})(?![\w/])"
)
_IDENTIFIER = re.compile(r"[A-Za-z_$][\w$]{0,100}(?:\.[A-Za-z_$][\w$]{0,100}){0,4}(?:\(\))?")
#: ``PaymentService``, ``HTTPClient``, ``saveKeywordRule``, ``chat_rooms``.
_CODE_WORD = re.compile(
    r"(?<![\w$])(?:"
    r"(?:[A-Z][a-z0-9]{1,30}){2,8}"
    r"|[A-Z]{2,10}[a-z][a-z0-9]{0,30}(?:[A-Z][a-z0-9]{1,30}){0,8}"
    r"|[a-z][a-z0-9]{0,30}(?:[A-Z][a-z0-9]{0,30}){1,8}"
    r"|[a-z][a-z0-9]{0,30}(?:_[a-z0-9]{1,30}){1,8}"
    r")(?![\w$])"
)
#: ``Transaction model``, ``User JPA entity``: a capitalised name and its kind; a lower-case name
#: only before ``table`` (``notifications table``): lower-case words before other kind words are
#: ordinary prose (``complete schema``, ``utility classes``).
_KINDS = (
    r"models?|entit(?:y|ies)|tables?|interfaces?|types?|class(?:es)?|components?|services?"
    r"|schemas?|repositor(?:y|ies)|controllers?|enums?|records?|dtos?|hooks?|pages?|screens?"
    r"|endpoints?|handlers?|jobs?|workers?|stores?"
)
_NAMED = re.compile(
    rf"(?<![\w$])(?P<name>[A-Z][A-Za-z0-9_]{{0,60}})[ \t]{{1,3}}"
    rf"(?:(?:JPA|ORM|DB|SQL|API|UI|React|Vue)[ \t]{{1,3}})?(?P<kind>{_KINDS})(?![\w])"
    rf"|(?<![\w$])(?P<table>[a-z][a-z0-9_]{{2,60}})[ \t]{{1,3}}(?:tables?|collections?)(?![\w])"
)
#: Words before a kind word that are not names (``The table``, ``New service``, ``the table``).
_NOT_NAMES = _words(
    """the a an this that these those each every new one any all our its their your main base
    core shared common database data join lookup pivot domain api ui web app test unit
    integration e2e mock fake stub helper custom required related existing same other
    following default basic simple generic abstract and or of for with from into create add
    update define implement write build set use"""
)
#: A correctness property: ``Property 3`` and its localised names (as the design reads them).
_PROPERTY = re.compile(
    r"(?<![\w])(?:Property|Propriedade|Propiedad|Propriété|Eigenschaft|属性|プロパティ|性质|性質"
    r"|속성)[ \t]{0,2}(?P<number>[0-9]{1,4})(?![0-9])"
)


#: How ``find_mentions`` hands a candidate to its helpers: kind, name, start and end offsets.
_Add = Callable[[MentionKind, str, int, int], None]


def find_mentions(text: str, line: int) -> list[Mention]:
    """The candidate design names in one block's text that starts on ``line`` (in order)."""
    found: list[Mention] = []
    spans: list[tuple[int, int]] = []

    def add(kind: MentionKind, name: str, start: int, end: int) -> None:
        found.append(Mention(kind=kind, text=name, line=line + text.count("\n", 0, start)))
        spans.append((start, end))

    def taken(start: int) -> bool:
        return any(left <= start < right for left, right in spans)

    # Each pattern needs a character most task lines lack: test for it before scanning.
    if "/" in text:
        for match in _ENDPOINT.finditer(text.replace("`", " ")):
            path = match.group("path").split("?", 1)[0].rstrip(".:")
            add(MentionKind.ENDPOINT, f"{match.group('method')} {path}", match.start(), match.end())
    if "`" in text:
        for match in _CODE_SPAN.finditer(text):
            if not taken(match.start(1)):
                _code_span(match.group(1).strip(), match.start(), match.end(), add)
    if "." in text:
        for match in _BARE_FILE.finditer(text):
            if not taken(match.start()):
                add(MentionKind.PATH, match.group(), match.start(), match.end())
    for match in _PROPERTY.finditer(text):
        add(MentionKind.NAME, f"Property {match.group('number')}", match.start(), match.end())
    for match in _NAMED.finditer(text):
        group = "name" if match.group("name") else "table"
        name = match.group(group)
        if not taken(match.start()) and name.lower() not in _NOT_NAMES:
            add(MentionKind.NAME, name, match.start(), match.end(group))
    for match in _CODE_WORD.finditer(text):
        if not taken(match.start()):
            add(MentionKind.IDENTIFIER, match.group(), match.start(), match.end())
    return found


def _code_span(content: str, start: int, end: int, add: _Add) -> None:
    """What a `` `code span` `` names: a path, a file, an identifier (``save()`` as ``save``)."""
    if not content or " " in content:
        return
    if content.startswith("/") or ("/" in content and _PATH_LIKE.fullmatch(content)):
        add(MentionKind.PATH, content.rstrip("/") or content, start, end)
    elif _BARE_FILE.fullmatch(content):
        add(MentionKind.PATH, content, start, end)
    elif _IDENTIFIER.fullmatch(content):
        add(MentionKind.IDENTIFIER, content.removesuffix("()"), start, end)
