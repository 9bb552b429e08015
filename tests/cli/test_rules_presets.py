"""authmatch rules presets / rules preset, and validate with several --rules files."""

import json

AUTHS = ("auth_number,status,payer_id,member_id,code,effective_date,expiration_date\n"
         "PT1,approved,04112,M1,97110,2026-01-01,2026-12-31\n")
HEADER = ("claim_id,line,member_id,payer_id,code,units,service_date,place_of_service,claim_type,"
          "level_of_care\n")


def write(path, text):
    path.write_text(text)
    return path


def denied(result):
    records = map(json.loads, result.stdout.splitlines())
    return [(r["claim_id"], r["code"], r["message"]) for r in records
            if r["kind"] == "auth_missing"]


def test_presets_are_listed_with_their_codes_sources_and_dates(authmatch):
    result = authmatch("rules", "presets")
    assert result.returncode == 0
    for name in ("medicare-opd", "medicare-dmepos", "medicare-asc-demo", "medicare-wiser"):
        assert f"\n{name}: " in "\n" + result.stdout
    assert "sources read 2026-11-30" in result.stdout
    assert "  source: https://" in result.stdout


def test_a_preset_is_written_for_the_practices_payer(authmatch, tmp_path):
    out = tmp_path / "opd.csv"
    result = authmatch("rules", "preset", "medicare-opd", "--payer", "04112", "-o", out)
    assert result.returncode == 0
    lines = out.read_text().splitlines()
    assert lines[0].startswith("payer_id,code,requires_auth,effective_date,end_date,")
    assert all(line.startswith("04112,") for line in lines[1:])


def test_an_unknown_preset_exits_2_naming_the_presets(authmatch):
    result = authmatch("rules", "preset", "medicare-nope", "--payer", "04112")
    assert result.returncode == 2
    assert "medicare-opd" in result.stderr


def test_a_preset_joins_the_practices_rules_in_validate(authmatch, tmp_path):
    opd = tmp_path / "opd.csv"
    written = authmatch("rules", "preset", "medicare-opd", "--payer", "04112", "-o", opd)
    assert written.returncode == 0
    practice = write(tmp_path / "practice.csv", "payer_id,code,requires_auth\n04112,97140,yes\n")
    claims = write(tmp_path / "claims.csv", HEADER +
                   "C1,1,M1,04112,64612,1,2026-03-02,22,institutional,outpatient\n"
                   "C1,2,M1,04112,J0585,100,2026-03-02,22,institutional,outpatient\n"
                   "C2,1,M1,04112,64612,1,2026-03-02,22,institutional,outpatient\n"
                   "C3,1,M1,04112,15823,1,2026-03-02,11,professional,\n"
                   "C4,1,M1,04112,97140,1,2026-03-02,11,professional,\n")
    result = authmatch("validate", "--auths", write(tmp_path / "auths.csv", AUTHS),
                       "--rules", practice, "--rules", opd, "--format", "jsonl",
                       "--no-warnings", claims)
    found = denied(result)
    assert [(claim, code) for claim, code, _ in found] == [("C1", "64612"), ("C4", "97140")]
    assert "(rule: Medicare OPD prior authorization list (42 CFR 419.83)" in found[0][2]
    assert result.returncode == 1


def test_a_later_rules_file_wins_ties(authmatch, tmp_path):
    first = write(tmp_path / "first.csv", "payer_id,code,requires_auth\n04112,97140,yes\n")
    second = write(tmp_path / "second.csv", "payer_id,code,requires_auth\n04112,97140,no\n")
    claims = write(tmp_path / "claims.csv", HEADER + "C1,1,M1,04112,97140,1,2026-03-02,11,,\n")
    result = authmatch("validate", "--auths", write(tmp_path / "auths.csv", AUTHS),
                       "--rules", first, "--rules", second, "--format", "jsonl", claims)
    assert denied(result) == []
    assert result.returncode == 0


def test_an_outpatient_837i_is_judged_by_the_opd_preset(authmatch, examples, tmp_path):
    # HOSP-8001 bills botulinum toxin 64612 with J0585, HOSP-8002 64612 alone, both on type of
    # bill 131 under the claim's number RBM550101, which is not a 14-character UTN.
    text = (examples / "claims_837i.x12").read_text()
    first = "SV2*0610*HC:70551*1180*UN*1~\nDTP*472*D8*20261012~\n"
    second = "SV2*0610*HC:70553*1450*UN*1~\nDTP*472*D8*20261014~\n"
    assert first in text and second in text
    text = text.replace(first, "SV2*0510*HC:64612*400*UN*1~\nDTP*472*D8*20261012~\n"
                               "LX*2~\nSV2*0636*HC:J0585*780*UN*100~\nDTP*472*D8*20261012~\n", 1)
    text = text.replace(second, "SV2*0510*HC:64612*400*UN*1~\nDTP*472*D8*20261014~\n", 1)
    claims = write(tmp_path / "claims.x12", text)
    opd = tmp_path / "opd.csv"
    written = authmatch("rules", "preset", "medicare-opd", "--payer", "77350", "-o", opd)
    assert written.returncode == 0
    result = authmatch("validate", "--auths", examples / "authorizations.csv", "--rules", opd,
                       "--format", "jsonl", "--no-warnings", claims)
    records = [r for r in map(json.loads, result.stdout.splitlines())
               if r["claim_id"] in ("HOSP-8001", "HOSP-8002")]
    assert [(r["claim_id"], r["line"], r["kind"], r["carc"], r["rarc"]) for r in records] == [
        ("HOSP-8001", 1, "auth_number_unknown", "284", ["N517"])]
    assert "not a unique tracking number (9 characters where a UTN has 14)" in records[0]["message"]


def opd_toxin_claim(examples, tmp_path, type_of_bill):
    """HOSP-8001 of the example 837I billing 64612 with J0585 on this type of bill, without a
    number of its own."""
    text = (examples / "claims_837i.x12").read_text()
    first = "SV2*0610*HC:70551*1180*UN*1~\nDTP*472*D8*20261012~\n"
    assert first in text and "CLM*HOSP-8001*1180***13:A:1**A*Y*Y~" in text
    text = text.replace(first, "SV2*0510*HC:64612*400*UN*1~\nDTP*472*D8*20261012~\n"
                               "LX*2~\nSV2*0636*HC:J0585*780*UN*100~\nDTP*472*D8*20261012~\n", 1)
    facility, frequency = type_of_bill[:2], type_of_bill[2]
    text = text.replace("CLM*HOSP-8001*1180***13:A:1**A*Y*Y~",
                        f"CLM*HOSP-8001*1180***{facility}:A:{frequency}**A*Y*Y~", 1)
    return write(tmp_path / f"claims_{type_of_bill}.x12", text)


def opd_judged_lines(authmatch, examples, tmp_path, type_of_bill):
    opd = tmp_path / "opd.csv"
    assert authmatch("rules", "preset", "medicare-opd", "--payer", "77350",
                     "-o", opd).returncode == 0
    result = authmatch("validate", "--auths", examples / "authorizations.csv", "--rules", opd,
                       "--format", "jsonl", "--no-warnings",
                       opd_toxin_claim(examples, tmp_path, type_of_bill))
    return [(r["line"], r["kind"]) for r in map(json.loads, result.stdout.splitlines())
            if r["claim_id"] == "HOSP-8001"]


def test_the_opd_preset_judges_botulinum_toxin_on_type_of_bill_131(authmatch, examples,
                                                                    tmp_path):
    assert opd_judged_lines(authmatch, examples, tmp_path, "131") == [
        (1, "auth_number_unknown")]


def test_the_opd_preset_leaves_type_of_bill_141_alone(authmatch, examples, tmp_path):
    assert opd_judged_lines(authmatch, examples, tmp_path, "141") == []


def test_the_opd_preset_leaves_a_critical_access_hospital_851_alone(authmatch, examples,
                                                                     tmp_path):
    assert opd_judged_lines(authmatch, examples, tmp_path, "851") == []

