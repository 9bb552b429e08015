"""authmatch validate on hostile, odd and careless input: every answer right, nothing lost."""

import json
import os
import pathlib
import resource
import signal
import sqlite3
import subprocess

import pytest


def validate(authmatch, examples, *inputs, extra=(), stdin=None):
    return authmatch("validate", "--auths", examples / "authorizations.csv",
                     "--rules", examples / "rules.csv", "--format", "jsonl", *extra, *inputs,
                     stdin=stdin)


def records(result):
    return [json.loads(line) for line in result.stdout.splitlines()]


def kinds_of(result, claim_id):
    return [r["kind"] for r in records(result) if r["claim_id"] == claim_id]


def edited_837(examples, tmp_path, name, old, new):
    """The example 837 with one piece of text replaced (which must be there)."""
    text = (examples / name).read_text()
    assert old in text
    path = tmp_path / name
    path.write_text(text.replace(old, new, 1))
    return path


# --- quantities and amounts ---------------------------------------------------------------------

def test_a_negative_837p_quantity_rejects_its_claim_with_its_position(authmatch, examples, tmp_path):
    path = edited_837(examples, tmp_path, "claims_837p.x12", "SV1*HC:97110:GP*110*UN*2***1:2~",
                      "SV1*HC:97110:GP*110*UN*-2***1:2~")
    result = validate(authmatch, examples, path)
    unreadable = [r for r in records(result) if r["claim_id"] == "PT-5001"]
    assert [r["kind"] for r in unreadable] == ["claim_unreadable"]
    assert "segment 27, element 4, byte " in unreadable[0]["message"]
    assert "SV104 '-2' is not a quantity of units" in unreadable[0]["message"]


def test_a_negative_837i_quantity_rejects_its_claim(authmatch, examples, tmp_path):
    path = edited_837(examples, tmp_path, "claims_837i.x12", "SV2*0610*HC:70551*1180*UN*1~",
                      "SV2*0610*HC:70551*1180*UN*-1~")
    result = validate(authmatch, examples, path)
    assert kinds_of(result, "HOSP-8001") == ["claim_unreadable"]
    assert "SV205 '-1'" in records(result)[0]["message"]


def test_a_quantity_above_the_bound_rejects_its_837_claim(authmatch, examples, tmp_path):
    path = edited_837(examples, tmp_path, "claims_837p.x12", "SV1*HC:97110:GP*110*UN*2***1:2~",
                      "SV1*HC:97110:GP*110*UN*999999999999999***1:2~")
    result = validate(authmatch, examples, path)
    assert kinds_of(result, "PT-5001") == ["claim_unreadable"]


def test_a_negative_charge_rejects_its_837_claim(authmatch, examples, tmp_path):
    path = edited_837(examples, tmp_path, "claims_837p.x12", "SV1*HC:97110:GP*110*UN*2***1:2~",
                      "SV1*HC:97110:GP*-110*UN*2***1:2~")
    result = validate(authmatch, examples, path)
    assert kinds_of(result, "PT-5001") == ["claim_unreadable"]
    assert "SV102 '-110' is not a charge" in records(result)[0]["message"]


def claim_lines(tmp_path, rows, header="claim_id,line,member_id,payer_id,code,units,"
                                       "service_date,auth_number,charge"):
    path = tmp_path / "lines.csv"
    path.write_text(header + "\n" + "".join(row + "\n" for row in rows))
    return path


def test_a_csv_charge_above_the_bound_rejects_its_claim(authmatch, examples, tmp_path):
    path = claim_lines(tmp_path, [
        "C1,1,W100200300,61101,97110,1,2026-09-08,PT260901,100000000.00"])
    result = validate(authmatch, examples, path)
    assert kinds_of(result, "C1") == ["claim_unreadable"]
    assert "charge" in records(result)[0]["message"]


def test_a_csv_charge_with_a_fraction_of_a_cent_rejects_its_claim(authmatch, examples, tmp_path):
    path = claim_lines(tmp_path, ["C1,1,W100200300,61101,97110,1,2026-09-08,PT260901,1.005"])
    result = validate(authmatch, examples, path)
    assert kinds_of(result, "C1") == ["claim_unreadable"]
    assert "with at most 2 decimals" in records(result)[0]["message"]


def test_huge_quantities_never_break_the_ledger(authmatch, examples, tmp_path):
    auths = tmp_path / "auths.csv"
    auths.write_text("auth_number,status,payer_id,member_id,code,effective_date,expiration_date\n"
                     "A1,approved,P1,M1,97110,2026-01-01,2026-12-31\n")
    lines = claim_lines(tmp_path, [f"C{i},1,M1,P1,97110,9999999.999,2026-03-01,A1,1.00"
                                   for i in range(10)])
    ledger = tmp_path / "usage.db"
    run = authmatch("validate", "--auths", auths, "--ledger", ledger, "--format", "jsonl", lines)
    assert run.returncode == 0, run.stderr
    shown = authmatch("ledger", "export", "--ledger", ledger)
    assert shown.returncode == 0, shown.stderr
    assert "99999999.99" in shown.stdout  # ten lines of 9,999,999.999 units, summed exactly


def test_quantities_beyond_the_bound_are_refused_and_the_ledger_stays_readable(
        authmatch, examples, tmp_path):
    auths = tmp_path / "auths.csv"
    auths.write_text("auth_number,status,payer_id,member_id,code,effective_date,expiration_date\n"
                     "A1,approved,P1,M1,97110,2026-01-01,2026-12-31\n")
    lines = claim_lines(tmp_path, [f"C{i},1,M1,P1,97110,999999999999999,2026-03-01,A1,1.00"
                                   for i in range(10)])
    ledger = tmp_path / "usage.db"
    run = authmatch("validate", "--auths", auths, "--ledger", ledger, "--format", "jsonl", lines)
    assert {r["kind"] for r in records(run)} == {"claim_unreadable"}
    for command in ("show", "export"):
        assert authmatch("ledger", command, "--ledger", ledger).returncode == 0


def test_charges_beyond_the_bound_never_make_a_negative_total(authmatch, examples, tmp_path):
    lines = claim_lines(tmp_path, [f"C{i},1,NOBODY,61101,97110,1,2026-09-08,,99999999999999.99"
                                   for i in range(93)])
    summary = tmp_path / "summary.json"
    result = validate(authmatch, examples, lines, extra=("--summary", summary))
    assert {r["kind"] for r in records(result)} == {"claim_unreadable"}
    assert json.loads(summary.read_text())["charge_at_risk"] == 0


def test_charges_at_the_bound_sum_exactly(authmatch, examples, tmp_path):
    lines = claim_lines(tmp_path, [f"C{i},1,NOBODY,61101,97110,1,2026-09-08,,99999999.99"
                                   for i in range(93)])
    summary = tmp_path / "summary.json"
    result = validate(authmatch, examples, lines, extra=("--summary", summary))
    assert result.returncode == 1
    assert json.loads(summary.read_text())["charge_at_risk"] == 9299999999.07


# --- damaged 837 files --------------------------------------------------------------------------

def first_isa(examples):
    return (examples / "claims_837p.x12").read_text().split("~")[0] + "~"


def test_a_file_holding_only_an_isa_exits_2(authmatch, examples, tmp_path):
    path = tmp_path / "isa.x12"
    path.write_text(first_isa(examples))
    result = validate(authmatch, examples, path)
    assert result.returncode == 2
    assert "no transaction" in result.stderr


def test_an_isa_followed_by_random_bytes_exits_2(authmatch, examples, tmp_path):
    path = tmp_path / "noise.x12"
    path.write_bytes(first_isa(examples).encode() + os.urandom(2000).replace(b"ST", b"st"))
    result = validate(authmatch, examples, path)
    assert result.returncode == 2


def test_a_file_cut_between_two_claims_reports_the_missing_trailers_in_the_output(
        authmatch, examples, tmp_path):
    text = (examples / "claims_837p.x12").read_text()
    path = tmp_path / "cut.x12"
    path.write_text(text[:text.index("CLM*PT-5003")])
    summary = tmp_path / "summary.json"
    result = validate(authmatch, examples, path, extra=("--summary", summary))
    assert result.returncode == 1
    faults = [r for r in records(result) if r["kind"] == "input_fault"]
    assert faults and all(r["severity"] == "error" for r in faults)
    assert any("has no SE" in r["message"] for r in faults)
    assert json.loads(summary.read_text())["findings_by_kind"]["input_fault"] == len(faults)


def test_a_cut_file_is_reported_in_csv_and_table_too(authmatch, examples, tmp_path):
    text = (examples / "claims_837p.x12").read_text()
    path = tmp_path / "cut.x12"
    path.write_text(text[:text.index("CLM*PT-5003")])
    for output in ("csv", "table"):
        result = authmatch("validate", "--auths", examples / "authorizations.csv", "--rules",
                           examples / "rules.csv", "--format", output, path)
        assert result.returncode == 1
        assert "input_fault" in result.stdout


def test_a_garbled_claim_segment_is_an_input_fault_and_exit_1(authmatch, examples, tmp_path):
    path = edited_837(examples, tmp_path, "claims_837p.x12", "CLM*PT-5002*", "CLX*PT-5002*")
    result = validate(authmatch, examples, path, extra=("--no-warnings",))
    assert result.returncode == 1
    faults = [r for r in records(result) if r["kind"] == "input_fault"]
    assert len(faults) == 1
    assert "'CLX' is not a segment of an 837" in faults[0]["message"]


def test_a_second_service_segment_in_one_line_is_an_input_fault(authmatch, examples, tmp_path):
    path = edited_837(examples, tmp_path, "claims_837p.x12", "SV1*HC:97110:GP*110*UN*2***1:2~",
                      "SV1*HC:97110:GP*110*UN*2***1:2~\nSV1*HC:97140:GP*55*UN*1***1~")
    result = validate(authmatch, examples, path, extra=("--no-warnings",))
    faults = [r for r in records(result) if r["kind"] == "input_fault"]
    # The claim's own fault, and the transaction's segment count that no longer agrees.
    assert [r["claim_id"] for r in faults] == ["PT-5001", ""]
    assert "this SV1 is ignored" in faults[0]["message"]
    assert "SE01 says" in faults[1]["message"]


def test_a_clean_837_has_no_input_fault(authmatch, examples):
    result = validate(authmatch, examples, examples / "claims_837i.x12")
    assert "input_fault" not in result.stdout


# --- bytes that are not text --------------------------------------------------------------------

def hostile_lines(tmp_path):
    path = tmp_path / "lines.csv"
    path.write_bytes(b"claim_id,line,member_id,payer_id,code,units,service_date\n"
                     b"\x1b[31mRED\xff\xfe,1,M\x00X,61101,97110,1,2026-09-08\n")
    return path


def test_json_lines_are_valid_utf8_whatever_the_input_bytes(authmatch, examples, tmp_path):
    result = subprocess.run([os.environ["AUTHMATCH_CLI"], "validate", "--auths",
                             examples / "authorizations.csv", "--format", "jsonl",
                             hostile_lines(tmp_path)], capture_output=True, timeout=60)
    text = result.stdout.decode("utf-8")  # raises if not UTF-8
    finding = json.loads(text.splitlines()[0])
    assert finding["claim_id"] == "\x1b[31mRED\ufffd\ufffd"
    assert finding["member_id"] == "M\x00X"


def test_the_table_shows_control_characters_escaped(authmatch, examples, tmp_path):
    result = subprocess.run([os.environ["AUTHMATCH_CLI"], "validate", "--auths",
                             examples / "authorizations.csv", "--format", "table",
                             hostile_lines(tmp_path)], capture_output=True, timeout=60)
    assert b"\x1b" not in result.stdout
    assert b"\\x1B[31mRED\\xFF\\xFE" in result.stdout


def test_error_messages_quote_input_bytes_safely_and_whole(authmatch, examples, tmp_path):
    auths = tmp_path / "auths.csv"
    auths.write_bytes(b"auth_number,status,payer_id,member_id,code,effective_date,expiration_date\n"
                      b"A1,appr\x00\x1b[2Jved,P1,M1,97110,2026-01-01,2026-12-31\n")
    result = subprocess.run([os.environ["AUTHMATCH_CLI"], "validate", "--auths", auths,
                             examples / "claim_lines.csv"], capture_output=True, timeout=60)
    assert result.returncode == 2
    assert b"\x1b" not in result.stderr and b"\x00" not in result.stderr
    assert b"'appr\\x00\\x1B[2Jved' is not a status (expected approved" in result.stderr


def test_a_megabyte_value_is_quoted_short(authmatch, examples, tmp_path):
    path = edited_837(examples, tmp_path, "claims_837p.x12", "SV1*HC:97110:GP*110*UN*2***1:2~",
                      "SV1*HC:97110:GP*110*UN*" + "9" * 1_000_000 + "***1:2~")
    result = validate(authmatch, examples, path)
    message = records(result)[0]["message"]
    assert len(message) < 1200
    assert "(1000000 bytes)" in message


# --- the ledger ---------------------------------------------------------------------------------

def test_another_programs_sqlite_file_is_refused_and_left_unchanged(authmatch, examples, tmp_path):
    other = tmp_path / "crm.db"
    with sqlite3.connect(other) as db:
        db.execute("CREATE TABLE patients (id INTEGER PRIMARY KEY, name TEXT)")
        db.execute("INSERT INTO patients (name) VALUES ('Ada')")
    db.close()
    before = other.read_bytes()
    result = validate(authmatch, examples, examples / "claim_lines.csv",
                      extra=("--ledger", other))
    assert result.returncode == 2
    assert "not an authmatch ledger" in result.stderr
    assert other.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["crm.db"]


def test_a_ledger_written_by_authmatch_is_accepted_again(authmatch, examples, tmp_path):
    ledger = tmp_path / "usage.db"
    for _ in range(2):
        result = validate(authmatch, examples, examples / "claim_lines.csv",
                          extra=("--ledger", ledger))
        assert result.returncode == 1, result.stderr
    with sqlite3.connect(ledger) as db:
        assert db.execute("PRAGMA application_id").fetchone()[0] == 0x414D4C47
    db.close()


# --- outputs over inputs ------------------------------------------------------------------------

@pytest.mark.parametrize("flag", ["--output", "--summary"])
def test_an_output_naming_an_input_is_refused(authmatch, examples, tmp_path, flag):
    lines = tmp_path / "lines.csv"
    lines.write_bytes((examples / "claim_lines.csv").read_bytes())
    before = lines.read_bytes()
    result = validate(authmatch, examples, lines, extra=(flag, tmp_path / "." / "lines.csv"))
    assert result.returncode == 2
    assert "names the same file as input" in result.stderr
    assert lines.read_bytes() == before


def test_an_output_reaching_the_auths_through_a_link_is_refused(authmatch, examples, tmp_path):
    auths = tmp_path / "auths.csv"
    auths.write_bytes((examples / "authorizations.csv").read_bytes())
    link = tmp_path / "findings.jsonl"
    link.symlink_to(auths)
    result = authmatch("validate", "--auths", auths, "-o", link, examples / "claim_lines.csv")
    assert result.returncode == 2
    assert "--auths" in result.stderr
    assert auths.read_bytes() == (examples / "authorizations.csv").read_bytes()


def test_output_and_summary_in_one_file_are_refused(authmatch, examples, tmp_path):
    out = tmp_path / "out.json"
    result = validate(authmatch, examples, examples / "claim_lines.csv",
                      extra=("-o", out, "--summary", out))
    assert result.returncode == 2
    assert "--summary names the same file as --output" in result.stderr


def test_an_output_in_a_missing_folder_is_refused_before_the_ledger_is_written(
        authmatch, examples, tmp_path):
    ledger = tmp_path / "usage.db"
    result = validate(authmatch, examples, examples / "claim_lines.csv",
                      extra=("--ledger", ledger, "-o", tmp_path / "missing" / "out.jsonl"))
    assert result.returncode == 2
    assert "--output: cannot open the file for writing: No such file or directory" \
        in result.stderr
    assert not ledger.exists()


def test_an_unwritable_summary_leaves_the_findings_file_as_it_was(authmatch, examples,
                                                                   tmp_path):
    out = tmp_path / "out.jsonl"
    out.write_text("old\n")
    result = validate(authmatch, examples, examples / "claim_lines.csv",
                      extra=("-o", out, "--summary", tmp_path / "missing" / "summary.json"))
    assert result.returncode == 2
    assert "--summary: cannot open the file for writing" in result.stderr
    assert out.read_text() == "old\n"


@pytest.mark.parametrize("command", [("validate",), ("review",), ("rules", "presets")])
def test_an_output_that_is_a_folder_is_refused(authmatch, examples, tmp_path, command):
    inputs = {"validate": ("--auths", examples / "authorizations.csv",
                           examples / "claim_lines.csv"),
              "review": ("--auths", examples / "authorizations.csv", "--as-of", "2026-09-01"),
              "rules": ()}[command[0]]
    result = authmatch(*command, *inputs, "-o", tmp_path)
    assert result.returncode == 2
    assert "--output: cannot open the file for writing: Is a directory" in result.stderr


def test_a_link_to_the_output_not_made_yet_is_the_output(authmatch, examples, tmp_path):
    (tmp_path / "link.json").symlink_to("out.jsonl")
    result = validate(authmatch, examples, examples / "claim_lines.csv",
                      extra=("-o", tmp_path / "out.jsonl", "--summary", tmp_path / "link.json"))
    assert result.returncode == 2
    assert "--summary names the same file as --output" in result.stderr
    assert not (tmp_path / "out.jsonl").exists()


def test_a_link_into_a_missing_folder_is_refused_before_the_ledger_is_written(
        authmatch, examples, tmp_path):
    (tmp_path / "out.jsonl").symlink_to(tmp_path / "missing" / "out.jsonl")
    ledger = tmp_path / "usage.db"
    result = validate(authmatch, examples, examples / "claim_lines.csv",
                      extra=("--ledger", ledger, "-o", tmp_path / "out.jsonl"))
    assert result.returncode == 2
    assert "--output: cannot open the file for writing" in result.stderr
    assert not ledger.exists()


def test_an_empty_output_name_is_refused_before_the_ledger_is_written(authmatch, examples,
                                                                      tmp_path):
    ledger = tmp_path / "usage.db"
    result = validate(authmatch, examples, examples / "claim_lines.csv",
                      extra=("--ledger", ledger, "-o", ""))
    assert result.returncode == 2
    assert "--output: an empty file name" in result.stderr
    assert not ledger.exists()


def test_a_summary_on_the_pipe_the_findings_go_to_is_refused(authmatch, examples):
    result = validate(authmatch, examples, examples / "claim_lines.csv",
                      extra=("--summary", "/dev/stdout"))
    assert result.returncode == 2
    assert "--summary names the same file as --output" in result.stderr


def test_a_dash_output_is_standard_output(authmatch, examples, tmp_path):
    to_dash = authmatch("validate", "--auths", examples / "authorizations.csv", "--format",
                        "jsonl", "-o", "-", examples / "claim_lines.csv", cwd=tmp_path)
    plain = authmatch("validate", "--auths", examples / "authorizations.csv", "--format",
                      "jsonl", examples / "claim_lines.csv")
    assert to_dash.stdout == plain.stdout
    assert not (tmp_path / "-").exists()


def test_a_dash_summary_goes_to_standard_output_beside_a_findings_file(authmatch, examples,
                                                                       tmp_path):
    result = validate(authmatch, examples, examples / "claim_lines.csv",
                      extra=("-o", tmp_path / "out.jsonl", "--summary", "-"))
    assert json.loads(result.stdout)["claims_read"] == 32


def test_a_dash_summary_beside_findings_on_standard_output_is_refused(authmatch, examples):
    result = validate(authmatch, examples, examples / "claim_lines.csv", extra=("--summary", "-"))
    assert result.returncode == 2
    assert "--summary names standard output, where --output goes" in result.stderr


# --- smaller things -----------------------------------------------------------------------------

def test_duplicate_csv_columns_are_refused_with_their_position(authmatch, examples, tmp_path):
    path = claim_lines(tmp_path, ["C1,1,M1,P1,97110,1,2026-09-08,,1.00,2"],
                       header="claim_id,line,member_id,payer_id,code,units,service_date,"
                              "auth_number,charge,units")
    result = validate(authmatch, examples, path)
    assert result.returncode == 2
    assert f"{path}:1:10: column 'units' appears twice in the header (also column 6)" \
        in result.stderr


def test_a_header_only_authorizations_file_is_refused(authmatch, examples, tmp_path):
    auths = tmp_path / "auths.csv"
    auths.write_text("auth_number,status,payer_id,member_id,code,effective_date,expiration_date\n")
    result = authmatch("validate", "--auths", auths, examples / "claim_lines.csv")
    assert result.returncode == 2
    assert "no authorizations" in result.stderr


def test_a_header_only_claims_file_says_zero_claims(authmatch, examples, tmp_path):
    path = claim_lines(tmp_path, [])
    result = validate(authmatch, examples, path)
    assert result.returncode == 0
    assert f"{path}: 0 claims (a header row and no rows)" in result.stderr


def test_a_claims_input_that_is_a_directory_is_refused(authmatch, examples, tmp_path):
    result = validate(authmatch, examples, tmp_path)
    assert result.returncode == 2
    assert f"{tmp_path}: is a directory" in result.stderr


@pytest.mark.parametrize("percent", ["nan", "1e1", "0x10", "100.5"])
def test_units_low_that_is_not_a_decimal_percent_is_refused(authmatch, examples, percent):
    result = validate(authmatch, examples, examples / "claim_lines.csv",
                      extra=("--units-low", percent))
    assert result.returncode == 2


def test_standard_input_named_twice_is_refused_up_front(authmatch, examples):
    result = validate(authmatch, examples, "-", "-", stdin="")
    assert result.returncode == 2
    assert "standard input ('-') can be read only once" in result.stderr


# Claims enough for findings past the megabyte a run keeps in memory before it makes a
# temporary file of them.
MANY_CLAIMS = 100000


def many_findings_run(examples, tmp_path, env):
    """A run with enough findings to park them in a temporary file."""
    lines = claim_lines(tmp_path, [f"C{i},1,NOBODY,61101,97110,1,2026-09-08,,1.00"
                                   for i in range(MANY_CLAIMS)])
    return subprocess.run([os.environ["AUTHMATCH_CLI"], "validate", "--auths",
                           examples / "authorizations.csv", "--format", "jsonl", lines],
                          capture_output=True, text=True, timeout=120, env=env)


def test_an_unusable_temporary_folder_is_named_with_the_reason(examples, tmp_path):
    result = many_findings_run(examples, tmp_path, {**os.environ, "TMPDIR": "/dev/null/x"})
    assert result.returncode == 2
    assert "authmatch: cannot make the temporary file of findings in /dev/null/x: " \
        "Not a directory" in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize("threads", ["1", "2"])  # with 2, the spool is written on a worker
def test_a_full_temporary_folder_says_so_and_writes_nothing(examples, tmp_path, threads):
    lines = claim_lines(tmp_path, [f"C{i},1,NOBODY,61101,97110,1,2026-09-08,,1.00"
                                   for i in range(MANY_CLAIMS)])

    def small_files():  # what a full disk looks like to the writer: writes fail
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))

    result = subprocess.run([os.environ["AUTHMATCH_CLI"], "validate", "--threads", threads,
                             "--auths", examples / "authorizations.csv", "--format", "jsonl",
                             lines],
                            capture_output=True, text=True, timeout=120,
                            env={**os.environ, "TMPDIR": str(tmp_path)}, preexec_fn=small_files)
    assert result.returncode == 2
    assert f"cannot write the temporary file of findings in {tmp_path}: File too large " \
        "(set TMPDIR to a folder with more room)" in result.stderr
    assert result.stdout == ""


def test_a_table_of_a_few_replaced_claims_needs_no_temporary_folder(examples, tmp_path):
    lines = claim_lines(tmp_path, [
        "C1,1,W100200300,61101,97110,1,2026-09-08,PT260901,100.00,1,",
        "C2,1,W100200300,61101,97110,1,2026-09-08,PT260901,100.00,7,C1"],
        header="claim_id,line,member_id,payer_id,code,units,service_date,auth_number,charge,"
               "frequency,original_claim_id")
    args = [os.environ["AUTHMATCH_CLI"], "validate", "--auths", examples / "authorizations.csv",
            "--format", "table", lines]
    expected = subprocess.run(args, capture_output=True, text=True, timeout=120)
    result = subprocess.run(args, capture_output=True, text=True, timeout=120,
                            env={**os.environ, "TMPDIR": "/dev/null/x"})
    assert "claim_replaced" in expected.stdout
    assert (result.returncode, result.stdout, result.stderr) == \
        (expected.returncode, expected.stdout, expected.stderr)


@pytest.mark.parametrize("threads", ["1", "2"])  # with 2, the usage is added on a worker
def test_usage_past_the_budget_in_an_unusable_folder_is_named_with_the_reason(examples, threads):
    # The example's lines use authorizations: with a 1-byte budget the first waits on disk.
    result = subprocess.run([os.environ["AUTHMATCH_CLI"], "validate", "--memory-budget", "1",
                             "--threads", threads, "--auths", examples / "authorizations.csv", "--format", "jsonl",
                             examples / "claim_lines.csv"],
                            capture_output=True, text=True, timeout=120,
                            env={**os.environ, "TMPDIR": "/dev/null/x"})
    assert result.returncode == 2
    assert "authmatch: cannot make the temporary file of usage in /dev/null/x: " \
        "Not a directory" in result.stderr
    assert result.stdout == ""


def test_a_missing_file_gives_the_system_reason(authmatch, examples, tmp_path):
    result = validate(authmatch, examples, tmp_path / "absent.x12")
    assert result.returncode == 2
    assert "No such file or directory" in result.stderr


def test_a_utf16_csv_is_named_as_such(authmatch, examples, tmp_path):
    path = tmp_path / "lines.csv"
    path.write_bytes((examples / "claim_lines.csv").read_text().encode("utf-16"))
    result = authmatch("validate", "--auths", path, examples / "claim_lines.csv")
    assert result.returncode == 2
    assert "UTF-16" in result.stderr


def test_old_mac_line_ends_are_named_as_such(authmatch, examples, tmp_path):
    path = tmp_path / "auths.csv"
    path.write_bytes((examples / "authorizations.csv").read_bytes().replace(b"\n", b"\r"))
    result = authmatch("validate", "--auths", path, examples / "claim_lines.csv")
    assert result.returncode == 2
    assert "carriage return alone" in result.stderr


def test_a_header_only_rules_file_is_refused(authmatch, examples, tmp_path):
    rules = tmp_path / "rules.csv"
    rules.write_text("payer_id,code,requires_auth\n")
    result = authmatch("validate", "--auths", examples / "authorizations.csv", "--rules", rules,
                       examples / "claim_lines.csv")
    assert result.returncode == 2
    assert "no rules" in result.stderr


def test_an_837_without_claims_says_zero_claims(authmatch, examples, tmp_path):
    text = (examples / "claims_837p.x12").read_text()
    path = tmp_path / "empty.x12"
    path.write_text(text[:text.index("HL*1*")] + "SE*3*0001~\nGE*1*1~\nIEA*1*000000001~\n")
    result = validate(authmatch, examples, path)
    assert f"{path}: 0 claims (its transactions hold no CLM segment)" in result.stderr


def test_a_utf16_claims_file_is_named_as_such(authmatch, examples, tmp_path):
    path = tmp_path / "lines.csv"
    path.write_bytes((examples / "claim_lines.csv").read_text().encode("utf-16"))
    result = validate(authmatch, examples, path)
    assert result.returncode == 2
    assert "UTF-16" in result.stderr


def test_csv_output_is_valid_utf8_whatever_the_input_bytes(examples, tmp_path):
    result = subprocess.run([os.environ["AUTHMATCH_CLI"], "validate", "--auths",
                             examples / "authorizations.csv", "--format", "csv",
                             hostile_lines(tmp_path)], capture_output=True, timeout=60)
    text = result.stdout.decode("utf-8")  # raises if not UTF-8
    assert "\x1b[31mRED\ufffd\ufffd" in text
