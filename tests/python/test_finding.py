"""Finding: attributes named as the output fields, to_dict, repr, equality."""

import datetime
import decimal

import pytest

import authmatch
from conftest import claim_line, professional_837, professional_claim


@pytest.fixture
def finding(validator):
    return validator.validate([claim_line(claim_id="C9", line=2, units=14, charge="70")])[0]


def test_attributes_carry_the_domain_fields_with_python_types(finding):
    assert finding.claim_id == "C9"
    assert finding.line == 2
    assert finding.kind == "units_exceeded"
    assert finding.severity == "deny"
    assert (finding.group, finding.carc, finding.rarc) == ("CO", "198", ["N640"])
    assert finding.auth_number == "PT1"
    assert (finding.member_id, finding.payer_id, finding.code) == ("M1", "61101", "97110")
    assert finding.service_date == datetime.date(2026, 9, 8)
    assert finding.units == decimal.Decimal(14)
    assert finding.charge == decimal.Decimal("70.00")
    assert finding.expected == "at most 12"
    assert finding.actual == "14"
    assert "excess of 2 units" in finding.message


def test_to_dict_has_exactly_the_contract_fields_in_order(finding):
    as_dict = finding.to_dict()
    assert tuple(as_dict) == authmatch.FINDING_FIELDS
    assert as_dict["units"] == decimal.Decimal(14)


def test_every_attribute_matches_to_dict(finding):
    for name, value in finding.to_dict().items():
        assert getattr(finding, name) == value, name


def test_a_finding_without_an_authorization_has_none(validator):
    found = validator.validate([claim_line(auth_number="", member_id="NOBODY")])[0]
    assert found.kind == "auth_missing"
    assert found.auth_number is None


def test_the_repr_reads_as_claim_line_kind_and_adjustment(finding):
    assert repr(finding) == ("<Finding 'C9' line 2 units_exceeded (deny) CO-198 N640 auth=PT1 "
                             "code=97110 date=2026-09-08>")


def test_findings_are_read_only(finding):
    with pytest.raises(AttributeError):
        finding.kind = "auth_missing"


def test_a_finding_made_without_init_refuses_to_read_its_fields():
    blank = authmatch.Finding.__new__(authmatch.Finding)
    with pytest.raises(TypeError):
        blank.kind


def test_a_subclass_of_finding_reads_its_fields(finding):
    class Annotated(authmatch.Finding):
        pass

    annotated = Annotated.__new__(Annotated)
    annotated.__setstate__(finding.__getstate__())
    assert (annotated.kind, annotated.claim_id, annotated.line) == ("units_exceeded", "C9", 2)


def test_every_field_is_documented():
    for name in authmatch.FINDING_FIELDS:
        assert getattr(authmatch.Finding, name).__doc__, name


def test_findings_compare_equal_field_by_field(validator):
    a = validator.validate([claim_line(units=14)])[0]
    b = validator.validate([claim_line(units=14)])[0]
    c = validator.validate([claim_line(units=15)])[0]
    assert a == b
    assert a != c
    assert a != "units_exceeded"


def test_findings_are_not_hashable(finding):
    with pytest.raises(TypeError):
        hash(finding)


def test_text_with_bytes_that_are_not_utf8_reads_as_u_fffd_as_in_json_lines():
    validator = authmatch.Validator(authmatch.AuthorizationIndex())
    data = professional_837([professional_claim("C\xe9")]).replace("C\xe9".encode(), b"C\xe9")
    [finding] = validator.validate_837(data)
    assert finding.claim_id == "C\ufffd"
    assert finding.to_dict()["claim_id"] == "C\ufffd"
    assert repr(finding).startswith("<Finding 'C\ufffd' line 1 auth_number_unknown")
