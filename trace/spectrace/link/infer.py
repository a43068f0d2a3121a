"""Inferred links: requirements and design items that share meaning but no written reference.

Each design item is a query against the requirements (BM25 over an inverted index: no
requirements x items matrix), with the item's name, the headings above it and its body as
weighted fields, and the requirement's title, story and criteria as weighted fields on the
other side. An item links to its best requirement, and to the next ones while they stay within
a share of the best; inside a requirement, to the criteria that carry the match. Every link has
a score in [0, 1] and the terms that matched, most important first.
"""

from __future__ import annotations

import heapq
import math
import re
from array import array
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from operator import itemgetter

from spectrace.link.tokens import (
    GENERIC_TERMS,
    METHOD_ACTIONS,
    actions,
    terms,
)
from spectrace.model import TRACEABLE_KINDS, DesignItem, ItemKind, Link, RefOrigin, Requirement
from spectrace.parse.references import find_references

__all__ = [
    "ACCEPT",
    "MARGIN",
    "Candidate",
    "Inference",
    "Signals",
    "infer",
    "links_of",
    "mask_references",
]

#: Score from which auto mode counts an inferred link toward coverage (docs/inference.md).
ACCEPT = 0.2
#: Auto mode counts an item's best requirement only when the runner-up scores less than this
#: share of it. Measured on the corpus (docs/inference.md): best links clearly ahead are right
#: 0.93 of the time, near ties 0.63.
MARGIN = 0.9


@dataclass(frozen=True, slots=True, kw_only=True)
class Signals:
    """Which evidence inference reads (all on by default; the benchmark turns them off one by
    one to measure each)."""

    split: bool = True
    """Split identifiers (camelCase, snake_case, kebab-case, paths)."""
    stem: bool = True
    """Stem words (plural and singular meet)."""
    idf: bool = True
    """Weight terms by BM25 IDF (off: every shared term counts the same)."""
    actions: bool = True
    """Endpoint method against the criterion's action verb."""
    numbers: bool = True
    """Numbers as terms (status codes, lengths, limits)."""
    section: bool = True
    """The headings above an item."""
    body: bool = True
    """The item's body text (off: name and headings only)."""
    cjk: bool = True
    """CJK as character bigrams (off: whole runs)."""
    criteria: bool = True
    """Also score the best single criterion of each requirement."""
    multi: bool = True
    """Link to every requirement within ``share`` of the best (off: the best only)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Candidate:
    """One likely (item, requirement) pair, with the targets inside the requirement."""

    item: str
    """Design item id."""
    requirement: str
    """Requirement id."""
    targets: tuple[str, ...]
    """The criteria that carry the match, or the requirement id itself."""
    score: float
    """In [0, 1]."""
    evidence: tuple[str, ...]
    """Matched terms, most important first."""
    rank: int
    """1 for the item's best requirement."""
    selected: bool
    """Part of the item's link set (its best requirement, and the next ones within a share of
    it); the others are kept as suggestions."""
    confident: bool = False
    """The item's best requirement, clearly ahead of the next one (the runner-up scores less
    than ``MARGIN`` of it) and grounded: the only kind of inferred link auto mode counts toward
    coverage."""
    grounded: bool = False
    """The match rests on the item's own words (its name or body, not only the headings above
    it, and not only the generic words of design such as ``service`` or ``api``)."""


# BM25's usual constants; field weights measured on the corpus (docs/inference.md).
_K1 = 1.2
_B = 0.75
_TITLE = 3.0
_NAME = 3.0
_HEADING = 2.0
_QUERY_TERMS = 40
#: A word in more documents than this (on a 5,000-requirement spec, what most requirements
#: say) only adds to documents that rarer words found; ``_SHORTLIST`` of them (see ``score``).
_COMMON = 200
_SHORTLIST = 50
#: Weight of the best criterion's score against the whole requirement's.
_CRITERIA = 0.5
_EVIDENCE = 5
#: Items a word of a gap can bring to ask about: a word in hundreds of names singles none out.
_NEAR_LIMIT = 50
#: Ids that look like references (``1.2``, ``10.3``) are masked before reading: they are what
#: the benchmark hides, and a version number says nothing about meaning.
_DOTTED = re.compile(r"\b\d{1,4}(?:\.\d{1,4}){1,3}\b")
#: Words of an endpoint's name that say nothing about what it serves.
_PATH_NOISE = re.compile(r"^(?:api|rest|rpc|v\d+|get|post|put|patch|delete|id)$")
_METHOD = re.compile(r"^(GET|POST|PUT|PATCH|DELETE)\b", re.IGNORECASE)
_PROPERTY_NAME = re.compile(r"^\s*Property\s+\d+[A-Za-z]?\s*[:.\-]?\s*", re.IGNORECASE)
_FOR_ANY = re.compile(
    r"\b(?:for\s+(?:any|all|every|each)|para\s+(?:qualquer|todo|toda|cada)|given\s+any)\b"
    r"|任意|对于|對於|すべての|모든",
    re.IGNORECASE,
)


@dataclass(slots=True)
class _Doc:
    requirement: Requirement
    weights: dict[str, float]
    length: float
    criteria: list[tuple[str, set[str]]]


class _Index:
    """BM25 over weighted term counts, as an inverted index (term -> postings)."""

    def __init__(self, bags: Sequence[Mapping[str, float]], use_idf: bool) -> None:
        self.bags = bags
        lengths = [sum(bag.values()) or 1.0 for bag in bags]
        average = sum(lengths) / len(lengths) if lengths else 1.0
        self.norms = [_K1 * (1.0 - _B + _B * length / average) for length in lengths]
        # Postings hold each document's saturated term frequency, tf / (tf + norm): a query
        # term's share of a document's score is its lift times that.
        # Two flat arrays per term (positions, saturations) rather than a list of pairs: a fifth
        # of the memory on a large spec, where the index is the largest structure of a run.
        self.postings: dict[str, tuple[array[int], array[float]]] = {}
        for position, bag in enumerate(bags):
            norm = self.norms[position]
            for term, weight in bag.items():
                hits = self.postings.get(term)
                if hits is None:
                    hits = self.postings[term] = (array("l"), array("d"))
                hits[0].append(position)
                hits[1].append(weight / (weight + norm))
        count = len(bags)
        self.idf = {
            term: math.log(1.0 + (count - len(hits[0]) + 0.5) / (len(hits[0]) + 0.5))
            if use_idf
            else 1.0
            for term, hits in self.postings.items()
        }
        self.unseen_idf = math.log(1.0 + (count + 0.5) / 0.5) if use_idf else 1.0

    def score(self, query: Mapping[str, float]) -> tuple[dict[int, float], dict[str, float]]:
        """The score of each document the query finds, and each query term's lift (the most
        a document can get from it: their sum, every term saturated, scales scores into
        [0, 1]).

        Words in at most ``_COMMON`` documents find the documents; the common ones only add
        to the ``_SHORTLIST`` best of those, and a query of common words alone finds nothing
        (a word hundreds of requirements share cannot single one out). Exact whenever no query
        word is common (every spec of the corpus but the largest); on a large spec it bounds
        the work per item instead of walking every requirement for every common word
        (docs/inference.md).
        """
        lifts = {
            term: weight * self.idf[term] * (_K1 + 1.0)
            for term, weight in query.items()
            if term in self.postings
        }
        finding = [term for term in lifts if len(self.postings[term][0]) <= _COMMON]
        scores: defaultdict[int, float] = defaultdict(float)
        for term in finding:
            lift = lifts[term]
            for position, saturated in zip(*self.postings[term], strict=True):
                scores[position] += lift * saturated
        common = {
            term: lift for term, lift in lifts.items() if len(self.postings[term][0]) > _COMMON
        }
        if not common:
            return scores, lifts
        shortlist = (
            heapq.nlargest(_SHORTLIST, scores.items(), key=itemgetter(1))
            if len(scores) > _SHORTLIST
            else scores.items()
        )
        return {
            position: value + sum(self.parts(position, common).values())
            for position, value in shortlist
        }, lifts

    def parts(self, position: int, lifts: Mapping[str, float]) -> dict[str, float]:
        """Each query term's share of one document's score."""
        bag = self.bags[position]
        norm = self.norms[position]
        return {
            term: lift * (tf / (tf + norm)) for term, lift in lifts.items() if (tf := bag.get(term))
        }


class Inference:
    """Inference over one spec's requirements, asked item by item.

    The requirement index is built on first use, and each item is asked once: a run asks only
    for the items it needs (auto mode: those no written reference reaches; suggestions: the
    orphans and the items near a gap), not every item against every requirement.
    """

    def __init__(
        self,
        requirements: Sequence[Requirement],
        items: Sequence[DesignItem],
        *,
        prefixes: frozenset[str] = frozenset(),
        signals: Signals = Signals(),
        share: float = 0.9,
        limit: int = 3,
    ) -> None:
        self.requirements = requirements
        self.items = {
            item.id: item
            for item in sorted(items, key=lambda i: i.id)
            if item.kind in TRACEABLE_KINDS
        }
        self.prefixes = prefixes
        self.signals = signals
        self.share = share
        self.limit = limit
        self._asked: dict[str, tuple[Candidate, ...]] = {}
        self._built = False

    def candidates(self, only: Iterable[str] | None = None) -> tuple[Candidate, ...]:
        """Ranked candidates, up to ``limit`` requirements each, sorted by item id and rank:
        for every traceable item, or for those of ``only`` (item ids)."""
        wanted = sorted(self.items if only is None else set(only) & self.items.keys())
        self._build()
        for key in wanted:
            if key not in self._asked:
                self._asked[key] = self._ask(self.items[key])
        return tuple(candidate for key in wanted for candidate in self._asked[key])

    def near(self, targets: Collection[str], per_target: int = 6) -> set[str]:
        """The items whose names share most of the weight of each target's words (a gap: a
        criterion, or a requirement): the few worth asking when looking for what may cover it."""
        self._build()
        found: set[str] = set()
        for doc in self.docs:
            texts = [words for cid, words in doc.criteria if cid in targets]
            if doc.requirement.id in targets:
                texts.append(set(doc.weights))
            for words in texts:
                weight: defaultdict[str, float] = defaultdict(float)
                for word in words:
                    for key in self.named.get(word, ())[:_NEAR_LIMIT]:
                        weight[key] += self.index.idf.get(word, 0.0)
                best = heapq.nsmallest(per_target, weight.items(), key=lambda p: (-p[1], p[0]))
                found.update(key for key, _weight in best)
        return found

    def requirement_docs(self) -> list[_Doc]:
        """The requirements as inference reads them (built once)."""
        self._build()
        return self.docs

    def vocabulary(self) -> dict[str, float]:
        """Every term of the requirements with its total weight."""
        self._build()
        total: defaultdict[str, float] = defaultdict(float)
        for doc in self.docs:
            for term, weight in doc.weights.items():
                total[term] += weight
        return total

    def _build(self) -> None:
        if self._built:
            return
        self._built = True
        signals = self.signals
        self.docs = requirement_docs(self.requirements, signals)
        self.index = _Index([doc.weights for doc in self.docs], signals.idf)
        self.owner = [
            position for position, doc in enumerate(self.docs) for _criterion in doc.criteria
        ]
        self.criteria = _Index(
            [dict.fromkeys(words, 1.0) for doc in self.docs for _cid, words in doc.criteria],
            signals.idf,
        )
        # How many items' names hold a word: ``api`` in every endpoint's says nothing of one.
        self.named: dict[str, list[str]] = {}
        for key, item in self.items.items():
            for word in set(_item_name_terms(item, self.prefixes, signals)):
                self.named.setdefault(word, []).append(key)
        self.naming: Counter[str] = Counter({word: len(keys) for word, keys in self.named.items()})

    def _ask(self, item: DesignItem) -> tuple[Candidate, ...]:
        if not self.docs:
            return ()
        signals, index = self.signals, self.index
        asked = item_query(item, self.prefixes, signals)
        query, named = asked.weights, asked.named
        scores, lifts = index.score(query)
        if not scores:
            return ()
        best_possible = sum(lifts.values())
        # A distinctive word of the item's name that no requirement uses still counts in the
        # best possible score: ``loyalty_points`` matching only on ``cook`` is a weak match.
        # A joined identifier (``invoicemailer``, no readable word of its own) is not a word.
        best_possible += sum(
            query[word] * index.unseen_idf * (_K1 + 1.0)
            for word in named
            if word not in index.postings
            and self.naming[word] == 1
            and word in asked.surfaces
            and not _PATH_NOISE.match(word)
        )
        if signals.criteria and _CRITERIA > 0.0 and self.owner:
            crit_scores, _ = self.criteria.score(query)
            best: dict[int, float] = {}
            for position, value in crit_scores.items():
                doc = self.owner[position]
                if value > best.get(doc, 0.0):
                    best[doc] = value
            top_doc = max(scores.values())
            top_crit = max(best.values(), default=0.0) or 1.0
            scores = {
                doc: (1.0 - _CRITERIA) * value / top_doc + _CRITERIA * best.get(doc, 0.0) / top_crit
                for doc, value in scores.items()
            }
            scale = max(scores.values()) or 1.0
            scores = {doc: value / scale * top_doc for doc, value in scores.items()}
        return tuple(
            _rank(
                item,
                scores,
                index,
                lifts,
                best_possible,
                self.docs,
                signals,
                self.share,
                self.limit,
                asked,
            )
        )


def infer(
    requirements: Sequence[Requirement],
    items: Sequence[DesignItem],
    *,
    prefixes: frozenset[str] = frozenset(),
    signals: Signals = Signals(),
    share: float = 0.9,
    limit: int = 3,
) -> tuple[Candidate, ...]:
    """Ranked candidates for every traceable item: up to ``limit`` requirements each, sorted by
    item id and rank. ``prefixes``: the spec's id prefixes, so references are masked."""
    return Inference(
        requirements, items, prefixes=prefixes, signals=signals, share=share, limit=limit
    ).candidates()


def requirement_docs(requirements: Sequence[Requirement], signals: Signals) -> list[_Doc]:
    docs: list[_Doc] = []
    seen: set[str] = set()
    for requirement in requirements:
        if requirement.id in seen:
            continue
        seen.add(requirement.id)
        weights: defaultdict[str, float] = defaultdict(float)
        _add(weights, _terms(requirement.title, signals), _TITLE)
        _add(weights, _terms(requirement.text, signals), 1.0)
        criteria: list[tuple[str, set[str]]] = []
        for criterion in requirement.criteria:
            words = _terms(criterion.text, signals)
            if signals.actions:
                words += actions(words)
            _add(weights, words, 1.0)
            criteria.append((criterion.id, set(words)))
        docs.append(
            _Doc(
                requirement=requirement,
                weights=weights,
                length=sum(weights.values()) or 1.0,
                criteria=criteria,
            )
        )
    return docs


def _add(weights: defaultdict[str, float], words: Iterable[str], weight: float) -> None:
    for word in words:
        weights[word] += weight


def _terms(text: str, signals: Signals, surfaces: dict[str, str] | None = None) -> list[str]:
    words = terms(text, split=signals.split, stem=signals.stem, cjk=signals.cjk, surfaces=surfaces)
    if not signals.numbers:
        words = [w for w in words if not w.isdigit()]
    return words


def mask_references(text: str, prefixes: frozenset[str]) -> str:
    """The text with every requirement reference blanked (same length)."""
    if not text:
        return text
    hits = find_references(text, prefixes=prefixes)
    if hits:
        chars = list(text)
        for hit in hits:
            chars[hit.start : hit.end] = " " * (hit.end - hit.start)
        text = "".join(chars)
    return _DOTTED.sub(" ", text)


@dataclass(frozen=True, slots=True)
class _Query:
    """One item's question to the index."""

    weights: dict[str, float]
    """Weighted terms: name, headings, body."""
    surfaces: dict[str, str]
    """A readable word for each term."""
    named: frozenset[str]
    """The terms of its name."""
    own: frozenset[str]
    """The terms of its own words (name and body), generic words of design left out: what a
    match must rest on to say something about this item rather than its section."""
    destroys: str | None = None
    """``@delete`` for a DELETE endpoint: it serves a requirement only when that requirement
    asks to delete, remove or cancel something (removal nobody asked for is the most common
    scope of its own)."""


def _item_name_terms(item: DesignItem, prefixes: frozenset[str], signals: Signals) -> list[str]:
    """The terms of an item's name (a property's title: "Property 3" is a number)."""
    return _terms(_item_name(item, prefixes), signals)


def _item_name(item: DesignItem, prefixes: frozenset[str]) -> str:
    name = mask_references(item.name, prefixes)
    if item.kind == ItemKind.PROPERTY:
        # "Property 3" is a number, not a name: its title opens its text, before "For any".
        title = _PROPERTY_NAME.sub("", mask_references(item.text, prefixes)[:300])
        name = " ".join(_FOR_ANY.split(title, maxsplit=1)[0].split(".", 1)[0].split()[:12])
    return name


def item_query(item: DesignItem, prefixes: frozenset[str], signals: Signals) -> _Query:
    """The item's weighted terms (name, headings, body), a readable word for each, the terms of
    its name and of its own words."""
    query: defaultdict[str, float] = defaultdict(float)
    surfaces: dict[str, str] = {}
    name = _item_name(item, prefixes)
    text = mask_references(item.text, prefixes)
    named = _terms(name, signals, surfaces)
    _add(query, named, _NAME)
    own = set(named)
    if signals.actions and item.kind == ItemKind.ENDPOINT:
        method = _METHOD.match(item.name)
        if method:
            action = METHOD_ACTIONS[method.group(1).lower()]
            query[action] += _NAME
            surfaces[action] = f"{method.group(1).upper()}~{action[1:]}"
    if signals.section and item.section:
        # The document's title heads every item: it tells nothing about one of them.
        path = item.section.split(" > ")
        headings = path[1:][-2:] if len(path) > 1 else path
        # Generic words of design in headings ("Backend Services", "Frontend Components") say
        # nothing about the items under them.
        heading_terms = _terms(mask_references(" ".join(headings), prefixes), signals, surfaces)
        _add(query, [t for t in heading_terms if t not in GENERIC_TERMS], _HEADING)
    if signals.body:
        body = _terms(text, signals, surfaces)
        _add(query, body, 1.0)
        own.update(body)
    own -= GENERIC_TERMS
    destroys = (
        METHOD_ACTIONS["delete"]
        if signals.actions
        and item.kind == ItemKind.ENDPOINT
        and item.name.upper().startswith("DELETE ")
        # ``DELETE /push/unsubscribe`` names its action: it removes no resource of its own.
        and not actions(_terms(item.name.split(" ", 1)[-1], signals))
        else None
    )
    if len(query) > _QUERY_TERMS:
        kept = dict(sorted(query.items(), key=lambda p: (-p[1], p[0]))[:_QUERY_TERMS])
        named = [term for term in named if term in kept]
        query = defaultdict(float, kept)
    return _Query(query, surfaces, frozenset(named), frozenset(own), destroys)


def _rank(
    item: DesignItem,
    scores: dict[int, float],
    index: _Index,
    lifts: dict[str, float],
    best_possible: float,
    docs: list[_Doc],
    signals: Signals,
    share: float,
    limit: int,
    asked: _Query,
) -> list[Candidate]:
    ranked = heapq.nsmallest(
        max(limit, 2), scores.items(), key=lambda pair: (-pair[1], docs[pair[0]].requirement.id)
    )
    top = ranked[0][1]
    clear = len(ranked) == 1 or ranked[1][1] < MARGIN * top
    result: list[Candidate] = []
    for rank, (position, score) in enumerate(ranked[:limit], start=1):
        selected = rank == 1 or (signals.multi and score >= share * top)
        contributions = index.parts(position, lifts)
        evidence = sorted(contributions, key=lambda t: (-contributions[t], t))[:_EVIDENCE]
        surfaces = asked.surfaces
        grounded = not asked.own.isdisjoint(contributions) and (
            asked.destroys is None or asked.destroys in contributions
        )
        result.append(
            Candidate(
                item=item.id,
                requirement=docs[position].requirement.id,
                targets=_targets(docs[position], contributions),
                score=round(min(1.0, score / best_possible), 3) if best_possible else 0.0,
                evidence=tuple(dict.fromkeys(surfaces.get(t, t) for t in evidence)),
                rank=rank,
                selected=selected,
                confident=rank == 1 and clear and grounded,
                grounded=grounded,
            )
        )
    return result


def _targets(doc: _Doc, contributions: dict[str, float]) -> tuple[str, ...]:
    """The criteria holding most of the matched weight; the requirement when none stands out."""
    if not doc.criteria:
        return (doc.requirement.id,)
    weighed = [(sum(contributions.get(t, 0.0) for t in words), cid) for cid, words in doc.criteria]
    best = max(weight for weight, _cid in weighed)
    if best <= 0.0:
        return (doc.requirement.id,)
    return tuple(cid for weight, cid in weighed if weight >= 0.5 * best)


def links_of(
    candidates: Iterable[Candidate], threshold: float, *, confident_only: bool = False
) -> tuple[Link, ...]:
    """Inferred links for the selected candidates that reach ``threshold`` (``confident_only``:
    and that are clearly their item's best, as auto mode counts them)."""
    found: list[Link] = []
    for candidate in candidates:
        if not candidate.selected or candidate.score < threshold:
            continue
        if confident_only and not candidate.confident:
            continue
        found.extend(
            Link(
                source=candidate.item,
                target=target,
                origin=RefOrigin.INFERRED,
                score=candidate.score,
                evidence=candidate.evidence,
            )
            for target in candidate.targets
        )
    return tuple(sorted(found, key=lambda link: (link.source, link.target)))
