"""Authorizations and rules loaded from CSV paths."""

import os
import pathlib

import pytest

import authmatch


def test_authorizations_load_from_a_str_path(examples):
    index = authmatch.load_authorizations(str(examples / "authorizations.csv"))
    assert len(index) == 17


def test_authorizations_load_from_a_pathlib_path(examples):
    assert len(authmatch.load_authorizations(examples / "authorizations.csv")) == 17


def test_authorizations_load_from_a_file_name_that_is_not_utf8(examples, tmp_path):
    name = os.fsencode(tmp_path) + b"/auths-\xff.csv"  # os.listdir gives it surrogate-escaped
    with open(name, "wb") as out:
        out.write((examples / "authorizations.csv").read_bytes())
    assert len(authmatch.load_authorizations(os.fsdecode(name))) == 17


def test_loaded_rows_come_back_normalized_with_python_values(example_index):
    import datetime
    import decimal

    row = example_index[0]
    assert row["auth_number"] == "PT260901"
    assert row["effective_date"] == datetime.date(2026, 9, 1)
    assert row["units"] == decimal.Decimal("12")
    assert row["diagnosis_codes"] == ["M5450", "M5136"]


def test_rules_load_from_a_path(examples):
    rules = authmatch.load_rules(examples / "rules.csv")
    assert len(rules) == 7
    assert rules.requires_auth("61101", "97110")


def test_a_missing_authorization_file_is_an_input_error_naming_it(tmp_path):
    missing = tmp_path / "nope.csv"
    with pytest.raises(authmatch.InputError) as caught:
        authmatch.load_authorizations(missing)
    assert caught.value.file == str(missing)


def test_a_bad_authorization_value_names_file_line_and_column(tmp_path):
    bad = tmp_path / "auths.csv"
    bad.write_text("auth_number,status,payer_id,member_id,code,effective_date,expiration_date\n"
                   "A1,approved,P,M,97110,2026-01-01,2026-12-31\n"
                   "A2,approved,P,M,97110,2026-02-30,2026-12-31\n")
    with pytest.raises(authmatch.InputError) as caught:
        authmatch.load_authorizations(bad)
    error = caught.value
    assert (error.file, error.line, error.column) == (str(bad), 3, 6)
    assert "2026-02-30" in error.message
    assert str(error).startswith(f"{bad}:3:6: ")


def test_a_bad_rule_names_file_and_line(tmp_path):
    bad = tmp_path / "rules.csv"
    bad.write_text("payer_id,code,requires_auth\n*,97*,maybe\n")
    with pytest.raises(authmatch.InputError) as caught:
        authmatch.load_rules(bad)
    assert (caught.value.file, caught.value.line) == (str(bad), 2)


def test_a_path_of_the_wrong_type_is_a_type_error():
    with pytest.raises(TypeError):
        authmatch.load_authorizations(42)


def test_loading_is_all_or_nothing_and_leaves_no_partial_index(tmp_path):
    bad = tmp_path / "auths.csv"
    bad.write_text("auth_number,status,payer_id,member_id,code,effective_date,expiration_date\n"
                   "A1,approved,P,M,97110,2026-01-01,2026-12-31\n"
                   "A2,approved,P,M,97110,2026-01-01,2025-12-31\n")
    index = None
    with pytest.raises(authmatch.InputError):
        index = authmatch.load_authorizations(pathlib.Path(bad))
    assert index is None


def test_authorizations_load_from_bytes_as_from_their_file(examples, example_index):
    index = authmatch.load_authorizations((examples / "authorizations.csv").read_bytes())
    assert list(index) == list(example_index)


def test_rules_load_from_bytes_as_from_their_file(examples, example_rules):
    assert list(authmatch.load_rules((examples / "rules.csv").read_bytes())) == list(example_rules)


def test_a_bad_value_in_bytes_is_placed_in_the_bytes():
    with pytest.raises(authmatch.InputError) as caught:
        authmatch.load_rules(b"payer_id,code,requires_auth\n*,97*,maybe\n")
    assert (caught.value.file, caught.value.line) == ("<bytes>", 2)


READERS = {
    "load_authorizations": authmatch.load_authorizations,
    "load_rules": authmatch.load_rules,
    "validate_csv": authmatch.Validator(authmatch.AuthorizationIndex()).validate_csv,
}


@pytest.mark.parametrize("reader", READERS)
def test_a_directory_is_an_input_error_saying_so(tmp_path, reader):
    with pytest.raises(authmatch.InputError) as caught:
        READERS[reader](tmp_path)
    assert (caught.value.file, caught.value.message) == (str(tmp_path), "is a directory")


def many_rows_with_a_bad_one(rows: int, bad: int) -> bytes:
    lines = ["auth_number,status,payer_id,member_id,code,units,effective_date,expiration_date"]
    for i in range(rows):
        end = "2025-12-31" if i == bad else "2026-12-31"
        lines.append(f"A{i},approved,P,M{i % 100},97110,{i % 30 + 1},2026-01-01,{end}")
    return ("\n".join(lines) + "\n").encode()


@pytest.mark.parametrize("threads", [1, 2, 4])
@pytest.mark.parametrize("given", ["path", "bytes"])
def test_authorizations_load_the_same_on_any_threads(examples, example_index, threads, given):
    path = examples / "authorizations.csv"
    source = path if given == "path" else path.read_bytes()
    assert list(authmatch.load_authorizations(source, threads=threads)) == list(example_index)


@pytest.mark.parametrize("threads", [1, 2])
@pytest.mark.parametrize("given", ["path", "bytes"])
def test_a_bad_row_far_into_a_file_is_the_same_error_on_any_threads(tmp_path, threads, given):
    data = many_rows_with_a_bad_one(20000, 15000)
    path = tmp_path / "auths.csv"
    path.write_bytes(data)
    with pytest.raises(authmatch.InputError) as caught:
        authmatch.load_authorizations(path if given == "path" else data, threads=threads)
    name = str(path) if given == "path" else "<bytes>"
    assert (caught.value.file, caught.value.line, caught.value.column) == (name, 15002, 8)


@pytest.mark.parametrize("threads", [0, 257])
def test_loading_threads_out_of_range_is_a_field_error(examples, threads):
    with pytest.raises(authmatch.FieldError):
        authmatch.load_authorizations(examples / "authorizations.csv", threads=threads)
