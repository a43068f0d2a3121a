"""Code blocks in a programming language: type declarations to interfaces (or entities).

TypeScript, Java and C# go through tree-sitter (imported on the first such block); Python through
``ast``; languages without an installed grammar (Kotlin, PHP, Dart, Go, Swift) through a line
scanner in ``parse/declarations.py``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from spectrace.model import ItemKind
from spectrace.parse.code.declarations import read_declarations
from spectrace.parse.code.entries import CodeRead, Entry, comment_lead, unique
from spectrace.parse.code.python import read_python

_TYPESCRIPT = frozenset({"typescript", "ts", "tsx", "javascript", "js", "jsx", "mjs", "cjs"})
_JAVA = frozenset({"java"})
_CSHARP = frozenset({"csharp", "c#", "cs"})
_PYTHON = frozenset({"python", "py", "python3"})
_OTHER = frozenset({"kotlin", "kt", "php", "dart", "go", "golang", "swift", "scala"})

_GRAMMARS = {
    **dict.fromkeys(_TYPESCRIPT, "typescript"),
    "tsx": "tsx",
    "jsx": "tsx",
    **dict.fromkeys(_JAVA, "java"),
    **dict.fromkeys(_CSHARP, "csharp"),
}

#: Languages whose blocks this module reads.
LANGUAGES = _TYPESCRIPT | _JAVA | _CSHARP | _PYTHON | _OTHER

_DECLARATIONS = {
    "interface_declaration",
    "type_alias_declaration",
    "enum_declaration",
    "class_declaration",
    "abstract_class_declaration",
    "record_declaration",
    "struct_declaration",
    "annotation_type_declaration",
}
# Containers a declaration may sit in: exports, namespaces, and the ERROR nodes tree-sitter wraps
# around valid code when something near it does not parse.
_CONTAINERS = {
    "program",
    "compilation_unit",
    "export_statement",
    "ambient_declaration",
    "internal_module",
    "module",
    "statement_block",
    "namespace_declaration",
    "file_scoped_namespace_declaration",
    "declaration_list",
    "ERROR",
}
_DECLARES = re.compile(
    r"^\s*(?:export\s+|public\s+|abstract\s+|declare\s+)*(?:interface|class|type|enum|record)\s+\w",
    re.MULTILINE,
)
_FOREIGN_ANNOTATIONS = frozenset({"ManyToOne", "OneToOne"})


def read_code(code: str, language: str) -> CodeRead:
    """Declarations of a code block in ``language`` (a fence's info string, lower case)."""
    if language in _PYTHON:
        return read_python(code)
    if language in _OTHER:
        return read_declarations(code, language)
    grammar = _GRAMMARS.get(language, "")
    if not grammar or not _DECLARES.search(code):
        return CodeRead()  # no declaration to find: skip the parse
    source = code.encode("utf-8")
    tree = _parser(grammar).parse(source)
    lines = code.splitlines()
    entries = [_entry(node, lines, grammar) for node in _declarations(tree.root_node, 0)]
    found = tuple(e for e in entries if e is not None)
    errors: tuple[tuple[int, str], ...] = ()
    if tree.root_node.has_error and not found:
        errors = ((_first_error_line(tree.root_node), f"{language} block does not parse"),)
    return CodeRead(entries=found, errors=errors)


@lru_cache(maxsize=4)
def _parser(grammar: str) -> Any:
    import tree_sitter

    if grammar in ("typescript", "tsx"):
        import tree_sitter_typescript

        language = (
            tree_sitter_typescript.language_tsx()
            if grammar == "tsx"
            else tree_sitter_typescript.language_typescript()
        )
    elif grammar == "java":
        import tree_sitter_java

        language = tree_sitter_java.language()
    else:
        import tree_sitter_c_sharp

        language = tree_sitter_c_sharp.language()
    return tree_sitter.Parser(tree_sitter.Language(language))


def _declarations(node: Any, depth: int) -> Iterator[Any]:
    for child in node.children:
        if child.type in _DECLARATIONS:
            yield child
        elif child.type in _CONTAINERS and depth < 6:
            yield from _declarations(child, depth + 1)


def _first_error_line(node: Any) -> int:
    stack = [node]
    while stack:
        current = stack.pop()
        if current.type == "ERROR" or current.is_missing:
            return int(current.start_point[0])
        stack.extend(reversed(current.children))
    return 0


def _text(node: Any) -> str:
    return node.text.decode("utf-8", "replace") if node is not None and node.text else ""


def _entry(node: Any, lines: list[str], grammar: str) -> Entry | None:
    name = _text(node.child_by_field_name("name"))
    if not name:
        return None
    if node.type == "type_alias_declaration":
        value = node.child_by_field_name("value")
        if value is None or "object_type" not in _types_within(value, 2):
            return None  # unions, mapped and inferred types describe no shape of their own
    start = int(node.start_point[0])
    end = int(node.end_point[0])
    members = _members(node)
    kind = ItemKind.INTERFACE
    fields: tuple[tuple[str, int], ...] = ()
    uses: tuple[str, ...] = ()
    annotations = _annotations(node)
    if grammar == "java" and "Entity" in annotations:
        # A JPA entity is a table: its @Table name (else the class name), columns and the
        # targets of its owning @ManyToOne / @OneToOne fields.
        kind = ItemKind.ENTITY
        name = annotations.get("Table") or name
        fields = tuple((member, line) for member, line, _ in _fields(node))
        uses = unique([target for _, _, target in _fields(node) if target])
    return Entry(
        kind=kind,
        name=name,
        line=start,
        end=end,
        lead=comment_lead(lines, start),
        fields=fields,
        uses=uses,
        words=" ".join([name, *members]),
    )


def _types_within(node: Any, depth: int) -> set[str]:
    found = {node.type}
    if depth > 0:
        for child in node.children:
            found |= _types_within(child, depth - 1)
    return found


def _body(node: Any) -> Any:
    return node.child_by_field_name("body")


def _members(node: Any) -> list[str]:
    """Names of a declaration's members (properties, fields, methods, enum values)."""
    body = _body(node)
    if body is None:
        return []
    names: list[str] = []
    for child in body.children:
        name = child.child_by_field_name("name")
        if name is None:
            declarator = child.child_by_field_name("declarator")
            if declarator is None:
                for sub in child.children:
                    if sub.type in ("variable_declaration", "variable_declarator"):
                        declarator = sub
                        break
            if declarator is not None and declarator.type == "variable_declaration":
                declarator = next(
                    (c for c in declarator.children if c.type == "variable_declarator"), None
                )
            name = declarator.child_by_field_name("name") if declarator is not None else None
            if name is None and declarator is not None:
                name = next((c for c in declarator.children if c.type == "identifier"), None)
        text = _text(name)
        if text:
            names.append(text)
    return names[:200]


def _annotations(node: Any) -> dict[str, str]:
    """Java annotations of a declaration: name -> its ``name = "..."`` (or only) string value."""
    found: dict[str, str] = {}
    for child in node.children:
        if child.type != "modifiers":
            continue
        for annotation in child.children:
            if annotation.type not in ("annotation", "marker_annotation"):
                continue
            name = _text(annotation.child_by_field_name("name")).rsplit(".", 1)[-1]
            value = re.search(r"\"([^\"]{1,128})\"", _text(annotation))
            found[name] = value.group(1) if value else ""
    return found


def _fields(node: Any) -> Iterator[tuple[str, int, str]]:
    """(field, 0-based line, related entity or "") of a JPA entity's fields."""
    body = _body(node)
    if body is None:
        return
    for child in body.children:
        if child.type != "field_declaration":
            continue
        declarator = child.child_by_field_name("declarator")
        name = _text(declarator.child_by_field_name("name")) if declarator is not None else ""
        if not name:
            continue
        target = ""
        if _FOREIGN_ANNOTATIONS & set(_annotations(child)):
            target = _text(child.child_by_field_name("type"))
        yield name, int(child.start_point[0]), target
