"""Rules built from Python and asked which lines need an authorization."""

import pickle

import pytest

import authmatch


def test_rules_build_from_dicts():
    rules = authmatch.Rules([{"payer_id": "*", "code": "97*", "requires_auth": True}])
    assert rules.requires_auth("61101", "97110")
    assert not rules.requires_auth("61101", "99213")


def test_rules_build_from_tuples_and_yes_no_strings():
    rules = authmatch.Rules([("*", "*", "no"), ("61101", "70000-79999", "yes")])
    assert rules.requires_auth("61101", "72148")
    assert not rules.requires_auth("99999", "72148")


def test_the_most_specific_rule_wins():
    rules = authmatch.Rules([("*", "97*", True), ("61101", "97110", False)])
    assert not rules.requires_auth("61101", "97110")
    assert rules.requires_auth("61101", "97140")


def test_add_appends_a_rule():
    rules = authmatch.Rules()
    rules.add("*", "J*", True)
    assert len(rules) == 1
    assert rules.requires_auth("p", "j1745")


def test_rules_iterate_as_their_csv_spelling():
    spelled = [("*", "*", False), ("61101", "J*", True), ("*", "70000-79999", True)]
    assert list(authmatch.Rules(spelled)) == spelled


def test_a_rule_without_requires_referral_requires_none():
    rules = authmatch.Rules([("*", "*", True), {"payer_id": "60054", "code": "97*",
                                                "requires_auth": "yes", "requires_referral": "yes"}])
    assert not rules.requires_referral("61101", "97110")
    assert rules.requires_referral("60054", "97110")
    assert rules.requires_auth("60054", "97110")


def test_requires_referral_pickles():
    rules = authmatch.Rules([("60054", "97*", True, True)])
    assert pickle.loads(pickle.dumps(rules)).requires_referral("60054", "97110")


@pytest.mark.parametrize("rule, field", [
    (("*", "7000-79999", True), "code"),
    (("*", "97110", "perhaps"), "requires_auth"),
    (("*", 97110, True), "code"),
    ({"payer_id": "*", "code": "97110"}, "requires_auth"),
    ({"payer_id": "*", "code": "97110", "requires_auth": True, "comment": "x"}, "comment"),
])
def test_a_bad_rule_names_the_field(rule, field):
    with pytest.raises(authmatch.FieldError) as caught:
        authmatch.Rules([("*", "*", False), rule])
    assert caught.value.field == field
    assert caught.value.record == 1


def test_a_rule_that_is_neither_dict_nor_triple_is_refused():
    with pytest.raises(authmatch.FieldError):
        authmatch.Rules([("*", "*")])


def test_a_validator_copies_its_rules():
    index = authmatch.AuthorizationIndex()
    rules = authmatch.Rules([("*", "*", False)])
    validator = authmatch.Validator(index, rules)
    rules.add("*", "97110", True)
    assert not validator.requires_auth("61101", "97110")
    assert len(validator.rules) == 1


def test_without_rules_every_line_requires_authorization():
    validator = authmatch.Validator(authmatch.AuthorizationIndex())
    assert validator.every_line_requires_auth
    assert validator.requires_auth("any", "99213")
    assert validator.rules is None
