"""The utilization ledger and the warning options from Python."""

import decimal
import pickle

import pytest

import authmatch
from conftest import auth_row, claim_line, claims_csv, professional_837, professional_claim


def test_a_run_with_a_ledger_records_what_it_used(tmp_path):
    ledger = authmatch.Ledger(tmp_path / "usage.db")
    validator = authmatch.Validator(authmatch.AuthorizationIndex([auth_row()]))
    validator.validate([claim_line(claim_id="C1", units=3)], ledger=ledger)
    [row] = ledger.rows()
    assert (row["ledger_used"], row["claims"]) == (decimal.Decimal(3), 1)
    assert row["remaining"] == row["approved"] - row["units_used"] - 3


def test_validating_the_same_claims_twice_counts_them_once(tmp_path):
    ledger = authmatch.Ledger(tmp_path / "usage.db")
    validator = authmatch.Validator(authmatch.AuthorizationIndex([auth_row()]))
    lines = [claim_line(claim_id="C1", units=3), claim_line(claim_id="C2", units=2)]
    validator.validate(lines, ledger=ledger)
    first = ledger.to_csv()
    validator.validate_csv(_as_csv(lines), ledger=ledger)
    assert ledger.to_csv() == first


def test_a_void_in_a_later_run_releases_the_usage(tmp_path):
    ledger = authmatch.Ledger(tmp_path / "usage.db")
    validator = authmatch.Validator(authmatch.AuthorizationIndex([auth_row()]))
    validator.validate([claim_line(claim_id="C1", units=3)], ledger=ledger)
    report = validator.validate([claim_line(claim_id="V1", units=3, frequency="8",
                                            original_claim_id="C1")], ledger=ledger)
    assert [f.kind for f in report] == ["claim_voided"]
    assert ledger.rows()[0]["ledger_used"] == 0


def test_an_iterator_records_when_it_is_exhausted(tmp_path, examples):
    ledger = authmatch.Ledger(tmp_path / "usage.db")
    index = authmatch.load_authorizations(examples / "authorizations.csv")
    validator = authmatch.Validator(index, authmatch.load_rules(examples / "rules.csv"))
    list(validator.iter_837(examples / "claims_837p.x12", ledger=ledger))
    streamed = ledger.to_csv()
    again = authmatch.Ledger(tmp_path / "again.db")
    validator.validate_837(examples / "claims_837p.x12", ledger=again)
    assert streamed == again.to_csv()
    assert len(streamed.splitlines()) > 1


def test_a_missing_ledger_opened_read_only_is_a_ledger_error(tmp_path):
    with pytest.raises(authmatch.LedgerError, match="missing.db"):
        authmatch.Ledger(tmp_path / "missing.db", read_only=True)


def test_a_file_that_is_not_a_ledger_is_a_ledger_error(examples):
    with pytest.raises(authmatch.LedgerError, match="not an authmatch ledger"):
        authmatch.Ledger(examples / "rules.csv")


# Each Validator method that takes a ledger, running claim C2 (C0 and C1 for the CSV).
RUNS = {
    "validate": lambda v, ledger: v.validate([claim_line(claim_id="C2")], ledger=ledger),
    "iter_records": lambda v, ledger: list(v.iter_records([claim_line(claim_id="C2")],
                                                          ledger=ledger)),
    "validate_csv": lambda v, ledger: v.validate_csv(claims_csv(2), ledger=ledger),
    "iter_csv": lambda v, ledger: list(v.iter_csv(claims_csv(2), ledger=ledger)),
    "validate_837": lambda v, ledger: v.validate_837(
        professional_837([professional_claim("C2")]), ledger=ledger),
    "iter_837": lambda v, ledger: list(v.iter_837(
        professional_837([professional_claim("C2")]), ledger=ledger)),
}


def _recorded_ledger(path):
    """A ledger at `path` holding one run's usage (claim C9), and its validator."""
    validator = authmatch.Validator(authmatch.AuthorizationIndex([auth_row()]))
    validator.validate([claim_line(claim_id="C9", units=3)], ledger=authmatch.Ledger(path))
    return validator


@pytest.mark.parametrize("method", RUNS)
def test_every_validator_method_refuses_a_read_only_ledger(tmp_path, method):
    validator = _recorded_ledger(tmp_path / "usage.db")
    read_only = authmatch.Ledger(tmp_path / "usage.db", read_only=True)
    with pytest.raises(authmatch.LedgerError, match="read-only"):
        RUNS[method](validator, read_only)


@pytest.mark.parametrize("method", RUNS)
def test_a_refused_run_leaves_the_read_only_ledger_unchanged(tmp_path, method):
    validator = _recorded_ledger(tmp_path / "usage.db")
    read_only = authmatch.Ledger(tmp_path / "usage.db", read_only=True)
    rows = read_only.rows()
    files = {f.name: f.read_bytes() for f in tmp_path.iterdir()}
    try:
        RUNS[method](validator, read_only)
    except authmatch.LedgerError:
        pass
    assert {f.name: f.read_bytes() for f in tmp_path.iterdir()} == files
    assert read_only.rows() == rows


def test_a_ledger_says_whether_it_is_read_only(tmp_path):
    _recorded_ledger(tmp_path / "usage.db")
    assert not authmatch.Ledger(tmp_path / "usage.db").read_only
    assert authmatch.Ledger(tmp_path / "usage.db", read_only=True).read_only


def test_the_ledger_is_keyword_only(tmp_path):
    validator = authmatch.Validator(authmatch.AuthorizationIndex([auth_row()]))
    with pytest.raises(TypeError):
        validator.validate([claim_line()], authmatch.Ledger(tmp_path / "usage.db"))


def test_warnings_are_on_by_default_and_can_be_turned_off():
    index = authmatch.AuthorizationIndex([auth_row(units=10)])
    lines = [claim_line(units=9)]
    assert "units_low" in [f.kind for f in authmatch.Validator(index).validate(lines)]
    quiet = authmatch.Validator(index, expiring_days=None, units_low_percent=None)
    assert quiet.validate(lines).findings == []
    assert (quiet.expiring_days, quiet.units_low_percent) == (None, None)


def test_the_units_low_threshold_is_a_percent():
    index = authmatch.AuthorizationIndex([auth_row(units=10)])
    lines = [claim_line(units=6)]
    assert authmatch.Validator(index).validate(lines).findings == []
    half = authmatch.Validator(index, units_low_percent=decimal.Decimal("50"))
    assert [f.kind for f in half.validate(lines)] == ["units_low"]
    assert half.units_low_percent == decimal.Decimal(50)


def test_a_lead_time_past_ten_years_is_a_field_error_as_in_the_command():
    with pytest.raises(authmatch.FieldError, match="expiring_days"):
        authmatch.Validator(authmatch.AuthorizationIndex([auth_row()]), expiring_days=3651)


def test_a_percent_above_100_is_a_field_error():
    with pytest.raises(authmatch.FieldError, match="units_low_percent"):
        authmatch.Validator(authmatch.AuthorizationIndex([auth_row()]), units_low_percent=150)


def test_warning_options_survive_pickling():
    validator = authmatch.Validator(authmatch.AuthorizationIndex([auth_row()]), expiring_days=60,
                                    units_low_percent=None)
    again = pickle.loads(pickle.dumps(validator))
    assert (again.expiring_days, again.units_low_percent) == (60, None)


def _as_csv(lines):
    columns = list(lines[0])
    rows = [",".join(columns)] + [",".join(str(line[c] or "") for c in columns) for line in lines]
    return ("\n".join(rows) + "\n").encode()
