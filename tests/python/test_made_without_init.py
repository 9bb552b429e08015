"""An object made by __new__ without __init__ holds nothing: whatever is asked of it raises
TypeError (pickling, which sets its state, still makes one)."""

import pickle

import pytest

import authmatch
from conftest import claim_line

MADE_WITHOUT_INIT = "made by __new__ without __init__"

ASKED = {
    "Finding": repr,
    "AuthorizationIndex": len,
    "Rules": lambda rules: rules.to_dicts(),
    "Enrollment": len,
    "PayerProfiles": lambda profiles: profiles.payers,
    "Report": len,
    "FindingIterator": next,
    "Ledger": lambda ledger: ledger.path,
    "Validator": lambda validator: validator.index,
    "Remittance": lambda remittance: remittance.summary,
    "ReconcileReport": lambda report: report.rows,
}


@pytest.mark.parametrize("name", sorted(ASKED))
def test_an_object_made_without_init_refuses_what_is_asked_of_it(name):
    cls = getattr(authmatch, name)
    blank = cls.__new__(cls)
    with pytest.raises(TypeError, match=MADE_WITHOUT_INIT):
        ASKED[name](blank)


@pytest.mark.parametrize("method", ["validate", "iter_837", "judge_part", "join_parts"])
def test_a_validator_made_without_init_refuses_its_runs(method):
    blank = authmatch.Validator.__new__(authmatch.Validator)
    arguments = {"validate": ([],), "iter_837": ("claims.x12",), "judge_part": ("claims.x12",),
                 "join_parts": ([],)}[method]
    with pytest.raises(TypeError, match=MADE_WITHOUT_INIT):
        getattr(blank, method)(*arguments)


def test_a_report_made_without_init_refuses_iteration():
    blank = authmatch.Report.__new__(authmatch.Report)
    with pytest.raises(TypeError, match=MADE_WITHOUT_INIT):
        list(blank)


def test_a_report_made_without_init_stays_refused_after_a_first_refusal():
    blank = authmatch.Report.__new__(authmatch.Report)
    for _ in range(2):
        with pytest.raises(TypeError, match=MADE_WITHOUT_INIT):
            repr(blank)


def test_a_finding_made_without_init_refuses_its_fields_after_a_method_was_refused():
    blank = authmatch.Finding.__new__(authmatch.Finding)
    with pytest.raises(TypeError, match=MADE_WITHOUT_INIT):
        repr(blank)
    with pytest.raises(TypeError, match=MADE_WITHOUT_INIT):
        blank.kind


def test_a_subclass_made_without_init_refuses_what_is_asked_of_it():
    class Annotated(authmatch.Finding):
        pass

    blank = Annotated.__new__(Annotated)
    with pytest.raises(TypeError, match=MADE_WITHOUT_INIT):
        blank.to_dict()


def test_every_class_of_the_module_is_asked():
    native = authmatch._authmatch
    classes = {name for name, value in vars(native).items()
               if isinstance(value, type) and not issubclass(value, BaseException)}
    assert classes == set(ASKED)


def test_an_unpickled_report_is_made_whole(validator):
    report = validator.validate([claim_line(claim_id="C9", line=2, units=14, charge="70")])
    assert list(pickle.loads(pickle.dumps(report))) == list(report)
