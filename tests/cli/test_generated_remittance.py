"""authmatch-synth --remit-out: a generated batch's 835, validated and reconciled, gives the
precision and recall its truth file (--remit-truth) says it must."""

import csv
import json
import os
import subprocess

import pytest

COUNTS = ["claims_read", "lines_read", "lines_matched", "lines_unmatched", "denials_made",
          "denials_predicted", "true_positives", "missed", "false_alarms"]


def synth(*args):
    return subprocess.run([os.environ["AUTHMATCH_SYNTH"], *map(str, args)], capture_output=True,
                          text=True, timeout=120)


def generate(tmp_path, kind, claims, seed, surprises):
    files = {name: tmp_path / name for name in ("claims.x12", "auths.csv", "rules.csv",
                                                "enrollment.csv", "lines.csv", "remit.835",
                                                "truth.csv")}
    result = synth("--kind", kind, "--claims", claims, "--seed", seed,
                   "--remit-surprises", surprises, "--out", files["claims.x12"],
                   "--auths-out", files["auths.csv"], "--rules-out", files["rules.csv"],
                   "--enrollment-out", files["enrollment.csv"], "--lines-out", files["lines.csv"],
                   "--remit-out", files["remit.835"], "--remit-truth", files["truth.csv"])
    assert result.returncode == 0, result.stderr
    return files


def known_counts(rows):
    """What reconcile must count, from the truth alone."""
    counts = dict.fromkeys(COUNTS, 0)
    counts["claims_read"] = len({row["claim_id"] for row in rows})
    for row in rows:
        denied, predicted = row["authorization"] == "yes", row["predicted"] == "yes"
        counts["lines_read"] += 1
        counts["lines_matched" if row["findings"] else "lines_unmatched"] += 1
        counts["denials_made"] += denied
        counts["denials_predicted"] += predicted
        counts["true_positives"] += denied and predicted
        counts["missed"] += denied and not predicted
        counts["false_alarms"] += predicted and not denied
    return counts


def check(summary, rows):
    expected = known_counts(rows)
    assert {key: summary[key] for key in COUNTS} == expected
    tp = expected["true_positives"]
    assert summary["precision"] == pytest.approx(tp / expected["denials_predicted"], abs=5e-5)
    assert summary["recall"] == pytest.approx(tp / expected["denials_made"], abs=5e-5)


@pytest.mark.parametrize("kind", ["837P", "837I"])
def test_reconcile_counts_what_the_generated_truth_says(authmatch, tmp_path, kind):
    files = generate(tmp_path, kind, 1500, 31, 0.1)
    findings, summary = tmp_path / "findings.jsonl", tmp_path / "summary.json"
    validated = authmatch("validate", "--auths", files["auths.csv"], "--rules", files["rules.csv"],
                          "--enrollment", files["enrollment.csv"], "--format", "jsonl",
                          "-o", findings, files["claims.x12"])
    assert validated.returncode == 1, validated.stderr
    reconciled = authmatch("reconcile", "--findings", findings, "--rules", files["rules.csv"],
                           "--summary", summary, "--format", "csv", files["remit.835"])
    assert reconciled.returncode == 0, reconciled.stderr
    assert reconciled.stderr == ""  # the 835 reads without a diagnostic
    with files["truth.csv"].open(newline="") as truth:
        rows = list(csv.DictReader(truth))
    counts = json.loads(summary.read_text())
    check(counts, rows)
    assert sorted(counts["by_payer"]) == sorted({row["payer_id"] for row in rows})
    for payer, by_payer in counts["by_payer"].items():
        check(by_payer, [row for row in rows if row["payer_id"] == payer])
    surprises = {row["surprise"] for row in rows}
    assert surprises == {"", "unforeseen_denial", "other_denial", "paid_anyway", "rule_omitted"}
    assert 0 < counts["missed"] < counts["true_positives"]
    assert {row["control_number"] for row in rows} == {"yes", "no"}

    # The findings of the run are the ones the truth names, line by line, and the kinds the
    # generator planted are among them, but on the lines of the pair the kept rules omit (the run
    # looks for no authorization there).
    found = {}
    for finding in map(json.loads, findings.read_text().splitlines()):
        if finding["line"]:
            found.setdefault((finding["claim_id"], finding["line"]), []).append(finding["kind"])
    for row in rows:
        assert "|".join(found.get((row["claim_id"], int(row["line"])), [])) == row["findings"]
    judged = {(row["claim_id"], row["line"]): set(row["findings"].split("|")) for row in rows}
    omitted = tuple(files["rules.csv"].read_text().splitlines()[-1].split(",")[:2])
    with files["lines.csv"].open(newline="") as lines:
        for line in csv.DictReader(lines):
            planted = set(filter(None, line["expected_kinds"].split("|")))
            if (line["payer_id"], line["code"]) == omitted:
                continue
            if (line["claim_id"], line["line"]) in judged:
                assert planted <= judged[line["claim_id"], line["line"]]


def test_the_kept_rules_omit_a_pair_the_payer_requires_and_reconcile_names_it(authmatch,
                                                                               tmp_path):
    files = generate(tmp_path, "837P", 600, 31, 0.05)
    payer_id, code, requires_auth, _ = files["rules.csv"].read_text().splitlines()[-1].split(",")
    assert requires_auth == "no"
    with files["truth.csv"].open(newline="") as truth:
        omitted = [row for row in csv.DictReader(truth) if row["surprise"] == "rule_omitted"]
    assert omitted
    assert {(row["payer_id"], row["code"]) for row in omitted} == {(payer_id, code)}
    assert {row["adjustment"] for row in omitted if row["predicted"] == "no"} == {"CO-197"}
    findings = tmp_path / "findings.jsonl"
    authmatch("validate", "--auths", files["auths.csv"], "--rules", files["rules.csv"],
              "--enrollment", files["enrollment.csv"], "--format", "jsonl", "-o", findings,
              files["claims.x12"])
    reconciled = authmatch("reconcile", "--findings", findings, "--rules", files["rules.csv"],
                           "--format", "jsonl", files["remit.835"])
    assert reconciled.returncode == 0, reconciled.stderr
    lessons = [lesson for line in reconciled.stdout.splitlines()
               for lesson in json.loads(line)["lessons"]]
    assert any(f"no rule says it needs authorization; add `{payer_id},{code},yes` to the rules"
               in lesson for lesson in lessons)


def test_the_same_seed_gives_the_same_835_and_truth(tmp_path):
    runs = []
    for name in ("first", "again"):
        (tmp_path / name).mkdir()
        runs.append(generate(tmp_path / name, "837P", 200, 9, 0.05))
    for name in ("remit.835", "truth.csv"):
        assert runs[0][name].read_bytes() == runs[1][name].read_bytes()


def test_remit_out_needs_the_837_in_a_file(tmp_path):
    result = synth("--claims", "5", "--remit-out", tmp_path / "remit.835")
    assert result.returncode == 2
    assert "--remit-out needs --out FILE" in result.stderr
    result = synth("--claims", "5", "--out", tmp_path / "c.x12", "--remit-truth", tmp_path / "t")
    assert result.returncode == 2
    assert "--remit-truth needs --remit-out" in result.stderr
