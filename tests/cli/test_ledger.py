"""authmatch validate --ledger and authmatch ledger show / export."""

import csv
import io
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import time

import pytest


def validate(authmatch, examples, ledger, *extra):
    return authmatch("validate", "--auths", examples / "authorizations.csv", "--rules",
                     examples / "rules.csv", "--format", "jsonl", "--ledger", ledger, *extra)


def export(authmatch, ledger, *extra):
    result = authmatch("ledger", "export", "--ledger", ledger, *extra)
    assert result.returncode == 0, result.stderr
    return list(csv.DictReader(io.StringIO(result.stdout)))


def test_validating_the_examples_twice_leaves_every_remaining_quantity_unchanged(
        authmatch, examples, tmp_path):
    ledger = tmp_path / "usage.db"
    first = validate(authmatch, examples, ledger, examples / "claim_lines.csv")
    after_first = export(authmatch, ledger)
    second = validate(authmatch, examples, ledger, examples / "claim_lines.csv")
    assert export(authmatch, ledger) == after_first
    assert second.stdout == first.stdout


def test_ledger_show_lists_approved_used_and_remaining(authmatch, examples, tmp_path):
    ledger = tmp_path / "usage.db"
    validate(authmatch, examples, ledger, examples / "claim_lines.csv")
    result = authmatch("ledger", "show", "--ledger", ledger, "--auth", "PT260901")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split()[:3] == ["AUTH", "STATUS", "PAYER"]
    # 97110: 12 approved, 4 used before, 2+2+2 from the originals and 2 from the replacement.
    assert lines[1].split()[:10] == ["PT260901", "approved", "61101", "W100200300", "97110",
                                     "units", "12", "4", "8", "0"]
    assert len(lines) == 3


def test_ledger_export_gives_the_tracker_its_used_to_date(authmatch, examples, tmp_path):
    ledger = tmp_path / "usage.db"
    validate(authmatch, examples, ledger, examples / "claim_lines.csv")
    rows = {(r["auth_number"], r["code"]): r for r in export(authmatch, ledger)}
    chiro = rows[("CHI261101", "98941")]
    assert chiro["unit_type"] == "visits"
    assert (chiro["approved"], chiro["units_used"], chiro["ledger_used"]) == ("6", "4", "2")
    assert (chiro["used_to_date"], chiro["remaining"]) == ("6", "0")
    assert ("RBM550140", "74177") not in rows  # its only claim was voided


def test_a_replacement_in_a_later_run_adjusts_the_remaining_units(authmatch, examples, tmp_path):
    ledger = tmp_path / "usage.db"
    header = (examples / "claim_lines.csv").read_text().splitlines()[0]
    original = tmp_path / "original.csv"
    original.write_text(header + "\nC1,1,W100200300,61101,1968-04-12,PT260901,97140,GP,5,"
                        "2026-09-08,,1987654328,1234567893,,11,M54.50,275.00,1,,,,\n")
    replacement = tmp_path / "replacement.csv"
    replacement.write_text(header + "\nC1R,1,W100200300,61101,1968-04-12,PT260901,97140,GP,2,"
                           "2026-09-08,,1987654328,1234567893,,11,M54.50,110.00,7,C1,,,\n")
    void = tmp_path / "void.csv"
    void.write_text(header + "\nC1V,1,W100200300,61101,1968-04-12,PT260901,97140,GP,2,"
                    "2026-09-08,,1987654328,1234567893,,11,M54.50,110.00,8,C1R,,,\n")

    def remaining():
        rows = export(authmatch, ledger, "--auth", "PT260901")
        return {r["code"]: r["remaining"] for r in rows}["97140"]

    validate(authmatch, examples, ledger, original)
    assert remaining() == "3"
    result = validate(authmatch, examples, ledger, replacement)
    assert remaining() == "6"
    kinds = [json.loads(line)["kind"] for line in result.stdout.splitlines()]
    assert kinds == ["claim_replaced"]
    validate(authmatch, examples, ledger, void)
    assert remaining() == "8"


def test_ledger_commands_need_an_existing_ledger(authmatch, tmp_path):
    result = authmatch("ledger", "show", "--ledger", tmp_path / "missing.db")
    assert result.returncode == 2
    assert "missing.db" in result.stderr


def test_ledger_show_of_an_unknown_number_names_it(authmatch, examples, tmp_path):
    ledger = tmp_path / "usage.db"
    validate(authmatch, examples, ledger, examples / "claim_lines.csv")
    result = authmatch("ledger", "show", "--ledger", ledger, "--auth", "NOPE")
    assert result.returncode == 0, result.stderr
    assert result.stdout == "The ledger holds no usage of 'NOPE'.\n"


def test_ledger_show_to_a_dash_writes_standard_output(authmatch, examples, tmp_path):
    ledger = tmp_path / "usage.db"
    validate(authmatch, examples, ledger, examples / "claim_lines.csv")
    plain = authmatch("ledger", "show", "--ledger", ledger)
    to_dash = authmatch("ledger", "show", "--ledger", ledger, "-o", "-", cwd=tmp_path)
    assert to_dash.stdout == plain.stdout
    assert not (tmp_path / "-").exists()


@pytest.mark.parametrize("command", ["show", "export"])
def test_a_ledger_command_writing_over_its_ledger_is_refused(authmatch, examples, tmp_path,
                                                             command):
    ledger = tmp_path / "usage.db"
    validate(authmatch, examples, ledger, examples / "claim_lines.csv")
    before = ledger.read_bytes()
    result = authmatch("ledger", command, "--ledger", ledger, "-o", f"{tmp_path}/./usage.db")
    assert result.returncode == 2
    assert "--output names the same file as --ledger" in result.stderr
    assert ledger.read_bytes() == before


def test_a_file_that_is_not_a_ledger_exits_2(authmatch, examples, tmp_path):
    result = validate(authmatch, examples, examples / "rules.csv", examples / "claim_lines.csv")
    assert result.returncode == 2
    assert "not an authmatch ledger" in result.stderr


@pytest.mark.parametrize("command", [["ledger", "show"], ["ledger", "export"], ["review"]])
def test_a_ledger_damaged_after_a_run_is_named_in_the_error(authmatch, examples, tmp_path,
                                                            command):
    ledger = tmp_path / "usage.db"
    validate(authmatch, examples, ledger, examples / "claim_lines.csv")
    with sqlite3.connect(ledger) as db:
        db.execute("UPDATE authorizations SET effective_date = 'garbage'")
    db.close()
    extra = ["--auths", examples / "authorizations.csv"] if command == ["review"] else []
    result = authmatch(*command, *extra, "--ledger", ledger)
    assert result.returncode == 2
    assert f"{ledger}: ledger: 'garbage' is not a date" in result.stderr


@pytest.mark.parametrize("command", [["ledger", "show"], ["ledger", "export"], ["review"]])
def test_an_empty_file_is_no_ledger_yet_for_a_command_that_reads(authmatch, examples, tmp_path,
                                                                 command):
    ledger = tmp_path / "usage.db"
    ledger.write_bytes(b"")
    extra = ["--auths", examples / "authorizations.csv"] if command == ["review"] else []
    result = authmatch(*command, *extra, "--ledger", ledger)
    assert result.returncode == 2
    assert f"{ledger}: an empty file, no ledger yet" in result.stderr
    assert ledger.read_bytes() == b""


def test_no_warnings_reports_denials_only(authmatch, examples):
    result = authmatch("validate", "--auths", examples / "authorizations.csv", "--rules",
                       examples / "rules.csv", "--format", "jsonl", "--no-warnings",
                       examples / "claim_lines.csv")
    severities = {json.loads(line)["severity"] for line in result.stdout.splitlines()}
    assert "warn" not in severities
    assert "deny" in severities


def test_warning_thresholds_are_options(authmatch, examples):
    def count(kind, *options):
        result = authmatch("validate", "--auths", examples / "authorizations.csv", "--rules",
                           examples / "rules.csv", "--format", "jsonl", *options,
                           examples / "claim_lines.csv")
        return sum(json.loads(line)["kind"] == kind for line in result.stdout.splitlines())

    assert count("auth_expiring_soon", "--expiring-days", "5") == 2
    assert count("auth_expiring_soon") == 5
    assert count("units_low", "--units-low", "0") == 0
    assert count("units_low", "--units-low", "90") > count("units_low")
    # To a tenth of a percent, as Python's Validator reads it: the hundredths are dropped.
    assert count("units_low", "--units-low", "33.39") == count("units_low", "--units-low", "33.3")


# --- crash safety ------------------------------------------------------------------------------

def write_batch(path, prefix, claims, members):
    with path.open("w") as out:
        out.write("claim_id,line,member_id,payer_id,auth_number,code,units,service_date\n")
        for i in range(claims):
            m = i % members
            out.write(f"{prefix}{i},1,M{m},P1,A{m},97110,1,2026-03-{i % 28 + 1:02d}\n")


@pytest.fixture(scope="module")
def big_batches(tmp_path_factory):
    folder = tmp_path_factory.mktemp("batches")
    members = 2000
    auths = folder / "auths.csv"
    with auths.open("w") as out:
        out.write("auth_number,status,payer_id,member_id,code,units,effective_date,"
                  "expiration_date\n")
        for m in range(members):
            out.write(f"A{m},approved,P1,M{m},97110,100000,2026-01-01,2026-12-31\n")
    first, second = folder / "first.csv", folder / "second.csv"
    write_batch(first, "F-", 20_000, members)
    # Long enough for ten kills while it runs (the kills are spread over a run's measured time);
    # a sanitized build runs about five times slower, and a fifth of the lines last as long there.
    lines = 10_000 if os.environ.get("AUTHMATCH_SANITIZED") else 50_000
    write_batch(second, "S-", lines, members)
    return auths, first, second


def copy_ledger(source, target):
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(f"{source}{suffix}"):
            shutil.copy(f"{source}{suffix}", f"{target}{suffix}")


def test_a_run_killed_at_any_point_leaves_the_ledger_before_or_after_it(
        authmatch, big_batches, tmp_path):
    auths, first, second = big_batches
    binary = os.environ["AUTHMATCH_CLI"]

    def run(ledger, batch):
        return authmatch("validate", "--auths", auths, "--ledger", ledger, "--no-warnings", batch)

    base = tmp_path / "base.db"
    run(base, first)
    before = export(authmatch, base)
    # Kill points are spread over the shortest of two complete runs, so that a run slowed down
    # by a busy machine does not push them past the end.
    durations = []
    for attempt in range(2):
        complete = tmp_path / f"complete-{attempt}.db"
        copy_ledger(base, complete)
        started = time.monotonic()
        run(complete, second)
        durations.append(time.monotonic() - started)
    duration = min(durations)
    after = export(authmatch, complete)
    assert before != after

    killed_while_running = 0
    outcomes = set()
    for step in range(10):
        ledger = tmp_path / f"killed-{step}.db"
        copy_ledger(base, ledger)
        process = subprocess.Popen([binary, "validate", "--auths", str(auths), "--ledger",
                                    str(ledger), "--no-warnings", str(second)],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(duration * (step + 0.5) / 10)
        if process.poll() is None:
            killed_while_running += 1
            process.send_signal(signal.SIGKILL)
        process.wait()
        state = export(authmatch, ledger)
        assert state in (before, after), f"kill {step}: the ledger is between two states"
        outcomes.add("before" if state == before else "after")
    assert killed_while_running >= 5
    assert "before" in outcomes


def test_readers_see_whole_runs_while_a_run_writes(authmatch, big_batches, tmp_path):
    auths, first, second = big_batches
    ledger = tmp_path / "usage.db"
    authmatch("validate", "--auths", auths, "--ledger", ledger, "--no-warnings", first)
    before = export(authmatch, ledger)
    process = subprocess.Popen([os.environ["AUTHMATCH_CLI"], "validate", "--auths", str(auths),
                                "--ledger", str(ledger), "--no-warnings", str(second)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    seen = []
    while process.poll() is None:
        seen.append(export(authmatch, ledger))
    assert process.wait() == 0
    after = export(authmatch, ledger)
    assert after != before
    assert seen, "the run ended before a reader could look"
    assert all(state in (before, after) for state in seen)
