"""835 remittances: read_835() and Remittance."""

import datetime
import os
import pathlib
import pickle
from decimal import Decimal

import pytest

import authmatch
from conftest import EXAMPLES, professional_837, professional_claim, remittance_835

SAMPLES = pathlib.Path(os.environ.get("AUTHMATCH_SAMPLES", "/nonexistent")) / "835"


def two_claims() -> list:
    """C1: a 97110 line denied CO-197 (REF*6R 1) and a paid 97140 line; C2: one paid line."""
    return [
        ["CLP*C1*1*165*55**12*PCN0001", "CAS*OA*23*0", "NM1*QC*1*DOE*JANE****MI*W100200300",
         "MOA***M62*N54", "DTM*232*20260908", "DTM*233*20260908", "SVC*HC:97110:GP*110*0**2",
         "DTM*472*20260908", "CAS*CO*197*110**16*0*1", "REF*6R*1", "LQ*HE*N54",
         "SVC*HC:97140:GP:59*55*55", "REF*6R*2"],
        ["CLP*C2*1*110*110**12*PCN0002", "NM1*QC*1*DOE*JOHN****MI*W100200301",
         "SVC*HC:97110*110*110**2", "DTM*150*20260910", "DTM*151*20260911"],
    ]


@pytest.fixture
def remittance() -> authmatch.Remittance:
    return authmatch.read_835(remittance_835(two_claims()))


def test_a_claim_has_every_value_of_its_clp(remittance):
    assert remittance.summary == {"claims_read": 2, "claims_rejected": 0, "lines_read": 3}
    claim = remittance.claims[0]
    assert {k: v for k, v in claim.items() if k not in ("lines", "adjustments")} == {
        "claim_id": "C1", "status": "1", "charge": Decimal("165.00"), "paid": Decimal("55.00"),
        "payer_claim_number": "PCN0001", "payer_id": "61101", "payer_name": "TEST PAYER",
        "member_id": "W100200300", "statement_from": datetime.date(2026, 9, 8),
        "statement_to": datetime.date(2026, 9, 8), "remarks": ["M62", "N54"], "file": "<bytes>",
        "segment": 10, "byte_offset": claim["byte_offset"]}
    assert claim["byte_offset"] > 106
    assert claim["adjustments"] == [{"group": "OA", "carc": "23", "amount": Decimal("0.00"),
                                     "quantity": None}]
    assert [line["code"] for line in claim["lines"]] == ["97110", "97140"]


def test_a_line_has_its_values_and_its_claims_identifiers(remittance):
    denied, paid, other = remittance.lines
    assert denied == {
        "claim_id": "C1", "payer_id": "61101", "payer_claim_number": "PCN0001",
        "member_id": "W100200300", "line": 1, "position": 1, "control_number": "1",
        "code": "97110", "modifiers": ["GP"], "charge": Decimal("110.00"), "paid": Decimal("0.00"),
        "units": Decimal("2"), "service_date": datetime.date(2026, 9, 8),
        "service_date_end": datetime.date(2026, 9, 8),
        "adjustments": [
            {"group": "CO", "carc": "197", "amount": Decimal("110.00"), "quantity": None},
            {"group": "CO", "carc": "16", "amount": Decimal("0.00"), "quantity": Decimal("1")}],
        "remarks": ["N54"]}
    assert (paid["line"], paid["modifiers"], paid["units"]) == (2, ["GP", "59"], Decimal("1"))
    assert paid["service_date"] == datetime.date(2026, 9, 8)  # the claim's statement date
    assert (other["claim_id"], other["line"], other["control_number"]) == ("C2", 1, "")
    assert (other["service_date"], other["service_date_end"]) == (datetime.date(2026, 9, 10),
                                                                  datetime.date(2026, 9, 11))


def test_adjustments_are_one_row_each_claim_level_ones_without_a_line(remittance):
    rows = remittance.adjustments
    assert [(r["claim_id"], r["line"], r["code"], r["group"], r["carc"]) for r in rows] == [
        ("C1", None, None, "OA", "23"), ("C1", 1, "97110", "CO", "197"),
        ("C1", 1, "97110", "CO", "16")]
    assert rows[1]["amount"] == Decimal("110.00")


def test_lines_make_a_table_every_row_with_the_same_columns(remittance):
    lines = remittance.lines
    assert all(list(line) == list(lines[0]) for line in lines)
    pandas = pytest.importorskip("pandas")
    frame = pandas.DataFrame(lines)
    assert list(frame.columns) == list(lines[0])
    assert frame.groupby("claim_id")["charge"].sum()["C1"] == Decimal("165.00")


def test_a_path_reads_as_its_bytes(tmp_path):
    path = tmp_path / "remit.835"
    path.write_bytes(remittance_835(two_claims()))
    from_path = authmatch.read_835(path)
    assert from_path.file == str(path)
    assert from_path.lines == authmatch.read_835(path.read_bytes()).lines
    assert authmatch.read_835(str(path)).summary == from_path.summary
    assert repr(from_path) == f"<Remittance {str(path)!r}: 2 claims (0 rejected), 3 lines>"


def test_a_damaged_claim_is_rejected_with_its_position_and_the_next_is_read():
    claims = two_claims()
    claims[0][6] = "SVC*HC:97110:GP*11O*0**2"  # a letter O in the charge
    remittance = authmatch.read_835(remittance_835(claims))
    assert remittance.summary == {"claims_read": 2, "claims_rejected": 1, "lines_read": 3}
    assert [c["claim_id"] for c in remittance.claims] == ["C2"]
    [rejected] = remittance.rejected
    assert {k: rejected[k] for k in ("claim_id", "payer_id", "lines", "file", "segment",
                                     "element")} == {
        "claim_id": "C1", "payer_id": "61101", "lines": 2, "file": "<bytes>", "segment": 16,
        "element": 2}
    assert rejected["message"].startswith(
        f"<bytes>: segment 16, element 2, byte {rejected['byte_offset']}: ")
    assert "SVC02 '11O'" in rejected["message"]


def test_a_damaged_envelope_is_a_fault_among_the_diagnostics():
    text = remittance_835(two_claims()).replace(b"SE*", b"SE*9")
    remittance = authmatch.read_835(text)
    assert len(remittance.claims) == 2
    faults = [d for d in remittance.diagnostics if d["fault"]]
    assert faults and faults[0]["kind"] == "envelope"
    assert faults[0]["segment_id"] == "SE"
    assert faults[0]["segment"] == 28  # ISA GS ST, 6 of the payer, 13 and 5 of the claims, SE


def test_bytes_that_are_not_utf8_are_read_as_u_fffd():
    text = remittance_835(two_claims()).replace(b"PCN0001", b"PCN\xff\xe2\x82")
    claim = authmatch.read_835(text).claims[0]
    assert claim["payer_claim_number"] == "PCN\ufffd\ufffd\ufffd"  # one for each byte
    assert claim["lines"][0]["payer_claim_number"] == claim["payer_claim_number"]


def test_input_that_is_not_x12_is_an_input_error(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("hello\n")
    with pytest.raises(authmatch.InputError) as caught:
        authmatch.read_835(path)
    assert (caught.value.file, caught.value.line) == (str(path), 1)


def test_an_837_is_not_a_usable_835():
    with pytest.raises(authmatch.InputError, match="not a usable 835") as caught:
        authmatch.read_835(professional_837([professional_claim()]))
    assert caught.value.file == "<bytes>"
    assert "not an 835 remittance" in caught.value.message


def test_a_missing_file_is_an_input_error(tmp_path):
    with pytest.raises(authmatch.InputError) as caught:
        authmatch.read_835(tmp_path / "missing.835")
    assert caught.value.file == str(tmp_path / "missing.835")


@pytest.mark.parametrize("source", [42, None, ["remit.835"]])
def test_a_source_that_is_neither_path_nor_bytes_is_a_type_error(source):
    with pytest.raises(TypeError):
        authmatch.read_835(source)


def test_a_remittance_does_not_pickle_but_its_lists_do(remittance):
    with pytest.raises(TypeError, match="cannot pickle 'Remittance' object"):
        pickle.dumps(remittance)
    assert pickle.loads(pickle.dumps(remittance.claims)) == remittance.claims


def test_the_example_remittance_is_read_whole():
    remittance = authmatch.read_835(EXAMPLES / "remittance.835")
    assert remittance.summary == {"claims_read": 20, "claims_rejected": 0, "lines_read": 26}
    assert {c["payer_id"] for c in remittance.claims} == {"61101", "77350", "93044"}
    assert remittance.diagnostics == []


SAMPLE_COUNTS = {  # claims, lines, rejected: as the C++ reader's tests count them
    "lfh_cob-contractural-adjustment.x12": (1, 1, 0),
    "lfh_managed-care.x12": (2, 2, 0),
    "lfh_medicare-part-a.x12": (2, 0, 0),
    "lfh_secondary-payment.x12": (2, 2, 0),
    "lfh_tertiary-payment.x12": (1, 1, 1),
}


@pytest.mark.skipif(not SAMPLES.is_dir(), reason=f"no public 835 samples in {SAMPLES}")
@pytest.mark.parametrize("name", sorted(SAMPLE_COUNTS))
def test_public_samples_are_read_with_exact_counts(name):
    remittance = authmatch.read_835(SAMPLES / name)
    claims, lines, rejected = SAMPLE_COUNTS[name]
    assert remittance.summary == {"claims_read": claims, "claims_rejected": rejected,
                                  "lines_read": lines}
    assert len(remittance.claims) + len(remittance.rejected) == claims
    assert len(remittance.lines) + sum(r["lines"] for r in remittance.rejected) == lines
    assert not [d for d in remittance.diagnostics if d["fault"]]
    assert authmatch.read_835((SAMPLES / name).read_bytes()).lines == remittance.lines


@pytest.mark.skipif(not SAMPLES.is_dir(), reason=f"no public 835 samples in {SAMPLES}")
def test_the_managed_care_samples_values():
    claim = authmatch.read_835(SAMPLES / "lfh_managed-care.x12").claims[0]
    assert (claim["claim_id"], claim["payer_name"], claim["payer_id"]) == (
        "5554555444", "RUSHMORE LIFE", "")
    line = claim["lines"][0]
    assert (line["code"], line["charge"], line["paid"]) == ("99211", Decimal("800.00"),
                                                            Decimal("500.00"))
    assert (line["service_date"], line["service_date_end"]) == (datetime.date(2002, 3, 1),
                                                                datetime.date(2002, 3, 4))
