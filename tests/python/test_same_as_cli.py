"""The same findings from Python as from the command, field by field, on the examples."""

import datetime
import decimal
import json
import os
import pathlib
import subprocess

import pytest

import authmatch
from conftest import SOURCE_DIR

EXPECTED = SOURCE_DIR / "tests" / "cli" / "expected" / "example_findings.jsonl"


def as_json(finding: authmatch.Finding) -> dict:
    """A finding with the values the JSON Lines output carries (dates as ISO text)."""
    return {name: value.isoformat() if isinstance(value, datetime.date) else value
            for name, value in finding.to_dict().items()}


def read_jsonl(text: str) -> list:
    return [json.loads(line, parse_float=decimal.Decimal) for line in text.splitlines()]


def run_cli(*args) -> str:
    binary = os.environ.get("AUTHMATCH_CLI")
    if not binary:
        pytest.fail("AUTHMATCH_CLI is not set (run the tests through ctest)")
    result = subprocess.run([binary, "validate", *map(str, args)], capture_output=True, text=True,
                            timeout=120, cwd=SOURCE_DIR)
    assert result.returncode in (0, 1), result.stderr
    return result.stdout


@pytest.fixture
def from_project_root(monkeypatch):
    """Relative paths as the README uses them: messages name the file as given."""
    monkeypatch.chdir(SOURCE_DIR)


def test_validate_csv_gives_the_reviewed_cli_output(from_project_root):
    validator = authmatch.Validator(authmatch.load_authorizations("examples/data/authorizations.csv"),
                                    authmatch.load_rules("examples/data/rules.csv"))
    got = [as_json(f) for f in validator.validate_csv("examples/data/claim_lines.csv")]
    assert got == read_jsonl(EXPECTED.read_text())


def test_validate_csv_gives_what_the_command_prints(example_validator, examples):
    cli = read_jsonl(run_cli("--auths", examples / "authorizations.csv", "--rules",
                             examples / "rules.csv", "--format", "jsonl",
                             examples / "claim_lines.csv"))
    got = [as_json(f) for f in example_validator.validate_csv(examples / "claim_lines.csv")]
    assert got == cli


def test_the_summary_is_the_commands_summary(example_validator, examples, tmp_path):
    summary_file = tmp_path / "summary.json"
    run_cli("--auths", examples / "authorizations.csv", "--rules", examples / "rules.csv",
            "--summary", summary_file, examples / "claim_lines.csv")
    cli = json.loads(summary_file.read_text(), parse_float=decimal.Decimal)
    assert example_validator.validate_csv(examples / "claim_lines.csv").summary == cli


def test_csv_records_read_with_the_csv_module_give_the_same_findings(example_validator, examples):
    import csv

    with open(examples / "claim_lines.csv", newline="") as file:
        records = [row for row in csv.DictReader(file) if row["claim_id"] != "RSG-30005"]
    from_csv = [f for f in example_validator.validate_csv(examples / "claim_lines.csv")
                if f.kind != "claim_unreadable"]
    assert list(example_validator.validate(records)) == from_csv


def test_several_files_make_one_run_as_on_the_command_line(example_validator, examples, tmp_path):
    lines = (examples / "claim_lines.csv").read_text().splitlines(keepends=True)
    first, second = tmp_path / "first.csv", tmp_path / "second.csv"
    first.write_text("".join(lines[:13]))
    second.write_text(lines[0] + "".join(lines[13:]))
    cli = read_jsonl(run_cli("--auths", examples / "authorizations.csv", "--rules",
                             examples / "rules.csv", "--format", "jsonl", first, second))
    assert [as_json(f) for f in example_validator.validate_csv(first, second)] == cli


X12_EXAMPLES = ["claims_837p.x12", "claims_837i.x12"]


@pytest.mark.parametrize("names", [X12_EXAMPLES[:1], X12_EXAMPLES[1:], X12_EXAMPLES],
                         ids=["837p", "837i", "both"])
def test_validate_837_gives_what_the_command_prints(example_validator, examples, names):
    paths = [examples / name for name in names]
    cli = read_jsonl(run_cli("--auths", examples / "authorizations.csv", "--rules",
                             examples / "rules.csv", "--format", "jsonl", *paths))
    got = [as_json(f) for f in example_validator.validate_837(*paths)]
    assert got == cli
    assert len({f["kind"] for f in got}) >= 5


def test_iter_837_gives_the_commands_findings(example_validator, examples):
    paths = [examples / name for name in X12_EXAMPLES]
    cli = read_jsonl(run_cli("--auths", examples / "authorizations.csv", "--rules",
                             examples / "rules.csv", "--format", "jsonl", *paths))
    streamed = [as_json(f) for f in example_validator.iter_837(*paths)]

    def key(finding: dict) -> str:  # numbers as text: the command's 2 is Python's Decimal("2")
        return repr(sorted((k, str(v)) for k, v in finding.items()))

    assert sorted(map(key, streamed)) == sorted(map(key, cli))


def test_the_837_summary_is_the_commands_summary(example_validator, examples, tmp_path):
    paths = [examples / name for name in X12_EXAMPLES]
    summary_file = tmp_path / "summary.json"
    run_cli("--auths", examples / "authorizations.csv", "--rules", examples / "rules.csv",
            "--summary", summary_file, *paths)
    cli = json.loads(summary_file.read_text(), parse_float=decimal.Decimal)
    assert example_validator.validate_837(*paths).summary == cli


def test_an_837_read_from_bytes_gives_the_findings_of_its_file(example_validator, examples):
    path = examples / "claims_837i.x12"
    from_file = [f.to_dict() for f in example_validator.validate_837(path)]
    from_bytes = [f.to_dict() for f in example_validator.validate_837(path.read_bytes())]
    assert from_bytes == from_file  # 837i example has no unreadable claim naming its file


def test_validate_takes_837_csv_and_records_in_one_run_as_the_command_does(example_validator,
                                                                          examples, tmp_path):
    lines = (examples / "claim_lines.csv").read_text().splitlines(keepends=True)
    csv_file = tmp_path / "first.csv"
    csv_file.write_text("".join(lines[:13]))
    records_file = tmp_path / "records.csv"
    records_file.write_text(lines[0] + "".join(lines[13:]))
    cli = read_jsonl(run_cli("--auths", examples / "authorizations.csv", "--rules",
                             examples / "rules.csv", "--format", "jsonl",
                             examples / "claims_837p.x12", csv_file, records_file))
    import csv

    with open(records_file, newline="") as file:
        records = list(csv.DictReader(file))
    # The records leave out the claim the CSV reader rejects (its bad date is no Python value).
    report = example_validator.validate(examples / "claims_837p.x12", csv_file,
                                        (r for r in records if r["claim_id"] != "RSG-30005"))
    assert [as_json(f) for f in report] == [f for f in cli if f["claim_id"] != "RSG-30005"]


def test_validate_tells_837_bytes_from_csv_bytes(example_validator, examples):
    x12 = (examples / "claims_837i.x12").read_bytes()
    lines = (examples / "claim_lines.csv").read_bytes()
    assert list(example_validator.validate(x12)) == list(example_validator.validate_837(x12))
    assert list(example_validator.validate(lines)) == list(example_validator.validate_csv(lines))


def test_to_csv_writes_what_the_command_writes_byte_for_byte(example_validator, examples,
                                                            tmp_path):
    paths = [examples / name for name in X12_EXAMPLES] + [examples / "claim_lines.csv"]
    cli = tmp_path / "cli.csv"
    run_cli("--auths", examples / "authorizations.csv", "--rules", examples / "rules.csv",
            "--format", "csv", "--output", cli, *paths)
    report = example_validator.validate(*paths)
    report.to_csv(tmp_path / "python.csv")
    assert (tmp_path / "python.csv").read_bytes() == cli.read_bytes()
    assert report.to_csv().encode() == cli.read_bytes()
