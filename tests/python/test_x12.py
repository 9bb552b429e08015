"""837 files and bytes: validate_837 and iter_837."""

import datetime
import os
import pathlib

import pytest

import authmatch
from conftest import claim_line, kinds, professional_837, professional_claim, ticks_during

SAMPLES = pathlib.Path(os.environ.get("AUTHMATCH_SAMPLES", "/nonexistent"))
SAMPLE_FILES = sorted(SAMPLES.glob("837*/*.x12")) + sorted(SAMPLES.glob("malformed/*.x12"))


def by_content(findings) -> list:
    return sorted(repr(f.to_dict()) for f in findings)


@pytest.fixture
def expired_and_exceeded() -> bytes:
    return professional_837([professional_claim("LATE", "20261001", units="8"),
                             professional_claim("AFTER", "20261201"),
                             professional_claim("EARLY", "20260901", units="8")])


def test_validate_837_reads_bytes(validator, expired_and_exceeded):
    report = validator.validate_837(expired_and_exceeded)
    assert [(f.claim_id, f.kind) for f in report] == [("LATE", "units_exceeded"),
                                                      ("AFTER", "auth_expired")]
    assert report[1].service_date == datetime.date(2026, 12, 1)
    assert report.summary["claims_read"] == 3


def test_validate_837_reads_a_path(validator, expired_and_exceeded, tmp_path):
    path = tmp_path / "claims.x12"
    path.write_bytes(expired_and_exceeded)
    assert list(validator.validate_837(path)) == list(validator.validate_837(expired_and_exceeded))
    assert len(validator.validate_837(str(path))) == 2


def test_an_837_gives_the_findings_of_the_same_lines_as_records(validator, expired_and_exceeded):
    records = [claim_line(claim_id="LATE", service_date="2026-10-01", units=8, charge="55"),
               claim_line(claim_id="AFTER", service_date="2026-12-01", charge="55"),
               claim_line(claim_id="EARLY", service_date="2026-09-01", units=8, charge="55")]
    for record in records:
        record.update(rendering_npi="1234567893", billing_npi="1234567893",
                      place_of_service="11", diagnosis_codes="M5450", modifiers="GP")
    assert list(validator.validate_837(expired_and_exceeded)) == list(validator.validate(records))


def test_iter_837_streams_the_same_findings_units_exceeded_last(validator, expired_and_exceeded):
    streamed = list(validator.iter_837(expired_and_exceeded))
    assert kinds(streamed) == ["auth_expired", "units_exceeded"]


def test_iter_837_has_the_summary_once_exhausted(validator, expired_and_exceeded):
    findings = validator.iter_837(expired_and_exceeded)
    assert findings.summary is None
    list(findings)
    assert findings.summary == validator.validate_837(expired_and_exceeded).summary


def test_several_837_inputs_make_one_run(validator):
    early = professional_837([professional_claim("EARLY", "20260901", units="8")])
    late = professional_837([professional_claim("LATE", "20261001", units="8")])
    report = validator.validate_837(late, early)
    assert [(f.claim_id, f.kind) for f in report] == [("LATE", "units_exceeded")]


def test_a_claim_that_cannot_be_read_is_a_finding_and_reading_goes_on(validator):
    broken = professional_claim("BROKEN")
    broken[4] = "SV1*HC:97110:GP*55*UN*lots*11**1"
    data = professional_837([professional_claim("OK", "20261201"), broken])
    report = validator.validate_837(data)
    assert [(f.claim_id, f.kind) for f in report] == [("OK", "auth_expired"),
                                                      ("BROKEN", "claim_unreadable")]
    assert report[1].severity == "error"
    assert "<bytes>" in report[1].message
    assert report.summary["claims_rejected"] == 1


def test_an_input_that_is_not_x12_is_an_input_error(validator, tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("hello\n")
    with pytest.raises(authmatch.InputError) as caught:
        validator.validate_837(path)
    assert (caught.value.file, caught.value.line) == (str(path), 1)
    assert "ISA" in caught.value.message


def test_bytes_that_are_not_x12_are_an_input_error_named_bytes(validator):
    with pytest.raises(authmatch.InputError) as caught:
        validator.validate_837(b"claim_id,line\n")
    assert caught.value.file == "<bytes>"


def test_a_missing_837_is_an_input_error(validator, tmp_path):
    with pytest.raises(authmatch.InputError) as caught:
        validator.validate_837(tmp_path / "missing.x12")
    assert caught.value.file == str(tmp_path / "missing.x12")


def test_iter_837_raises_an_unreadable_input_when_iterated(validator, tmp_path):
    findings = validator.iter_837(tmp_path / "missing.x12")
    with pytest.raises(authmatch.InputError):
        next(findings)
    assert list(findings) == []


@pytest.mark.parametrize("source", [42, None, ["a.x12"]])
def test_a_source_that_is_neither_path_nor_bytes_is_a_type_error(validator, source):
    with pytest.raises(TypeError):
        validator.validate_837(source)


def test_validate_837_needs_a_source(validator):
    with pytest.raises(TypeError):
        validator.validate_837()


def test_the_gil_is_released_while_an_837_is_read(validator):
    data = professional_837([professional_claim(f"C{n}", "20270101") for n in range(30_000)])
    assert ticks_during(lambda: validator.validate_837(data)) >= 10


def test_iter_837_hands_out_findings_before_the_run_ends(validator):
    data = professional_837([professional_claim(f"C{n}", "20270101") for n in range(50_000)])
    findings = validator.iter_837(data)
    next(findings)
    assert findings.summary is None
    del findings  # stops the run on its thread


@pytest.mark.skipif(not SAMPLE_FILES, reason=f"no public 837 samples in {SAMPLES}")
@pytest.mark.parametrize("sample", [pytest.param(p, id=f"{p.parent.name}/{p.name}")
                                    for p in SAMPLE_FILES] or [None])
def test_public_samples_give_the_same_findings_as_a_list_stream_or_bytes(sample):
    validator = authmatch.Validator(authmatch.AuthorizationIndex())  # every line: auth_missing
    if not sample.read_bytes().lstrip(b"\xef\xbb\xbf \r\n\t").startswith(b"ISA"):
        for run in (lambda: validator.validate_837(sample), lambda: list(validator.iter_837(sample)),
                    lambda: validator.validate_837(sample.read_bytes())):
            with pytest.raises(authmatch.InputError):
                run()
        return
    report = validator.validate_837(sample)
    assert by_content(validator.iter_837(sample)) == by_content(report)
    from_bytes = validator.validate_837(sample.read_bytes())
    assert report.summary == from_bytes.summary
    assert report.summary["lines_read"] >= report.summary["claims_validated"]

