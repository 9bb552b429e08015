"""Report: a sequence of findings, the summary as a dict, columns for pandas."""

import collections.abc
import decimal
import gc
import pickle

import pytest

import authmatch
from conftest import auth_row, claim_line, kinds, professional_837, professional_claim


@pytest.fixture(scope="module")
def report(example_validator, examples):
    return example_validator.validate_csv(examples / "claim_lines.csv")


def test_a_report_is_a_sequence_of_findings(report):
    assert isinstance(report, collections.abc.Sequence)
    assert len(report) == 42
    assert all(isinstance(f, authmatch.Finding) for f in report)
    assert report[-1] == report[41]


def test_a_report_slices_into_a_list(report):
    assert report[1:3] == [report[1], report[2]]
    assert report[::-1][0] == report[-1]


@pytest.fixture
def twice(validator):
    """A report of two equal findings (claim C1 read twice) and then another (claim C2)."""
    unknown = professional_837([professional_claim("C1", auth_number="X")])
    exceeded = professional_837([professional_claim("C2", units="13")])
    report = validator.validate_837(unknown, unknown, exceeded)
    assert kinds(report) == ["auth_number_unknown", "auth_number_unknown", "units_exceeded"]
    return report


def test_index_gives_the_position_of_the_first_equal_finding(twice):
    assert [twice.index(f) for f in twice] == [0, 0, 2]
    assert twice.index(pickle.loads(pickle.dumps(twice[1]))) == 0


def test_index_searches_from_start_to_stop_as_list_index_does(twice):
    assert twice.index(twice[0], 1) == 1
    assert twice.index(twice[0], -2) == 1
    assert twice.index(twice[2], -1, 10) == 2
    for start, stop in [(2, 3), (-1, 3)]:
        with pytest.raises(ValueError):
            twice.index(twice[0], start, stop)
    with pytest.raises(ValueError):
        twice.index(twice[2], 0, -1)


def test_index_of_what_is_not_in_the_report_raises_value_error(twice, report):
    with pytest.raises(ValueError):
        twice.index(report[0])
    with pytest.raises(ValueError):
        twice.index("auth_number_unknown")


def test_count_counts_the_equal_findings(twice, report):
    assert [twice.count(f) for f in twice] == [2, 2, 1]
    assert (twice.count(report[0]), twice.count(None)) == (0, 0)


def test_in_finds_an_equal_finding(twice, report):
    assert pickle.loads(pickle.dumps(twice[2])) in twice
    assert report[0] not in twice
    assert "units_exceeded" not in twice


def test_reversed_gives_the_findings_last_first(report):
    assert list(reversed(report)) == list(report)[::-1]


def test_findings_is_a_list(report):
    assert isinstance(report.findings, list)
    assert report.findings == list(report)


def test_an_index_past_the_end_raises_index_error(report):
    with pytest.raises(IndexError):
        report[42]


def test_a_finding_outlives_its_report(validator):
    finding = validator.validate([claim_line(units=13)])[0]
    assert finding.kind == "units_exceeded"


def test_findings_iterated_out_of_a_report_outlive_it(validator):
    findings = list(validator.validate([claim_line(units=13)]))
    gc.collect()
    assert [f.kind for f in findings] == ["units_exceeded"]


def test_the_summary_is_a_dict_with_the_clis_keys(report):
    summary = report.summary
    assert list(summary) == ["claims_read", "claims_validated", "claims_rejected", "lines_read",
                             "every_line_requires_auth", "findings_by_kind", "charge_at_risk",
                             "charge_at_risk_by_payer", "charge_at_risk_by_kind"]
    assert (summary["claims_read"], summary["claims_rejected"], summary["lines_read"]) == (32, 1, 37)
    assert summary["charge_at_risk"] == decimal.Decimal("17820.00")
    assert list(summary["findings_by_kind"]) == list(authmatch.FINDING_KINDS)
    assert sum(summary["findings_by_kind"].values()) == 42


def lines_at_risk(report, kind=None) -> dict:
    """The payer and charge of each line with a deny finding (of `kind`), by the line's position
    in the run: a line's findings are adjacent in a report."""
    at_risk, last, position = {}, None, -1
    for f in report:
        if (f.claim_id, f.line) != last:
            position, last = position + 1, (f.claim_id, f.line)
        if f.severity == "deny" and f.charge is not None and kind in (None, f.kind):
            at_risk[position] = (f.payer_id, f.charge)
    return at_risk


def test_the_charge_at_risk_by_payer_counts_each_line_once(report):
    summary = report.summary
    by_payer = {}
    for payer, charge in lines_at_risk(report).values():
        by_payer[payer] = by_payer.get(payer, 0) + charge
    assert summary["charge_at_risk_by_payer"] == by_payer
    assert sum(summary["charge_at_risk_by_payer"].values()) == summary["charge_at_risk"]
    naive = sum(f.charge for f in report if f.severity == "deny" and f.charge is not None)
    assert naive > summary["charge_at_risk"]  # lines with several findings


def test_the_charge_at_risk_by_kind_counts_each_line_once_per_kind(report):
    by_kind = report.summary["charge_at_risk_by_kind"]
    assert list(by_kind) == list(authmatch.FINDING_KINDS)
    for kind in authmatch.FINDING_KINDS:
        expected = sum(charge for _, charge in lines_at_risk(report, kind).values())
        assert by_kind[kind] == expected, kind
    assert by_kind["auth_expiring_soon"] == decimal.Decimal("0.00")


def test_a_line_denied_twice_counts_once_for_its_payer_and_once_per_kind():
    validator = authmatch.Validator(authmatch.AuthorizationIndex([auth_row(place_of_service="11")]))
    report = validator.validate([claim_line(units=13, place_of_service="22", charge="55.00")])
    assert sorted(kinds(report)) == ["site_mismatch", "units_exceeded"]
    summary = report.summary
    assert summary["charge_at_risk"] == decimal.Decimal("55.00")
    assert summary["charge_at_risk_by_payer"] == {"61101": decimal.Decimal("55.00")}
    assert summary["charge_at_risk_by_kind"]["units_exceeded"] == decimal.Decimal("55.00")
    assert summary["charge_at_risk_by_kind"]["site_mismatch"] == decimal.Decimal("55.00")


def test_the_same_claim_read_twice_puts_both_lines_at_risk(twice):
    assert twice.summary["charge_at_risk_by_payer"] == {"61101": decimal.Decimal("165.00")}


def test_the_summary_says_when_every_line_required_authorization(validator):
    assert validator.validate([claim_line()]).summary["every_line_requires_auth"] is True


def test_to_columns_gives_one_list_per_field(report):
    columns = report.to_columns()
    assert tuple(columns) == authmatch.FINDING_FIELDS
    assert all(len(values) == 42 for values in columns.values())
    assert columns["kind"] == kinds(report)


def test_the_module_to_columns_takes_any_iterable_of_findings(report):
    assert authmatch.to_columns(iter(list(report))) == report.to_columns()
    assert authmatch.to_columns(report) == report.to_columns()


def test_to_columns_of_nothing_has_every_field_empty():
    assert authmatch.to_columns([]) == {field: [] for field in authmatch.FINDING_FIELDS}


def test_to_columns_refuses_what_is_not_a_finding():
    with pytest.raises(TypeError):
        authmatch.to_columns(["auth_missing"])


def test_the_columns_make_a_pandas_data_frame(report):
    pandas = pytest.importorskip("pandas")
    frame = pandas.DataFrame(report.to_columns())
    assert frame.shape == (42, 17)


def test_the_repr_counts_findings_claims_and_lines(report):
    assert repr(report) == "<Report: 42 findings from 32 claims (1 rejected), 37 lines>"


def test_a_report_pickles_with_its_findings_and_summary(report):
    again = pickle.loads(pickle.dumps(report))
    assert type(again) is authmatch.Report
    assert list(again) == list(report)
    assert again.summary == report.summary
    assert repr(again) == repr(report)


def test_a_report_without_rules_pickles_saying_so(validator):
    report = validator.validate([claim_line(units=13)])
    assert pickle.loads(pickle.dumps(report)).summary == report.summary


def test_to_pandas_gives_nullable_typed_columns(report):
    pandas = pytest.importorskip("pandas", reason="pandas is not installed (python3-pandas)")
    frame = report.to_pandas()
    assert list(frame.columns) == [*authmatch.FINDING_FIELDS, "source"]
    assert len(frame) == 42
    dtypes = {name: str(dtype) for name, dtype in frame.dtypes.items()}
    assert dtypes["service_date"] == "datetime64[ns]"
    assert (dtypes["line"], dtypes["units"], dtypes["charge"]) == ("Int64", "Float64", "Float64")
    assert dtypes["claim_id"] == dtypes["rarc"] == dtypes["auth_number"] == "string"
    assert dtypes["source"] == "string"
    unreadable = frame[frame["kind"] == "claim_unreadable"].iloc[0]
    assert pandas.isna(unreadable["auth_number"]) and pandas.isna(unreadable["service_date"])
    assert pandas.isna(unreadable["charge"])


def test_to_pandas_joins_rarc_and_gives_the_values_of_the_findings(report):
    pytest.importorskip("pandas", reason="pandas is not installed (python3-pandas)")
    frame = report.to_pandas()
    for finding, row in zip(report, frame.itertuples(index=False)):
        assert row.rarc == "|".join(finding.rarc)
        if finding.service_date is not None:
            assert row.service_date.date() == finding.service_date
        if finding.charge is not None:
            assert row.charge == float(finding.charge)


def test_to_pandas_exact_keeps_decimals(report):
    pytest.importorskip("pandas", reason="pandas is not installed (python3-pandas)")
    frame = report.to_pandas(exact=True)
    assert list(frame["charge"]) == [f.charge for f in report]
    assert list(frame["units"]) == [f.units for f in report]


def test_charge_at_risk_by_payer_from_the_frame_is_the_summarys(report):
    pytest.importorskip("pandas", reason="pandas is not installed (python3-pandas)")
    frame = report.to_pandas(exact=True)
    denied = frame[frame["severity"] == "deny"].drop_duplicates(["claim_id", "line"])
    by_payer = denied.groupby("payer_id")["charge"].sum()
    assert by_payer.to_dict() == report.summary["charge_at_risk_by_payer"]
