"""The .pyi stub editors read describes the module as it is."""

import ast
import importlib.resources

import authmatch

STUB = ast.parse(importlib.resources.files("authmatch").joinpath("__init__.pyi").read_text())
STUB_CLASSES = {node.name: node for node in STUB.body if isinstance(node, ast.ClassDef)}


def typed_dicts() -> set:
    """The stub's TypedDicts (on TypedDict or on another of them): they exist only for type checkers."""
    found = set()
    for node in STUB.body:
        if isinstance(node, ast.ClassDef) and any(
                isinstance(base, ast.Name) and (base.id == "TypedDict" or base.id in found)
                for base in node.bases):
            found.add(node.name)
    return found


HELPER_TYPES = typed_dicts()


def public_members(node: ast.ClassDef) -> set:
    names = set()
    for item in node.body:
        if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)):
            names.add(item.name)
        elif isinstance(item, ast.AnnAssign) and isinstance(item.target, ast.Name):
            names.add(item.target.id)
    return {n for n in names if not n.startswith("_")}


def stub_module_names() -> set:
    """Every name the stub binds at module level (classes, functions, variables, aliases)."""
    names = set()
    for node in STUB.body:
        if isinstance(node, (ast.ClassDef, ast.FunctionDef)):
            names.add(node.name)
        elif isinstance(node, ast.AnnAssign):
            names.add(node.target.id)
        elif isinstance(node, ast.Assign):
            names.update(t.id for t in node.targets if isinstance(t, ast.Name))
    return names


def test_every_exported_name_is_in_the_stub():
    assert set(authmatch.__all__) <= stub_module_names()


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
                 "FindingIterator", "PayerProfiles", "Remittance", "ReconcileReport"):
        runtime = {m for m in vars(getattr(authmatch, name)) if not m.startswith("_")}
        assert runtime <= public_members(STUB_CLASSES[name]), name


def test_every_name_in_the_stub_exists_at_runtime():
    missing = {name for name in stub_module_names() if not hasattr(authmatch, name)}
    assert not missing


def test_the_runtime_typed_dicts_have_the_stubs_keys():
    for name in HELPER_TYPES:
        stubbed = public_members(STUB_CLASSES[name])
        runtime = set(getattr(authmatch, name).__annotations__)
        assert stubbed <= runtime, name
    assert set(authmatch.Summary.__annotations__) == set(
        authmatch.Validator(authmatch.AuthorizationIndex()).validate([]).summary)


def test_the_runtime_aliases_mean_what_the_stub_says():
    from typing import get_args

    assert get_args(authmatch.FindingKind) == authmatch.FINDING_KINDS
    assert set(get_args(authmatch.Severity)) == {"deny", "warn", "info", "error"}
    assert authmatch.Summary.__module__ == "authmatch"


def subclass_refused(cls) -> bool:
    try:
        type("Subclass", (cls,), {})
    except TypeError:
        return True
    return False


def test_the_classes_stubbed_final_are_the_ones_that_refuse_subclasses():
    for name, node in STUB_CLASSES.items():
        if name in HELPER_TYPES:
            continue
        stubbed_final = any(isinstance(d, ast.Name) and d.id == "final" for d in node.decorator_list)
        assert stubbed_final == subclass_refused(getattr(authmatch, name)), name
