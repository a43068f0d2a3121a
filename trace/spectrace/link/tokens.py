"""Text to index terms for inference: identifiers split, words stemmed, CJK as character bigrams.

Hand-written: the tokenisers of search libraries (whoosh, tantivy, lucene ports) either do not
split code identifiers or pull in a whole engine, and this one is a single regex pass. Stemming
is Snowball's (a maintained stemmer); Chinese and Japanese get overlapping character bigrams,
the usual choice in retrieval when no word segmenter is worth its weight (jieba and MeCab are
large and slow to load, and bigrams measured as well on the corpus).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

import snowballstemmer

__all__ = [
    "ACTIONS",
    "GENERIC_TERMS",
    "METHOD_ACTIONS",
    "RECORD_KEEPING_TERMS",
    "actions",
    "terms",
]

# One pass: a run of letters/digits (Latin with accents and Vietnamese included), or a run of
# one CJK script. No nested quantifiers; every alternative consumes at least one character.
_RUN = re.compile(
    r"(?P<word>[0-9A-Za-z\u00c0-\u024f\u1e00-\u1eff]+)"
    r"|(?P<han>[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+)"
    r"|(?P<kata>[\u30a0-\u30ff\u31f0-\u31ff\uff66-\uff9f]+)"
    r"|(?P<hangul>[\uac00-\ud7af]+)"
)
# camelCase and acronym boundaries inside one run: ``HTTPServerError`` -> HTTP, Server, Error.
_PART = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z\u00df-\u024f\u1e00-\u1eff]+|[0-9]+|[A-Z]")

#: Criterion verbs and the HTTP method that usually serves them: both sides get the same
#: ``@action`` term, so ``POST /api/orders`` meets "WHEN a user places an order".
# fmt: off
ACTIONS: dict[str, str] = {
    **dict.fromkeys(
        ("create", "add", "register", "submit", "upload", "send", "place", "new", "invite",
         "signup", "insert", "generate", "save"),
        "@create",
    ),
    **dict.fromkeys(
        ("delete", "remove", "cancel", "revoke", "archive", "destroy", "unsubscribe", "withdraw",
         "purge", "erase", "excluir", "remover", "deletar", "apagar", "eliminar",
         "borrar", "xóa", "削除", "删除", "삭제"),
        "@delete",
    ),
    **dict.fromkeys(
        ("list", "search", "view", "get", "fetch", "retrieve", "display", "show", "browse",
         "filter", "find", "read", "query", "download", "export", "see"),
        "@read",
    ),
    **dict.fromkeys(
        ("update", "edit", "modify", "change", "patch", "put", "rename", "reorder", "toggle",
         "set", "mark", "assign", "move", "approve", "reject"),
        "@update",
    ),
}
# fmt: on
METHOD_ACTIONS: dict[str, str] = {
    "post": "@create",
    "delete": "@delete",
    "get": "@read",
    "put": "@update",
    "patch": "@update",
}

# Words every spec uses whatever it is about (EARS keywords, English and Portuguese function
# words, spec boilerplate). IDF would push most of them down anyway; dropping them keeps the
# evidence readable and the index small.
_STOP = frozenset(
    """a an the and or but if then when while where whether of to in on at by for from with
    without into onto over under as is are be been being was were am do does did done has have
    had having it its this that these those there their them they we our us you your he she his
    her i me my not no nor so than too very can could may might must shall should will would
    all any each every some such only own same other more most also just about above after
    before again against between both during further here how once out up down off why what
    which who whom whose via per etc e g ie eg
    system user users shall able want ensure ensures provide provides provided support supports
    use uses used using need needs allow allows given within based following include includes
    including s t
    o os as um uma uns umas de do da dos das no na nos nas em por para com sem que se ao aos
    e ou mas como mais deve devem ser estar sistema usuario usuário quando então entao
    la el los las y del""".split()  # noqa: SIM905 (a word list reads better as prose)
)

_Stemmer = Callable[[str], str]


@lru_cache(maxsize=1)
def _english() -> _Stemmer:
    stemmer = snowballstemmer.stemmer("english")
    return stemmer.stemWord  # type: ignore[no-any-return]


@lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    # Memoised: a spec repeats its vocabulary, and Snowball in pure Python is the slow step.
    return _english()(word) if word.isascii() else word


@lru_cache(maxsize=131072)
def _latin(run: str, split: bool, stem: bool) -> tuple[tuple[str, str], ...]:
    """The terms of one run of letters and digits, each with its readable word ("" for none).
    Memoised: a spec says the same words thousands of times."""
    parts = _PART.findall(run) if split else [run]
    root = _stem if stem else str
    found: list[tuple[str, str]] = []
    for part in parts:
        word = part.lower()
        if word in _STOP or (len(word) < 2 and not word.isdigit()):
            continue
        if word.isdigit():
            # Numbers matter when they are values (404, 255, 8 characters), not list positions.
            if len(word) >= 2:
                found.append((word, ""))
            continue
        found.append((root(word), word))
    if len(parts) > 1:
        # The joined identifier too: ``OrderItem`` also matches "orderitem" written as one word.
        joined = run.lower()
        if not joined.isdigit():
            found.append((root(joined), ""))
    return tuple(found)


def _bigrams(run: str, out: list[str]) -> None:
    if len(run) == 1:
        out.append(run)
        return
    out.extend(run[i : i + 2] for i in range(len(run) - 1))


def terms(
    text: str,
    *,
    split: bool = True,
    stem: bool = True,
    cjk: bool = True,
    surfaces: dict[str, str] | None = None,
) -> list[str]:
    """The index terms of ``text``, in order, repeats kept (callers count them).

    ``split``, ``stem`` and ``cjk`` (bigrams) can be turned off to measure what each brings;
    ``surfaces`` receives a readable word for each stemmed term (for evidence).
    """
    out: list[str] = []
    for match in _RUN.finditer(text):
        kind = match.lastgroup
        run = match.group()
        if kind == "word":
            for term, word in _latin(run, split, stem):
                out.append(term)
                if word and surfaces is not None:
                    surfaces.setdefault(term, word)
        elif not cjk:
            out.append(run)
        elif kind == "kata":
            # Katakana runs are loanwords (ユーザー, パスワード): one term each.
            if len(run) > 1:
                out.append(run)
        else:
            _bigrams(run, out)
    return out


def actions(words: list[str]) -> list[str]:
    """``@action`` terms for the action verbs among ``words`` (stemmed terms)."""
    return [_ACTION_STEMS[w] for w in words if w in _ACTION_STEMS]


_ACTION_STEMS: dict[str, str] = {_stem(word): action for word, action in ACTIONS.items()}


#: Words of design that name a kind of part, not what a part is for (``OrderService`` is about
#: orders): a match resting on them alone says nothing about an item.
GENERIC_TERMS: frozenset[str] = frozenset(
    term
    for word in """service services controller controllers repository repositories manager
    handler provider component components module modules store client adapter gateway dto dtos
    request response config configuration props model models entity entities table tables schema
    schemas input output params interface interfaces type types impl implementation util utils
    helper helpers factory middleware hook hooks context page pages view views screen api apis
    rest endpoint endpoints data info item items id ids base core main default generic common
    shared layer backend frontend server database db v1 v2 get post put patch""".split()  # noqa: SIM905
    for term in terms(word)
)


#: Words of the columns every record keeps (``created_at``, ``updated_by``, ``status``): a
#: table holding them says nothing of what it is for.
RECORD_KEEPING_TERMS: frozenset[str] = frozenset(
    term
    for word in """created updated deleted modified at by on date time timestamp version
    status type name title description active enabled""".split()  # noqa: SIM905
    for term in terms(word)
)
