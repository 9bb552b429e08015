"""Claim-lines CSV files are read in chunks, claim by claim, as the command reads them; a file
whose rows of a claim are apart is read whole. Either way: the findings of the same bytes."""

import pytest

import authmatch
from conftest import auth_row

HEADER = "claim_id,line,member_id,payer_id,auth_number,code,units,service_date,charge"


def rows(count: int) -> list:
    """Two-line claims: line 1 carries PT1, line 2 no number; every 9th a date past PT1."""
    out = []
    for n in range(count):
        date = "2026-12-15" if n % 9 == 0 else "2026-09-08"
        out.append(f"C{n},1,M1,61101,PT1,97110,2,{date},55.00")
        out.append(f"C{n},2,M1,61101,,97110,1,{date},55.00")
    return out


def csv_text(lines: list) -> bytes:
    return ("\n".join([HEADER, *lines]) + "\n").encode()


@pytest.fixture(scope="module")
def validator() -> authmatch.Validator:
    return authmatch.Validator(authmatch.AuthorizationIndex([auth_row(units=200)]))


def as_dicts(findings) -> list:
    return [{k: v for k, v in f.to_dict().items() if k != "source"} for f in findings]


READERS = {
    "validate_csv": lambda v, source: v.validate_csv(source),
    "iter_csv": lambda v, source: list(v.iter_csv(source)),
    "validate": lambda v, source: v.validate(source),
}


@pytest.mark.parametrize("reader", READERS)
def test_a_file_in_chunks_gives_the_findings_of_its_bytes(validator, tmp_path, reader):
    data = csv_text(rows(3000))
    path = tmp_path / "lines.csv"
    path.write_bytes(data)
    from_file = as_dicts(READERS[reader](validator, path))
    assert {f["kind"] for f in from_file} >= {"auth_number_missing", "units_exceeded"}
    assert from_file == as_dicts(READERS[reader](validator, data))


@pytest.mark.parametrize("reader", READERS)
def test_a_file_with_a_claims_rows_apart_gives_the_findings_of_its_bytes(validator, tmp_path,
                                                                          reader):
    lines = rows(500)
    lines.append(lines.pop(1))  # C0's second row last
    data = csv_text(lines)
    path = tmp_path / "apart.csv"
    path.write_bytes(data)
    from_file = as_dicts(READERS[reader](validator, path))
    assert [f["line"] for f in from_file if f["claim_id"] == "C0"] == [1, 2]
    assert from_file == as_dicts(READERS[reader](validator, data))


def test_a_file_names_itself_in_its_findings_sources(validator, tmp_path):
    path = tmp_path / "lines.csv"
    path.write_bytes(csv_text(rows(3)))
    assert {f.source.split(":")[0] for f in validator.validate_csv(path)} == {str(path)}


def test_an_837_given_to_validate_csv_is_refused_naming_validate_837(validator, tmp_path,
                                                                      examples):
    with pytest.raises(authmatch.InputError, match="validate_837"):
        validator.validate_csv(examples / "claims_837p.x12")


def test_837_bytes_given_to_validate_csv_are_refused_naming_validate_837(validator, examples):
    with pytest.raises(authmatch.InputError, match="validate_837"):
        validator.validate_csv((examples / "claims_837p.x12").read_bytes())
