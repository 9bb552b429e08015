"""Payer profiles: load_payer_profiles(), PayerProfiles, Validator(payer_profiles=...)."""

import datetime
import pickle

import pytest

import authmatch
from conftest import EXAMPLES, auth_row, claim_line

PROFILES = (b"payer_id,preset,kind,group,carc,rarc,decision_window\n"
            b"61101,legacy,,,,,72h\n"
            b"61101,,auth_missing,CO,197,N54,\n"
            b"77350,x12_strict,,,,,14d\n"
            b"*,default,,,,,7d\n")


@pytest.fixture
def profiles() -> authmatch.PayerProfiles:
    return authmatch.load_payer_profiles(PROFILES)


def validator_with(profiles, **row) -> authmatch.Validator:
    return authmatch.Validator(authmatch.AuthorizationIndex([auth_row(**row)]),
                               payer_profiles=profiles)


def codes(finding) -> tuple:
    return finding.group, finding.carc, finding.rarc


def test_profiles_load_from_bytes_and_from_a_path(profiles, tmp_path):
    assert len(profiles) == 3
    assert profiles.payers == ["*", "61101", "77350"]
    assert repr(profiles) == "<PayerProfiles: 3 payers>"
    path = tmp_path / "profiles.csv"
    path.write_bytes(PROFILES)
    assert authmatch.load_payer_profiles(path).payers == profiles.payers
    assert authmatch.load_payer_profiles(str(path)).preset("77350") == "x12_strict"


def test_presets_codes_and_windows(profiles):
    assert (profiles.preset("61101"), profiles.preset("93044")) == ("legacy", "default")
    assert profiles.codes_for("61101", "auth_number_unknown") == {"group": "CO", "carc": "15",
                                                                   "rarc": []}
    assert profiles.codes_for("61101", "auth_missing") == {"group": "CO", "carc": "197",
                                                            "rarc": ["N54"]}
    assert profiles.codes_for("77350", "code_mismatch")["carc"] == "284"
    assert profiles.codes_for("77350", "code_mismatch", number_on_claim=False)["carc"] == "197"
    assert profiles.codes_for("93044", "auth_not_approved", denied_status=True)["carc"] == "39"
    assert profiles.codes_for("61101", "units_low") == {"group": "", "carc": "", "rarc": []}
    assert profiles.decision_window("61101") == datetime.timedelta(hours=72)
    assert profiles.decision_window("93044") == datetime.timedelta(days=7)  # from "*"
    assert profiles.deactivated_codes == ["15", "165", "62"]


def test_an_unknown_kind_is_a_field_error(profiles):
    with pytest.raises(authmatch.FieldError) as caught:
        profiles.codes_for("61101", "auth_lost")
    assert caught.value.field == "kind"


def test_a_bad_value_names_bytes_line_and_column():
    with pytest.raises(authmatch.InputError) as caught:
        authmatch.load_payer_profiles(b"payer_id,preset\n61101,legacy\n77350,modern\n")
    error = caught.value
    assert (error.file, error.line, error.column) == ("<bytes>", 3, 2)
    assert "'modern' is not a preset" in error.message


def test_a_missing_file_is_an_input_error(tmp_path):
    with pytest.raises(authmatch.InputError) as caught:
        authmatch.load_payer_profiles(tmp_path / "missing.csv")
    assert caught.value.file == str(tmp_path / "missing.csv")


def test_profiles_change_a_findings_codes(profiles):
    line = claim_line(auth_number="PT9")  # a number that is not on file
    plain = authmatch.Validator(authmatch.AuthorizationIndex([auth_row()])).validate([line])
    assert [(f.kind, codes(f)) for f in plain] == [("auth_number_unknown", ("CO", "16", ["M62"]))]
    found = validator_with(profiles).validate([line])
    assert [(f.kind, codes(f)) for f in found] == [("auth_number_unknown", ("CO", "15", []))]


def test_an_override_wins_over_the_preset_and_other_payers_keep_theirs(profiles):
    missing = claim_line(auth_number=None, code="97140")
    assert codes(validator_with(profiles).validate([missing])[0]) == ("CO", "197", ["N54"])
    other = claim_line(auth_number=None, code="97140", payer_id="93044")
    assert codes(validator_with(profiles, payer_id="93044").validate([other])[0]) == \
        ("CO", "197", [])


def test_profiles_apply_to_837_and_csv_runs_as_on_the_command_line(profiles):
    rules = authmatch.load_rules(EXAMPLES / "rules.csv")
    index = authmatch.load_authorizations(EXAMPLES / "authorizations.csv")
    legacy = authmatch.load_payer_profiles(b"payer_id,preset\n61101,legacy\n77350,x12_strict\n")
    validator = authmatch.Validator(index, rules, payer_profiles=legacy)
    found = {(f.claim_id, f.kind): codes(f)
             for f in validator.validate_csv(EXAMPLES / "claim_lines.csv")}
    assert found[("RSG-10002", "auth_number_missing")] == ("CO", "15", [])
    assert found[("RSG-20001", "code_mismatch")] == ("CO", "284", ["N54"])
    assert found[("RSG-30004", "auth_missing")] == ("CO", "197", [])  # 93044: no profile


def test_a_validator_names_its_profiles(profiles):
    validator = validator_with(profiles)
    assert validator.payer_profiles is profiles
    assert repr(validator).endswith(", profiles of 3 payers>")
    assert validator_with(None).payer_profiles is None


def test_a_validator_refuses_profiles_of_another_type():
    with pytest.raises(TypeError):
        validator_with(PROFILES)


@pytest.mark.parametrize("protocol", range(pickle.HIGHEST_PROTOCOL + 1))
def test_profiles_pickle_with_every_protocol(profiles, protocol):
    again = pickle.loads(pickle.dumps(profiles, protocol))
    assert type(again) is authmatch.PayerProfiles
    assert again.payers == profiles.payers
    assert again.codes_for("61101", "auth_missing") == profiles.codes_for("61101", "auth_missing")
    assert again.decision_window("77350") == datetime.timedelta(days=14)


def test_a_validator_pickles_with_its_profiles(profiles):
    again = pickle.loads(pickle.dumps(validator_with(profiles)))
    assert again.payer_profiles.payers == profiles.payers
    assert codes(again.validate([claim_line(auth_number="PT9")])[0]) == ("CO", "15", [])
