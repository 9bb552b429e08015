"""reconcile(): a run's findings against 835 remittances, the same as `authmatch reconcile`."""

import json
import os
import pickle
import subprocess

import pytest

import authmatch
from conftest import EXAMPLES, SOURCE_DIR, remittance_835

REMITTANCE = EXAMPLES / "remittance.835"


def run_cli(*args) -> subprocess.CompletedProcess:
    binary = os.environ.get("AUTHMATCH_CLI")
    if not binary:
        pytest.fail("AUTHMATCH_CLI is not set (run the tests through ctest)")
    return subprocess.run([binary, *map(str, args)], capture_output=True, text=True, timeout=120,
                          cwd=SOURCE_DIR)


@pytest.fixture(scope="module")
def example_run() -> authmatch.Validator:
    """The README's run: the example practice's authorizations, rules and enrollment."""
    return authmatch.Validator(authmatch.load_authorizations(EXAMPLES / "authorizations.csv"),
                               authmatch.load_rules(EXAMPLES / "rules.csv"),
                               enrollment=authmatch.load_enrollment(EXAMPLES / "enrollment.csv"))


@pytest.fixture(scope="module")
def findings_file(tmp_path_factory):
    """The findings the command writes for the example claims."""
    path = tmp_path_factory.mktemp("run") / "findings.jsonl"
    result = run_cli("validate", "--auths", EXAMPLES / "authorizations.csv", "--rules",
                     EXAMPLES / "rules.csv", "--enrollment", EXAMPLES / "enrollment.csv",
                     "--format", "jsonl", "-o", path, EXAMPLES / "claim_lines.csv")
    assert result.returncode == 1, result.stderr
    return path


@pytest.fixture(scope="module")
def cli_summary(findings_file, tmp_path_factory) -> dict:
    summary = tmp_path_factory.mktemp("reconcile") / "summary.json"
    result = run_cli("reconcile", "--findings", findings_file, "--rules", EXAMPLES / "rules.csv",
                     "--format", "jsonl", "--summary", summary, REMITTANCE)
    assert result.returncode == 0, result.stderr
    return json.loads(summary.read_text())


@pytest.fixture(scope="module")
def rules() -> authmatch.Rules:
    return authmatch.load_rules(EXAMPLES / "rules.csv")


def test_the_summary_is_the_commands_summary(findings_file, cli_summary, rules):
    report = authmatch.reconcile(findings_file, REMITTANCE, rules=rules)
    assert report.summary == cli_summary
    assert list(report.summary) == list(cli_summary)
    assert (report.summary["precision"], report.summary["recall"]) == (0.8125, 0.9286)


def test_findings_of_a_python_run_give_the_commands_summary(example_run, cli_summary, rules):
    report = example_run.validate_csv(EXAMPLES / "claim_lines.csv")
    assert authmatch.reconcile(report, REMITTANCE, rules).summary == cli_summary
    assert authmatch.reconcile(list(report), [REMITTANCE], rules).summary == cli_summary
    streamed = example_run.iter_csv(EXAMPLES / "claim_lines.csv")
    assert authmatch.reconcile(streamed, REMITTANCE, rules).summary == cli_summary


def test_rows_tables_and_csv_are_the_commands(findings_file, rules):
    report = authmatch.reconcile(findings_file.read_bytes(), REMITTANCE.read_bytes(), rules)

    def cli(fmt: str) -> str:
        return run_cli("reconcile", "--findings", findings_file, "--rules", EXAMPLES / "rules.csv",
                       "--format", fmt, REMITTANCE).stdout

    assert report.rows == [json.loads(line) for line in cli("jsonl").splitlines()]
    assert report.to_jsonl() == cli("jsonl")
    assert report.to_table() == cli("table")
    assert report.to_csv().replace("\r\n", "\n") == cli("csv")


def test_a_missed_denial_is_a_lesson(findings_file, rules):
    report = authmatch.reconcile(findings_file, REMITTANCE, rules)
    assert report.lessons[-1] == {
        "payer_id": "61101", "code": "99213", "adjustment": "CO-197", "lines": 1,
        "message": "payer 61101 denied 99213 with CO-197: no rule says it needs authorization; "
                   "add `61101,99213,yes` to the rules"}
    missed = [row for row in report.rows if row["missed"]]
    assert [(r["payer_id"], r["code"], r["lessons"]) for r in missed] == [
        ("61101", "99213", [report.lessons[-1]["message"]])]
    assert repr(report) == ("<ReconcileReport: 20 claims, 26 lines; 14 denials made, "
                            "16 predicted, 13 caught>")


def test_a_remittance_read_before_reconciles_as_its_file(findings_file, rules):
    remittance = authmatch.read_835(REMITTANCE)
    assert authmatch.reconcile(findings_file, remittance, rules).rows == \
        authmatch.reconcile(findings_file, REMITTANCE, rules).rows


def test_a_profile_makes_the_payers_other_code_agree(findings_file, rules):
    before = authmatch.reconcile(findings_file, REMITTANCE, rules)
    assert [l["adjustment"] for l in before.lessons] == ["CO-15 for auth_number_unknown",
                                                         "CO-197"]
    profiles = authmatch.load_payer_profiles(
        b"payer_id,kind,group,carc\n61101,auth_number_unknown,CO,15\n")
    after = authmatch.reconcile(findings_file, REMITTANCE, rules, payer_profiles=profiles)
    assert [l["adjustment"] for l in after.lessons] == ["CO-197"]
    assert after.summary == before.summary


def test_without_rules_the_lesson_still_names_the_rule(findings_file):
    report = authmatch.reconcile(findings_file, REMITTANCE)
    assert "add `61101,99213,yes` to the rules" in report.lessons[-1]["message"]


def built_remittance(clp: str = "CLP*C1*4*55*0**12*P1", payer_id: str = "61101") -> bytes:
    return remittance_835([[clp, "SVC*HC:97140*55*0", "DTM*472*20260908", "CAS*CO*197*55",
                            "REF*6R*1"]], payer_id)


def test_a_damaged_claim_is_listed_with_its_position_and_the_others_are_read():
    damaged = remittance_835([["CLP*C1*4*5X*0**12*P1", "SVC*HC:97140*55*0"],
                              ["CLP*C2*4*55*0**12*P2", "SVC*HC:97140*55*0", "DTM*472*20260908",
                               "CAS*CO*197*55"]])
    report = authmatch.reconcile([], damaged)
    assert report.claims_rejected == 1
    [rejected] = report.rejected
    assert (rejected["claim_id"], rejected["file"], rejected["segment"], rejected["element"]) == (
        "C1", "<bytes>", 10, 3)
    assert "CLP03 '5X'" in rejected["message"]
    summary = report.summary
    assert (summary["claims_read"], summary["lines_read"], summary["lines_unmatched"]) == (2, 2, 2)
    assert summary["missed"] == 1


def test_a_service_line_outside_a_claim_is_read_and_unmatched():
    stray = remittance_835([["SVC*HC:97110*110*0", "DTM*472*20260908"],
                            ["CLP*C2*4*55*0**12*P2", "SVC*HC:97140*55*0", "DTM*472*20260908",
                             "CAS*CO*197*55"]])
    report = authmatch.reconcile([], stray)
    assert report.claims_rejected == 0 and report.rejected == []
    summary = report.summary
    assert (summary["claims_read"], summary["lines_read"], summary["lines_unmatched"]) == (1, 2, 2)


def test_remittances_in_which_no_claim_can_be_read_are_an_input_error():
    with pytest.raises(authmatch.InputError, match="no remittance claim could be read") as caught:
        authmatch.reconcile([], built_remittance("CLP*C1*4*5X*0**12*P1"))
    assert "segment 10, element 3" in caught.value.message


def test_findings_that_are_not_json_lines_name_line_and_column(tmp_path):
    bad = tmp_path / "findings.jsonl"
    bad.write_text('{"claim_id": "C1", "kind": "auth_missing"}\n'
                   '{"claim_id": "C1", "kind": "nope"}\n')
    with pytest.raises(authmatch.InputError) as caught:
        authmatch.reconcile(bad, built_remittance())
    assert (caught.value.file, caught.value.line, caught.value.column) == (str(bad), 2, 28)
    assert "'nope' is not a finding kind" in caught.value.message


def test_findings_given_as_bytes_are_named_bytes():
    with pytest.raises(authmatch.InputError) as caught:
        authmatch.reconcile(b"claim_id,line\n", built_remittance())
    assert (caught.value.file, caught.value.line, caught.value.column) == ("<bytes>", 1, 1)


def test_a_remittance_that_is_not_an_835_is_an_input_error(findings_file):
    with pytest.raises(authmatch.InputError, match="not a usable 835") as caught:
        authmatch.reconcile(findings_file, [REMITTANCE, EXAMPLES / "claims_837p.x12"])
    assert caught.value.file == str(EXAMPLES / "claims_837p.x12")


@pytest.mark.parametrize("findings, remittances", [
    (42, REMITTANCE), ([42], REMITTANCE), ([], 42), ([], [42]), ([], [])])
def test_values_of_other_types_are_type_errors(findings, remittances):
    with pytest.raises(TypeError):
        authmatch.reconcile(findings, remittances)


def test_bytes_that_are_not_utf8_are_replaced_in_values_and_outputs():
    report = authmatch.reconcile([], built_remittance(payer_id="61X01").replace(b"61X01",
                                                                                b"61\xe901"))
    assert report.rows[0]["payer_id"] == "61\ufffd01"
    assert list(report.summary["by_payer"]) == ["61\ufffd01"]
    assert report.lessons[0]["message"].startswith("payer 61\ufffd01 denied 97140")
    text = report.to_jsonl()
    assert '"payer_id": "61\\ufffd01"' in text
    assert json.loads(text)["payer_id"] == "61\ufffd01"
    assert report.to_csv().splitlines()[1].startswith("61\ufffd01,97140,")


def test_a_report_does_not_pickle(findings_file):
    report = authmatch.reconcile(findings_file, REMITTANCE)
    with pytest.raises(TypeError, match="cannot pickle 'ReconcileReport' object"):
        pickle.dumps(report)
    assert pickle.loads(pickle.dumps(report.summary)) == report.summary
