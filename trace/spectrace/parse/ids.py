"""Requirement ids as written: their patterns, lists and ranges, and the key they match on."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Hand-written patterns: ids are a small, spec-specific grammar that no maintained library reads.
# Every repetition is bounded and no quantified group holds another, so matching stays linear.

#: A prefixed id: ``FR-001``, ``US1``, ``R1.1``, ``REQ-1-1``, ``NFR-P01``, ``FR-025a`` and the
#: compact range ``FR-007-017`` (told apart from ``REQ-1-1`` by ``split_compound``).
PREFIXED = re.compile(
    r"(?<![A-Za-z0-9_])(?P<prefix>[A-Z]{1,8}(?:-[A-Z]{1,3})?)(?P<sep>[-_]?)"
    r"(?P<number>[0-9]{1,5}(?:[.-][0-9]{1,4}){0,3})(?P<suffix>[a-z]?)(?![A-Za-z0-9])"
)
#: A bare requirement or criterion number: ``3``, ``1.2``, ``5B.15``, ``6.8a``, ``11A.3a``.
#: Four digits at most (a generated spec numbers thousands of requirements); a year reads as an
#: id only in a reference context (``Requirements: 2024``), and then it is dangling.
NUMERIC = re.compile(
    r"(?<![A-Za-z0-9.])[0-9]{1,4}[A-Z]?(?:\.[0-9]{1,3}[a-z]?){0,3}(?![A-Za-z0-9]|\.[0-9])"
)
#: A criterion written ``12-AC3`` (``要件12-AC3``): requirement 12, criterion 3.
ACCEPTANCE = re.compile(
    r"(?<![A-Za-z0-9.])(?P<req>[0-9]{1,4})\s?[-.]?\s?AC-?(?P<ac>[0-9]{1,3})(?![A-Za-z0-9])"
)
#: Digits alone, for a number that borrows the prefix of the id before it (``FR-001/002``).
DIGITS = re.compile(r"[0-9]{1,5}[a-z]?(?![A-Za-z0-9])")

#: A range longer than this is probably not a range: only its two ends are kept.
RANGE_LIMIT = 500
#: Ids one text may expand ranges into; past it ranges keep their ends (hostile input).
EXPANSION_BUDGET = 5000

# Between two ids of a list: ``,`` ``、`` ``;`` ``/`` ``&`` ``and`` ``or`` ``<br>`` (``, and`` too).
_SEPARATOR = re.compile(
    r"\s{0,3}(?:[,、，;；/&+・]|<br\s?/?>)(?:\s{1,3}(?:and|or)(?=\s))?\s{0,3}"
    r"|\s{1,3}(?:and|or|e|y|et|und|và|및)\s{1,3}"
    r"|\s{0,2}(?:和|及|与|與|或)\s{0,2}"
)
# Between the two ends of a range: ``-`` ``–`` ``~`` ``至`` ``〜`` ``to`` ``through``.
_RANGE = re.compile(
    r"\s{0,2}(?:[-–—~～〜]|\.\.|至|到|から)\s{0,2}|\s{1,3}(?:to|through|thru|até|hasta|bis|đến)\s{1,3}"
)
# A short note after an id, skipped when another id follows: ``REQ-1-1（ユーザー登録）, REQ-1-2``.
_NOTE = re.compile(r"\s{0,2}[(（][^()（）\n]{1,80}[)）]")
# What makes a plain number a quantity rather than an id: ``8 characters``, ``50%``, ``8+``,
# ``1,000``, ``10:30``, ``1回``. A lowercase word after the number reads as its unit unless it
# is one of the words that follow an id in a sentence (``Requirement 3 is covered``).
_QUANTITY = re.compile(
    r"[^\S\n]{0,2}(?:[%+×]|[xX](?![A-Za-z])|,[0-9]{3}(?![0-9])|:[0-9]|(?:st|nd|rd|th)(?![A-Za-z])"
    r"|[个個项項条條次回秒分天人位名枚行字桁倍つ개건초명회])"
    r"|[^\S\n]{1,2}(?!(?:and|or|to|through|thru|is|are|was|were|be|in|of|for|from|with|by|at|on|via"
    r"|as|also|only|which|that|where|when|e|y|et|und|se|de|do|da|em|và|covers?|describes?"
    r"|defines?|requires?|specifies|states|says|section|criteria|criterion)(?![a-z]))"
    r"[a-z]{1,20}(?![A-Za-z])"
)
_PLAIN_NUMBER = re.compile(r"[0-9]{1,4}")

_TAIL = re.compile(r"([0-9]{1,5})([a-z]?)$")
_STORY = re.compile(r"^user\s{0,3}stor(?:y|ies)\s{0,3}(?=[0-9])")
_WORD = re.compile(r"^(?:requirements?|requisitos?|要件|需求|요구\s?사항)\s{0,3}(?=[0-9])")
_JOIN = re.compile(r"(?<=[a-z])[-_\s]{1,3}(?=[a-z0-9])")
_ZEROS = re.compile(r"(?<![0-9])0{1,9}(?=[0-9])")


@dataclass(frozen=True, slots=True, kw_only=True)
class Found:
    """One requirement or criterion id read from a piece of text."""

    target: str
    """The id as written, after range expansion (``1.2``, ``FR-003``, ``US1``, ``12.3``)."""
    start: int
    """Offset in the text where the reference (the id or its range) begins."""
    end: int
    """Offset in the text where it ends."""
    labelled: bool
    """Introduced by a label (``Requirements:``, ``Validates``, ``要件``, a table column)."""
    bracketed: bool = False
    """Read from a bracket holding nothing but ids, with no label (``(1.3)``)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Rules:
    """What a list of ids accepts, given what introduced it."""

    labelled: bool
    """A label or a column introduced the list."""
    bare: bool
    """Bare numbers count (``1.2``, ``3``)."""
    any_prefix: bool
    """Prefixed ids count whatever their prefix (else only the requirements' prefixes do)."""
    head: str = ""
    """Written before bare numbers (``User Story `` after ``User Stories 1-3``)."""


def id_key(identifier: str) -> str:
    """Normalised key for matching ids: case, the separator between a prefix and its number, and
    leading zeros ignored (``FR-001`` == ``FR1`` == ``fr-1``; ``REQ-1-1`` == ``REQ1-1``;
    ``5B.3`` == ``5b.3``; ``User Story 1`` == ``US1``; ``Requirement 3`` == ``3``)."""
    text = identifier.strip().lower()
    text = _STORY.sub("us", text)
    text = _WORD.sub("", text)
    text = _JOIN.sub("", text)
    return _ZEROS.sub("", text)


def split_compound(number: str) -> tuple[str, str] | None:
    """The two ends when a prefixed id's number is a compact range, else None.

    ``007-017`` and ``1.1-1.4`` are ranges; ``1-1`` and ``1-2`` are parts of one id (``REQ-1-2``):
    a dash between plain numbers is a range only when both sides have the same zero-padded width.
    """
    first, dash, last = number.rpartition("-")
    if not dash or "-" in first:
        return None
    if "." in first or "." in last:
        return first, last
    if first[0] == "0" or (len(first) == len(last) >= 2 and int(last) > int(first)):
        return first, last
    return None


def expand_range(first: str, last: str, limit: int = RANGE_LIMIT) -> tuple[str, ...]:
    """Ids from ``first`` to ``last`` counting by the last number, zero padding kept
    (``FR-007``..``017`` -> ``FR-007`` .. ``FR-017``; ``1.1``..``1.4`` -> 1.1, 1.2, 1.3, 1.4).

    ``last`` may be the number alone (``1.2``..``4`` -> up to ``1.4``). Ends that share no head,
    carry a letter suffix, run backwards or span more than ``limit`` ids are kept as written.
    """
    first_tail = _TAIL.search(first)
    last_tail = _TAIL.search(last)
    if first_tail is None or last_tail is None:
        return _ends(first, last)
    head = first[: first_tail.start()]
    if last_tail.start() == 0:
        last = head + last
        last_head = head
    else:
        last_head = last[: last_tail.start()]
    if first_tail.group(2) or last_tail.group(2) or id_key(head) != id_key(last_head):
        return _ends(first, last)
    digits = first_tail.group(1)
    low, high = int(digits), int(last_tail.group(1))
    if high <= low or high - low + 1 > limit:
        return _ends(first, last)
    width = len(digits) if digits[0] == "0" else 0
    return tuple(head + str(n).zfill(width) for n in range(low, high + 1))


def _ends(first: str, last: str) -> tuple[str, ...]:
    return (first,) if id_key(first) == id_key(last) else (first, last)


def known_prefix(prefix: str, prefixes: frozenset[str]) -> bool:
    """A prefix the requirements use (``NFR-P`` counts when ``NFR`` or ``NFRP`` does)."""
    return (
        prefix in prefixes
        or prefix.replace("-", "") in prefixes
        or prefix.partition("-")[0] in prefixes
    )


@dataclass(frozen=True, slots=True)
class _Token:
    """One id, or the two ends of a range (``FR-007-017``, ``1.1 - 1.4``)."""

    first: str
    last: str
    start: int
    end: int
    kind: str
    """``prefixed``, ``digits`` (a number borrowing a prefix), ``number`` or ``criterion``."""
    prefix: str = ""
    """Prefix and separator of a prefixed id (``FR-``)."""


class ListReader:
    """Reads lists of ids (``1.1, 1.3-1.5 and 2``) out of one text, markup already blanked."""

    def __init__(self, text: str, prefixes: frozenset[str]) -> None:
        self.text = text
        self.prefixes = prefixes
        self.budget = EXPANSION_BUDGET

    def read(self, pos: int, rules: Rules) -> tuple[list[Found], int]:
        """The ids of the list starting at ``pos`` that ``rules`` accept, and where it ends."""
        found: list[Found] = []
        end = pos
        borrow: _Token | None = None
        while True:
            token = self._token(pos, rules, borrow)
            if token is None or (token.kind == "number" and self._quantity(token)):
                break
            joined = self._range(token, rules)
            if joined is False:
                break
            if isinstance(joined, _Token):
                token = joined
            head = rules.head if token.kind == "number" else ""
            found.extend(
                Found(
                    target=head + target, start=token.start, end=token.end, labelled=rules.labelled
                )
                for target in self._expand(token)
            )
            end = token.end
            note = _NOTE.match(self.text, end)
            separator = _SEPARATOR.match(self.text, note.end() if note else end)
            if separator is None:
                break
            borrow = token if token.prefix and "/" in separator.group() else None
            pos = separator.end()
        return found, end

    def _expand(self, token: _Token) -> tuple[str, ...]:
        if token.first == token.last:
            return (token.first,)
        targets = expand_range(token.first, token.last, min(RANGE_LIMIT, max(self.budget, 2)))
        self.budget -= len(targets)
        return targets

    def _token(self, pos: int, rules: Rules, borrow: _Token | None) -> _Token | None:
        """The id at ``pos``, if ``rules`` accept it."""
        text = self.text
        if borrow is not None:
            digits = DIGITS.match(text, pos)
            if digits is not None:
                written = borrow.prefix + digits.group()
                return _Token(written, written, pos, digits.end(), "digits", borrow.prefix)
        prefixed = PREFIXED.match(text, pos)
        if prefixed is not None:
            if not rules.any_prefix and not known_prefix(prefixed.group("prefix"), self.prefixes):
                return None
            lead = prefixed.group("prefix") + prefixed.group("sep")
            ends = None if prefixed.group("suffix") else split_compound(prefixed.group("number"))
            if ends is None:
                written = prefixed.group()
                return _Token(written, written, pos, prefixed.end(), "prefixed", lead)
            return _Token(lead + ends[0], ends[1], pos, prefixed.end(), "prefixed", lead)
        if not rules.bare:
            return None
        acceptance = ACCEPTANCE.match(text, pos)
        if acceptance is not None:
            written = f"{acceptance.group('req')}.{acceptance.group('ac')}"
            return _Token(written, written, pos, acceptance.end(), "criterion")
        numeric = NUMERIC.match(text, pos)
        if numeric is not None:
            return _Token(numeric.group(), numeric.group(), pos, numeric.end(), "number")
        return None

    def _range(self, token: _Token, rules: Rules) -> _Token | bool:
        """The token widened to a range when ``- 1.4`` / ``to FR-004`` follows it; True when no
        range follows; False when it ends on a quantity (``3 to 5 seconds``: no references)."""
        if token.first != token.last or token.kind == "criterion":
            return True
        connector = _RANGE.match(self.text, token.end)
        if connector is None:
            return True
        pos = connector.end()
        if token.kind == "number":
            other = NUMERIC.match(self.text, pos)
            if other is None or PREFIXED.match(self.text, pos) is not None:
                return True
            last = _Token(other.group(), other.group(), pos, other.end(), "number")
            if self._quantity(last):
                return False
            return _Token(token.first, last.first, token.start, last.end, "number")
        prefixed = PREFIXED.match(self.text, pos)
        if prefixed is not None:
            if id_key(prefixed.group("prefix")) != id_key(token.prefix.rstrip("-_")):
                return True
            written = prefixed.group()
            return _Token(
                token.first, written, token.start, prefixed.end(), token.kind, token.prefix
            )
        digits = DIGITS.match(self.text, pos)
        if digits is None:
            return True
        return _Token(
            token.first, digits.group(), token.start, digits.end(), token.kind, token.prefix
        )

    def _quantity(self, token: _Token) -> bool:
        """A plain number followed by a unit (``8 characters``) is a quantity, not an id."""
        return (
            _PLAIN_NUMBER.fullmatch(token.first) is not None
            and _QUANTITY.match(self.text, token.end) is not None
        )
