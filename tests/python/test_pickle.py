"""Index, rules, validator, findings and reports pickle, so multiprocessing and Dask can ship them."""

import multiprocessing
import pickle
import subprocess
import sys

import pytest

import authmatch
from conftest import EXAMPLES, auth_row, claim_line


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


def test_an_index_pickles_as_compressed_columns_and_older_states_still_load(example_index):
    version, columns = example_index.__getstate__()
    assert (version, type(columns)) == (4, bytes)
    rows = [tuple(row[f] for f in ("auth_number", "status", "payer_id", "member_id",
                                   "patient_dob", "code", "units", "units_used",
                                   "effective_date", "expiration_date", "rendering_npi",
                                   "facility_npi", "place_of_service", "diagnosis_codes",
                                   "unit_type", "type", "level_of_care", "claim_type",
                                   "modifiers", "requested_date", "priority", "next_action",
                                   "next_action_due"))
            for row in example_index]
    older = authmatch.AuthorizationIndex.__new__(authmatch.AuthorizationIndex)
    older.__setstate__((3, rows))
    assert list(older) == list(example_index)


def test_a_damaged_index_state_raises_instead_of_loading_part(example_index):
    import zlib

    version, columns = example_index.__getstate__()
    cut = zlib.compress(zlib.decompress(columns)[:-5])
    damaged = authmatch.AuthorizationIndex.__new__(authmatch.AuthorizationIndex)
    with pytest.raises(RuntimeError, match="damaged pickle state"):
        damaged.__setstate__((version, cut))


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


# The objects of the tests below, made in a child interpreter: pickling used to abort the
# interpreter with protocols 0 and 1, which must fail a test instead of killing pytest.
CHILD_SETUP = """
import pathlib, pickle, sys, tempfile
import authmatch

examples = pathlib.Path(sys.argv[1])
index = authmatch.load_authorizations(examples / "authorizations.csv")
rules = authmatch.load_rules(examples / "rules.csv")
validator = authmatch.Validator(index, rules, expiring_days=60, units_low_percent=None)
report = validator.validate_csv(examples / "claim_lines.csv")
ledger = authmatch.Ledger(pathlib.Path(tempfile.mkdtemp()) / "usage.db")

def started(iterator):
    next(iterator)
    return iterator
"""


def run_child(code: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", CHILD_SETUP + code, str(EXAMPLES)],
                          capture_output=True, text=True, timeout=120)


# What each picklable object is made of, and what a copy must have in common with it.
PICKLABLE = {
    "finding": ("report[5]", "obj"),
    "index": ("index", "list(obj)"),
    "rules": ("rules", "list(obj)"),
    "validator": ("validator", "(obj.expiring_days, obj.units_low_percent, list(obj.index), "
                               "list(obj.rules), "
                               "list(obj.validate_csv(examples / 'claim_lines.csv')))"),
    "index iterator": ("started(iter(index))", "list(obj)"),
    "report": ("report", "(list(obj), obj.summary)"),
    "report iterator": ("started(iter(report))", "list(obj)"),
}


@pytest.mark.parametrize("name", PICKLABLE)
def test_every_pickle_protocol_round_trips(name):
    make, key = PICKLABLE[name]
    result = run_child(f"""
def key(obj):
    return {key}

for protocol in range(pickle.HIGHEST_PROTOCOL + 1):
    again = pickle.loads(pickle.dumps({make}, protocol))
    assert key(again) == key({make}), protocol
print("round trips")
""")
    assert (result.returncode, result.stdout) == (0, "round trips\n"), result.stderr


@pytest.mark.parametrize("name", PICKLABLE)
def test_reduce_gives_a_callable_and_its_arguments(name):
    make, _ = PICKLABLE[name]
    result = run_child(f"""
obj = {make}
reductions = [obj.__reduce_ex__(p) for p in range(pickle.HIGHEST_PROTOCOL + 1)]
for reduced in [obj.__reduce__()] + reductions:
    assert callable(reduced[0]) and isinstance(reduced[1], tuple), reduced
print("reduced")
""")
    assert (result.returncode, result.stdout) == (0, "reduced\n"), result.stderr


# Objects tied to one run, file or moment, which do not pickle.
UNPICKLABLE = {
    "finding iterator": "validator.iter_csv(examples / 'claim_lines.csv')",
    "ledger": "ledger",
}


@pytest.mark.parametrize("name", UNPICKLABLE)
def test_what_does_not_pickle_raises_type_error_with_every_protocol(name):
    result = run_child(f"""
obj = {UNPICKLABLE[name]}
for protocol in range(pickle.HIGHEST_PROTOCOL + 1):
    try:
        pickle.dumps(obj, protocol)
    except (TypeError, pickle.PicklingError):
        continue
    raise AssertionError(f"protocol {{protocol}} pickled it")
try:
    obj.__reduce__()
except TypeError:
    pass
print("refused")
""")
    assert (result.returncode, result.stdout) == (0, "refused\n"), result.stderr
