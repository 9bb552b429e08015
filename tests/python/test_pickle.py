"""Index, rules, validator and findings pickle, so multiprocessing and Dask can ship them."""

import multiprocessing
import pickle

import authmatch
from conftest import auth_row, claim_line


def test_an_index_pickles_with_every_row(example_index):
    again = pickle.loads(pickle.dumps(example_index))
    assert type(again) is authmatch.AuthorizationIndex
    assert list(again) == list(example_index)


def test_an_index_built_from_python_pickles_with_every_value():
    index = authmatch.AuthorizationIndex([auth_row(patient_dob="1968-04-12", units="7.5",
                                                   units_used=2, rendering_npi="1987654328",
                                                   place_of_service="11|22",
                                                   diagnosis_codes="M54.50"),
                                          auth_row(auth_number="B", units=None)])
    assert list(pickle.loads(pickle.dumps(index))) == list(index)


def test_an_empty_index_pickles():
    assert len(pickle.loads(pickle.dumps(authmatch.AuthorizationIndex()))) == 0


def test_rules_pickle(example_rules):
    assert list(pickle.loads(pickle.dumps(example_rules))) == list(example_rules)


def test_a_validator_pickles_and_validates_the_same(example_validator, examples):
    again = pickle.loads(pickle.dumps(example_validator))
    path = examples / "claim_lines.csv"
    assert list(again.validate_csv(path)) == list(example_validator.validate_csv(path))


def test_a_validator_without_rules_pickles_without_rules():
    validator = authmatch.Validator(authmatch.AuthorizationIndex([auth_row()]))
    assert pickle.loads(pickle.dumps(validator)).every_line_requires_auth


def test_a_finding_pickles(validator):
    finding = validator.validate([claim_line(units=13)])[0]
    assert pickle.loads(pickle.dumps(finding)) == finding


def test_a_finding_without_optional_values_pickles(example_validator, examples):
    unreadable = [f for f in example_validator.validate_csv(examples / "claim_lines.csv")
                  if f.kind == "claim_unreadable"][0]
    assert pickle.loads(pickle.dumps(unreadable)) == unreadable


def findings_for(validator: authmatch.Validator, claim_ids: list) -> list:
    return list(validator.validate([claim_line(claim_id=c, units=13) for c in claim_ids]))


def test_worker_processes_receive_a_validator_and_send_findings_back():
    validator = authmatch.Validator(authmatch.AuthorizationIndex([auth_row()]))
    with multiprocessing.get_context("spawn").Pool(2) as pool:
        results = pool.starmap(findings_for, [(validator, ["A", "B"]), (validator, ["C"])])
    assert [[f.claim_id for f in found] for found in results] == [["A", "B"], ["C"]]
    assert results[1] == findings_for(validator, ["C"])
