"""The HTML pages as a browser shows them: headless Chromium renders each page, and the test
reads the DOM it built. Skipped when Chromium is not installed (scripts/install-deps installs
it, so CI runs these)."""

import contextlib
import csv
import html.parser
import http.server
import io
import json
import os
import shutil
import subprocess
import threading
from decimal import Decimal

import pytest

CHROMIUM = os.environ.get("AUTHMATCH_CHROMIUM") or shutil.which("chromium")
REQUIRED = os.environ.get("AUTHMATCH_REQUIRE_CHROMIUM") == "1"  # CI: never skipped
# A sanitized build's command writes the same pages, which its other tests check: the browser
# would add half a minute and nothing a sanitizer sees.
SANITIZED = os.environ.get("AUTHMATCH_SANITIZED") == "1"
pytestmark = [
    pytest.mark.skipif(CHROMIUM is None and not REQUIRED,
                       reason="chromium is not installed (scripts/install-deps installs it)"),
    pytest.mark.skipif(SANITIZED and not REQUIRED,
                       reason="a sanitized build: the browser adds nothing a sanitizer sees"),
]


@pytest.fixture(autouse=True)
def chromium_present():
    assert CHROMIUM is not None, "AUTHMATCH_REQUIRE_CHROMIUM=1 but chromium is not installed"


def rendered(page, tmp_path):
    """The DOM Chromium builds from the page, serialized."""
    result = subprocess.run(
        [CHROMIUM, "--headless", "--disable-gpu", "--no-sandbox", "--no-first-run",
         "--disable-extensions", "--disable-background-networking",
         f"--user-data-dir={tmp_path / 'chromium-profile'}", "--dump-dom", page.as_uri()],
        capture_output=True, text=True, timeout=90)
    assert result.returncode == 0, result.stderr
    return result.stdout


class Tables(html.parser.HTMLParser):
    """The text of each table's body cells, by table id."""

    def __init__(self):
        super().__init__()
        self.tables, self.meta, self.svgs, self.ready = {}, [], [], {}
        self.subtitle = None
        self._table = self._row = self._cell = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table":
            self._table = self.tables.setdefault(attrs.get("id"), [])
            self.ready[attrs.get("id")] = attrs.get("data-sortable") == "ready"
        elif tag == "tr" and self._table is not None:
            self._row = []
        elif tag == "td" and self._row is not None:
            self._cell = []
        elif tag == "meta":
            self.meta.append(attrs)
        elif tag == "svg":
            self.svgs.append(attrs.get("id"))
        elif tag == "p" and attrs.get("class") == "subtitle":
            self.subtitle = self._cell = []

    def handle_endtag(self, tag):
        if tag == "p" and self._cell is not None and self._cell is self.subtitle:
            self.subtitle = "".join(self._cell)
            self._cell = None
        elif tag == "td" and self._cell is not None:
            self._row.append("".join(self._cell))
            self._cell = None
        elif tag == "tr" and self._row is not None:
            if self._row:
                self._table.append(self._row)
            self._row = None
        elif tag == "table":
            self._table = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def parsed(dom):
    tables = Tables()
    tables.feed(dom)
    return tables


def test_the_review_page_shows_every_item_in_order(authmatch, examples, tmp_path):
    page = tmp_path / "review.html"
    result = authmatch("review", "--auths", examples / "authorizations.csv",
                       "--enrollment", examples / "enrollment.csv",
                       "--schedule", examples / "schedule.csv", "--rules", examples / "rules.csv",
                       "--as-of", "2026-11-02", "--format", "jsonl", "--html", page)
    assert result.returncode == 1, result.stderr
    items = [json.loads(line) for line in result.stdout.splitlines()]
    dom = parsed(rendered(page, tmp_path))
    rows = dom.tables["items-table"]
    assert [(r[0], r[1], r[2], r[3]) for r in rows] == \
           [(i["due_date"], i["severity"], i["kind"], i["auth_number"] or "") for i in items]
    assert {"utilization-chart", "timeline-chart"} <= set(dom.svgs)
    assert dom.tables["utilization-table"] and dom.tables["timeline-table"]
    policy = [m["content"] for m in dom.meta if m.get("http-equiv") == "Content-Security-Policy"]
    assert policy and policy[0].startswith("default-src 'none'")


def review_with_ledger(authmatch, examples, tmp_path):
    """The example review with the usage a validate run recorded: (page DOM, items, ledger)."""
    ledger = tmp_path / "usage.db"
    authmatch("validate", "--auths", examples / "authorizations.csv", "--rules",
              examples / "rules.csv", "--ledger", ledger, examples / "claim_lines.csv")
    page = tmp_path / "review.html"
    result = authmatch("review", "--auths", examples / "authorizations.csv", "--ledger", ledger,
                       "--enrollment", examples / "enrollment.csv",
                       "--schedule", examples / "schedule.csv", "--rules", examples / "rules.csv",
                       "--as-of", "2026-11-02", "--format", "jsonl", "--html", page)
    assert result.returncode == 1, result.stderr
    items = [json.loads(line) for line in result.stdout.splitlines()]
    return parsed(rendered(page, tmp_path)), items, ledger


def test_the_review_pages_utilization_is_what_the_tracker_and_the_ledger_say(
        authmatch, examples, tmp_path):
    dom, _, ledger = review_with_ledger(authmatch, examples, tmp_path)
    exported = authmatch("ledger", "export", "--ledger", ledger)
    assert exported.returncode == 0, exported.stderr
    recorded = {(r["auth_number"], r["code"]): r
                for r in csv.DictReader(io.StringIO(exported.stdout))}
    tracker = {(r["auth_number"], r["code"]): r
               for r in csv.DictReader(io.StringIO((examples / "authorizations.csv").read_text()))}
    rows = dom.tables["utilization-table"]
    assert rows and any(Decimal(r[5]) > 0 for r in rows)  # the ledger's usage is shown
    for number, code, _, approved, used_before, by_runs, remaining, _, _ in rows:
        auth = tracker[(number, code)]
        assert (Decimal(approved), Decimal(used_before)) == \
               (Decimal(auth["units"]), Decimal(auth["units_used"]))
        if (number, code) in recorded:
            row = recorded[(number, code)]
            assert (Decimal(by_runs), Decimal(remaining)) == \
                   (Decimal(row["ledger_used"]), Decimal(row["remaining"]))
        else:
            assert Decimal(by_runs) == 0
            assert Decimal(remaining) == Decimal(auth["units"]) - Decimal(auth["units_used"])


def test_the_review_pages_quantity_items_agree_with_its_utilization(authmatch, examples, tmp_path):
    dom, items, _ = review_with_ledger(authmatch, examples, tmp_path)
    left = {(r[0], r[1]): (Decimal(r[6]), Decimal(r[3])) for r in dom.tables["utilization-table"]}
    exhausted = [i for i in items if i["kind"] == "quantity_exhausted"]
    assert exhausted
    for item in exhausted:
        remaining, _ = left[(item["auth_number"], item["code"])]
        assert remaining <= 0
    for item in items:
        if item["kind"] == "quantity_low":
            remaining, approved = left[(item["auth_number"], item["code"])]
            assert 0 < remaining * 5 < approved


def test_the_review_page_counts_the_items_the_json_lists(authmatch, examples, tmp_path):
    dom, items, _ = review_with_ledger(authmatch, examples, tmp_path)
    overdue = sum(i["severity"] == "overdue" for i in items)
    assert dom.subtitle.startswith(f"{len(items)} items need action, {overdue} overdue;")
    assert len(dom.tables["items-table"]) == len(items)
    assert sum(r[1] == "overdue" for r in dom.tables["items-table"]) == overdue


def validate_with_summary(authmatch, examples, tmp_path):
    """The example run's findings page: (page DOM, findings, summary)."""
    page, findings, summary = (tmp_path / "findings.html", tmp_path / "findings.jsonl",
                               tmp_path / "summary.json")
    result = authmatch("validate", "--auths", examples / "authorizations.csv", "--rules",
                       examples / "rules.csv", "--enrollment", examples / "enrollment.csv",
                       "--format", "jsonl", "-o", findings, "--summary", summary,
                       "--html", page, examples / "claim_lines.csv")
    assert result.returncode == 1, result.stderr
    records = [json.loads(line) for line in findings.read_text().splitlines()]
    totals = json.loads(summary.read_text(), parse_float=Decimal)
    return parsed(rendered(page, tmp_path)), records, totals


def test_the_findings_page_by_payer_shows_the_runs_counts_and_charge_at_risk(
        authmatch, examples, tmp_path):
    dom, records, summary = validate_with_summary(authmatch, examples, tmp_path)
    rows = dom.tables["payers-table"]
    assert {r[0] for r in rows} == {r["payer_id"] for r in records}
    for payer, findings, lines_denied, at_risk in rows:
        mine = [r for r in records if r["payer_id"] == payer]
        assert int(findings) == len(mine)
        assert int(lines_denied) == len({(r["claim_id"], r["line"]) for r in mine
                                         if r["severity"] == "deny"})
        assert Decimal(at_risk) == summary["charge_at_risk_by_payer"].get(payer, Decimal(0))
    assert sum(Decimal(r[3]) for r in rows) == summary["charge_at_risk"]


def test_the_findings_page_by_kind_shows_the_summarys_counts_and_charge_at_risk(
        authmatch, examples, tmp_path):
    dom, _, summary = validate_with_summary(authmatch, examples, tmp_path)
    rows = dom.tables["kinds-table"]
    assert {r[0] for r in rows} == {k for k, n in summary["findings_by_kind"].items() if n}
    for kind, _, findings, at_risk in rows:
        assert int(findings) == summary["findings_by_kind"][kind]
        assert Decimal(at_risk) == summary["charge_at_risk_by_kind"][kind]


def test_the_findings_pages_heading_totals_are_the_summarys(authmatch, examples, tmp_path):
    dom, records, summary = validate_with_summary(authmatch, examples, tmp_path)
    assert dom.subtitle == (
        f"{summary['claims_read']} claims read ({summary['claims_rejected']} rejected), "
        f"{summary['lines_read']} lines, {len(records)} findings; "
        f"charge at risk {summary['charge_at_risk']:.2f}.")


class Recorder(http.server.BaseHTTPRequestHandler):
    requests = []

    def do_GET(self):  # noqa: N802 (the name http.server calls)
        Recorder.requests.append(self.path)
        self.send_response(404)
        self.end_headers()

    def log_message(self, *args):
        pass


@contextlib.contextmanager
def recording_server():
    """A local server that records every request; yields its URL."""
    Recorder.requests = []
    server = http.server.HTTPServer(("127.0.0.1", 0), Recorder)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()


def attack_on(url):
    """Markup that makes a browser fetch from `url` if the page writes it unescaped."""
    return (f'<img src="{url}/img"><link rel="stylesheet" href="{url}/css">'
            f'<script src="{url}/js"></script><iframe src="{url}/frame"></iframe>')


def csv_field(text):
    return '"' + text.replace('"', '""') + '"'


def test_values_that_try_to_fetch_stay_text_and_nothing_is_requested(authmatch, tmp_path):
    with recording_server() as url:
        attack = attack_on(url)
        auths = tmp_path / "tracker.csv"
        auths.write_text(
            "auth_number,status,payer_id,member_id,code,units,units_used,effective_date,"
            f"expiration_date,next_action\n"
            f"A1,approved,P1,M1,97110,10,10,2026-01-01,2026-12-31,{csv_field(attack)}\n")
        page = tmp_path / "review.html"
        result = authmatch("review", "--auths", auths, "--as-of", "2026-06-15",
                           "--format", "jsonl", "--html", page)
        assert result.returncode == 0, result.stderr
        dom = parsed(rendered(page, tmp_path))
    assert Recorder.requests == []
    [row] = dom.tables["items-table"]
    assert row[9].endswith(f"; tracker: {attack}.")  # the message, shown as the text it is


def test_values_that_try_to_fetch_stay_text_on_the_findings_page(authmatch, examples, tmp_path):
    with recording_server() as url:
        attack = attack_on(url)
        lines = tmp_path / "lines.csv"
        header = (examples / "claim_lines.csv").read_text().splitlines()[0]
        lines.write_text(f"{header}\n{csv_field(attack)},1,{csv_field(attack)},"
                         f"{csv_field(attack)},,{csv_field(attack)},97110,,1,2026-09-08,,,,,11,,"
                         "55.00,1,,,,\n")
        page = tmp_path / "findings.html"
        result = authmatch("validate", "--auths", examples / "authorizations.csv",
                           "--format", "jsonl", "--html", page, lines)
        assert result.returncode == 1, result.stderr
        dom = parsed(rendered(page, tmp_path))
    assert Recorder.requests == []
    [finding] = [json.loads(line) for line in result.stdout.splitlines()]
    [row] = dom.tables["findings-table"]
    shown = (finding["claim_id"], finding["payer_id"], finding["message"])
    assert (row[0], row[3], row[9]) == shown
    assert row[0] == attack  # the claim ID, shown as the text it is
    assert [r[0] for r in dom.tables["payers-table"]] == [finding["payer_id"]]


def test_the_findings_page_of_validate(authmatch, examples, tmp_path):
    page = tmp_path / "findings.html"
    findings = tmp_path / "findings.jsonl"
    result = authmatch("validate", "--auths", examples / "authorizations.csv", "--rules",
                       examples / "rules.csv", "--format", "jsonl", "-o", findings,
                       "--html", page, examples / "claim_lines.csv")
    assert result.returncode == 1, result.stderr
    records = [json.loads(line) for line in findings.read_text().splitlines()]
    dom = parsed(rendered(page, tmp_path))
    denied = [r for r in records if r["severity"] in ("deny", "error")]
    assert [(r[0], r[5]) for r in dom.tables["findings-table"]] == \
           [(r["claim_id"], r["kind"]) for r in denied]
    payers = {r[0] for r in dom.tables["payers-table"]}
    assert payers == {r["payer_id"] for r in records}
    assert {"payers-chart", "kinds-chart"} <= set(dom.svgs)


@pytest.mark.parametrize("command", ["review", "validate"])
def test_the_pages_script_runs_under_its_policy_and_makes_every_table_sortable(
        authmatch, examples, tmp_path, command):
    # The page's one inline script is allowed by its hash in the Content-Security-Policy: it
    # marks each table it made sortable, which shows the browser ran it.
    page = tmp_path / "page.html"
    if command == "review":
        arguments = ["review", "--auths", examples / "authorizations.csv", "--schedule",
                     examples / "schedule.csv", "--as-of", "2026-11-02"]
    else:
        arguments = ["validate", "--auths", examples / "authorizations.csv", "--rules",
                     examples / "rules.csv", examples / "claim_lines.csv"]
    result = authmatch(*arguments, "--format", "jsonl", "--html", page)
    assert result.returncode == 1, result.stderr
    dom = parsed(rendered(page, tmp_path))
    assert dom.ready and all(dom.ready.values()), dom.ready
