"""--with-source: where each finding's line or claim was read, after the contract's fields."""

import csv
import io
import json

FIELDS = ["claim_id", "line", "kind", "severity", "group", "carc", "rarc", "auth_number",
          "member_id", "payer_id", "code", "service_date", "units", "charge", "expected",
          "actual", "message"]


def validate(authmatch, examples, *extra):
    return authmatch("validate", "--auths", examples / "authorizations.csv", "--rules",
                     examples / "rules.csv", "--enrollment", examples / "enrollment.csv", *extra)


def segments(path) -> list[str]:
    return [s.strip() for s in path.read_text().split("~")]


def test_json_lines_end_with_the_source_key(authmatch, examples):
    result = validate(authmatch, examples, "--with-source", "--format", "jsonl",
                      examples / "claims_837p.x12")
    findings = [json.loads(line) for line in result.stdout.splitlines()]
    assert findings
    for f in findings:
        assert list(f) == [*FIELDS, "source"]


def test_without_the_flag_the_fields_are_the_contracts(authmatch, examples):
    result = validate(authmatch, examples, "--format", "jsonl", examples / "claims_837p.x12")
    assert all(list(json.loads(line)) == FIELDS for line in result.stdout.splitlines())


def test_an_837_lines_source_is_the_segment_of_its_lx(authmatch, examples):
    path = examples / "claims_837p.x12"
    result = validate(authmatch, examples, "--with-source", "--format", "jsonl", path)
    all_segments = segments(path)
    for f in map(json.loads, result.stdout.splitlines()):
        name, position = f["source"].rsplit(":", 1)
        assert name == str(path)
        segment = all_segments[int(position) - 1]
        if f["line"]:
            assert segment == f"LX*{f['line']}", f
        elif f["kind"] == "claim_unreadable":
            assert segment.startswith(f"CLM*{f['claim_id']}*"), f
        elif f["kind"] in ("claim_replaced", "claim_voided"):
            assert segment == "LX*1", f  # the claim's first line


def test_a_csv_lines_source_is_its_row_in_every_output_format(authmatch, examples):
    path = examples / "claim_lines.csv"
    rows = path.read_text().splitlines()
    result = validate(authmatch, examples, "--with-source", "--format", "csv", path)
    findings = list(csv.DictReader(io.StringIO(result.stdout)))
    assert list(findings[0]) == [*FIELDS, "source"]
    for f in findings:
        name, line = f["source"].rsplit(":", 1)
        assert name == str(path)
        row = next(csv.reader([rows[int(line) - 1]]))
        assert row[0] == f["claim_id"]
        if f["line"] != "0":
            assert row[1] == f["line"]


def test_an_input_path_that_is_not_utf8_is_written_as_utf8_in_csv(authmatch, examples, tmp_path):
    name = tmp_path / "claims-\udcff.csv"  # the byte 0xFF in the file's name
    name.write_bytes((examples / "claim_lines.csv").read_bytes())
    result = validate(authmatch, examples, "--with-source", "--format", "csv", name)
    assert result.returncode == 1, result.stderr
    findings = list(csv.DictReader(io.StringIO(result.stdout)))
    assert findings and all("claims-\ufffd.csv:" in f["source"] for f in findings)
