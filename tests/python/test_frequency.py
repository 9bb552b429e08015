"""Claim frequency codes mean the same in an 837 (CLM05-3), a claim-lines CSV and Python records."""

import pytest

import authmatch
from conftest import claim_line, kinds, professional_837, professional_claim

# What a second claim naming C1 as its original says of itself, by its frequency code: nothing
# (a claim of its own, which supersedes what it names), that it replaces C1, or that it voids it.
EXPECTED = {
    "0": [], "1": [], "2": [], "3": [], "4": [], "5": [], "9": [],
    "6": ["claim_replaced"], "7": ["claim_replaced"], "8": ["claim_voided"],
}


def as_837(code: str) -> bytes:
    second = professional_claim("C2", units="10")
    second[0] = second[0].replace("11:B:1", f"11:B:{code}")
    second.insert(1, "REF*F8*C1")
    return professional_837([professional_claim("C1", units="10"), second])


def as_csv(code: str) -> bytes:
    return ("claim_id,line,member_id,payer_id,auth_number,code,units,service_date,charge,"
            "frequency,original_claim_id\n"
            "C1,1,M1,61101,PT1,97110,10,2026-09-08,55.00,1,\n"
            f"C2,1,M1,61101,PT1,97110,10,2026-09-08,55.00,{code},C1\n").encode()


def as_records(code: str) -> list:
    return [claim_line(units=10),
            claim_line(claim_id="C2", units=10, frequency=code, original_claim_id="C1")]


def outcome(findings) -> list:
    return [(f.claim_id, f.kind) for f in findings if f.severity != "warn"]


@pytest.mark.parametrize("code", sorted(EXPECTED))
def test_a_frequency_code_means_the_same_in_837_csv_and_records(validator, code):
    from_837 = outcome(validator.validate_837(as_837(code)))
    assert outcome(validator.validate_csv(as_csv(code))) == from_837
    assert outcome(validator.validate(as_records(code))) == from_837
    assert [kind for claim, kind in from_837 if claim == "C2"] == EXPECTED[code]


def test_an_unknown_frequency_code_rejects_the_claim_in_837_and_csv(validator):
    assert ("C2", "claim_unreadable") in outcome(validator.validate_837(as_837("A")))
    assert ("C2", "claim_unreadable") in outcome(validator.validate_csv(as_csv("A")))


def test_an_unknown_frequency_code_in_a_record_is_a_field_error(validator):
    with pytest.raises(authmatch.FieldError, match="frequency"):
        validator.validate(as_records("A"))
