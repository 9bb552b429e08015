"""authmatch validate --enrollment: providers not enrolled with the payer, in CSV and 837 input."""

import json

from conftest import edited

ROSTER_HEADER = "payer_id,npi,status,effective_date,end_date\n"
BILLING = "1234567893"   # the example practice's billing provider (837P and 837I)
PATEL = "1987654328"     # rendering therapist of payer 61101's claims
BROOKS = "1456789019"    # the therapist whose enrollment with 61101 is pending in the example
LIN = "1565656562"       # the radiologist of payer 77350's claims


def validate(authmatch, examples, *inputs, enrollment=None, extra=()):
    roster = ("--enrollment", enrollment) if enrollment else ()
    return authmatch("validate", "--auths", examples / "authorizations.csv",
                     "--rules", examples / "rules.csv", "--format", "jsonl", *roster, *extra,
                     *inputs)


def records(result):
    return [json.loads(line) for line in result.stdout.splitlines()]


def not_enrolled(result):
    return [r for r in records(result) if r["kind"] == "provider_not_enrolled"]


def roster(tmp_path, *rows, name="enrollment.csv"):
    path = tmp_path / name
    path.write_text(ROSTER_HEADER + "".join(row + "\n" for row in rows))
    return path


# --- claim-lines CSV ----------------------------------------------------------------------------

def test_a_csv_line_by_a_pending_provider_is_denied_with_b7_and_n570(authmatch, examples):
    result = validate(authmatch, examples, examples / "claim_lines.csv",
                      enrollment=examples / "enrollment.csv")
    found = not_enrolled(result)
    assert [(f["claim_id"], f["line"]) for f in found] == [("RSG-10004", 1)]
    f = found[0]
    assert (f["severity"], f["group"], f["carc"], f["rarc"]) == ("deny", "CO", "B7", ["N570"])
    assert f["auth_number"] is None
    assert f["expected"] == "enrolled with payer 61101 on 2026-10-06"
    assert f["actual"] == "pending since 2026-09-01"
    assert f["message"] == (f"Rendering NPI {BROOKS} is not enrolled with payer 61101 on "
                            "2026-10-06 (pending since 2026-09-01); finish enrollment with the "
                            "payer, or bill under an enrolled NPI.")


def test_enrollment_is_reported_beside_the_authorization_findings(authmatch, examples):
    result = validate(authmatch, examples, examples / "claim_lines.csv",
                      enrollment=examples / "enrollment.csv", extra=("--no-warnings",))
    kinds = [r["kind"] for r in records(result) if r["claim_id"] == "RSG-10004"]
    assert kinds == ["provider_mismatch", "provider_not_enrolled"]


def test_a_csv_billing_npi_terminated_before_the_service_is_denied(authmatch, examples, tmp_path):
    path = roster(tmp_path, f"93044,{BILLING},enrolled,2019-01-01,2026-10-31",
                  f"93044,{BILLING},terminated,2026-11-01,", f"93044,1888999111,enrolled,2018-07-01,")
    found = not_enrolled(validate(authmatch, examples, examples / "claim_lines.csv",
                                  enrollment=path))
    assert {f["claim_id"] for f in found} == {"RSG-30003", "RSG-30004"}  # 2026-11-16
    assert {f["actual"] for f in found} == {"terminated on 2026-11-01"}
    assert all(f["message"].startswith(f"Billing NPI {BILLING} ") for f in found)


def test_payers_without_a_row_in_the_roster_are_not_checked(authmatch, examples, tmp_path):
    path = roster(tmp_path, f"55555,{PATEL},enrolled,2020-01-01,")
    result = validate(authmatch, examples, examples / "claim_lines.csv", enrollment=path)
    assert result.returncode == 1, result.stderr  # the examples' other denials
    assert records(result)
    assert not_enrolled(result) == []


def test_the_summary_counts_provider_not_enrolled(authmatch, examples, tmp_path):
    summary = tmp_path / "summary.json"
    validate(authmatch, examples, examples / "claim_lines.csv",
             enrollment=examples / "enrollment.csv", extra=("--summary", summary))
    assert json.loads(summary.read_text())["findings_by_kind"]["provider_not_enrolled"] == 1


def test_a_roster_with_a_bad_npi_exits_2_naming_its_position(authmatch, examples, tmp_path):
    path = roster(tmp_path, f"61101,{PATEL},enrolled,2020-01-01,",
                  "61101,1456789010,pending,2026-09-01,")
    result = validate(authmatch, examples, examples / "claim_lines.csv", enrollment=path)
    assert result.returncode == 2
    assert result.stdout == ""
    assert f"{path}:3:2: npi: '1456789010' is not a valid NPI" in result.stderr


def test_a_roster_with_a_header_and_no_rows_exits_2(authmatch, examples, tmp_path):
    result = validate(authmatch, examples, examples / "claim_lines.csv",
                      enrollment=roster(tmp_path))
    assert result.returncode == 2
    assert "no enrollment rows" in result.stderr


def test_an_output_naming_the_roster_is_refused(authmatch, examples, tmp_path):
    path = roster(tmp_path, f"61101,{PATEL},enrolled,2020-01-01,")
    before = path.read_text()
    result = validate(authmatch, examples, examples / "claim_lines.csv", enrollment=path,
                      extra=("--output", path))
    assert result.returncode == 2
    assert "--output names the same file as --enrollment" in result.stderr
    assert path.read_text() == before


def test_help_documents_the_roster(authmatch):
    result = authmatch("validate", "--help")
    assert "--enrollment" in result.stdout
    assert "payer_id,npi,status,effective_date,end_date" in result.stdout


# --- 837P ---------------------------------------------------------------------------------------

def test_an_837p_line_rendered_by_a_pending_provider_is_denied(authmatch, examples):
    result = validate(authmatch, examples, examples / "claims_837p.x12",
                      enrollment=examples / "enrollment.csv")
    found = not_enrolled(result)
    assert [(f["claim_id"], f["line"]) for f in found] == [("PT-5004", 1)]  # 2420A NM1*82
    assert found[0]["message"].startswith(f"Rendering NPI {BROOKS} ")


def test_an_837p_claim_level_rendering_provider_is_checked(authmatch, examples, tmp_path):
    # PT-5002's rendering provider (2310B) becomes the pending therapist.
    path = edited(examples, tmp_path, "claims_837p.x12",
                  (f"CLM*PT-5002*165***11:B:1*Y*A*Y*Y~\nHI*ABK:M5450~\n"
                   f"NM1*82*1*PATEL*ANITA****XX*{PATEL}~",
                   f"CLM*PT-5002*165***11:B:1*Y*A*Y*Y~\nHI*ABK:M5450~\n"
                   f"NM1*82*1*BROOKS*SAM****XX*{BROOKS}~"))
    found = not_enrolled(validate(authmatch, examples, path,
                                  enrollment=examples / "enrollment.csv"))
    assert [(f["claim_id"], f["line"]) for f in found] == [("PT-5002", 1), ("PT-5002", 2),
                                                          ("PT-5004", 1)]


def test_an_837p_claim_without_a_rendering_provider_checks_the_billing_npi_once(
        authmatch, examples, tmp_path):
    # PT-5002 without its rendering provider (2310B NM1*82 and PRV), the count in SE to match.
    path = edited(examples, tmp_path, "claims_837p.x12",
                  ("CLM*PT-5002*165***11:B:1*Y*A*Y*Y~\nHI*ABK:M5450~\n"
                   f"NM1*82*1*PATEL*ANITA****XX*{PATEL}~\nPRV*PE*PXC*225100000X~\n",
                   "CLM*PT-5002*165***11:B:1*Y*A*Y*Y~\nHI*ABK:M5450~\n"),
                  ("SE*125*0001~", "SE*123*0001~"))
    enrollment = roster(tmp_path, f"61101,{PATEL},enrolled,2020-01-01,",
                        f"61101,{BILLING},enrolled,2026-10-01,")
    found = [f for f in not_enrolled(validate(authmatch, examples, path, enrollment=enrollment))
             if f["claim_id"] == "PT-5002"]
    assert [f["line"] for f in found] == [1, 2]
    assert found[0]["actual"] == "enrolled from 2026-10-01"
    assert found[0]["message"].startswith(f"Rendering and billing NPI {BILLING} ")


# --- 837I ---------------------------------------------------------------------------------------

def test_an_837i_billing_provider_terminated_with_the_payer_is_denied(authmatch, examples,
                                                                      tmp_path):
    enrollment = roster(tmp_path, f"77350,{BILLING},enrolled,2019-01-01,2026-10-14",
                        f"77350,{BILLING},terminated,2026-10-15,")
    found = not_enrolled(validate(authmatch, examples, examples / "claims_837i.x12",
                                  enrollment=enrollment))
    assert [f["claim_id"] for f in found] == ["HOSP-8003", "HOSP-8004"]  # 10-19 and 10-26
    assert found[0]["actual"] == "terminated on 2026-10-15"
    # No 2310D or 2420C rendering provider: the billing provider renders, checked once.
    assert found[0]["message"].startswith(f"Rendering and billing NPI {BILLING} ")


def test_an_837i_rendering_provider_is_checked_beside_the_billing_provider(authmatch, examples,
                                                                          tmp_path):
    # HOSP-8001's attending provider (not a rendering provider) becomes its rendering (2310D).
    path = edited(examples, tmp_path, "claims_837i.x12",
                  (f"HI*ABK:G43909~\nNM1*71*1*LIN*WEI****XX*{LIN}~",
                   f"HI*ABK:G43909~\nNM1*82*1*LIN*WEI****XX*{LIN}~"))
    enrollment = roster(tmp_path, f"77350,{BILLING},enrolled,2019-01-01,",
                        f"77350,{LIN},pending,2026-10-01,")
    found = not_enrolled(validate(authmatch, examples, path, enrollment=enrollment))
    assert [f["claim_id"] for f in found] == ["HOSP-8001"]
    assert found[0]["message"].startswith(f"Rendering NPI {LIN} is not enrolled with payer 77350")
    assert found[0]["actual"] == "pending since 2026-10-01"
