"""The .pyi stub editors read describes the module as it is."""

import ast
import importlib.resources

import authmatch

STUB = ast.parse(importlib.resources.files("authmatch").joinpath("__init__.pyi").read_text())
STUB_CLASSES = {node.name: node for node in STUB.body if isinstance(node, ast.ClassDef)}
HELPER_TYPES = {"AuthorizationRow", "LedgerRow", "RulePreset", "Summary"}  # TypedDicts that exist only for type checkers


def public_members(node: ast.ClassDef) -> set:
    names = set()
    for item in node.body:
        if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)):
            names.add(item.name)
        elif isinstance(item, ast.AnnAssign) and isinstance(item.target, ast.Name):
            names.add(item.target.id)
    return {n for n in names if not n.startswith("_")}


def test_every_exported_name_is_in_the_stub():
    stubbed = set(STUB_CLASSES)
    for node in STUB.body:
        if isinstance(node, ast.FunctionDef):
            stubbed.add(node.name)
        elif isinstance(node, ast.AnnAssign):
            stubbed.add(node.target.id)
    assert set(authmatch.__all__) <= stubbed


def test_every_stubbed_class_exists_with_the_stubbed_members():
    for name, node in STUB_CLASSES.items():
        if name in HELPER_TYPES:
            continue
        cls = getattr(authmatch, name)
        instance_only = {"message", "file", "line", "column", "field", "record"}
        for member in public_members(node) - instance_only:
            assert hasattr(cls, member), f"{name}.{member}"


def test_every_public_method_is_in_the_stub():
    for name in ("AuthorizationIndex", "Rules", "Enrollment", "Validator", "Report", "Finding",
                 "FindingIterator"):
        runtime = {m for m in vars(getattr(authmatch, name)) if not m.startswith("_")}
        assert runtime <= public_members(STUB_CLASSES[name]), name
