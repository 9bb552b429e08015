"""A damaged 837 is reported in the findings, not only on stderr."""

from conftest import professional_837, professional_claim


def test_a_missing_trailer_is_an_input_fault_finding(validator):
    text = professional_837([professional_claim("C1"), professional_claim("C2")])
    cut = text[:text.index(b"GE*")]  # no GE, no IEA
    report = validator.validate_837(cut)
    faults = [f for f in report if f.kind == "input_fault"]
    assert [f.severity for f in faults] == ["error", "error"]
    assert "has no GE" in faults[0].message
    assert report.summary["findings_by_kind"]["input_fault"] == 2
    assert report.summary["claims_read"] == 2
