"""Authorizations built from Python: dicts and keyword arguments with the authorizations CSV column names."""

import datetime
import decimal
import pickle

import pytest

import authmatch
from conftest import auth_row


def test_an_index_builds_from_an_iterable_of_dicts():
    index = authmatch.AuthorizationIndex([auth_row(), auth_row(code="97140")])
    assert len(index) == 2
    assert index[1]["code"] == "97140"


def test_an_index_builds_from_a_generator():
    index = authmatch.AuthorizationIndex(auth_row(auth_number=f"A{i}") for i in range(3))
    assert [row["auth_number"] for row in index] == ["A0", "A1", "A2"]


def test_add_takes_keyword_arguments_and_returns_the_row_number():
    index = authmatch.AuthorizationIndex()
    assert index.add(**auth_row()) == 0
    assert index.add(**auth_row(code="97140")) == 1
    assert len(index) == 2


@pytest.mark.parametrize("value", [datetime.date(2026, 9, 1), "2026-09-01", "20260901",
                                   " 2026-09-01 "])
def test_dates_are_dates_or_iso_strings(value):
    index = authmatch.AuthorizationIndex([auth_row(effective_date=value)])
    assert index[0]["effective_date"] == datetime.date(2026, 9, 1)


def test_a_datetime_is_refused_because_it_is_not_a_day():
    with pytest.raises(authmatch.FieldError, match="effective_date") as caught:
        authmatch.AuthorizationIndex([auth_row(effective_date=datetime.datetime(2026, 9, 1))])
    assert caught.value.field == "effective_date"


@pytest.mark.parametrize("value", ["2026-02-30", "09/01/2026", "", 20260901])
def test_a_bad_date_names_the_field(value):
    with pytest.raises(authmatch.FieldError) as caught:
        authmatch.AuthorizationIndex([auth_row(effective_date=value)])
    assert caught.value.field == "effective_date"


@pytest.mark.parametrize("value, expected", [
    (decimal.Decimal("7.5"), "7.5"), (12, "12"), ("12", "12"), ("0.125", "0.125"),
    (decimal.Decimal("1.500"), "1.5"), (decimal.Decimal("1E+1"), "10"),
])
def test_units_are_decimals_ints_or_strings(value, expected):
    index = authmatch.AuthorizationIndex([auth_row(units=value)])
    assert index[0]["units"] == decimal.Decimal(expected)


@pytest.mark.parametrize("value", [1.5, True, "1.2345", "twelve", decimal.Decimal("NaN"),
                                   decimal.Decimal("1.0001"), [1]])
def test_units_that_are_not_exact_quantities_are_refused(value):
    with pytest.raises(authmatch.FieldError) as caught:
        authmatch.AuthorizationIndex([auth_row(units=value)])
    assert caught.value.field == "units"


def test_empty_units_mean_no_limit():
    index = authmatch.AuthorizationIndex([auth_row(units=None), auth_row(auth_number="B", units="")])
    assert index[0]["units"] is None
    assert index[1]["units"] is None


def test_units_used_default_to_zero():
    assert authmatch.AuthorizationIndex([auth_row()])[0]["units_used"] == decimal.Decimal(0)


@pytest.mark.parametrize("value", [["1987654328", "1234567893"], "1987654328|1234567893",
                                   ("1987654328", " 1234567893 ")])
def test_list_fields_are_lists_or_pipe_separated_strings(value):
    index = authmatch.AuthorizationIndex([auth_row(rendering_npi=value)])
    assert index[0]["rendering_npi"] == ["1987654328", "1234567893"]


def test_a_list_field_of_non_strings_is_refused():
    with pytest.raises(authmatch.FieldError) as caught:
        authmatch.AuthorizationIndex([auth_row(place_of_service=[11, 22])])
    assert caught.value.field == "place_of_service"


def test_ids_and_codes_are_normalized_and_diagnoses_lose_the_dot():
    row = authmatch.AuthorizationIndex([auth_row(member_id=" w1 ", code="j1745",
                                                 diagnosis_codes="m54.50")])[0]
    assert (row["member_id"], row["code"], row["diagnosis_codes"]) == ("W1", "J1745", ["M5450"])


@pytest.mark.parametrize("status, expected", [("APPROVED", "approved"), ("A1", "approved"),
                                              ("A4", "pending"), ("A3", "denied")])
def test_statuses_accept_names_and_278_codes(status, expected):
    assert authmatch.AuthorizationIndex([auth_row(status=status)])[0]["status"] == expected


def test_an_unknown_status_is_refused():
    with pytest.raises(authmatch.FieldError, match="status"):
        authmatch.AuthorizationIndex([auth_row(status="maybe")])


def test_a_missing_required_field_is_named():
    row = auth_row()
    del row["member_id"]
    with pytest.raises(authmatch.FieldError) as caught:
        authmatch.AuthorizationIndex([row])
    assert caught.value.field == "member_id"
    assert "required" in caught.value.message


def test_a_misspelt_field_is_refused_not_ignored():
    with pytest.raises(authmatch.FieldError) as caught:
        authmatch.AuthorizationIndex([auth_row(unit=3)])
    assert caught.value.field == "unit"


def test_an_id_that_is_not_a_string_is_refused():
    with pytest.raises(authmatch.FieldError) as caught:
        authmatch.AuthorizationIndex([auth_row(member_id=123)])
    assert caught.value.field == "member_id"


def test_a_row_that_is_not_a_mapping_is_refused():
    with pytest.raises(authmatch.FieldError):
        authmatch.AuthorizationIndex([("PT1", "approved")])


def test_the_error_names_the_position_of_the_bad_row():
    rows = [auth_row(), auth_row(code="97140"), auth_row(expiration_date="2026-08-01")]
    with pytest.raises(authmatch.FieldError) as caught:
        authmatch.AuthorizationIndex(rows)
    assert caught.value.record == 2
    assert caught.value.field == "expiration_date"
    assert str(caught.value).startswith("record 2: expiration_date: ")


def test_an_npi_with_a_bad_check_digit_is_refused():
    with pytest.raises(authmatch.FieldError) as caught:
        authmatch.AuthorizationIndex([auth_row(rendering_npi="1987654321")])
    assert caught.value.field == "rendering_npi"


def test_rows_of_one_number_must_name_the_same_patient():
    index = authmatch.AuthorizationIndex([auth_row()])
    with pytest.raises(authmatch.FieldError):
        index.add(**auth_row(member_id="SOMEONE-ELSE"))
    assert len(index) == 1


def test_a_failed_add_adds_nothing():
    index = authmatch.AuthorizationIndex([auth_row()])
    with pytest.raises(authmatch.FieldError):
        index.add(**auth_row(units=-1))
    assert len(index) == 1


def test_index_rows_support_negative_positions_and_range_errors():
    index = authmatch.AuthorizationIndex([auth_row(), auth_row(code="97140")])
    assert index[-1]["code"] == "97140"
    with pytest.raises(IndexError):
        index[2]


def test_the_repr_counts_the_rows():
    assert repr(authmatch.AuthorizationIndex([auth_row()])) == "<AuthorizationIndex: 1 rows>"


def test_a_row_read_back_builds_the_same_index():
    index = authmatch.AuthorizationIndex([auth_row(patient_dob="1968-04-12", rendering_npi="1987654328")])
    again = authmatch.AuthorizationIndex(list(index))
    assert list(again) == list(index)


def test_unit_type_visits_is_kept_and_pickled():
    index = authmatch.AuthorizationIndex([auth_row(unit_type="Visits", units=6)])
    assert index[0]["unit_type"] == "visits"
    assert pickle.loads(pickle.dumps(index))[0]["unit_type"] == "visits"


def test_an_unknown_unit_type_is_a_field_error():
    with pytest.raises(authmatch.FieldError, match="unit_type"):
        authmatch.AuthorizationIndex([auth_row(unit_type="days")])
