"""Finding.source: the input and position each finding's line or claim was read at."""

import csv
import pickle

import authmatch
from conftest import claim_line


def test_a_csv_findings_source_names_its_row(example_validator, examples):
    path = examples / "claim_lines.csv"
    rows = path.read_text().splitlines()
    report = example_validator.validate(path)
    assert len(report) > 0
    for f in report:
        name, line = f.source.rsplit(":", 1)
        assert name == str(path)
        row = next(csv.reader([rows[int(line) - 1]]))
        assert row[0] == f.claim_id and (f.line == 0 or row[1] == str(f.line))


def test_an_837_findings_source_names_its_lx_or_clm(example_validator, examples):
    path = examples / "claims_837p.x12"
    all_segments = [s.strip() for s in path.read_text().split("~")]
    for f in example_validator.validate_837(path):
        segment = all_segments[int(f.source.rsplit(":", 1)[1]) - 1]
        if f.line:
            assert segment == f"LX*{f.line}"
        elif f.kind == "claim_unreadable":
            assert segment.startswith(f"CLM*{f.claim_id}*")
        else:
            assert segment == "LX*1"  # a claim's first line


def test_records_and_bytes_are_named_as_such(example_validator, examples):
    records = [claim_line(claim_id="C1"), claim_line(claim_id="C2", code="97140")]
    assert {f.source for f in example_validator.validate(records)} <= {"<records>:1",
                                                                        "<records>:2"}
    data = (examples / "claim_lines.csv").read_bytes()
    assert all(f.source.startswith("<bytes>:") for f in example_validator.validate(data))


def test_a_units_finding_of_settlement_names_its_lines_source():
    index = authmatch.AuthorizationIndex([{
        "auth_number": "PT1", "status": "approved", "payer_id": "61101", "member_id": "M1",
        "code": "97110", "units": 2, "effective_date": "2026-09-01",
        "expiration_date": "2026-11-30"}])
    report = authmatch.Validator(index).validate(
        [claim_line(claim_id="C1", units=2), claim_line(claim_id="C2", units=1)])
    exceeded = [f for f in report if f.kind == "units_exceeded"]
    assert [f.source for f in exceeded] == ["<records>:2"]


def test_the_source_pickles_and_stays_out_of_to_dict_and_equality(example_validator, examples):
    report = example_validator.validate(examples / "claim_lines.csv")
    f = report[0]
    assert pickle.loads(pickle.dumps(f)).source == f.source
    assert pickle.loads(pickle.dumps(report))[0].source == f.source
    assert "source" not in f.to_dict()


def test_to_csv_with_source_adds_the_last_column(example_validator, examples):
    report = example_validator.validate(examples / "claim_lines.csv")
    plain = report.to_csv().splitlines()
    with_source = report.to_csv(with_source=True).splitlines()
    assert with_source[0] == plain[0] + ",source"
    assert with_source[1].startswith(plain[1] + ",")
    assert with_source[1].endswith(report[0].source.rsplit("/", 1)[1])
