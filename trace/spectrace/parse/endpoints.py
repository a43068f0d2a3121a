"""``METHOD /path`` endpoints: where they are written and their identity key.

Hand-written patterns: no library reads routes out of prose, tables and code of any language;
every repetition is bounded, so each pattern runs in linear time.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS")
_METHOD = "GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS"
# A path starts with "/" and a path character (so "GET / POST" is not an endpoint); an absolute
# URL's scheme and host are allowed in front and dropped.
_HOST_PART = r"(?:https?://[^\s/`'\"]{1,253})?"
_PATH = (
    rf"{_HOST_PART}/[\w{{:<\[$.~*@%+=!-][^\s`'\"|,;]{{0,300}}"
    # the root path alone, unless it is "GET / POST" (two methods, no path)
    rf"|{_HOST_PART}/(?=[\s`'\"|,;)]|$)(?!\s{{1,8}}(?:GET|POST|PUT|PATCH|DELETE)\b)"
)
_ENDPOINT = re.compile(rf"\b({_METHOD})\s{{1,8}}({_PATH})")
# At the start of prose (after list numbering, emphasis, code ticks or a letter bullet).
_LEADING = re.compile(
    rf"^(?:[\s*_`>\[(]|\d{{1,3}}[.)]\s|[A-Za-z][.)]\s){{0,8}}({_METHOD})\s{{1,8}}({_PATH})"
)
# In a code span anywhere in prose: `GET /api/x`.
_SPAN = re.compile(rf"`\s{{0,2}}({_METHOD})\s{{1,8}}({_PATH})")
# At the start of a code line, after comment markers, tree-drawing characters or numbering.
_CODE_LINE = re.compile(
    rf"^[\s│├└─┬┼|*#/>-]{{0,40}}(?:\d{{1,3}}[.)]\s{{0,4}})?({_METHOD})\s{{1,8}}({_PATH})"
)
# Route decorators and router calls: @app.get("/x"), @GetMapping("/x"), router.post('/x'), ...
_DECORATOR = re.compile(
    r"(?:@|\b)(?:app|router|api|bp|blueprint|server|route|routes|Route|\w{1,30}_router"
    r"|\w{1,30}Router|\w{1,30}_bp)(?:\.|::)"
    r"(get|post|put|patch|delete|head|options)\s{0,4}\(\s{0,4}[\"'`](/[^\"'`\s]{0,300})[\"'`]"
    r"|@(Get|Post|Put|Patch|Delete|Head|Options)(?:Mapping)?\s{0,4}\("
    r"\s{0,4}(?:(?:value|path)\s{0,4}=\s{0,4})?"
    r"[\"']([^\"'\s]{0,300})[\"']"
    r"|\[Http(Get|Post|Put|Patch|Delete|Head|Options)\s{0,4}\(\s{0,4}\"([^\"\s]{0,300})\""
)
_CLASS_PREFIX = re.compile(
    r"@(?:RequestMapping|Controller|Path)\s{0,4}\(\s{0,4}(?:(?:value|path)\s{0,4}=\s{0,4})?"
    r"[\"']([^\"'\s]{0,300})[\"']|\[Route\(\s{0,4}\"([^\"\s]{0,300})\""
)
_PARAM = re.compile(
    r"^(?:\$?\{{1,2}[^{}/]{0,80}\}{1,2}|:\w{1,80}\??|<[^<>/]{0,80}>|\[[^\[\]/]{0,80}\]|\*{1,2})$"
)
_METHOD_HEADERS = frozenset(
    {"method", "http method", "verb", "方法", "メソッド", "método", "메서드"}
)
_PATH_HEADER = re.compile(
    r"path|endpoint|route|url|uri|路径|パス|エンドポイント|接口|rota|caminho|경로|엔드포인트", re.I
)
_HOST = re.compile(r"^https?://[^/]{1,253}")
_TRAILING = ".,:;*"


def endpoint_name(method: str, path: str) -> str:
    """``METHOD /path`` as written: method upper-case; host, query and trailing slash dropped."""
    return f"{method.upper()} {_clean(path)}"


def endpoint_key(name: str) -> str:
    """Identity of an endpoint name: parameters of any spelling become ``{}``, case folded."""
    method, _, path = name.partition(" ")
    segments = []
    for segment in _clean(path).split("/"):
        segments.append("{}" if _PARAM.match(segment) else segment.lower())
    return f"{method.upper()} {'/'.join(segments) or '/'}"


def _clean(path: str) -> str:
    path = _HOST.sub("", path.strip())
    for mark in ("?", "#"):
        cut = path.find(mark)
        if cut > 0:
            path = path[:cut]
    while path and path[-1] in _TRAILING:
        path = path[:-1]
    # A closing bracket that opens nowhere in the path belongs to the prose around it.
    while path.endswith(")") and path.count("(") < path.count(")"):
        path = path[:-1]
    while path.endswith("]") and path.count("[") < path.count("]"):
        path = path[:-1]
    if len(path) > 1:
        path = path.rstrip("/")
    return path or "/"


def in_prose(text: str, spans: bool = True) -> list[str]:
    """Endpoints a bullet, paragraph or cell defines: one leading it, and any in code spans.

    ``spans=False``: only a leading one (a sentence of an introduction quoting `GET /x`).
    """
    found: list[str] = []
    lead = _LEADING.match(text)
    if lead:
        found.append(endpoint_name(lead.group(1), lead.group(2)))
    if spans:
        for match in _SPAN.finditer(text):
            found.append(endpoint_name(match.group(1), match.group(2)))
    return list(dict.fromkeys(found))


def in_heading(text: str) -> list[str]:
    """Endpoints a heading names, wherever they stand in it."""
    return list(
        dict.fromkeys(endpoint_name(m.group(1), m.group(2)) for m in _ENDPOINT.finditer(text))
    )


def in_code_line(line: str) -> str:
    """The endpoint a code line starts with (``POST /api/x  // create``), else ``""``."""
    match = _CODE_LINE.match(line)
    return endpoint_name(match.group(1), match.group(2)) if match else ""


def in_code(code: str) -> Iterator[tuple[int, str]]:
    """(0-based line, endpoint) for route lines and route decorators of a code block."""
    prefix = ""
    for number, line in enumerate(code.splitlines()):
        name = in_code_line(line)
        if name:
            yield number, name
            continue
        if "(" not in line:
            continue
        head = _CLASS_PREFIX.search(line)
        if head and not prefix:
            prefix = "/" + (head.group(1) or head.group(2) or "").strip("/")
            continue
        match = _DECORATOR.search(line)
        if match:
            groups = [g for g in match.groups() if g is not None]
            method, path = groups[0], groups[1]
            if not path.startswith("/"):
                path = "/" + path
            full = (prefix.rstrip("/") + path) if prefix and prefix != "/" else path
            yield number, endpoint_name(method, full)


def is_method(text: str) -> bool:
    """A table cell that holds only an HTTP method."""
    return text.strip().strip("`*").upper() in METHODS


def table_path(text: str) -> str:
    """A table cell that holds only a path (``/api/x`` or `` `/api/x` ``), else ``""``."""
    cell = text.strip().strip("`*").strip()
    if not cell.startswith("/") or " " in cell:
        return ""
    return cell


def in_row(cells: tuple[str, ...], header: tuple[str, ...]) -> list[str]:
    """Endpoints of a table row: Method and Path columns, or a cell holding ``GET /x``."""
    method = path = -1
    for position, title in enumerate(header):
        name = title.strip().strip("`*").lower()
        if method < 0 and name in _METHOD_HEADERS:
            method = position
        elif path < 0 and _PATH_HEADER.search(name):
            path = position
    if 0 <= method < len(cells) and 0 <= path < len(cells):
        verb, route = cells[method], table_path(cells[path])
        if is_method(verb) and route:
            return [endpoint_name(verb.strip().strip("`*"), route)]
    verbs = [cell for cell in cells if is_method(cell)]
    if verbs:
        routes = [route for route in map(table_path, cells) if route]
        if routes:
            return [endpoint_name(verbs[0].strip().strip("`*"), routes[0])]
    found: list[str] = []
    for cell in cells:
        found.extend(in_prose(cell))
    return list(dict.fromkeys(found))
