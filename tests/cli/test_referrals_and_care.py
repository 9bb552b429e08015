"""Referrals, level of care and service component from the command, in CSV, 837P and 837I input."""

import json

import pytest

from conftest import edited


def validate(authmatch, examples, *inputs, rules=True):
    rules_option = ("--rules", examples / "rules.csv") if rules else ()
    return authmatch("validate", "--auths", examples / "authorizations.csv", *rules_option,
                     "--format", "jsonl", "--no-warnings", *inputs)


def findings(result, kind):
    return [r for r in map(json.loads, result.stdout.splitlines()) if r["kind"] == kind]


def claims_of(result, kind):
    return [(f["claim_id"], f["line"]) for f in findings(result, kind)]


def approved_at(examples, tmp_path, level):
    """The example authorizations with the MRI's RBM550160 approved at `level` of care."""
    text = (examples / "authorizations.csv").read_text()
    row = "RBM550160,approved,77350,M66602345,1959-02-19,72148,2,0,units,2026-11-01,2026-11-30,"
    assert row + "1565656562,,,,,,professional,26" in text
    auths = tmp_path / "auths.csv"
    auths.write_text(text.replace(row + "1565656562,,,,,,professional,26",
                                  row + f"1565656562,,,,,{level},professional,26"))
    return auths


@pytest.fixture(scope="module")
def csv_run(authmatch, examples):
    return validate(authmatch, examples, examples / "claim_lines.csv")


@pytest.fixture(scope="module")
def professional_run(authmatch, examples):
    return validate(authmatch, examples, examples / "specialist_837p.x12")


@pytest.fixture(scope="module")
def institutional_run(authmatch, examples):
    return validate(authmatch, examples, examples / "hospital_837i.x12")


# --- referrals --------------------------------------------------------------------------------

def test_a_csv_line_without_a_covering_referral_is_referral_missing(csv_run):
    assert claims_of(csv_run, "referral_missing") == [("RSG-50005", 1)]
    f = findings(csv_run, "referral_missing")[0]
    assert (f["severity"], f["group"], f["carc"], f["rarc"]) == ("deny", "CO", "288", [])


def test_an_837p_line_without_a_covering_referral_is_referral_missing(professional_run):
    assert claims_of(professional_run, "referral_missing") == [("HMO-9005", 1)]


def test_a_csv_referral_past_its_visits_is_referral_exceeded(csv_run):
    assert claims_of(csv_run, "referral_exceeded") == [("RSG-50004", 1)]
    f = findings(csv_run, "referral_exceeded")[0]
    assert (f["group"], f["carc"], f["auth_number"]) == ("CO", "287", "REF61001")
    assert (f["expected"], f["actual"]) == ("at most 0 visits", "1 visit")


def test_an_837p_referral_past_its_visits_is_referral_exceeded(professional_run):
    assert claims_of(professional_run, "referral_exceeded") == [("HMO-9004", 1)]


def test_a_csv_line_that_does_not_carry_its_referral_is_referral_number_missing(csv_run):
    assert claims_of(csv_run, "referral_number_missing") == [("RSG-50002", 1)]
    f = findings(csv_run, "referral_number_missing")[0]
    assert (f["group"], f["carc"], f["rarc"]) == ("CO", "16", ["N54"])
    assert (f["expected"], f["actual"]) == ("REF61001", "none")


def test_an_837p_referral_in_2300_or_2400_ref_9f_is_carried(professional_run):
    # HMO-9001 carries REF*9F in the claim (2300), HMO-9003 in its line (2400); HMO-9002 in none.
    assert claims_of(professional_run, "referral_number_missing") == [("HMO-9002", 1)]


def test_visits_are_used_in_date_order_whatever_the_file_order(authmatch, examples, tmp_path):
    lines = (examples / "claim_lines.csv").read_text().splitlines()
    header, rows = lines[0], lines[1:]
    hmo = [r for r in rows if r.startswith("RSG-5000")]
    path = tmp_path / "reversed.csv"
    path.write_text("\n".join([header, *reversed(hmo)]) + "\n")
    assert claims_of(validate(authmatch, examples, path), "referral_exceeded") == [("RSG-50004", 1)]


def test_without_a_rule_that_requires_it_no_referral_is_checked(authmatch, examples):
    result = validate(authmatch, examples, examples / "claim_lines.csv", rules=False)
    assert not [f for f in map(json.loads, result.stdout.splitlines())
                if f["kind"].startswith("referral_")]


def test_a_referral_number_in_ref_g1_is_told_to_move_to_ref_9f(authmatch, examples, tmp_path):
    path = edited(examples, tmp_path, "specialist_837p.x12",
                  ("CLM*HMO-9001*110***11:B:1*Y*A*Y*Y~\nREF*G1*PT261105~",
                   "CLM*HMO-9001*110***11:B:1*Y*A*Y*Y~\nREF*G1*REF61001~"))
    found = [f for f in findings(validate(authmatch, examples, path), "auth_number_unknown")
             if f["claim_id"] == "HMO-9001"]
    assert len(found) == 1
    assert found[0]["message"].startswith("REF61001 is a referral number, not an authorization")


# --- level of care ----------------------------------------------------------------------------

def test_a_csv_line_billed_at_another_level_of_care_is_level_of_care_mismatch(csv_run):
    assert claims_of(csv_run, "level_of_care_mismatch") == [("RSG-60001", 1)]
    f = findings(csv_run, "level_of_care_mismatch")[0]
    assert (f["group"], f["carc"], f["rarc"]) == ("CO", "197", ["N188"])
    assert (f["expected"], f["actual"]) == ("observation", "inpatient")


def test_an_837i_inpatient_bill_against_an_observation_approval_is_level_of_care_mismatch(
        institutional_run):
    assert claims_of(institutional_run, "level_of_care_mismatch") == [("HOSP-9101", 1)]
    assert findings(institutional_run, "level_of_care_mismatch")[0]["actual"] == "inpatient"


def test_an_837i_outpatient_bill_with_observation_revenue_is_observation(authmatch, examples,
                                                                         tmp_path):
    path = edited(examples, tmp_path, "hospital_837i.x12",
                  ("CLM*HOSP-9101*1500***11:A:1", "CLM*HOSP-9101*1500***13:A:1"))
    assert claims_of(validate(authmatch, examples, path), "level_of_care_mismatch") == []


def test_an_837i_outpatient_bill_without_observation_revenue_is_outpatient(authmatch, examples,
                                                                           tmp_path):
    auths = approved_at(examples, tmp_path, "inpatient")
    result = authmatch("validate", "--auths", auths, "--rules", examples / "rules.csv",
                       "--format", "jsonl", "--no-warnings", examples / "hospital_837i.x12")
    found = findings(result, "level_of_care_mismatch")
    assert [(f["claim_id"], f["expected"], f["actual"]) for f in found] == [
        ("HOSP-9101", "observation", "inpatient"), ("HOSP-9102", "inpatient", "outpatient")]


def test_an_837p_place_of_service_21_is_inpatient(authmatch, examples, tmp_path):
    auths = approved_at(examples, tmp_path, "outpatient")
    path = edited(examples, tmp_path, "specialist_837p.x12",
                  ("CLM*RAD-9007*420***22:B:1", "CLM*RAD-9007*420***21:B:1"))
    result = authmatch("validate", "--auths", auths, "--rules", examples / "rules.csv",
                       "--format", "jsonl", "--no-warnings", path)
    found = findings(result, "level_of_care_mismatch")
    assert [(f["claim_id"], f["actual"]) for f in found] == [
        ("RAD-9007", "inpatient (place of service 21)")]


# --- service component ------------------------------------------------------------------------

def test_a_csv_line_without_the_approved_component_is_component_mismatch(csv_run):
    assert claims_of(csv_run, "component_mismatch") == [("RSG-20008", 1)]
    f = findings(csv_run, "component_mismatch")[0]
    assert (f["group"], f["carc"], f["rarc"]) == ("CO", "197", ["N54"])
    assert (f["expected"], f["actual"]) == ("professional claim, modifier 26",
                                            "professional claim, modifiers TC")


def test_an_837p_technical_component_is_component_mismatch(professional_run):
    assert claims_of(professional_run, "component_mismatch") == [("RAD-9008", 1)]


def test_an_837i_line_of_a_professional_only_approval_is_component_mismatch(institutional_run):
    assert claims_of(institutional_run, "component_mismatch") == [("HOSP-9102", 1)]
    f = findings(institutional_run, "component_mismatch")[0]
    assert f["actual"] == "institutional claim, modifiers none"
    assert "billed on an institutional claim and without modifier 26" in f["message"]
