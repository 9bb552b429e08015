"""The GIL is released while native code works; objects are safe to share between threads."""

import threading
from concurrent.futures import ThreadPoolExecutor

import authmatch
from conftest import auth_row, claim_line, claims_csv, ticks_during


def test_other_threads_run_while_a_validation_reads_and_judges(validator):
    data = claims_csv(40_000, service_date="2027-01-01")
    assert ticks_during(lambda: validator.validate_csv(data)) >= 10


def test_threads_sharing_a_validator_get_the_same_findings(example_validator, examples):
    path = examples / "claim_lines.csv"
    expected = list(example_validator.validate_csv(path))
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(lambda _: list(example_validator.validate_csv(path)), range(32)))
    assert all(result == expected for result in results)


def test_threads_validating_records_and_csv_at_once_agree(validator):
    records = [claim_line(claim_id=f"C{n}", service_date="2027-01-01") for n in range(2000)]
    data = claims_csv(2000, service_date="2027-01-01")

    def run(n):
        if n % 2:
            return len(validator.validate(records))
        return len(validator.validate_csv(data))

    with ThreadPoolExecutor(max_workers=6) as pool:
        assert set(pool.map(run, range(24))) == {2000}


def test_rows_added_while_other_threads_validate_are_safe():
    index = authmatch.AuthorizationIndex([auth_row()])
    validator = authmatch.Validator(index)
    data = claims_csv(3000)
    stop = threading.Event()
    counts = []

    def validate():
        while not stop.is_set():
            counts.append(len(validator.validate_csv(data)))

    threads = [threading.Thread(target=validate) for _ in range(3)]
    for t in threads:
        t.start()
    for n in range(300):
        index.add(**auth_row(auth_number=f"X{n}", member_id=f"OTHER{n}"))
    stop.set()
    for t in threads:
        t.join()
    assert len(index) == 301
    assert counts and set(counts) <= {2991}  # 12 units for 3000 one-unit lines: 2988 denials, 3 units_low


def test_several_threads_can_share_one_iterator_and_each_finding_goes_to_one(validator):
    findings = validator.iter_csv(claims_csv(20_000, service_date="2027-01-01"))
    seen = []
    lock = threading.Lock()

    def drain():
        for finding in findings:
            with lock:
                seen.append(finding.claim_id)

    threads = [threading.Thread(target=drain) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(seen) == sorted(f"C{n}" for n in range(20_000))


def test_a_validator_used_from_threads_after_its_index_is_gone_still_works():
    validator = authmatch.Validator(authmatch.AuthorizationIndex([auth_row()]))
    with ThreadPoolExecutor(max_workers=4) as pool:
        sizes = list(pool.map(lambda _: len(validator.validate([claim_line(units=13)])), range(8)))
    assert sizes == [1] * 8
