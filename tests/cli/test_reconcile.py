"""authmatch reconcile: the example practice's remittances against its validate run, and
validate --payer-profiles."""

import json
import os
import pathlib

import pytest

SAMPLES = pathlib.Path(os.environ.get("AUTHMATCH_SAMPLES", "/nonexistent"))


@pytest.fixture()
def findings(authmatch, examples, tmp_path):
    path = tmp_path / "findings.jsonl"
    result = authmatch("validate", "--auths", examples / "authorizations.csv",
                       "--rules", examples / "rules.csv", "--enrollment",
                       examples / "enrollment.csv", "--format", "jsonl", "-o", path,
                       examples / "claim_lines.csv")
    assert result.returncode == 1, result.stderr
    return path


def reconcile(authmatch, examples, findings, *extra, inputs=None):
    return authmatch("reconcile", "--findings", findings, "--rules", examples / "rules.csv",
                     *extra, *(inputs or [examples / "remittance.835"]))


def test_the_summary_counts_every_claim_and_line(authmatch, examples, findings, tmp_path):
    summary = tmp_path / "summary.json"
    result = reconcile(authmatch, examples, findings, "--summary", summary, "--format", "jsonl")
    assert result.returncode == 0, result.stderr
    counts = json.loads(summary.read_text())
    assert list(counts) == ["claims_read", "lines_read", "lines_matched", "lines_unmatched",
                            "denials_made", "denials_predicted", "true_positives", "missed",
                            "false_alarms", "precision", "recall", "by_payer"]
    assert (counts["claims_read"], counts["lines_read"]) == (20, 26)
    assert counts["lines_matched"] + counts["lines_unmatched"] == counts["lines_read"]
    assert counts["denials_made"] == counts["true_positives"] + counts["missed"] == 14
    assert counts["denials_predicted"] == counts["true_positives"] + counts["false_alarms"] == 16
    assert (counts["precision"], counts["recall"]) == (0.8125, 0.9286)
    assert sorted(counts["by_payer"]) == ["61101", "77350", "93044"]
    assert sum(p["lines_read"] for p in counts["by_payer"].values()) == 26
    assert list(counts["by_payer"]["61101"])[:-2] == list(counts)[:-3]


def test_jsonl_rows_carry_the_lessons(authmatch, examples, findings):
    result = reconcile(authmatch, examples, findings, "--format", "jsonl")
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    missed = [r for r in rows if r["missed"]]
    assert [(r["payer_id"], r["code"]) for r in missed] == [("61101", "99213")]
    assert missed[0]["lessons"] == [
        "payer 61101 denied 99213 with CO-197: no rule says it needs authorization; add "
        "`61101,99213,yes` to the rules"]


def test_findings_saved_with_a_byte_order_mark_reconcile_the_same(authmatch, examples, findings,
                                                                  tmp_path):
    marked = tmp_path / "marked.jsonl"
    marked.write_bytes(b"\xef\xbb\xbf" + findings.read_bytes())
    plain = reconcile(authmatch, examples, findings, "--format", "jsonl")
    result = reconcile(authmatch, examples, marked, "--format", "jsonl")
    assert result.returncode == 0, result.stderr
    assert result.stdout == plain.stdout


def test_csv_and_table(authmatch, examples, findings):
    csv = reconcile(authmatch, examples, findings, "--format", "csv").stdout.splitlines()
    assert csv[0].startswith("payer_id,code,claims_read,lines_read,")
    assert len(csv) == 15
    table = reconcile(authmatch, examples, findings, "--format", "table").stdout
    assert table.startswith("PAYER  CODE   LINES  DENIED  PREDICTED  CAUGHT  MISSED")
    assert "all           26     14      16         13      1       3             81.2%" in table
    assert "Lessons:" in table


def test_a_profile_makes_the_payers_other_code_agree(authmatch, examples, findings, tmp_path):
    before = reconcile(authmatch, examples, findings, "--format", "table").stdout
    assert "with CO-15 where the run predicted CO-16 M62 (auth_number_unknown)" in before
    profiles = tmp_path / "profiles.csv"
    profiles.write_text("payer_id,preset,kind,group,carc,rarc,decision_window\n"
                        "61101,,auth_number_unknown,CO,15,,\n")
    after = reconcile(authmatch, examples, findings, "--format", "table",
                      "--payer-profiles", profiles)
    assert after.returncode == 0
    assert "CO-15 where" not in after.stdout
    assert "CARC 15, deactivated" in after.stderr


def test_a_damaged_claim_is_named_and_the_others_are_read(authmatch, examples, findings, tmp_path):
    text = (examples / "remittance.835").read_text().replace("CLP*RSG-10002*4*165.00",
                                                             "CLP*RSG-10002*4*16X.00", 1)
    damaged = tmp_path / "damaged.835"
    damaged.write_text(text)
    summary = tmp_path / "summary.json"
    result = reconcile(authmatch, examples, findings, "--summary", summary, "--format", "jsonl",
                       inputs=[damaged])
    assert result.returncode == 1
    assert "remittance claim RSG-10002 could not be read" in result.stderr
    assert "damaged.835: segment 25, element 3, byte 747: CLP03 '16X.00'" in result.stderr
    counts = json.loads(summary.read_text())
    assert (counts["claims_read"], counts["lines_read"]) == (20, 26)


def test_an_input_that_is_not_an_835_is_unusable(authmatch, examples, findings):
    result = reconcile(authmatch, examples, findings, inputs=[examples / "claims_837p.x12"])
    assert result.returncode == 2
    assert "not a usable 835" in result.stderr
    assert "is not an 835 remittance" in result.stderr
    assert result.stderr.count("\n") == 1


def test_findings_that_are_not_json_lines_are_refused(authmatch, examples, tmp_path):
    bad = tmp_path / "findings.jsonl"
    bad.write_text("claim_id,line\n")
    result = reconcile(authmatch, examples, bad)
    assert result.returncode == 2
    assert "findings.jsonl:1:1" in result.stderr


@pytest.mark.skipif(not (SAMPLES / "835").is_dir(), reason="no X12 samples (AUTHMATCH_SAMPLES)")
def test_the_public_835_samples_hold_no_authorization_denial(authmatch, examples, tmp_path):
    empty = tmp_path / "findings.jsonl"
    empty.write_text("")
    summary = tmp_path / "summary.json"
    samples = sorted((SAMPLES / "835").glob("*.x12"))
    result = reconcile(authmatch, examples, empty, "--summary", summary, inputs=samples)
    assert result.returncode == 1  # the tertiary sample's claim has no procedure code
    counts = json.loads(summary.read_text())
    assert (counts["claims_read"], counts["lines_read"], counts["denials_made"]) == (8, 6, 0)


def test_validate_payer_profiles_give_findings_the_payers_codes(authmatch, examples, tmp_path):
    profiles = tmp_path / "profiles.csv"
    profiles.write_text("payer_id,preset\n61101,legacy\n77350,x12_strict\n")
    result = authmatch("validate", "--auths", examples / "authorizations.csv", "--rules",
                       examples / "rules.csv", "--payer-profiles", profiles, "--format", "jsonl",
                       "--no-warnings", examples / "claim_lines.csv")
    records = [json.loads(line) for line in result.stdout.splitlines()]
    codes = {(r["claim_id"], r["kind"]): (r["group"], r["carc"], r["rarc"]) for r in records}
    assert codes[("RSG-10002", "auth_number_missing")] == ("CO", "15", [])
    assert codes[("RSG-10009", "auth_missing")] == ("CO", "62", [])
    assert codes[("RSG-20001", "code_mismatch")] == ("CO", "284", ["N54"])
    assert codes[("RSG-20004", "auth_expired")] == ("CO", "302", ["N54"])
    assert codes[("RSG-30004", "auth_missing")] == ("CO", "197", [])  # 93044: no profile
    assert "deactivated in the X12 code list" in result.stderr


def test_validate_refuses_a_bad_profile_with_its_position(authmatch, examples, tmp_path):
    profiles = tmp_path / "profiles.csv"
    profiles.write_text("payer_id,preset\n61101,modern\n")
    result = authmatch("validate", "--auths", examples / "authorizations.csv",
                       "--payer-profiles", profiles, examples / "claim_lines.csv")
    assert result.returncode == 2
    assert "profiles.csv:2:2: preset: 'modern' is not a preset" in result.stderr


def test_reconcile_help_describes_the_command(authmatch):
    result = authmatch("reconcile", "--help")
    assert result.returncode == 0
    for text in ("--findings", "--payer-profiles", "--summary", "REF*6R", "lesson"):
        assert text in result.stdout


def test_a_second_rules_file_joins_the_first_for_the_lessons(authmatch, examples, findings,
                                                              tmp_path):
    more = tmp_path / "more_rules.csv"
    more.write_text("payer_id,code,requires_auth\n61101,99213,yes\n")
    result = reconcile(authmatch, examples, findings, "--rules", more, "--format", "jsonl")
    assert result.returncode == 0, result.stderr
    missed = [r for r in map(json.loads, result.stdout.splitlines()) if r["missed"]]
    assert [(r["payer_id"], r["code"]) for r in missed] == [("61101", "99213")]
    assert "no rule says it needs authorization" not in missed[0]["lessons"][0]
