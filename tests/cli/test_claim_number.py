"""The claim's authorization number (2300 REF*G1) on lines it does not approve, in an 837."""

import json

from conftest import edited


def validate(authmatch, examples, path):
    return authmatch("validate", "--auths", examples / "authorizations.csv", "--rules",
                     examples / "rules.csv", "--format", "jsonl", "--no-warnings", path)


def claim_with_lines(examples, tmp_path, *lines):
    """Claim PT-5001 of the example 837P (REF*G1*PT260901 at the claim) with more lines."""
    text = (examples / "claims_837p.x12").read_text()
    anchor = "SV1*HC:97140:GP*55*UN*1***1~\nDTP*472*D8*20260908~\n"
    assert anchor in text
    added = "".join(f"LX*{3 + i}~\nSV1*HC:{code}*55*UN*1***1~\nDTP*472*D8*20260908~\n"
                    for i, code in enumerate(lines))
    path = tmp_path / "claims.x12"
    path.write_text(text.replace(anchor, anchor + added, 1))
    return path


def findings_of(result, claim_id):
    records = [json.loads(line) for line in result.stdout.splitlines()]
    return [(r["line"], r["kind"]) for r in records if r["claim_id"] == claim_id]


def test_an_office_visit_on_the_claim_of_another_authorization_is_not_denied(
        authmatch, examples, tmp_path):
    result = validate(authmatch, examples, claim_with_lines(examples, tmp_path, "99213"))
    assert findings_of(result, "PT-5001") == []


def test_a_line_the_claims_number_does_not_approve_is_told_its_own_number(
        authmatch, examples, tmp_path):
    # 97530 is approved for the dependent who shares the member ID, under PT260915: this claim's
    # patient has no authorization for it, so the number on the claim is a code_mismatch.
    result = validate(authmatch, examples, claim_with_lines(examples, tmp_path, "97530"))
    assert findings_of(result, "PT-5001") == [(3, "code_mismatch")]


def test_a_line_with_an_authorization_of_its_own_is_told_to_carry_it(
        authmatch, examples, tmp_path):
    auths = tmp_path / "auths.csv"
    auths.write_text((examples / "authorizations.csv").read_text().rstrip("\n") +
                     "\nPT270001,approved,61101,W100200300,1968-04-12,97112,4,0,units,"
                     "2026-09-01,2026-11-30,,,,,,,,,\n")
    path = claim_with_lines(examples, tmp_path, "97112")
    result = authmatch("validate", "--auths", auths, "--rules", examples / "rules.csv",
                       "--format", "jsonl", "--no-warnings", path)
    records = [json.loads(line) for line in result.stdout.splitlines()]
    mine = [r for r in records if r["claim_id"] == "PT-5001"]
    assert [(r["line"], r["kind"]) for r in mine] == [(3, "auth_number_missing")]
    assert mine[0]["expected"] == "PT270001" and mine[0]["actual"] == "PT260901"


def test_an_office_visit_on_an_mri_claim_is_not_denied_for_the_mri_number(
        authmatch, examples, tmp_path):
    # RAD-9007 bills the MRI (72148, professional component) under 2300 REF*G1*RBM550160; an
    # office visit on the same claim needs no authorization and is not a code_mismatch.
    path = edited(examples, tmp_path, "specialist_837p.x12",
                  ("SV1*HC:72148:26*420*UN*1***1~\nDTP*472*D8*20261105~\n",
                   "SV1*HC:72148:26*420*UN*1***1~\nDTP*472*D8*20261105~\n"
                   "LX*2~\nSV1*HC:99213*120*UN*1***1~\nDTP*472*D8*20261105~\n"))
    assert findings_of(validate(authmatch, examples, path), "RAD-9007") == []
