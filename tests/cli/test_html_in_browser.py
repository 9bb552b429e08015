"""The HTML pages as a browser shows them: headless Chromium renders each page, and the test
reads the DOM it built. Skipped when Chromium is not installed (scripts/install-deps installs
it, so CI runs these)."""

import html.parser
import http.server
import json
import os
import shutil
import subprocess
import threading

import pytest

CHROMIUM = os.environ.get("AUTHMATCH_CHROMIUM") or shutil.which("chromium")
REQUIRED = os.environ.get("AUTHMATCH_REQUIRE_CHROMIUM") == "1"  # CI: never skipped
pytestmark = pytest.mark.skipif(
    CHROMIUM is None and not REQUIRED,
    reason="chromium is not installed (scripts/install-deps installs it)")


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

    def handle_endtag(self, tag):
        if tag == "td" and self._cell is not None:
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


class Recorder(http.server.BaseHTTPRequestHandler):
    requests = []

    def do_GET(self):  # noqa: N802 (the name http.server calls)
        Recorder.requests.append(self.path)
        self.send_response(404)
        self.end_headers()

    def log_message(self, *args):
        pass


def test_values_that_try_to_fetch_stay_text_and_nothing_is_requested(authmatch, tmp_path):
    server = http.server.HTTPServer(("127.0.0.1", 0), Recorder)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_port}"
    attack = (f'<img src="{url}/img"><link rel="stylesheet" href="{url}/css">'
              f'<script src="{url}/js"></script><iframe src="{url}/frame"></iframe>')
    auths = tmp_path / "tracker.csv"
    auths.write_text(
        "auth_number,status,payer_id,member_id,code,units,units_used,effective_date,"
        "expiration_date,next_action\n"
        f'A1,approved,P1,M1,97110,10,10,2026-01-01,2026-12-31,"{attack.replace(chr(34), 2 * chr(34))}"\n')
    page = tmp_path / "review.html"
    try:
        result = authmatch("review", "--auths", auths, "--as-of", "2026-06-15",
                           "--format", "jsonl", "--html", page)
        assert result.returncode == 0, result.stderr
        dom = parsed(rendered(page, tmp_path))
    finally:
        server.shutdown()
        server.server_close()
    assert Recorder.requests == []
    [row] = dom.tables["items-table"]
    assert row[8] == attack  # the next action, shown as the text it is


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
