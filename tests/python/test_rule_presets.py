"""Scoped rules and the presets of published authorization lists, from Python."""

import datetime
import pickle
import urllib.parse

import pytest

import authmatch
from conftest import SOURCE_DIR, auth_row, claim_line


def outpatient_lines(*codes, **overrides):
    """One claim of these codes at an outpatient hospital (837I of type of bill 13x: place 22,
    level of care outpatient), without a number."""
    lines = []
    for number, code in enumerate(codes, start=1):
        line = claim_line(line=number, code=code, auth_number="", place_of_service="22",
                          claim_type="institutional", level_of_care="outpatient")
        line.update(overrides)
        lines.append(line)
    return lines


def denied_codes(rules, lines):
    validator = authmatch.Validator(authmatch.AuthorizationIndex([auth_row()]), rules)
    return [f.code for f in validator.validate(lines) if f.kind == "auth_missing"]


def test_rule_presets_list_their_codes_sources_and_dates():
    presets = {p["name"]: p for p in authmatch.rule_presets()}
    assert set(presets) == {"medicare-opd", "medicare-dmepos", "medicare-asc-demo",
                            "medicare-wiser"}
    for preset in presets.values():
        assert preset["codes"] > 30
        assert preset["sources"]
        assert isinstance(preset["read_on"], datetime.date)
        assert preset["auth_number_format"] == "utn"


def test_a_preset_csv_names_the_practices_payer():
    csv = authmatch.rules_preset_csv("medicare-dmepos", "17013")
    assert csv.startswith("payer_id,code,requires_auth,")
    assert "\n17013,L0651,yes,2026-04-13," in csv


def test_an_unknown_preset_is_a_value_error():
    with pytest.raises(ValueError, match="medicare-opd"):
        authmatch.rules_preset("medicare-nope", "17013")


def test_botulinum_toxin_needs_authorization_with_j0585_on_the_claim():
    rules = authmatch.rules_preset("medicare-opd", "61101")
    assert denied_codes(rules, outpatient_lines("64612", "J0585")) == ["64612"]
    assert denied_codes(rules, outpatient_lines("64612")) == []


def test_an_opd_code_on_a_professional_office_claim_needs_none():
    rules = authmatch.rules_preset("medicare-opd", "61101")
    office = outpatient_lines("15823", place_of_service="11", claim_type="professional",
                              level_of_care=None)
    assert denied_codes(rules, office) == []
    assert denied_codes(rules, outpatient_lines("15823")) == ["15823"]


def test_scoped_rules_build_from_dicts_and_keywords():
    rules = authmatch.Rules([{"payer_id": "61101", "code": "97140", "requires_auth": "yes",
                              "effective_date": "2026-10-01", "note": "new in October"}])
    rules.add("61101", "97140", False, end_date=datetime.date(2026, 9, 30))
    assert denied_codes(rules, [claim_line(code="97140", auth_number="")]) == []
    later = claim_line(code="97140", auth_number="", service_date="2026-10-05")
    assert denied_codes(rules, [later]) == ["97140"]


def test_scoped_rules_pickle_with_their_scope():
    rules = authmatch.rules_preset("medicare-opd", "61101")
    again = pickle.loads(pickle.dumps(rules))
    assert again.to_dicts() == rules.to_dicts()
    assert again.to_dicts()[0]["place_of_service"] == ["19", "22"]


def test_a_bad_scope_field_names_itself():
    with pytest.raises(authmatch.FieldError) as caught:
        authmatch.Rules([{"payer_id": "*", "code": "97110", "requires_auth": True,
                          "claim_type": "facility"}])
    assert caught.value.field == "claim_type"


def test_a_number_that_is_not_a_utn_is_unknown_under_a_utn_rule():
    rules = authmatch.Rules([{"payer_id": "61101", "code": "97110", "requires_auth": True,
                              "auth_number_format": "utn"}])
    validator = authmatch.Validator(authmatch.AuthorizationIndex([auth_row()]), rules)
    found = validator.validate([claim_line()])
    assert [(f.kind, f.carc, f.rarc) for f in found] == [("auth_number_unknown", "284", ["N517"])]


@pytest.mark.parametrize("places", ["abc", "999", "1", "19|", ["19", ""]])
def test_a_place_of_service_that_is_not_two_digits_is_refused(places):
    with pytest.raises(authmatch.FieldError, match="two-digit place of service") as caught:
        authmatch.Rules([{"payer_id": "*", "code": "64490", "requires_auth": True,
                          "place_of_service": places}])
    assert caught.value.field == "place_of_service"


def test_add_refuses_a_place_of_service_that_is_not_two_digits():
    rules = authmatch.Rules()
    with pytest.raises(authmatch.FieldError) as caught:
        rules.add("*", "64490", True, place_of_service="19|1")
    assert caught.value.field == "place_of_service"
    assert len(rules) == 0


def test_a_rule_restricted_to_levels_of_care_applies_at_them_only():
    rules = authmatch.Rules()
    rules.add("61101", "64612", True, level_of_care="outpatient|observation")
    assert rules.to_dicts()[0]["level_of_care"] == ["outpatient", "observation"]
    assert denied_codes(rules, outpatient_lines("64612")) == ["64612"]
    assert denied_codes(rules, outpatient_lines("64612", level_of_care="inpatient")) == []


def test_merged_rules_let_a_later_set_win_ties():
    practice = authmatch.Rules([("61101", "15823", False)])
    preset = authmatch.Rules([("61101", "15823", True)])
    assert authmatch.Rules.merged(practice, preset).requires_auth("61101", "15823")
    assert not authmatch.Rules.merged(preset, practice).requires_auth("61101", "15823")


def test_merged_rules_keep_every_rule_in_order_and_leave_the_sets_alone():
    practice = authmatch.Rules([("61101", "97140", True)])
    preset = authmatch.rules_preset("medicare-opd", "61101")
    merged = authmatch.Rules.merged(practice, preset)
    assert merged.to_dicts() == practice.to_dicts() + preset.to_dicts()
    assert len(practice) == 1


def test_a_validator_of_merged_rules_judges_by_both():
    practice = authmatch.Rules([("61101", "97140", True)])
    merged = authmatch.Rules.merged(practice, authmatch.rules_preset("medicare-opd", "61101"))
    lines = outpatient_lines("64612", "J0585") + [claim_line(line=3, code="97140", auth_number="")]
    assert denied_codes(merged, lines) == ["64612", "97140"]


def test_merged_refuses_what_is_not_rules():
    with pytest.raises(TypeError, match="Rules.merged takes Rules"):
        authmatch.Rules.merged(authmatch.Rules(), [("*", "*", True)])


def test_the_wiser_preset_applies_in_an_office_not_an_inpatient_hospital():
    rules = authmatch.rules_preset("medicare-wiser", "61101")
    office = claim_line(code="64568", auth_number="", place_of_service="11",
                        claim_type="professional", service_date=datetime.date(2026, 3, 2))
    inpatient = dict(office, place_of_service="21")
    assert denied_codes(rules, [office]) == ["64568"]
    assert denied_codes(rules, [inpatient]) == []


def test_docs_name_the_site_of_every_source_a_preset_gives():
    rows = {line.split("|")[1].strip(" `"): line
            for line in (SOURCE_DIR / "docs" / "presets.md").read_text().splitlines()
            if line.startswith("| `medicare-")}
    for preset in authmatch.rule_presets():
        for source in preset["sources"]:
            site = urllib.parse.urlparse(source.split()[0]).hostname.removeprefix("www.")
            assert site in rows[preset["name"]], (preset["name"], site)
