"""Shared fixtures of the Python bindings' tests.

Run by ctest (see tests.cmake), which puts the build tree's package on PYTHONPATH and says where
the sources, the build and the command are.
"""

import datetime
import os
import pathlib

import pytest

import authmatch

SOURCE_DIR = pathlib.Path(os.environ.get("AUTHMATCH_SOURCE_DIR", pathlib.Path(__file__).parents[2]))
EXAMPLES = SOURCE_DIR / "examples" / "data"


@pytest.fixture(scope="session")
def examples() -> pathlib.Path:
    return EXAMPLES


@pytest.fixture(scope="session")
def example_index() -> authmatch.AuthorizationIndex:
    return authmatch.load_authorizations(EXAMPLES / "authorizations.csv")


@pytest.fixture(scope="session")
def example_rules() -> authmatch.Rules:
    return authmatch.load_rules(EXAMPLES / "rules.csv")


@pytest.fixture(scope="session")
def example_validator(example_index, example_rules) -> authmatch.Validator:
    return authmatch.Validator(example_index, example_rules)


def auth_row(**overrides) -> dict:
    """An approved authorization for 12 units of 97110, September to November 2026."""
    row = {
        "auth_number": "PT1",
        "status": "approved",
        "payer_id": "61101",
        "member_id": "M1",
        "code": "97110",
        "units": 12,
        "effective_date": datetime.date(2026, 9, 1),
        "expiration_date": datetime.date(2026, 11, 30),
    }
    row.update(overrides)
    return row


def claim_line(**overrides) -> dict:
    """One unit of 97110 for member M1 on 2026-09-08, carrying authorization PT1."""
    line = {
        "claim_id": "C1",
        "line": 1,
        "member_id": "M1",
        "payer_id": "61101",
        "auth_number": "PT1",
        "code": "97110",
        "units": 1,
        "service_date": datetime.date(2026, 9, 8),
        "charge": "55.00",
    }
    line.update(overrides)
    return line


@pytest.fixture
def validator() -> authmatch.Validator:
    """A validator over the single authorization of auth_row(), without rules."""
    return authmatch.Validator(authmatch.AuthorizationIndex([auth_row()]))


def kinds(findings) -> list:
    return [f.kind for f in findings]


def claims_csv(count: int, service_date: str = "2026-09-08") -> bytes:
    """A claim-lines CSV of `count` one-line claims in the shape of claim_line()."""
    rows = ["claim_id,line,member_id,payer_id,auth_number,code,units,service_date,charge"]
    rows += [f"C{n},1,M1,61101,PT1,97110,1,{service_date},55.00" for n in range(count)]
    return ("\n".join(rows) + "\n").encode()
