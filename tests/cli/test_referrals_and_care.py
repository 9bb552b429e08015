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


def hmo_837i(tmp_path, claims):
    """An outpatient hospital 837I of physical therapy for the example's HMO members (60054):
    `claims` are (claim ID, member ID, auth number, date, REF*9F in 2300, REF*9F in 2400)."""
    members = {"H33004400": "SHAW*NINA", "H33004411": "ODOM*RAY"}
    segments = [
        "ISA*00*          *00*          *ZZ*RIVERSIDEREHAB *ZZ*CLEARINGHOUSE  *261130*0900*^*00501"
        "*000000731*0*P*:",
        "GS*HC*RIVERSIDEREHAB*CLEARINGHOUSE*20261130*0900*731*X*005010X223A2",
        "ST*837*0001*005010X223A2", "BHT*0019*00*RSG1131*20261130*0900*CH",
        "NM1*41*2*ST MARY REGIONAL HOSPITAL*****46*SMR01", "PER*IC*BILLING OFFICE*TE*5555550142",
        "NM1*40*2*CLEARINGHOUSE*****46*CH01", "HL*1**20*1",
        "NM1*85*2*ST MARY REGIONAL HOSPITAL*****XX*1234567893", "N3*1 HOSPITAL DR",
        "N4*SPRINGFIELD*IL*62701", "REF*EI*371234568"]
    for n, (claim, member, auth, day, claim_ref, line_ref) in enumerate(claims, start=2):
        segments += [f"HL*{n}*1*22*0", "SBR*P*18*******HM", f"NM1*IL*1*{members[member]}****MI*{member}",
                     "NM1*PR*2*BLUEGRASS HMO*****PI*60054", f"CLM*{claim}*110***13:A:1**A*Y*Y",
                     f"DTP*434*RD8*{day}-{day}", "CL1*3*1*01", f"REF*G1*{auth}"]
        segments += [f"REF*9F*{claim_ref}"] if claim_ref else []
        segments += ["HI*ABK:M5450", "NM1*82*1*PATEL*ANITA****XX*1987654328", "LX*1",
                     "SV2*0420*HC:97110:GP*110*UN*2", f"DTP*472*D8*{day}"]
        segments += [f"REF*9F*{line_ref}"] if line_ref else []
    count = len(segments) - 2 + 1  # ST to SE
    segments += [f"SE*{count}*0001", "GE*1*731", "IEA*1*000000731"]
    path = tmp_path / "hmo_837i.x12"
    path.write_text("~\n".join(segments) + "~\n")
    return path


@pytest.fixture(scope="module")
def hmo_institutional_run(authmatch, examples, tmp_path_factory):
    return validate(authmatch, examples, hmo_837i(tmp_path_factory.mktemp("hmo"), [
        ("HMO-9101", "H33004400", "PT261105", "20261103", "REF61001", None),
        ("HMO-9102", "H33004400", "PT261105", "20261110", None, None),
        ("HMO-9103", "H33004400", "PT261105", "20261117", None, "REF61001"),
        ("HMO-9104", "H33004400", "PT261105", "20261124", "REF61001", None),
        ("HMO-9105", "H33004411", "PT261106", "20261112", None, None)]))


def test_an_837i_line_without_a_covering_referral_is_referral_missing(hmo_institutional_run):
    assert claims_of(hmo_institutional_run, "referral_missing") == [("HMO-9105", 1)]


def test_an_837i_referral_past_its_visits_is_referral_exceeded(hmo_institutional_run):
    assert claims_of(hmo_institutional_run, "referral_exceeded") == [("HMO-9104", 1)]


def test_an_837i_referral_in_2300_or_2400_ref_9f_is_carried(hmo_institutional_run):
    # HMO-9101 carries REF*9F in the claim (2300), HMO-9103 in its line (2400); HMO-9102 in none.
    assert claims_of(hmo_institutional_run, "referral_number_missing") == [("HMO-9102", 1)]


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
