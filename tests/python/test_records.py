"""Claim-line records from Python: every field's conversion and every refusal."""

import datetime
import decimal

import pytest

import authmatch
from conftest import claim_line, kinds


def test_a_line_within_its_authorization_has_no_finding(validator):
    assert len(validator.validate([claim_line()])) == 0


def test_a_line_after_the_window_is_auth_expired(validator):
    report = validator.validate([claim_line(service_date="2026-12-01")])
    assert kinds(report) == ["auth_expired"]


def test_records_may_be_any_iterable_of_mappings(validator):
    from types import MappingProxyType
    report = validator.validate(MappingProxyType(claim_line(line=n)) for n in (1, 2))
    assert report.summary["lines_read"] == 2


@pytest.mark.parametrize("value", [datetime.date(2026, 9, 8), "2026-09-08", "20260908"])
def test_service_dates_are_dates_or_iso_strings(validator, value):
    report = validator.validate([claim_line(service_date=value, auth_number="")])
    assert report[0].service_date == datetime.date(2026, 9, 8)


def test_a_service_date_range_must_lie_in_the_window(validator):
    report = validator.validate([claim_line(service_date="2026-11-29", service_date_end="2026-12-02")])
    assert kinds(report) == ["auth_expired"]


def test_a_range_that_ends_before_it_starts_is_refused(validator):
    with pytest.raises(authmatch.FieldError) as caught:
        validator.validate([claim_line(service_date_end="2026-09-01")])
    assert caught.value.field == "service_date_end"


@pytest.mark.parametrize("units", [13, "13", decimal.Decimal("13"), decimal.Decimal("12.5")])
def test_units_are_decimals_ints_or_strings(validator, units):
    report = validator.validate([claim_line(units=units)])
    assert kinds(report) == ["units_exceeded"]
    assert report[0].units == decimal.Decimal(units)


@pytest.mark.parametrize("units", [1.0, False, "-1", -2, "lots"])
def test_units_that_are_not_exact_non_negative_quantities_are_refused(validator, units):
    with pytest.raises(authmatch.FieldError) as caught:
        validator.validate([claim_line(units=units)])
    assert caught.value.field == "units"


def test_the_charge_comes_back_with_two_places(validator):
    report = validator.validate([claim_line(units=13, charge=decimal.Decimal("110.5"))])
    assert str(report[0].charge) == "110.50"


@pytest.mark.parametrize("charge", ["12.345", decimal.Decimal("0.005")])
def test_a_charge_with_a_fraction_of_a_cent_is_refused(validator, charge):
    with pytest.raises(authmatch.FieldError) as caught:
        validator.validate([claim_line(charge=charge)])
    assert caught.value.field == "charge"


@pytest.mark.parametrize("charge", ["110.5000", decimal.Decimal("110.5000")])
def test_zeros_past_the_cents_carry_no_value_in_a_str_as_in_a_decimal(validator, charge):
    report = validator.validate([claim_line(units=13, charge=charge)])
    assert str(report[0].charge) == "110.50"


@pytest.mark.parametrize("units", ["12.5.0", "1.0.0", "5..", "1.0."])
def test_a_str_with_two_points_is_no_number(validator, units):
    with pytest.raises(authmatch.FieldError) as caught:
        validator.validate([claim_line(units=units)])
    assert caught.value.field == "units"


@pytest.mark.parametrize("units", [".0", "-.0", ".000", "+.00"])
def test_a_str_without_digits_before_the_point_is_a_number(validator, units):
    validator.validate([claim_line(units=units)])


def test_a_charge_that_is_no_number_is_refused_without_calling_it_units(validator):
    with pytest.raises(authmatch.FieldError, match="'abc' is not a number authmatch takes") as caught:
        validator.validate([claim_line(charge="abc")])
    assert caught.value.field == "charge"
    assert "quantity" not in str(caught.value)


def test_a_str_utf8_cannot_encode_is_refused_as_its_fields(validator):
    with pytest.raises(authmatch.FieldError) as caught:
        validator.validate([claim_line(member_id="M\udc80")])  # as surrogateescape leaves
    assert caught.value.field == "member_id"


def test_a_field_name_utf8_cannot_encode_is_refused_as_such(validator):
    record = claim_line()
    record["member\udc80"] = "M1"
    with pytest.raises(authmatch.FieldError, match=r"field name 'member\\udc80' is not text UTF-8 "
                       r"can encode") as caught:
        validator.validate([record])
    assert caught.value.field == "record"


@pytest.mark.parametrize("line", [0, -1, "x", 1.0, 1_000_000])
def test_a_line_number_must_be_a_whole_number_from_1(validator, line):
    with pytest.raises(authmatch.FieldError) as caught:
        validator.validate([claim_line(line=line)])
    assert caught.value.field == "line"


def test_a_line_number_may_be_a_digit_string(validator):
    assert validator.validate([claim_line(line="3", units=13)])[0].line == 3


def test_modifiers_and_diagnoses_are_lists_or_pipe_strings():
    index = authmatch.AuthorizationIndex([{
        "auth_number": "PT1", "status": "approved", "payer_id": "61101", "member_id": "M1",
        "code": "97110", "effective_date": "2026-09-01", "expiration_date": "2026-11-30",
        "diagnosis_codes": "M54.50"}])
    validator = authmatch.Validator(index)
    ok = validator.validate([claim_line(modifiers=["GP", "59"], diagnosis_codes=["m54.50", "Z00"])])
    wrong = validator.validate([claim_line(modifiers="GP|59", diagnosis_codes="R51.9")])
    assert kinds(ok) == []
    assert kinds(wrong) == ["diagnosis_mismatch"]


@pytest.mark.parametrize("frequency", ["8", 8])
def test_a_void_claim_is_not_judged(validator, frequency):
    report = validator.validate([claim_line(service_date="2027-01-01", frequency=frequency)])
    assert [f.kind for f in report] == ["claim_voided"]


def test_a_claim_frequency_outside_1_to_9_is_refused(validator):
    with pytest.raises(authmatch.FieldError) as caught:
        validator.validate([claim_line(frequency="X")])
    assert caught.value.field == "frequency"


def test_none_and_empty_strings_leave_optional_fields_empty(validator):
    report = validator.validate([claim_line(auth_number=None, rendering_npi="", patient_dob=None)])
    assert kinds(report) == ["auth_number_missing"]


@pytest.mark.parametrize("field", ["claim_id", "line", "member_id", "payer_id", "code", "units",
                                   "service_date"])
def test_each_required_field_is_named_when_missing(validator, field):
    record = claim_line()
    del record[field]
    with pytest.raises(authmatch.FieldError) as caught:
        validator.validate([record])
    assert caught.value.field == field


def test_an_unknown_field_is_refused(validator):
    with pytest.raises(authmatch.FieldError) as caught:
        validator.validate([claim_line(servce_date="2026-09-08")])
    assert caught.value.field == "servce_date"


def test_non_string_keys_are_refused(validator):
    record = claim_line()
    record[1] = "x"
    with pytest.raises(authmatch.FieldError):
        validator.validate([record])


def test_a_record_that_is_not_a_mapping_is_refused(validator):
    with pytest.raises(authmatch.FieldError):
        validator.validate([["C1", 1]])


def test_the_error_names_the_position_of_the_bad_record(validator):
    records = [claim_line(), claim_line(claim_id="C2"), claim_line(claim_id="C3", units="x")]
    with pytest.raises(authmatch.FieldError) as caught:
        validator.validate(records)
    assert caught.value.record == 2


def test_a_non_iterable_is_a_type_error(validator):
    with pytest.raises(TypeError):
        validator.validate(42)


def test_rows_of_one_claim_may_be_apart_in_validate(validator):
    records = [claim_line(claim_id="A", line=1), claim_line(claim_id="B"),
               claim_line(claim_id="A", line=2)]
    assert validator.validate(records).summary["claims_read"] == 2


def test_units_are_consumed_in_date_order_across_claims(validator):
    records = [claim_line(claim_id="LATE", units=8, service_date="2026-10-01"),
               claim_line(claim_id="EARLY", units=8, service_date="2026-09-01")]
    report = validator.validate(records)
    assert [(f.claim_id, f.kind) for f in report] == [("LATE", "units_exceeded")]
