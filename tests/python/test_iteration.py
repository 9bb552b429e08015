"""FindingIterator: findings handed out while the run goes on."""

import pytest

import authmatch
from conftest import claim_line, kinds


def by_content(findings) -> list:
    return sorted(repr(f.to_dict()) for f in findings)


def test_iter_csv_gives_the_same_findings_as_validate_csv(example_validator, examples):
    path = examples / "claim_lines.csv"
    assert by_content(example_validator.iter_csv(path)) == by_content(
        example_validator.validate_csv(path))


SETTLED_LAST = {"units_exceeded", "referral_exceeded", "units_low", "claim_replaced",
                "claim_voided"}


def test_usage_and_correction_findings_come_last_and_the_rest_in_input_order(example_validator,
                                                                           examples):
    path = examples / "claim_lines.csv"
    streamed = list(example_validator.iter_csv(path))
    report = example_validator.validate_csv(path)
    settled = [f for f in report if f.kind in SETTLED_LAST]
    assert settled
    assert streamed[-len(settled):] == settled
    assert streamed[:-len(settled)] == [f for f in report if f.kind not in SETTLED_LAST]


def test_the_summary_appears_once_the_iterator_is_exhausted(example_validator, examples):
    findings = example_validator.iter_csv(examples / "claim_lines.csv")
    assert findings.summary is None
    next(findings)
    assert findings.summary is None
    list(findings)
    assert findings.summary == example_validator.validate_csv(examples / "claim_lines.csv").summary


def test_an_exhausted_iterator_stays_exhausted(example_validator, examples):
    findings = example_validator.iter_csv(examples / "claim_lines.csv")
    list(findings)
    assert list(findings) == []


def test_an_iterator_is_its_own_iterator(example_validator, examples):
    findings = example_validator.iter_csv(examples / "claim_lines.csv")
    assert iter(findings) is findings


def test_next_and_the_next_method_take_turns_on_one_iterator(example_validator, examples):
    path = examples / "claim_lines.csv"
    expected = [f.to_dict() for f in example_validator.iter_csv(path)]
    findings = example_validator.iter_csv(path)
    taken = []
    for n in range(len(expected)):
        taken.append((next(findings) if n % 2 else findings.__next__()).to_dict())
    assert taken == expected
    with pytest.raises(StopIteration):
        next(findings)
    with pytest.raises(StopIteration):
        findings.__next__()


def test_iter_records_reads_a_generator_lazily(validator):
    pulled = []

    def records():
        for n in range(10_000):
            pulled.append(n)
            yield claim_line(claim_id=f"C{n}", service_date="2027-01-01")

    findings = validator.iter_records(records())
    first = next(findings)
    assert first.kind == "auth_expired"
    assert 0 < len(pulled) < 10_000
    assert sum(1 for _ in findings) == 9_999
    assert findings.summary["claims_read"] == 10_000


def test_iter_records_gives_the_same_findings_as_validate(validator):
    records = [claim_line(claim_id=f"C{n}", units=5, service_date=f"2026-09-{10 + n % 5}")
               for n in range(30)]
    assert by_content(validator.iter_records(records)) == by_content(validator.validate(records))


def test_iter_records_settles_units_across_batches_in_date_order(validator):
    records = [claim_line(claim_id=f"C{n:05}", service_date="2026-10-01") for n in range(5000)]
    records.append(claim_line(claim_id="EARLY", units=12, service_date="2026-09-01"))
    findings = [f for f in validator.iter_records(records) if f.severity == "deny"]
    assert len(findings) == 5000
    assert set(kinds(findings)) == {"units_exceeded"}


def test_findings_kept_from_iter_records_keep_their_values_as_it_goes_on(validator):
    # Several batches: a batch's findings are copied out before its room is reused.
    records = [claim_line(claim_id=f"C{n:05}", units=1 + n % 4,
                          service_date="2027-01-01" if n % 3 else "2026-09-15")
               for n in range(6000)]
    kept = list(validator.iter_records(records))
    assert len({f.claim_id for f in kept}) > 4000
    assert by_content(kept) == by_content(validator.validate(records))


def test_iter_records_needs_each_claims_rows_together(validator):
    records = [claim_line(claim_id="A"), claim_line(claim_id="B"), claim_line(claim_id="A", line=2)]
    with pytest.raises(authmatch.FieldError) as caught:
        list(validator.iter_records(records))
    assert caught.value.field == "claim_id"
    assert caught.value.record == 2


def test_a_bad_record_is_raised_after_the_findings_before_it(validator):
    def records():
        for n in range(5000):
            yield claim_line(claim_id=f"C{n}", service_date="2027-01-01")
        yield claim_line(claim_id="BAD", units="x")

    findings = validator.iter_records(records())
    assert next(findings).kind == "auth_expired"
    with pytest.raises(authmatch.FieldError):
        list(findings)
    assert list(findings) == []


def test_an_unreadable_file_is_raised_when_iterated(example_validator, tmp_path):
    findings = example_validator.iter_csv(tmp_path / "missing.csv")
    with pytest.raises(authmatch.InputError):
        next(findings)


def test_dropping_an_unfinished_iterator_stops_its_run(example_validator, examples):
    big = (examples / "claim_lines.csv").read_bytes()
    for _ in range(20):
        findings = example_validator.iter_csv(*[big] * 50)
        next(findings)
        del findings
