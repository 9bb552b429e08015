"""The stub's type names at run time: FindingKind, Summary, AuthorizationRow, ClaimSource, ...

They are written once, in __init__.pyi, for type checkers. This module runs those definitions
(the type aliases and the TypedDicts, nothing else of the stub) so that `authmatch.Summary` and
`from authmatch import FindingKind` work at run time too, and mean what the stub says.
"""

import ast
import datetime
import decimal
import importlib.resources
import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any, Literal, TypedDict

from ._authmatch import Finding, Remittance, Report


def _is_type_definition(node: ast.stmt, typed_dicts: set) -> bool:
    """An alias (`Name = ...`) or a TypedDict (a class on TypedDict or on another TypedDict)."""
    if isinstance(node, ast.Assign):
        return len(node.targets) == 1 and isinstance(node.targets[0], ast.Name)
    if isinstance(node, ast.ClassDef) and any(
            isinstance(base, ast.Name) and base.id in typed_dicts for base in node.bases):
        typed_dicts.add(node.name)
        return True
    return False


def _define() -> list:
    stub = importlib.resources.files(__package__).joinpath("__init__.pyi").read_text()
    namespace = {
        "datetime": datetime, "decimal": decimal, "os": os, "Iterable": Iterable,
        "Iterator": Iterator, "Mapping": Mapping, "Sequence": Sequence, "Any": Any,
        "Literal": Literal, "TypedDict": TypedDict, "Finding": Finding, "Remittance": Remittance,
        "Report": Report,
    }
    typed_dicts = {"TypedDict"}
    names = []
    for node in ast.parse(stub).body:
        if _is_type_definition(node, typed_dicts):
            exec(compile(ast.Module([node], []), "authmatch/__init__.pyi", "exec"), namespace)
            name = node.name if isinstance(node, ast.ClassDef) else node.targets[0].id
            value = namespace[name]
            if isinstance(value, type):
                value.__module__ = "authmatch"
            globals()[name] = value
            names.append(name)
    return names


__all__ = _define()
