"""authmatch.review(): the morning review from Python, the same items as the command's."""

import datetime
import json
import os
import pathlib
import subprocess

import pytest

import authmatch
from conftest import auth_row, claim_line

EXAMPLES = pathlib.Path(os.environ["AUTHMATCH_SOURCE_DIR"]) / "examples" / "data"
KEYS = ["kind", "severity", "due_date", "auth_number", "payer_id", "member_id", "code",
        "claim_id", "line", "next_action", "message"]


def example_items(**extra):
    index = authmatch.load_authorizations(EXAMPLES / "authorizations.csv")
    return authmatch.review(index, as_of=datetime.date(2026, 11, 2),
                            enrollment=authmatch.load_enrollment(EXAMPLES / "enrollment.csv"),
                            schedule=EXAMPLES / "schedule.csv",
                            rules=authmatch.load_rules(EXAMPLES / "rules.csv"), **extra)


def test_items_are_dicts_with_the_contract_keys():
    items = example_items()
    assert items and all(list(item) == KEYS for item in items)
    assert all(isinstance(item["due_date"], datetime.date) for item in items)
    at_risk = [i for i in items if i["kind"] == "service_at_risk"]
    assert at_risk and all(isinstance(i["line"], int) for i in at_risk)


@pytest.mark.skipif("AUTHMATCH_CLI" not in os.environ, reason="the command was not built")
def test_the_same_items_as_the_command():
    result = subprocess.run(
        [os.environ["AUTHMATCH_CLI"], "review", "--auths", EXAMPLES / "authorizations.csv",
         "--enrollment", EXAMPLES / "enrollment.csv", "--schedule", EXAMPLES / "schedule.csv",
         "--rules", EXAMPLES / "rules.csv", "--as-of", "2026-11-02", "--format", "jsonl"],
        capture_output=True, text=True, check=False)
    from_cli = [json.loads(line) for line in result.stdout.splitlines()]
    from_python = [{**i, "due_date": i["due_date"].isoformat()} for i in example_items()]
    assert from_python == from_cli


def test_tracker_columns_from_python_and_a_pending_request():
    index = authmatch.AuthorizationIndex([{
        "auth_number": "R1", "status": "pending", "payer_id": "P1", "member_id": "M1",
        "code": "97110", "effective_date": "2026-06-01", "expiration_date": "2026-12-31",
        "requested_date": datetime.date(2026, 6, 10), "priority": "expedited",
        "next_action": "call the plan", "next_action_due": "2026-06-14"}])
    row = index[0]
    assert (row["requested_date"], row["priority"], row["next_action"], row["next_action_due"]) == \
           (datetime.date(2026, 6, 10), "expedited", "call the plan", datetime.date(2026, 6, 14))
    assert authmatch.review(index, as_of="2026-06-13") == []
    [item] = authmatch.review(index, as_of="2026-06-14")
    assert (item["kind"], item["severity"], item["due_date"]) == \
           ("decision_overdue", "overdue", datetime.date(2026, 6, 13))
    assert item["next_action"] == "call the payer for the decision"
    assert item["message"].endswith("; tracker: call the plan by 2026-06-14.")


def test_a_bad_priority_names_the_field():
    with pytest.raises(authmatch.FieldError) as raised:
        authmatch.AuthorizationIndex([{
            "auth_number": "R1", "status": "pending", "payer_id": "P1", "member_id": "M1",
            "code": "97110", "effective_date": "2026-06-01", "expiration_date": "2026-12-31",
            "priority": "urgent"}])
    assert raised.value.field == "priority"


def test_an_unreadable_schedule_raises_input_error():
    index = authmatch.load_authorizations(EXAMPLES / "authorizations.csv")
    with pytest.raises(authmatch.InputError):
        authmatch.review(index, as_of="2026-11-02",
                         schedule=b"claim_id,line,member_id,payer_id,code,units,service_date\n"
                                  b"S1,1,M1,P1,97110,1,someday\n")


def test_the_tracker_columns_pickle_and_older_pickles_still_load():
    import pickle

    index = authmatch.AuthorizationIndex([{
        "auth_number": "R1", "status": "pending", "payer_id": "P1", "member_id": "M1",
        "code": "97110", "effective_date": "2026-06-01", "expiration_date": "2026-12-31",
        "requested_date": "2026-06-10", "priority": "expedited", "next_action": "call"}])
    assert pickle.loads(pickle.dumps(index))[0] == index[0]
    rows = [tuple(index[0][field] for field in VERSION_3_FIELDS)]
    older = authmatch.AuthorizationIndex.__new__(authmatch.AuthorizationIndex)
    older.__setstate__((3, rows))
    assert older[0] == index[0]
    older = authmatch.AuthorizationIndex.__new__(authmatch.AuthorizationIndex)
    older.__setstate__((2, [row[:19] for row in rows]))  # before the tracker's columns
    assert older[0]["priority"] == "standard" and older[0]["requested_date"] is None


# A row of a version 3 pickle: these fields' values, in this order.
VERSION_3_FIELDS = (
    "auth_number", "status", "payer_id", "member_id", "patient_dob", "code", "units",
    "units_used", "effective_date", "expiration_date", "rendering_npi", "facility_npi",
    "place_of_service", "diagnosis_codes", "unit_type", "type", "level_of_care", "claim_type",
    "modifiers", "requested_date", "priority", "next_action", "next_action_due")


def pending_request() -> authmatch.AuthorizationIndex:
    """A standard request sent to payer 61101 on 2026-06-10, not decided."""
    return authmatch.AuthorizationIndex([{
        "auth_number": "R1", "status": "pending", "payer_id": "61101", "member_id": "M1",
        "code": "97110", "effective_date": "2026-06-01", "expiration_date": "2026-12-31",
        "requested_date": "2026-06-10", "priority": "standard"}])


def test_payer_profiles_set_the_decision_window():
    profiles = authmatch.load_payer_profiles(
        b"payer_id,preset,kind,group,carc,rarc,decision_window\n61101,default,,,,,72h\n")
    assert authmatch.review(pending_request(), as_of="2026-06-14") == []  # 7 days: not yet
    [item] = authmatch.review(pending_request(), as_of="2026-06-14", payer_profiles=profiles)
    assert (item["kind"], item["due_date"]) == ("decision_overdue", datetime.date(2026, 6, 13))
    assert "payer's decision window of 72 hours" in item["message"]


def test_the_usage_a_ledger_recorded_is_counted_in(tmp_path):
    index = authmatch.AuthorizationIndex([auth_row()])  # 12 units of 97110, none used
    ledger = authmatch.Ledger(tmp_path / "usage.db")
    authmatch.Validator(index).validate(
        [claim_line(claim_id="C1", units=11)], ledger=ledger)
    assert authmatch.review(index, as_of="2026-09-15") == []
    [item] = authmatch.review(index, as_of="2026-09-15", ledger=ledger)
    assert (item["kind"], item["auth_number"], item["due_date"]) == \
           ("quantity_low", "PT1", datetime.date(2026, 9, 15))
    assert item["message"].startswith("Only 1 unit of the 12 units approved on PT1")
