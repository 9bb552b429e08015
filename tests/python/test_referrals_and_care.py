"""Referrals, level of care and service component from Python records and authorization dicts."""

import datetime
import pickle

import pytest

import authmatch
from conftest import auth_row, claim_line, kinds

THERAPIST = "1987654328"


def referral_row(**overrides) -> dict:
    """Referral R1 of member M1: any code, 2 visits, September to November 2026."""
    row = auth_row(auth_number="R1", type="referral", code="*", units=2, unit_type="visits",
                   rendering_npi=THERAPIST)
    row.update(overrides)
    return row


@pytest.fixture
def referral_validator() -> authmatch.Validator:
    index = authmatch.AuthorizationIndex([auth_row(), referral_row()])
    rules = authmatch.Rules([("*", "*", True, False), ("61101", "97*", True, True)])
    return authmatch.Validator(index, rules)


def visit(claim_id, day, **overrides):
    fields = {"claim_id": claim_id, "service_date": datetime.date(2026, 9, day),
              "rendering_npi": THERAPIST, "referral_number": "R1"}
    fields.update(overrides)
    return claim_line(**fields)


def test_a_record_that_carries_its_covering_referral_has_no_finding(referral_validator):
    assert kinds(referral_validator.validate([visit("C1", 8)])) == []


def test_a_record_without_a_covering_referral_is_referral_missing():
    index = authmatch.AuthorizationIndex([auth_row()])
    rules = authmatch.Rules([("61101", "97*", True, True)])
    found = authmatch.Validator(index, rules).validate([visit("C1", 8)])
    assert kinds(found) == ["referral_missing"]
    assert (found[0].group, found[0].carc) == ("CO", "288")


def test_a_record_without_its_referral_number_is_referral_number_missing(referral_validator):
    found = referral_validator.validate([visit("C1", 8, referral_number=None)])
    assert kinds(found) == ["referral_number_missing"]
    assert (found[0].carc, found[0].rarc, found[0].expected) == ("16", ["N54"], "R1")


def test_a_referrals_visits_run_out_in_date_order(referral_validator):
    found = referral_validator.validate([visit("C3", 22), visit("C1", 8), visit("C2", 15)])
    assert [(f.claim_id, f.kind, f.carc) for f in found] == [("C3", "referral_exceeded", "287")]


def test_a_referral_row_reads_back_as_a_dict_and_pickles():
    index = authmatch.AuthorizationIndex([referral_row()])
    row = index[0]
    assert (row["type"], row["code"], row["unit_type"]) == ("referral", "*", "visits")
    assert pickle.loads(pickle.dumps(index))[0] == row


def test_a_record_at_another_level_of_care_is_level_of_care_mismatch():
    index = authmatch.AuthorizationIndex([auth_row(level_of_care="observation")])
    found = authmatch.Validator(index).validate([claim_line(level_of_care="inpatient")])
    assert kinds(found) == ["level_of_care_mismatch"]
    assert (found[0].carc, found[0].rarc) == ("197", ["N188"])
    assert (found[0].expected, found[0].actual) == ("observation", "inpatient")


def test_a_record_takes_its_level_of_care_from_its_place_of_service():
    index = authmatch.AuthorizationIndex([auth_row(level_of_care="inpatient")])
    found = authmatch.Validator(index).validate([claim_line(place_of_service="22")])
    assert [f.actual for f in found] == ["outpatient (place of service 22)"]


def test_a_record_on_another_claim_type_is_component_mismatch():
    index = authmatch.AuthorizationIndex([auth_row(claim_type="professional", modifiers="26")])
    found = authmatch.Validator(index).validate(
        [claim_line(claim_type="institutional", modifiers=["26"])])
    assert kinds(found) == ["component_mismatch"]
    assert (found[0].carc, found[0].rarc) == ("197", ["N54"])


def test_a_record_without_a_required_modifier_is_component_mismatch():
    index = authmatch.AuthorizationIndex([auth_row(modifiers=["26"])])
    validator = authmatch.Validator(index)
    assert kinds(validator.validate([claim_line(modifiers="TC")])) == ["component_mismatch"]
    assert kinds(validator.validate([claim_line(modifiers="26|59")])) == []


@pytest.mark.parametrize("field, value", [("level_of_care", "acute"),
                                          ("claim_type", "dental")])
def test_an_unknown_level_or_claim_type_is_a_field_error(field, value):
    validator = authmatch.Validator(authmatch.AuthorizationIndex([auth_row()]))
    with pytest.raises(authmatch.FieldError) as error:
        validator.validate([claim_line(**{field: value})])
    assert error.value.field == field


def test_an_unknown_authorization_type_is_a_field_error():
    with pytest.raises(authmatch.FieldError) as error:
        authmatch.AuthorizationIndex([auth_row(type="consult")])
    assert error.value.field == "type"
