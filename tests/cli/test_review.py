"""authmatch review: the items in each format, exit statuses and refusals."""

import csv
import datetime
import io
import json
import os
import re
import shlex
import struct
import subprocess

FIELDS = ["kind", "severity", "due_date", "auth_number", "payer_id", "member_id", "code",
          "claim_id", "line", "next_action", "message"]
AUTH_HEADER = ("auth_number,status,payer_id,member_id,code,units,units_used,effective_date,"
               "expiration_date,requested_date,priority,next_action,next_action_due\n")



def items_of(result):
    """The review items a JSON Lines run wrote."""
    return [json.loads(line) for line in result.stdout.splitlines()]

def example_review(authmatch, examples, *extra):
    return authmatch("review", "--auths", examples / "authorizations.csv",
                     "--enrollment", examples / "enrollment.csv",
                     "--schedule", examples / "schedule.csv", "--rules", examples / "rules.csv",
                     "--as-of", "2026-11-02", *extra)


def tracker(tmp_path, *rows):
    path = tmp_path / "tracker.csv"
    path.write_text(AUTH_HEADER + "".join(row + "\n" for row in rows))
    return path


def test_jsonl_items_have_exactly_the_contract_fields(authmatch, examples):
    result = example_review(authmatch, examples, "--format", "jsonl")
    items = [json.loads(line) for line in result.stdout.splitlines()]
    assert items
    assert all(list(item) == FIELDS for item in items)
    kinds = {item["kind"] for item in items}
    assert {"renewal_due", "service_at_risk"} <= kinds
    at_risk = [i for i in items if i["kind"] == "service_at_risk"]
    assert all(i["claim_id"].startswith("SCH-") and i["line"] == 1 for i in at_risk)
    assert all(i["claim_id"] is None and i["line"] is None
               for i in items if i["kind"] != "service_at_risk")


def test_overdue_items_come_first_and_exit_with_status_1(authmatch, examples):
    result = example_review(authmatch, examples, "--format", "jsonl")
    assert result.returncode == 1, result.stderr
    items = [json.loads(line) for line in result.stdout.splitlines()]
    severities = [i["severity"] for i in items]
    assert severities == sorted(severities, key=lambda s: s != "overdue")
    overdue = [i for i in items if i["severity"] == "overdue"]
    assert overdue and all(i["due_date"] < "2026-11-02" for i in overdue)
    due = [i["due_date"] for i in items if i["severity"] == "due"]
    assert due == sorted(due) and all(d >= "2026-11-02" for d in due)


def test_csv_has_the_same_columns_and_rows(authmatch, examples):
    as_json = example_review(authmatch, examples, "--format", "jsonl")
    as_csv = example_review(authmatch, examples, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(as_csv.stdout, newline="")))
    assert list(rows[0]) == FIELDS
    items = [json.loads(line) for line in as_json.stdout.splitlines()]
    assert [(r["kind"], r["auth_number"], r["message"]) for r in rows] == \
           [(i["kind"], i["auth_number"] or "", i["message"]) for i in items]


def test_the_table_names_every_item_and_counts_the_overdue(authmatch, examples):
    result = example_review(authmatch, examples, "--format", "table")
    lines = result.stdout.splitlines()
    assert lines[0].split()[:3] == ["DUE", "SEVERITY", "KIND"]
    assert lines[-1].endswith("overdue.")
    assert "SCH-1106/1" in result.stdout


def test_nothing_overdue_exits_with_status_0(authmatch, tmp_path):
    path = tracker(tmp_path, "A1,approved,P1,M1,97110,10,9,2026-01-01,2026-12-31,,,,")
    result = authmatch("review", "--auths", path, "--as-of", "2026-06-15", "--format", "jsonl")
    assert result.returncode == 0, result.stderr
    [item] = items_of(result)
    assert (item["kind"], item["severity"], item["due_date"]) == \
           ("quantity_low", "due", "2026-06-15")


def test_an_empty_review_says_so_and_exits_0(authmatch, tmp_path):
    path = tracker(tmp_path, "A1,approved,P1,M1,97110,10,0,2026-01-01,2026-12-31,,,,")
    result = authmatch("review", "--auths", path, "--as-of", "2026-06-15", "--format", "table")
    assert (result.returncode, result.stdout) == (0, "Nothing needs action.\n")


def test_pending_requests_past_their_window_and_the_tracker_next_action(authmatch, tmp_path):
    path = tracker(tmp_path,
                   "P1,pending,61101,M1,97110,10,0,2026-06-01,2026-12-31,2026-06-01,expedited,"
                   "call Ann at the plan,2026-06-05",
                   "P2,pending,61101,M2,97110,10,0,2026-06-01,2026-12-31,2026-06-10,standard,,")
    result = authmatch("review", "--auths", path, "--as-of", "2026-06-15", "--format", "jsonl")
    [item] = items_of(result)
    assert (item["kind"], item["auth_number"], item["due_date"]) == \
           ("decision_overdue", "P1", "2026-06-04")
    assert item["next_action"] == "call the payer for the decision"
    assert item["message"].endswith("; tracker: call Ann at the plan by 2026-06-05.")
    assert result.returncode == 1


def test_a_payer_profile_sets_the_decision_window(authmatch, tmp_path):
    path = tracker(tmp_path,
                   "P2,pending,61101,M2,97110,10,0,2026-06-01,2026-12-31,2026-06-10,standard,,")
    profiles = tmp_path / "profiles.csv"
    profiles.write_text("payer_id,preset,decision_window\n61101,default,72h\n")
    result = authmatch("review", "--auths", path, "--as-of", "2026-06-15", "--format", "jsonl",
                       "--payer-profiles", profiles)
    assert result.returncode == 1, result.stderr
    assert json.loads(result.stdout)["kind"] == "decision_overdue"


def renewal_items(authmatch, path, *as_of):
    result = authmatch("review", "--auths", path, *as_of, "--format", "jsonl")
    assert result.returncode in (0, 1), result.stderr
    return items_of(result)


def test_as_of_30_days_before_the_end_brings_the_renewal_in(authmatch, tmp_path):
    path = tracker(tmp_path, "A1,approved,P1,M1,97110,10,0,2026-01-01,2026-07-15,,,,")
    assert renewal_items(authmatch, path, "--as-of", "2026-06-14") == []  # 31 days ahead
    [item] = renewal_items(authmatch, path, "--as-of", "2026-06-15")  # 30 days ahead
    assert (item["kind"], item["severity"], item["due_date"]) == \
           ("renewal_due", "due", "2026-06-15")


def test_as_of_a_day_past_the_renewals_start_makes_it_overdue(authmatch, tmp_path):
    path = tracker(tmp_path, "A1,approved,P1,M1,97110,10,0,2026-01-01,2026-07-15,,,,")
    result = authmatch("review", "--auths", path, "--as-of", "20260616", "--format", "jsonl")
    assert result.returncode == 1, result.stderr
    [item] = items_of(result)
    assert (item["kind"], item["severity"], item["due_date"]) == \
           ("renewal_due", "overdue", "2026-06-15")


def test_as_of_more_than_30_days_after_the_end_drops_the_renewal(authmatch, tmp_path):
    path = tracker(tmp_path, "A1,approved,P1,M1,97110,10,0,2026-01-01,2026-07-15,,,,")
    [item] = renewal_items(authmatch, path, "--as-of", "2026-08-14")  # ended 30 days ago
    assert item["message"].startswith("Authorization A1 for 97110 ended on 2026-07-15")
    assert renewal_items(authmatch, path, "--as-of", "2026-08-15") == []


def test_as_of_defaults_to_today(authmatch, tmp_path):
    today = datetime.date.today()
    ends = today + datetime.timedelta(days=30)  # its renewal starts today
    later = today + datetime.timedelta(days=31)  # its renewal starts tomorrow
    path = tracker(tmp_path, f"A1,approved,P1,M1,97110,10,0,2026-01-01,{ends.isoformat()},,,,",
                   f"A2,approved,P1,M2,97110,10,0,2026-01-01,{later.isoformat()},,,,")
    result = authmatch("review", "--auths", path, "--format", "jsonl")
    assert result.returncode == 0, result.stderr
    [item] = items_of(result)
    assert (item["kind"], item["auth_number"], item["severity"], item["due_date"]) == \
           ("renewal_due", "A1", "due", today.isoformat())


def test_a_bad_as_of_date_exits_2(authmatch, examples):
    result = authmatch("review", "--auths", examples / "authorizations.csv", "--as-of", "soon")
    assert result.returncode == 2
    assert "'soon' is not a date" in result.stderr


def test_a_bad_tracker_column_names_file_line_and_column(authmatch, tmp_path):
    path = tracker(tmp_path, "A1,approved,P1,M1,97110,10,0,2026-01-01,2026-12-31,,urgent,,")
    result = authmatch("review", "--auths", path, "--as-of", "2026-06-15")
    assert result.returncode == 2
    assert "tracker.csv:2:11: priority: 'urgent' is not a priority" in result.stderr


def test_an_unreadable_schedule_line_exits_2(authmatch, examples, tmp_path):
    schedule = tmp_path / "schedule.csv"
    schedule.write_text("claim_id,line,member_id,payer_id,code,units,service_date\n"
                        "S1,1,M1,P1,97110,1,tomorrow\n")
    result = authmatch("review", "--auths", examples / "authorizations.csv",
                       "--schedule", schedule, "--as-of", "2026-11-02")
    assert result.returncode == 2
    assert "tomorrow" in result.stderr


def test_outputs_that_name_an_input_are_refused(authmatch, examples, tmp_path):
    auths = tmp_path / "auths.csv"
    auths.write_bytes((examples / "authorizations.csv").read_bytes())
    for flag in ("--output", "--html"):
        result = authmatch("review", "--auths", auths, flag, auths, "--as-of", "2026-11-02")
        assert result.returncode == 2
        assert f"{flag} names the same file as --auths" in result.stderr
    assert auths.read_bytes() == (examples / "authorizations.csv").read_bytes()


def test_the_ledger_is_only_read(authmatch, examples, tmp_path):
    ledger = tmp_path / "usage.db"
    authmatch("validate", "--auths", examples / "authorizations.csv", "--rules",
              examples / "rules.csv", "--ledger", ledger, examples / "claim_lines.csv")
    before = ledger.read_bytes()
    with_ledger = example_review(authmatch, examples, "--ledger", ledger, "--format", "jsonl")
    without = example_review(authmatch, examples, "--format", "jsonl")
    assert with_ledger.stdout != without.stdout  # the recorded usage counts
    assert '"quantity_exhausted"' in with_ledger.stdout
    assert ledger.read_bytes() == before


def test_help_names_every_item_kind_and_the_exit_statuses(authmatch):
    result = authmatch("review", "--help")
    assert result.returncode == 0
    for word in ("renewal_due", "decision_overdue", "quantity_exhausted", "quantity_low",
                 "enrollment_gap", "service_at_risk", "--as-of", "--html", "Exit status"):
        assert word in result.stdout


def test_validate_html_writes_a_page_and_keeps_the_findings(authmatch, examples, tmp_path):
    page = tmp_path / "findings.html"
    with_page = authmatch("validate", "--auths", examples / "authorizations.csv", "--rules",
                          examples / "rules.csv", "--format", "jsonl", "--html", page,
                          examples / "claim_lines.csv")
    plain = authmatch("validate", "--auths", examples / "authorizations.csv", "--rules",
                      examples / "rules.csv", "--format", "jsonl", examples / "claim_lines.csv")
    assert with_page.returncode == plain.returncode == 1
    assert with_page.stdout == plain.stdout
    html = page.read_text()
    assert html.startswith("<!DOCTYPE html>") and 'id="payers-table"' in html


def test_review_of_a_generated_tracker(authmatch, tmp_path):
    synth = os.environ["AUTHMATCH_SYNTH"]
    tracker_csv, auths_csv = tmp_path / "tracker.csv", tmp_path / "auths.csv"
    subprocess.run([synth, "--claims", "400", "--seed", "7", "--out", tmp_path / "claims.x12",
                    "--auths-out", auths_csv, "--tracker-out", tracker_csv],
                   check=True, capture_output=True)
    tracker_rows = list(csv.DictReader(io.StringIO(tracker_csv.read_text(), newline="")))
    auth_rows = list(csv.DictReader(io.StringIO(auths_csv.read_text(), newline="")))
    kept = [k for k in auth_rows[0] if k != "units_used"]
    assert [{k: r[k] for k in kept} for r in tracker_rows] == \
           [{k: r[k] for k in kept} for r in auth_rows]  # only added, and units_used raised
    assert all(int(t["units_used"]) >= int(a["units_used"])
               for t, a in zip(tracker_rows, auth_rows))
    assert {r["priority"] for r in tracker_rows} == {"standard", "expedited"}
    assert all(r["requested_date"] for r in tracker_rows)
    result = authmatch("review", "--auths", tracker_csv, "--as-of", "2026-07-01",
                       "--format", "jsonl")
    assert result.returncode == 1, result.stderr
    kinds = {json.loads(line)["kind"] for line in result.stdout.splitlines()}
    assert {"decision_overdue", "renewal_due"} <= kinds


def test_some_open_rows_of_a_generated_tracker_have_under_20_percent_left(tmp_path):
    synth = os.environ["AUTHMATCH_SYNTH"]
    tracker_csv, auths_csv = tmp_path / "tracker.csv", tmp_path / "auths.csv"
    subprocess.run([synth, "--claims", "400", "--seed", "7", "--out", tmp_path / "claims.x12",
                    "--auths-out", auths_csv, "--tracker-out", tracker_csv],
                   check=True, capture_output=True)
    tracker_rows = list(csv.DictReader(io.StringIO(tracker_csv.read_text(), newline="")))
    auth_rows = list(csv.DictReader(io.StringIO(auths_csv.read_text(), newline="")))
    raised = [t for t, a in zip(tracker_rows, auth_rows) if t["units_used"] != a["units_used"]]
    assert raised
    for row in raised:
        left = int(row["units"]) - int(row["units_used"])
        assert row["status"] == "approved" and 0 < left * 5 < int(row["units"])
        assert row["effective_date"] <= "2026-07-01" <= row["expiration_date"]


def test_every_item_kind_appears_in_the_review_of_a_generated_tracker(authmatch, tmp_path):
    synth = os.environ["AUTHMATCH_SYNTH"]
    files = {name: tmp_path / f"{name}.csv" for name in ("tracker", "schedule", "enrollment")}
    subprocess.run([synth, "--claims", "2000", "--seed", "7", "--out", tmp_path / "claims.x12",
                    "--tracker-out", files["tracker"], "--schedule-out", files["schedule"],
                    "--enrollment-out", files["enrollment"]],
                   check=True, capture_output=True)
    result = authmatch("review", "--auths", files["tracker"], "--schedule", files["schedule"],
                       "--enrollment", files["enrollment"], "--as-of", "2026-07-01",
                       "--format", "jsonl")
    assert result.returncode == 1, result.stderr
    kinds = {json.loads(line)["kind"] for line in result.stdout.splitlines()}
    assert kinds == {"renewal_due", "decision_overdue", "quantity_exhausted", "quantity_low",
                     "enrollment_gap", "service_at_risk"}


def test_a_generated_schedule_yields_services_at_risk_from_its_own_lines(authmatch, tmp_path):
    synth = os.environ["AUTHMATCH_SYNTH"]
    tracker_csv, schedule_csv = tmp_path / "tracker.csv", tmp_path / "schedule.csv"
    subprocess.run([synth, "--claims", "400", "--seed", "7", "--out", tmp_path / "claims.x12",
                    "--tracker-out", tracker_csv, "--schedule-out", schedule_csv],
                   check=True, capture_output=True)
    scheduled = list(csv.DictReader(io.StringIO(schedule_csv.read_text(), newline="")))
    assert scheduled
    assert all("2026-07-02" <= r["service_date"] <= "2026-07-22" for r in scheduled)
    result = authmatch("review", "--auths", tracker_csv, "--schedule", schedule_csv,
                       "--as-of", "2026-07-01", "--format", "jsonl")
    assert result.returncode == 1, result.stderr
    at_risk = [json.loads(line) for line in result.stdout.splitlines()
               if json.loads(line)["kind"] == "service_at_risk"]
    assert at_risk
    assert {i["claim_id"] for i in at_risk} <= {r["claim_id"] for r in scheduled}


def test_a_schedule_needs_a_tracker(tmp_path):
    synth = os.environ["AUTHMATCH_SYNTH"]
    result = subprocess.run([synth, "--claims", "10", "--out", tmp_path / "claims.x12",
                             "--schedule-out", tmp_path / "schedule.csv"],
                            capture_output=True, text=True)
    assert result.returncode == 2
    assert "--schedule-out needs --tracker-out" in result.stderr


def test_the_readme_shows_the_example_review_as_the_command_prints_it(authmatch, examples,
                                                                      tmp_path):
    readme = (examples.parent.parent / "README.md").read_text()
    section = readme.split("\n## The morning review\n", 1)[1].split("\n## ", 1)[0]
    shown = re.search(r"```\n(DUE .*?)```", section, re.S).group(1)
    ledger = tmp_path / "usage.db"
    authmatch("validate", "--auths", examples / "authorizations.csv", "--rules",
              examples / "rules.csv", "--ledger", ledger, examples / "claim_lines.csv")
    result = example_review(authmatch, examples, "--ledger", ledger, "--format", "table")
    assert result.stdout == shown


def test_a_later_rules_file_wins_ties_for_the_schedule(authmatch, examples, tmp_path):
    # One upcoming 97530 without a number: the example rules say 97* needs authorization.
    schedule = tmp_path / "schedule.csv"
    schedule.write_text("claim_id,line,member_id,payer_id,code,units,service_date,"
                        "place_of_service\nSCH-1,1,W100200300,61101,97530,1,2026-11-10,11\n")
    relaxed = tmp_path / "relaxed.csv"
    relaxed.write_text("payer_id,code,requires_auth\n*,97*,no\n")

    def at_risk(*rules):
        result = authmatch("review", "--auths", examples / "authorizations.csv", "--schedule",
                           schedule, *rules, "--as-of", "2026-11-02", "--format", "jsonl")
        assert result.returncode in (0, 1), result.stderr
        return [item["claim_id"] for item in map(json.loads, result.stdout.splitlines())
                if item["kind"] == "service_at_risk"]

    assert at_risk("--rules", examples / "rules.csv") == ["SCH-1"]
    assert at_risk("--rules", examples / "rules.csv", "--rules", relaxed) == []


def test_the_docs_describe_the_pages_one_script(authmatch, examples, tmp_path):
    page = tmp_path / "review.html"
    authmatch("review", "--auths", examples / "authorizations.csv", "--as-of", "2026-11-02",
              "--html", page)
    assert page.read_text().count("<script") == 1
    docs = (examples.parent.parent / "docs" / "review.md").read_text()
    section = " ".join(docs.split("\n## The page\n", 1)[1].split("\n## ", 1)[0].split())
    assert "no script" not in section
    assert "one small inline script" in section


def test_the_docs_screenshots_are_what_their_commands_make(authmatch, examples, tmp_path):
    root = examples.parent.parent
    docs = (root / "docs" / "review.md").read_text()
    section = docs.split("\n## The page\n", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```sh\n(.*?)```", section, re.S).group(1)
    commands = [shlex.split(line.split(" > ", 1)[0], comments=True)
                for line in block.replace("\\\n", " ").splitlines()]
    (tmp_path / "examples").symlink_to(examples.parent)  # the inputs' paths, from the root
    shots = {}
    for command in commands:
        if command[:1] == ["authmatch"]:
            result = authmatch(*command[1:], cwd=tmp_path)
            assert result.returncode in (0, 1), result.stderr
        elif command[:1] == ["chromium"]:
            options = dict(o.split("=", 1) for o in command if o.startswith("--") and "=" in o)
            shots[options["--screenshot"]] = tuple(map(int, options["--window-size"].split(",")))
    page = (tmp_path / "review.html").read_text()
    assert 'id="utilization-chart"' in page and 'id="timeline-chart"' in page
    assert 'id="payers-chart"' in (tmp_path / "findings.html").read_text()
    assert set(shots) == {"docs/images/review-page.png", "docs/images/findings-page.png"}
    for name, size in shots.items():
        png = (root / name).read_bytes()
        assert struct.unpack(">II", png[16:24]) == size, name  # the IHDR's width and height
        assert len(png) < 200_000, name
