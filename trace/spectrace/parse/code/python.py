"""Python blocks through ``ast``: classes to interfaces, Django/SQLAlchemy models to entities."""

from __future__ import annotations

import ast
import re

from spectrace.model import ItemKind
from spectrace.parse.code.entries import CodeRead, Entry, comment_lead, unique

_DJANGO_RELATIONS = frozenset({"ForeignKey", "OneToOneField", "ManyToManyField"})
# A signature line with no colon: `def f(x) -> T`, or the `) -> T` that closes a long one.
_STUB = re.compile(
    r"^((?:[ \t]*(?:async[ \t]+)?def[ \t]+\w{1,100}[ \t]*\([^\n]{0,400}\)|[ \t]*\))"
    r"(?:[ \t]*->[ \t]*[^\n:]{1,200})?)[ \t]*$",
    re.MULTILINE,
)


def read_python(code: str) -> CodeRead:
    """Classes of a Python block; a block that does not parse gives nothing and one error."""
    tree = _parse(code)
    if isinstance(tree, str):
        line, _, message = tree.partition(":")
        return CodeRead(errors=((int(line), f"Python block does not parse:{message}"),))
    lines = code.splitlines()
    entries = [_entry(node, lines) for node in tree.body if isinstance(node, ast.ClassDef)]
    return CodeRead(entries=tuple(entries))


def _parse(code: str) -> ast.Module | str:
    """The module, or ``"line:message"`` (0-based line) when it does not parse."""
    try:
        return ast.parse(code)
    except (SyntaxError, ValueError) as exc:
        # Designs often list bare signatures (`def login(email: str) -> Token`): give them a
        # body and try once more before giving up on the block.
        stubbed = _STUB.sub(r"\1: ...", code)
        if stubbed != code:
            try:
                return ast.parse(stubbed)
            except (SyntaxError, ValueError):
                pass
        line = max(int(getattr(exc, "lineno", None) or 1) - 1, 0)
        return f"{line}: {getattr(exc, 'msg', exc)}"


def _entry(node: ast.ClassDef, lines: list[str]) -> Entry:
    start = min([node.lineno, *(d.lineno for d in node.decorator_list)]) - 1
    end = (node.end_lineno or node.lineno) - 1
    members = _members(node)
    table = _tablename(node)
    django = any(_dotted(base).endswith("models.Model") for base in node.bases)
    sqlmodel = any(kw.arg == "table" for kw in node.keywords)
    if django or table or sqlmodel:
        fields, uses = _model_fields(node, django)
        return Entry(
            kind=ItemKind.ENTITY,
            name=table or node.name,
            line=start,
            end=end,
            lead=comment_lead(lines, start),
            fields=tuple(fields),
            uses=unique(uses),
            words=" ".join([node.name, *members]),
        )
    return Entry(
        kind=ItemKind.INTERFACE,
        name=node.name,
        line=start,
        end=end,
        lead=comment_lead(lines, start),
        words=" ".join([node.name, *members]),
    )


def _dotted(node: ast.expr) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return f"{_dotted(node.value)}.{node.attr}"
    return ""


def _tablename(node: ast.ClassDef) -> str:
    for statement in node.body:
        if (
            isinstance(statement, ast.Assign)
            and any(isinstance(t, ast.Name) and t.id == "__tablename__" for t in statement.targets)
            and isinstance(statement.value, ast.Constant)
            and isinstance(statement.value.value, str)
        ):
            return statement.value.value
    return ""


def _members(node: ast.ClassDef) -> list[str]:
    names: list[str] = []
    for statement in node.body:
        if isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name):
            names.append(statement.target.id)
        elif isinstance(statement, ast.Assign):
            names.extend(t.id for t in statement.targets if isinstance(t, ast.Name))
        elif isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef):
            names.append(statement.name)
    return [n for n in names if not n.startswith("__")]


def _model_fields(node: ast.ClassDef, django: bool) -> tuple[list[tuple[str, int]], list[str]]:
    """Columns of a Django or SQLAlchemy model and the models its foreign keys name."""
    fields: list[tuple[str, int]] = []
    uses: list[str] = []
    for statement in node.body:
        target: ast.expr | None = None
        value: ast.expr | None = None
        if isinstance(statement, ast.Assign) and len(statement.targets) == 1:
            target, value = statement.targets[0], statement.value
        elif isinstance(statement, ast.AnnAssign):
            target, value = statement.target, statement.value
        if not isinstance(target, ast.Name) or target.id.startswith("__"):
            continue
        call = value if isinstance(value, ast.Call) else None
        function = _dotted(call.func).rsplit(".", 1)[-1] if call is not None else ""
        if function == "relationship" and call is not None:
            uses.extend(n.rsplit(".", 1)[-1] for n in _first_name(call))  # navigation only
            continue
        if django and function in _DJANGO_RELATIONS and call is not None:
            # Django names a model: "app.Model", Model or "Model".
            uses.extend(n.rsplit(".", 1)[-1] for n in _first_name(call))
        elif call is not None:
            # SQLAlchemy names a column: ForeignKey("users.id") or ForeignKey(User.id).
            for inner in ast.walk(call):
                if isinstance(inner, ast.Call) and _dotted(inner.func).endswith("ForeignKey"):
                    uses.extend(n.split(".", 1)[0] for n in _first_name(inner))
        if call is not None or isinstance(statement, ast.AnnAssign):
            fields.append((target.id, statement.lineno - 1))
    return fields, uses


def _first_name(call: ast.Call) -> list[str]:
    """What a relation call names first, as written: ``"users.id"``, ``User``, ``"app.User"``."""
    if not call.args:
        return []
    first = call.args[0]
    if isinstance(first, ast.Constant) and isinstance(first.value, str):
        return [] if first.value == "self" else [first.value]
    name = _dotted(first)
    return [name] if name else []
