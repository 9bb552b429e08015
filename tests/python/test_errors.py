"""Every error derives from authmatch.Error, carries its place, and never crashes."""

import pickle

import pytest

import authmatch


def test_input_and_field_errors_derive_from_error():
    assert issubclass(authmatch.InputError, authmatch.Error)
    assert issubclass(authmatch.FieldError, authmatch.Error)
    assert issubclass(authmatch.FieldError, ValueError)
    assert issubclass(authmatch.Error, Exception)


def test_an_input_error_reads_file_line_column_message():
    error = authmatch.InputError("bad date", "a.csv", 3, 6)
    assert str(error) == "a.csv:3:6: bad date"
    assert (error.file, error.line, error.column, error.message) == ("a.csv", 3, 6, "bad date")


def test_an_input_error_leaves_out_what_is_not_known():
    assert str(authmatch.InputError("cannot open", "a.csv")) == "a.csv: cannot open"
    assert str(authmatch.InputError("broken")) == "broken"


def test_a_field_error_reads_record_field_message():
    error = authmatch.FieldError("units", "not a quantity", 4)
    assert str(error) == "record 4: units: not a quantity"
    assert str(authmatch.FieldError("units", "not a quantity")) == "units: not a quantity"


@pytest.mark.parametrize("error", [authmatch.InputError("m", "f", 1, 2),
                                   authmatch.FieldError("units", "m", 3)])
def test_errors_pickle_with_their_attributes(error):
    again = pickle.loads(pickle.dumps(error))
    assert type(again) is type(error)
    assert vars(again) == vars(error)


def test_a_file_that_is_not_a_claim_lines_csv_is_an_input_error(example_validator, tmp_path):
    other = tmp_path / "other.csv"
    other.write_text("a,b\n1,2\n")
    with pytest.raises(authmatch.InputError) as caught:
        example_validator.validate_csv(other)
    assert (caught.value.file, caught.value.line) == (str(other), 1)


def test_a_missing_claims_file_is_an_input_error(example_validator, tmp_path):
    with pytest.raises(authmatch.InputError) as caught:
        example_validator.validate_csv(tmp_path / "missing.csv")
    assert caught.value.file == str(tmp_path / "missing.csv")


def test_broken_quoting_is_an_input_error_with_the_line(example_validator):
    text = (b"claim_id,line,member_id,payer_id,code,units,service_date\n"
            b'C1,1,M1,P1,"97110,1,2026-09-08\n')
    with pytest.raises(authmatch.InputError) as caught:
        example_validator.validate_csv(text)
    assert caught.value.file == "<bytes>"
    assert caught.value.line == 2


def test_a_bad_row_in_a_claims_csv_rejects_its_claim_with_the_position(example_validator):
    text = (b"claim_id,line,member_id,payer_id,code,units,service_date\n"
            b"C1,1,M1,P1,97110,1,2026-09-08\n"
            b"C2,1,M1,P1,97110,1,2026-09-31\n")
    report = example_validator.validate_csv(text)
    rejected = [f for f in report if f.kind == "claim_unreadable"]
    assert [f.claim_id for f in rejected] == ["C2"]
    assert rejected[0].message.startswith("<bytes>:3:7: ")
    assert report.summary["claims_rejected"] == 1


def test_validate_csv_needs_at_least_one_source(example_validator):
    with pytest.raises(TypeError):
        example_validator.validate_csv()


def test_a_validator_needs_an_index():
    with pytest.raises(TypeError):
        authmatch.Validator(None)


def test_a_claims_source_that_is_neither_path_nor_bytes_is_a_type_error(example_validator):
    with pytest.raises(TypeError, match="claim-lines CSV"):
        example_validator.validate_csv(3.5)
