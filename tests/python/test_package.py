"""The package's public surface: exports, version, typing files, docstrings."""

import importlib.resources
import inspect

import authmatch


def test_the_version_is_the_projects():
    assert authmatch.__version__ == "0.1.0"


def test_everything_in_all_is_exported():
    for name in authmatch.__all__:
        assert hasattr(authmatch, name), name


def test_the_native_module_is_private():
    assert "_authmatch" not in authmatch.__all__


def test_the_package_ships_a_stub_and_the_typed_marker():
    files = importlib.resources.files("authmatch")
    assert files.joinpath("py.typed").is_file()
    stub = files.joinpath("__init__.pyi").read_text()
    for name in authmatch.__all__:
        assert name in stub, name


def test_every_public_class_and_function_has_a_docstring():
    type_names = set(authmatch._types.__all__)  # typing aliases: documented in the stub
    for name in set(authmatch.__all__) - type_names:
        value = getattr(authmatch, name)
        if inspect.isclass(value) or callable(value):
            assert (value.__doc__ or "").strip(), name


def test_every_public_method_has_a_docstring():
    for cls in (authmatch.AuthorizationIndex, authmatch.Rules, authmatch.Enrollment,
                authmatch.Validator, authmatch.Report, authmatch.Finding,
                authmatch.FindingIterator):
        for name, member in vars(cls).items():
            if name.startswith("_"):
                continue
            assert (getattr(member, "__doc__", None) or "").strip(), f"{cls.__name__}.{name}"


def test_finding_kinds_and_fields_are_the_domain_contract():
    assert authmatch.FINDING_KINDS[0] == "auth_missing"
    assert authmatch.FINDING_KINDS[-2] == "claim_unreadable"
    assert authmatch.FINDING_KINDS[-1] == "input_fault"
    assert len(authmatch.FINDING_KINDS) == 24
    assert authmatch.FINDING_FIELDS == (
        "claim_id", "line", "kind", "severity", "group", "carc", "rarc", "auth_number",
        "member_id", "payer_id", "code", "service_date", "units", "charge", "expected",
        "actual", "message")
