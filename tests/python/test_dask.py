"""authmatch.dask on a real cluster (a LocalCluster of 2 worker processes on loopback): the
report of one run, whatever the split; and the module without Dask."""

import csv
import os
import pathlib
import subprocess
import sys

import pytest

import authmatch

distributed = pytest.importorskip(
    "distributed", reason="Dask is not installed (apt install python3-dask python3-distributed)")
import authmatch.dask  # noqa: E402  (after the skip: it needs nothing, but is tested with Dask)

SYNTH = os.environ.get("AUTHMATCH_SYNTH")
pytestmark = [
    pytest.mark.skipif(SYNTH is None, reason="needs authmatch-synth (AUTHMATCH_SYNTH)"),
    # Debian 12's distributed 2022.12 starts its event loop the way tornado 6.2 deprecates.
    pytest.mark.filterwarnings("ignore:make_current is deprecated:DeprecationWarning"),
]


@pytest.fixture(scope="module")
def client():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None, host="127.0.0.1") as cluster:
        with distributed.Client(cluster) as connected:
            yield connected


def synth(*args) -> None:
    subprocess.run([SYNTH, *map(str, args)], check=True, capture_output=True)


def read_lines(path: pathlib.Path) -> tuple[list[str], list[dict]]:
    with open(path, newline="") as f:
        reader = csv.DictReader(f)
        return [c for c in reader.fieldnames if c != "expected_kinds"], list(reader)


def write_lines(path: pathlib.Path, columns: list[str], rows: list[dict]) -> pathlib.Path:
    with open(path, "w", newline="") as f:
        writer = csv.DictWriter(f, columns, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    return path


def corrections(rows: list[dict], every: int) -> list[dict]:
    """A replacement (one more unit on each line) of every `every`th claim, and a void of the
    claim after it: claims of another file than the one they will be put in."""
    claims: dict[str, list[dict]] = {}
    for row in rows:
        claims.setdefault(row["claim_id"], []).append(row)
    out = []
    for i, (claim_id, lines) in enumerate(claims.items()):
        if i % every == 0:
            for line in lines:
                out.append(dict(line, claim_id="R" + claim_id, frequency="7",
                                original_claim_id=claim_id,
                                units=str(float(line["units"]) + 1)))
        elif i % every == 1:
            for line in lines:
                out.append(dict(line, claim_id="V" + claim_id, frequency="8",
                                original_claim_id=claim_id))
    return out


def renamed(row: dict) -> dict:
    """The row with "B" before its authorization and referral numbers."""
    return {k: "B" + v if k in ("auth_number", "referral_number") and v else v
            for k, v in row.items()}


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    """An 837P and three claim-lines CSV files of another batch, each CSV also correcting claims
    of the files before it (the 837 or another CSV), one with an unreadable claim; the
    authorizations, rules and enrollment of both batches."""
    work = tmp_path_factory.mktemp("dask-batch")
    synth("--claims", 600, "--seed", 21, "-o", work / "first.837", "--lines-out",
          work / "first.csv", "--auths-out", work / "auths-first.csv", "--rules-out",
          work / "rules.csv", "--enrollment-out", work / "enrollment.csv")
    synth("--claims", 900, "--seed", 22, "-o", work / "second.837", "--lines-out",
          work / "second.csv", "--auths-out", work / "auths-second.csv")
    # The second batch's numbers renamed: each generated batch numbers from the same start.
    auth_columns, auths = read_lines(work / "auths-first.csv")
    _, more = read_lines(work / "auths-second.csv")
    write_lines(work / "auths.csv", auth_columns, auths + [renamed(row) for row in more])

    columns, first = read_lines(work / "first.csv")
    _, second = read_lines(work / "second.csv")
    second = [renamed(row) for row in second]
    thirds = [second[: len(second) // 3], second[len(second) // 3: 2 * len(second) // 3],
              second[2 * len(second) // 3:]]
    parts = [thirds[0] + corrections(first, 7),
             thirds[1] + corrections(thirds[0], 5),
             thirds[2] + corrections(thirds[1] + first, 11)]
    parts[1].append(dict(parts[1][0], claim_id="BROKEN", service_date="2026-02-30"))
    files = [work / "first.837"]
    files += [write_lines(work / f"lines-{i}.csv", columns, p) for i, p in enumerate(parts)]
    return {"files": files, "auths": work / "auths.csv", "rules": work / "rules.csv",
            "enrollment": work / "enrollment.csv", "dir": work}


@pytest.fixture(scope="module")
def validator(batch):
    return authmatch.Validator(authmatch.load_authorizations(batch["auths"]),
                               authmatch.load_rules(batch["rules"]),
                               enrollment=authmatch.load_enrollment(batch["enrollment"]))


@pytest.fixture(scope="module")
def single(validator, batch):
    return validator.validate(*batch["files"])


def same_report(found: authmatch.Report, expected: authmatch.Report) -> None:
    assert [f.to_dict() for f in found] == [f.to_dict() for f in expected]
    assert [f.source for f in found] == [f.source for f in expected]
    assert found.summary == expected.summary


def test_the_batch_has_what_the_split_must_get_right(single):
    kinds = single.summary["findings_by_kind"]
    for kind in ("units_exceeded", "claim_replaced", "claim_voided", "claim_unreadable"):
        assert kinds[kind] > 0, kind


@pytest.mark.parametrize("partitions", [None, 2, 1])
def test_a_cluster_gives_the_report_of_one_run(client, batch, single, partitions):
    found = authmatch.dask.validate(batch["files"], batch["auths"], batch["rules"], client=client,
                                    enrollment=batch["enrollment"], partitions=partitions)
    same_report(found, single)


def test_split_runs_differ_from_one_run(validator, batch, single):
    """What the cluster gets right: validating the files apart changes the answers."""
    apart = [f.to_dict() for path in batch["files"] for f in validator.validate(path)]
    assert apart != [f.to_dict() for f in single]


def test_files_shipped_as_bytes_give_the_same_report(client, validator, batch):
    inputs = [p.read_bytes() for p in batch["files"]]
    found = authmatch.dask.validate(inputs, batch["auths"].read_bytes(),
                                    batch["rules"].read_bytes(), client=client,
                                    enrollment=batch["enrollment"].read_bytes())
    same_report(found, validator.validate(*inputs))


def test_the_current_client_is_used_by_default(client, batch, single):
    with client.as_current():
        found = authmatch.dask.validate(batch["files"], batch["auths"], batch["rules"],
                                        enrollment=batch["enrollment"])
    same_report(found, single)


def test_a_ledger_records_what_one_run_records(client, validator, batch, tmp_path):
    one, split = authmatch.Ledger(tmp_path / "one.db"), authmatch.Ledger(tmp_path / "split.db")
    for _ in range(2):  # the second run starts from what the first recorded
        expected = validator.validate(*batch["files"], ledger=one)
        found = authmatch.dask.validate(batch["files"], batch["auths"], batch["rules"],
                                        client=client, enrollment=batch["enrollment"],
                                        ledger=tmp_path / "split.db")
        same_report(found, expected)
        assert split.rows() == one.rows()


def test_a_missing_input_raises_input_error_naming_it(client, batch):
    missing = batch["dir"] / "no-such.837"
    with pytest.raises(authmatch.InputError, match="no-such.837"):
        authmatch.dask.validate([batch["files"][0], missing], batch["auths"], client=client)


@pytest.mark.parametrize("which", ["auths", "rules", "enrollment", "payer_profiles"])
def test_a_missing_authorizations_file_raises_input_error_naming_it(client, batch, which):
    files = {"auths": batch["auths"], "rules": batch["rules"], "enrollment": batch["enrollment"],
             "payer_profiles": None}
    files[which] = batch["dir"] / f"no-such-{which}.csv"
    with pytest.raises(authmatch.InputError, match=f"no-such-{which}.csv: cannot open"):
        authmatch.dask.validate(batch["files"], files["auths"], files["rules"], client=client,
                                enrollment=files["enrollment"],
                                payer_profiles=files["payer_profiles"])


def test_parts_of_other_authorizations_are_refused(batch):
    small = authmatch.Validator(authmatch.load_authorizations(batch["auths"]))
    part = small.judge_part(batch["files"][1])
    other = authmatch.Validator(authmatch.AuthorizationIndex())
    with pytest.raises(authmatch.InputError, match=r"part 1: judged against \d+ authorization rows, this run has 0"):
        other.join_parts([part])


def test_parts_joined_in_order_by_hand_give_one_run(validator, batch, single):
    """What a multiprocessing.Pool can do with judge_part and join_parts."""
    parts = [validator.judge_part(path) for path in batch["files"]]
    same_report(validator.join_parts(parts), single)


def test_the_module_imports_without_dask_and_says_how_to_install_it(batch):
    script = (
        "import sys\n"
        "sys.modules['dask'] = sys.modules['distributed'] = None\n"
        "import authmatch.dask\n"
        "try:\n"
        f"    authmatch.dask.validate([{str(batch['files'][0])!r}], {str(batch['auths'])!r})\n"
        "except ImportError as e:\n"
        "    print(e)\n")
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         check=True)
    assert "apt install python3-dask python3-distributed" in out.stdout


def test_the_readme_example_runs_and_gives_one_runs_report():
    readme = (pathlib.Path(os.environ["AUTHMATCH_SOURCE_DIR"]) / "README.md").read_text()
    section = readme.split("\n## Beyond one machine: Dask\n", 1)[1].split("\n## ", 1)[0]
    code = section.split("```python\n", 1)[1].split("```", 1)[0]
    root = pathlib.Path(os.environ["AUTHMATCH_SOURCE_DIR"])
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=root, timeout=120)
    assert result.returncode == 0, result.stderr
    examples = root / "examples" / "data"
    validator = authmatch.Validator(authmatch.load_authorizations(examples / "authorizations.csv"),
                                    authmatch.load_rules(examples / "rules.csv"),
                                    enrollment=authmatch.load_enrollment(examples / "enrollment.csv"))
    report = validator.validate(examples / "claims_837p.x12", examples / "claims_837i.x12",
                                examples / "claim_lines.csv")
    assert result.stdout.split() == [str(report.summary["charge_at_risk"]), str(len(report))]


SAMPLES = pathlib.Path(os.environ.get("AUTHMATCH_SAMPLES", "/nonexistent"))
SAMPLE_837S = [p for p in sorted(SAMPLES.glob("837*/*.x12"))
               if p.read_bytes().lstrip(b"\xef\xbb\xbf \r\n\t").startswith(b"ISA")]


@pytest.mark.skipif(not SAMPLE_837S, reason=f"no public 837 samples in {SAMPLES}")
def test_the_public_837_samples_give_one_runs_report_on_the_cluster(client, tmp_path):
    auths = tmp_path / "auths.csv"  # one no sample names: every line is judged and reported
    auths.write_text("auth_number,status,payer_id,member_id,code,effective_date,"
                     "expiration_date\nX1,approved,00000,NOBODY,97110,2020-01-01,2030-12-31\n")
    validator = authmatch.Validator(authmatch.load_authorizations(auths))
    expected = validator.validate(*SAMPLE_837S)
    assert len(expected) > 0
    found = authmatch.dask.validate(SAMPLE_837S, auths, client=client, partitions=3)
    same_report(found, expected)
