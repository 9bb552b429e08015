"""authmatch validate, end to end on the bundled examples."""

import csv
import decimal
import io
import json
import pathlib

EXPECTED = pathlib.Path(__file__).parent / "expected" / "example_findings.jsonl"
FIELDS = ["claim_id", "line", "kind", "severity", "group", "carc", "rarc", "auth_number",
          "member_id", "payer_id", "code", "service_date", "units", "charge", "expected",
          "actual", "message"]


def validate(authmatch, examples, *extra):
    return authmatch("validate", "--auths", examples / "authorizations.csv",
                     "--rules", examples / "rules.csv", *extra)


def test_example_findings_match_the_reviewed_output_field_by_field(authmatch, examples):
    # Run from the project root with relative paths, as the README does: messages name the file.
    result = authmatch("validate", "--auths", "examples/data/authorizations.csv", "--rules",
                       "examples/data/rules.csv", "--format", "jsonl",
                       "examples/data/claim_lines.csv", cwd=examples.parent.parent)
    got = [json.loads(line) for line in result.stdout.splitlines()]
    want = [json.loads(line) for line in EXPECTED.read_text().splitlines()]
    assert len(got) == len(want)
    for g, w in zip(got, want):
        for field in FIELDS:
            assert g[field] == w[field], (w["claim_id"], w["line"], field)


def test_every_finding_has_exactly_the_contract_fields(authmatch, examples):
    result = validate(authmatch, examples, "--format", "jsonl", examples / "claim_lines.csv")
    for line in result.stdout.splitlines():
        assert list(json.loads(line)) == FIELDS


def test_the_examples_show_at_least_eight_kinds(authmatch, examples):
    result = validate(authmatch, examples, "--format", "jsonl", examples / "claim_lines.csv")
    kinds = {json.loads(line)["kind"] for line in result.stdout.splitlines()}
    assert len(kinds) >= 8


def test_deny_findings_exit_with_status_1(authmatch, examples):
    assert validate(authmatch, examples, examples / "claim_lines.csv").returncode == 1


def test_a_clean_batch_exits_with_status_0(authmatch, examples, tmp_path):
    clean = tmp_path / "clean.csv"
    lines = (examples / "claim_lines.csv").read_text().splitlines()
    clean.write_text("\n".join([lines[0]] + [l for l in lines if l.startswith("RSG-10001,")]) + "\n")
    result = validate(authmatch, examples, clean)
    assert result.returncode == 0, result.stdout
    assert result.stdout == ""


def test_csv_output_has_the_same_columns(authmatch, examples):
    result = validate(authmatch, examples, "--format", "csv", examples / "claim_lines.csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert list(rows[0]) == FIELDS
    jsonl = validate(authmatch, examples, "--format", "jsonl", examples / "claim_lines.csv")
    assert len(rows) == len(jsonl.stdout.splitlines())
    assert rows[0]["rarc"] == "M62"


def test_table_output_ends_with_the_count(authmatch, examples):
    result = validate(authmatch, examples, "--format", "table", examples / "claim_lines.csv")
    assert result.stdout.startswith("CLAIM")
    assert result.stdout.rstrip().endswith("42 findings.")


def test_output_file_receives_the_findings(authmatch, examples, tmp_path):
    out = tmp_path / "findings.jsonl"
    result = validate(authmatch, examples, "--output", out, examples / "claim_lines.csv")
    assert result.stdout == ""
    assert len(out.read_text().splitlines()) == 42


def test_summary_counts_claims_findings_and_charge(authmatch, examples, tmp_path):
    summary_file = tmp_path / "summary.json"
    validate(authmatch, examples, "--summary", summary_file, examples / "claim_lines.csv")
    summary = json.loads(summary_file.read_text())
    assert summary["claims_read"] == 32
    assert summary["claims_rejected"] == 1
    assert summary["claims_validated"] == 31
    assert summary["lines_read"] == 37
    assert summary["findings_by_kind"]["units_exceeded"] == 3
    assert summary["charge_at_risk"] == 17820.00
    assert summary["every_line_requires_auth"] is False


def test_summary_gives_the_charge_at_risk_by_payer_and_by_kind(authmatch, examples, tmp_path):
    summary_file = tmp_path / "summary.json"
    out = tmp_path / "findings.jsonl"
    validate(authmatch, examples, "--summary", summary_file, "--output", out,
             examples / "claim_lines.csv")
    summary = json.loads(summary_file.read_text(), parse_float=decimal.Decimal)
    findings = [json.loads(line, parse_float=decimal.Decimal)
                for line in out.read_text().splitlines()]
    lines = {(f["claim_id"], f["line"]): f for f in findings if f["severity"] == "deny"}
    by_payer = {}
    for f in lines.values():
        by_payer[f["payer_id"]] = by_payer.get(f["payer_id"], 0) + f["charge"]
    assert summary["charge_at_risk_by_payer"] == by_payer
    assert list(summary["charge_at_risk_by_payer"]) == sorted(by_payer)
    by_kind = summary["charge_at_risk_by_kind"]
    assert list(by_kind) == list(summary["findings_by_kind"])
    denied = {(f["claim_id"], f["line"], f["kind"]): f["charge"] for f in findings
              if f["severity"] == "deny"}
    for kind in by_kind:
        assert by_kind[kind] == sum(c for (_, _, k), c in denied.items() if k == kind), kind


def test_standard_input_is_read_for_dash(authmatch, examples):
    text = (examples / "claim_lines.csv").read_text()
    result = authmatch("validate", "--auths", examples / "authorizations.csv", "--rules",
                       examples / "rules.csv", "--format", "jsonl", "-", stdin=text)
    assert len(result.stdout.splitlines()) == 42
    assert "<stdin>:26:10" in result.stdout


def test_an_837_longer_than_the_detected_head_reads_the_same_from_standard_input(
        authmatch, examples, tmp_path):
    text = (examples / "claims_837p.x12").read_text() * 3  # three interchanges, past 4096 bytes
    assert len(text) > 4096
    path = tmp_path / "claims.x12"
    path.write_text(text)
    args = ("validate", "--auths", examples / "authorizations.csv", "--rules",
            examples / "rules.csv", "--format", "jsonl")
    from_file = authmatch(*args, path)
    from_stdin = authmatch(*args, "-", stdin=text)
    assert from_file.returncode == from_stdin.returncode
    assert from_file.stdout.count("\n") > 3
    assert from_stdin.stdout == from_file.stdout.replace(json.dumps(str(path))[1:-1], "<stdin>")


def test_without_rules_the_run_says_every_line_requires_authorization(authmatch, examples):
    result = authmatch("validate", "--auths", examples / "authorizations.csv", "--format", "jsonl",
                       examples / "claim_lines.csv")
    assert "every line is treated as requiring authorization" in result.stderr
    kinds = [json.loads(line)["kind"] for line in result.stdout.splitlines()]
    assert "auth_missing" in kinds


def test_a_bad_authorization_file_exits_2_naming_its_position(authmatch, examples, tmp_path):
    bad = tmp_path / "auths.csv"
    bad.write_text("auth_number,status,payer_id,member_id,code,effective_date,expiration_date\n"
                   "A1,approved,P1,M1,97110,2026-01-01,2026-13-01\n")
    result = authmatch("validate", "--auths", bad, examples / "claim_lines.csv")
    assert result.returncode == 2
    assert f"{bad}:2:7: expiration_date: '2026-13-01' is not a date" in result.stderr


def test_an_input_in_no_known_format_exits_2(authmatch, examples, tmp_path):
    other = tmp_path / "notes.txt"
    other.write_text("hello\n")
    result = validate(authmatch, examples, other)
    assert result.returncode == 2
    assert "notes.txt" in result.stderr


def test_unknown_arguments_exit_2(authmatch):
    assert authmatch("validate", "--no-such-flag").returncode == 2


def test_help_shows_an_example_and_the_exit_statuses(authmatch):
    result = authmatch("validate", "--help")
    assert result.returncode == 0
    assert "Example:" in result.stdout
    assert "Exit status" in result.stdout


def test_version_is_printed(authmatch):
    result = authmatch("--version")
    assert result.returncode == 0
    assert result.stdout.strip().count(".") == 2
