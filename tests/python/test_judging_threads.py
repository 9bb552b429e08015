"""validate_837, iter_837, validate_csv and iter_csv judge on `threads` threads: the same
findings, in the same order, and the same summary for any number."""

import pytest

import authmatch
from conftest import auth_row, claims_csv, professional_837, professional_claim


def mixed_837(count: int) -> bytes:
    """Claims that use PT1 until its units run out, with some of no number and some too early."""
    claims = []
    for n in range(count):
        number = None if n % 7 == 0 else "PT1"
        date = "20260815" if n % 11 == 0 else f"202609{1 + n % 28:02}"
        claims.append(professional_claim(f"C{n}", service_date=date, units=str(1 + n % 3),
                                         auth_number=number))
    return professional_837(claims)


@pytest.fixture(scope="module")
def busy_validator() -> authmatch.Validator:
    """PT1 with 600 units: runs out part of the way through mixed_837(5000)."""
    return authmatch.Validator(authmatch.AuthorizationIndex([auth_row(units=600)]))


@pytest.fixture(scope="module")
def claims_837() -> bytes:
    return mixed_837(5000)


def as_dicts(findings) -> list:
    return [f.to_dict() for f in findings]


@pytest.mark.parametrize("threads", [2, 3, 8])
def test_iter_837_hands_out_the_findings_of_one_thread_in_its_order(busy_validator, claims_837,
                                                                    threads):
    expected = as_dicts(busy_validator.iter_837(claims_837, threads=1))
    assert len({f["kind"] for f in expected}) >= 3
    assert as_dicts(busy_validator.iter_837(claims_837, threads=threads)) == expected


@pytest.mark.parametrize("threads", [1, 2])
def test_findings_kept_from_iter_837_keep_their_values_as_it_goes_on(busy_validator, claims_837,
                                                                      threads):
    # Many batches: a batch's findings are copied out before its room is reused.
    kept = list(busy_validator.iter_837(claims_837, threads=threads))
    assert len({f.claim_id for f in kept}) > 2000
    report = busy_validator.validate_837(claims_837, threads=1)  # batches never reused
    assert sorted(map(repr, as_dicts(kept))) == sorted(map(repr, as_dicts(report)))


@pytest.mark.parametrize("threads", [2, 3, 8])
def test_a_file_read_in_fragments_gives_the_findings_of_one_thread(busy_validator, tmp_path,
                                                                   threads):
    # A regular file of several MB: from 3 threads on, read in fragments of 1 MB in parallel.
    data = mixed_837(40_000)
    path = tmp_path / "claims.x12"
    path.write_bytes(data)
    assert as_dicts(busy_validator.iter_837(path, threads=threads)) == as_dicts(
        busy_validator.iter_837(data, threads=1))
    assert as_dicts(busy_validator.validate_837(path, threads=threads)) == as_dicts(
        busy_validator.validate_837(data, threads=1))


@pytest.mark.parametrize("threads", [2, 3])
def test_validate_837_gives_the_report_of_one_thread(busy_validator, claims_837, threads):
    one = busy_validator.validate_837(claims_837, threads=1)
    several = busy_validator.validate_837(claims_837, threads=threads)
    assert as_dicts(several) == as_dicts(one)
    assert several.summary == one.summary


def test_iter_csv_on_two_threads_hands_out_the_findings_of_one(busy_validator):
    data = claims_csv(3000)
    expected = as_dicts(busy_validator.iter_csv(data, threads=1))
    assert as_dicts(busy_validator.iter_csv(data, threads=2)) == expected


def test_a_csv_file_of_several_mb_on_two_threads_gives_the_findings_of_one(tmp_path):
    # Over 4 MiB: with two threads, its first reading is in two halves. PT1's units run out
    # in the second half.
    validator = authmatch.Validator(authmatch.AuthorizationIndex([auth_row(units=99_000)]))
    data = claims_csv(100_000)
    assert len(data) > 4 << 20
    path = tmp_path / "lines.csv"
    path.write_bytes(data)
    expected = as_dicts(validator.iter_csv(data, threads=1))
    assert len(expected) >= 1000
    assert as_dicts(validator.iter_csv(path, threads=2)) == expected
    assert as_dicts(validator.validate_csv(path, threads=2)) == as_dicts(
        validator.validate_csv(data, threads=1))


@pytest.mark.parametrize("threads", [0, -1, 257])
@pytest.mark.parametrize("method", ["validate_837", "iter_837", "validate_csv", "iter_csv"])
def test_threads_out_of_range_are_refused(busy_validator, claims_837, method, threads):
    source = claims_837 if method.endswith("837") else claims_csv(3)
    with pytest.raises(authmatch.FieldError, match="threads"):
        getattr(busy_validator, method)(source, threads=threads)


@pytest.mark.parametrize("threads", [1, 2, 4])
def test_an_iterator_raises_an_error_after_the_findings_before_it(busy_validator, claims_837,
                                                                  tmp_path, threads):
    before = [f for f in as_dicts(busy_validator.iter_837(claims_837, threads=1))
              if f["kind"] not in ("units_exceeded", "units_low")]
    got = []
    with pytest.raises(authmatch.InputError, match="missing"):
        for finding in busy_validator.iter_837(claims_837, tmp_path / "missing.x12",
                                               threads=threads):
            got.append(finding.to_dict())
    assert got == before


def test_an_iterator_dropped_unfinished_outlives_its_bytes():
    validator = authmatch.Validator(authmatch.AuthorizationIndex([auth_row(units=9999)]))
    # One finding first, then clean claims still being read when the iterator goes: over 32 MB,
    # which glibc always maps apart and unmaps when freed, so reading them after is a crash.
    claims = [professional_claim("C0", auth_number=None)]
    claims += [professional_claim(f"C{n}") for n in range(1, 330_000)]
    data = professional_837(claims)
    assert len(data) > 32 << 20
    for threads in (1, 2, 1, 2, 1):
        # New bytes each time, the iterator's alone: it must stop reading before they are freed.
        findings = validator.iter_837(data + b"\n", threads=threads)
        first = next(findings)
        del findings
        assert first.kind == "auth_number_missing"
    assert len(validator.validate_837(mixed_837(10), threads=2)) > 0


def test_rows_added_while_a_slow_iterator_waits_leave_its_findings_unchanged():
    index = authmatch.AuthorizationIndex([auth_row(units=600)])
    validator = authmatch.Validator(index)
    data = mixed_837(100_000)
    expected = as_dicts(validator.iter_837(data, threads=1))
    # More findings before settlement than the iterator queues (16384): its queue fills while
    # this thread waits to add rows (of other members) until the run lets go of the index, which
    # it does only with no line in judgement.
    assert sum(f["kind"] not in ("units_exceeded", "units_low") for f in expected) > 16384
    got = []
    for n, finding in enumerate(validator.iter_837(data, threads=2)):
        got.append(finding.to_dict())
        if n % 2000 == 0:
            index.add(**auth_row(auth_number=f"X{n}", member_id=f"OTHER{n}"))
    assert len(index) > 10
    assert got == expected
