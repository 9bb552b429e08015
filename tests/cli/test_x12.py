"""authmatch validate on X12 837 inputs, end to end."""

import csv
import json
import os
import pathlib
import subprocess

import pytest

SAMPLES = pathlib.Path(os.environ.get("AUTHMATCH_SAMPLES", "/nonexistent"))


def validate(authmatch, examples, *inputs, stdin=None):
    """Denials only: these tests count what the reader hands the validator."""
    return authmatch("validate", "--auths", examples / "authorizations.csv",
                     "--rules", examples / "rules.csv", "--format", "jsonl", "--no-warnings",
                     *inputs, stdin=stdin)


def findings(result):
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_the_837_examples_show_eight_kinds(authmatch, examples):
    result = validate(authmatch, examples, examples / "claims_837p.x12",
                      examples / "claims_837i.x12")
    assert result.returncode == 1
    kinds = {f["kind"] for f in findings(result)}
    assert len(kinds) >= 8, kinds
    assert result.stderr == ""


def test_an_unreadable_837_claim_names_its_segment_and_byte(authmatch, examples):
    result = validate(authmatch, examples, examples / "claims_837p.x12")
    unreadable = [f for f in findings(result) if f["kind"] == "claim_unreadable"]
    assert [f["claim_id"] for f in unreadable] == ["PT-5006"]
    assert "segment 74, element 4, byte 1913: SV104 'TWO'" in unreadable[0]["message"]


def test_837_is_detected_by_content_not_by_name(authmatch, examples, tmp_path):
    renamed = tmp_path / "claims.txt"
    renamed.write_bytes((examples / "claims_837i.x12").read_bytes())
    by_name = validate(authmatch, examples, examples / "claims_837i.x12")
    renamed_result = validate(authmatch, examples, renamed)
    assert [f["kind"] for f in findings(renamed_result)] == [f["kind"] for f in findings(by_name)]


def test_837_from_standard_input(authmatch, examples):
    text = (examples / "claims_837i.x12").read_text()
    result = validate(authmatch, examples, "-", stdin=text)
    assert result.returncode == 1
    assert len(findings(result)) == 5


def test_837_and_csv_inputs_make_one_run(authmatch, examples, tmp_path):
    summary = tmp_path / "summary.json"
    result = authmatch("validate", "--auths", examples / "authorizations.csv", "--rules",
                       examples / "rules.csv", "--summary", summary,
                       examples / "claims_837p.x12", examples / "claim_lines.csv")
    assert result.returncode == 1
    counts = json.loads(summary.read_text())
    assert counts["claims_read"] == 9 + 32
    assert counts["claims_read"] == counts["claims_validated"] + counts["claims_rejected"]


def test_envelope_faults_go_to_stderr_and_to_the_output(authmatch, examples, tmp_path):
    broken = tmp_path / "broken.x12"
    broken.write_text((examples / "claims_837i.x12").read_text().replace("\nSE*", "\nSE*9", 1))
    result = validate(authmatch, examples, broken)
    assert result.returncode == 1
    assert f"authmatch: {broken}: segment " in result.stderr
    assert ", element 1, byte " in result.stderr
    assert "SE01 says 9" in result.stderr
    records = findings(result)
    assert len(records) == 6  # the five findings of the claims, none lost, and the fault
    faults = [r for r in records if r["kind"] == "input_fault"]
    assert len(faults) == 1
    assert faults[0]["severity"] == "error"
    assert "SE01 says 9" in faults[0]["message"]


def test_a_file_that_is_neither_837_nor_csv_exits_2_naming_the_isa(authmatch, examples, tmp_path):
    notes = tmp_path / "notes.x12"
    notes.write_text("GS*HC*SENDER*RECEIVER~\n")
    result = validate(authmatch, examples, notes)
    assert result.returncode == 2
    assert "does not start with an ISA interchange header" in result.stderr


def test_no_progress_bar_when_stderr_is_not_a_terminal(authmatch, examples):
    result = validate(authmatch, examples, examples / "claims_837p.x12")
    assert "\r" not in result.stderr


@pytest.mark.skipif(not SAMPLES.is_dir(), reason="no X12 samples (AUTHMATCH_SAMPLES)")
def test_a_4010_file_alone_is_unusable(authmatch, examples):
    result = validate(authmatch, examples, SAMPLES / "unsupported" / "lfh_4010_institutional.x12")
    assert result.returncode == 2
    assert "unsupported version 004010X096A1" in result.stderr
    assert "no claim could be read" in result.stderr


@pytest.mark.skipif(not SAMPLES.is_dir(), reason="no X12 samples (AUTHMATCH_SAMPLES)")
def test_a_sample_without_isa_exits_2(authmatch, examples):
    result = validate(authmatch, examples, SAMPLES / "malformed" / "ims_no_isa_line.x12")
    assert result.returncode == 2
    assert "ISA" in result.stderr


@pytest.mark.parametrize("kind", ["837P", "837I"])
def test_a_generated_837_gives_the_findings_of_its_expected_lines(authmatch, tmp_path, kind):
    synth = os.environ["AUTHMATCH_SYNTH"]
    x12, auths, lines = tmp_path / "claims.x12", tmp_path / "auths.csv", tmp_path / "lines.csv"
    subprocess.run([synth, "--kind", kind, "--claims", "300", "--seed", "11", "--out", x12,
                    "--auths-out", auths, "--lines-out", lines], check=True, capture_output=True)
    from_837 = authmatch("validate", "--auths", auths, "--format", "jsonl", x12)
    from_csv = authmatch("validate", "--auths", auths, "--format", "jsonl", lines)
    assert from_837.returncode == from_csv.returncode == 1
    assert len(from_837.stdout.splitlines()) > 50
    assert from_837.stdout == from_csv.stdout


NEW_KINDS = {"provider_not_enrolled", "referral_missing", "referral_exceeded",
             "referral_number_missing", "level_of_care_mismatch", "component_mismatch"}


def generated_batch(tmp_path, kind, *options):
    """A generated batch with its authorizations, lines, roster and rules, and each line's
    expected enrollment, referral, level-of-care and component kinds by (claim ID, line)."""
    files = {name: tmp_path / name for name in
             ("claims.x12", "auths.csv", "lines.csv", "enrollment.csv", "rules.csv")}
    subprocess.run([os.environ["AUTHMATCH_SYNTH"], "--kind", kind, *options,
                    "--out", files["claims.x12"], "--auths-out", files["auths.csv"],
                    "--lines-out", files["lines.csv"], "--enrollment-out", files["enrollment.csv"],
                    "--rules-out", files["rules.csv"]], check=True, capture_output=True)
    with files["lines.csv"].open(newline="") as lines:
        expected = {(row["claim_id"], int(row["line"])):
                    set(filter(None, row["expected_kinds"].split("|")))
                    for row in csv.DictReader(lines)}
    return files, expected


def validate_batch(authmatch, files, source):
    result = authmatch("validate", "--auths", files["auths.csv"], "--rules", files["rules.csv"],
                       "--enrollment", files["enrollment.csv"], "--format", "jsonl", source)
    assert result.returncode == 1, result.stderr
    return result


@pytest.mark.parametrize("kind", ["837P", "837I"])
def test_generated_enrollment_referral_level_and_component_findings_are_the_expected_ones(
        authmatch, tmp_path, kind):
    files, expected = generated_batch(tmp_path, kind, "--claims", "1500", "--seed", "23")
    planted = set().union(*expected.values())
    assert planted == NEW_KINDS  # the generator plants every kind
    for source in (files["claims.x12"], files["lines.csv"]):
        result = validate_batch(authmatch, files, source)
        found = {key: set() for key in expected}
        for finding in map(json.loads, result.stdout.splitlines()):
            if finding["kind"] in NEW_KINDS:
                found[finding["claim_id"], finding["line"]].add(finding["kind"])
        assert found == expected


@pytest.mark.parametrize("kind", ["837P", "837I"])
def test_a_realistic_generated_batch_has_findings_on_its_problem_share_of_lines(
        authmatch, tmp_path, kind):
    files, expected = generated_batch(tmp_path, kind, "--claims", "4000", "--seed", "31",
                                      "--problem-share", "0.05")
    for source in (files["claims.x12"], files["lines.csv"]):
        result = validate_batch(authmatch, files, source)
        found = {key: set() for key in expected}
        with_findings = set()
        for finding in map(json.loads, result.stdout.splitlines()):
            assert finding["severity"] == "deny", finding  # clean lines: not even a warning
            with_findings.add((finding["claim_id"], finding["line"]))
            if finding["kind"] in NEW_KINDS:
                found[finding["claim_id"], finding["line"]].add(finding["kind"])
        assert 0.04 <= len(with_findings) / len(expected) <= 0.06
        assert found == expected


@pytest.mark.parametrize("kind", ["837P", "837I"])
def test_threads_give_byte_identical_output(authmatch, tmp_path, kind):
    synth = os.environ["AUTHMATCH_SYNTH"]
    x12, auths = tmp_path / "claims.x12", tmp_path / "auths.csv"
    # Large enough (over 4 MiB) to be read in fragments on several threads as well.
    subprocess.run([synth, "--kind", kind, "--claims", "12000", "--members", "300", "--seed", "5",
                    "--out", x12, "--auths-out", auths], check=True, capture_output=True)
    assert x12.stat().st_size > 4 << 20
    # Under a sanitizer the threads' work is checked once: the CSV rows are written from the
    # same findings on the calling thread, and an optimized build compares them too.
    outputs = ("jsonl",) if os.environ.get("AUTHMATCH_SANITIZED") else ("jsonl", "csv")
    runs = {}
    for threads in ("1", "2", "4"):
        for output in outputs:
            summary = tmp_path / f"summary-{threads}-{output}.json"
            result = authmatch("validate", "--threads", threads, "--auths", auths, "--format",
                               output, "--with-source", "--summary", summary, x12)
            assert result.returncode == 1
            runs[threads, output] = (result.stdout, result.stderr, summary.read_text())
    for output in outputs:
        assert runs["2", output] == runs["1", output]
        assert runs["4", output] == runs["1", output]
    findings = runs["1", "jsonl"][0].splitlines()
    assert len(findings) > 4096  # more than a run holds in memory
    assert any('"units_exceeded"' in f for f in findings)


def test_threads_give_byte_identical_output_for_claim_lines(authmatch, tmp_path):
    synth = os.environ["AUTHMATCH_SYNTH"]
    x12, auths, lines = tmp_path / "claims.x12", tmp_path / "auths.csv", tmp_path / "lines.csv"
    # Over 4 MiB: its first reading takes its two halves side by side from two threads on.
    subprocess.run([synth, "--claims", "16000", "--members", "300", "--seed", "5", "--out", x12,
                    "--auths-out", auths, "--lines-out", lines], check=True, capture_output=True)
    assert lines.stat().st_size > 4 << 20
    runs = {}
    for threads in ("1", "2", "4"):
        result = authmatch("validate", "--threads", threads, "--auths", auths, "--format",
                           "jsonl", lines)
        assert result.returncode == 1
        runs[threads] = (result.stdout, result.stderr)
    assert runs["2"] == runs["1"]
    assert runs["4"] == runs["1"]
    assert len(runs["1"][0].splitlines()) > 4096


@pytest.mark.parametrize("budget", ["0", "64KB", "1"])
def test_memory_budget_gives_byte_identical_output(authmatch, tmp_path, budget):
    synth = os.environ["AUTHMATCH_SYNTH"]
    x12, auths = tmp_path / "claims.x12", tmp_path / "auths.csv"
    subprocess.run([synth, "--claims", "12000", "--members", "300", "--seed", "5", "--out", x12,
                    "--auths-out", auths], check=True, capture_output=True)
    runs = {}
    for threads, chosen in (("1", "64MB"), ("1", budget), ("3", budget)):
        summary = tmp_path / "summary.json"
        result = authmatch("validate", "--threads", threads, "--memory-budget", chosen, "--auths",
                           auths, "--with-source", "--summary", summary, x12)
        assert result.returncode == 1
        runs[threads, chosen] = (result.stdout, result.stderr, summary.read_text())
    assert runs["1", budget] == runs["1", "64MB"]
    assert runs["3", budget] == runs["1", "64MB"]
    assert '"units_exceeded"' in runs["1", "64MB"][0]


@pytest.mark.parametrize("budget", ["lots", "-5", "64XB"])
def test_memory_budget_must_be_a_size(authmatch, examples, budget):
    result = authmatch("validate", "--memory-budget", budget, "--auths",
                       examples / "authorizations.csv", examples / "claim_lines.csv")
    assert result.returncode == 2
    assert "--memory-budget" in result.stderr
