"""The provider enrollment roster: load_enrollment(), Enrollment, Validator(enrollment=...)."""

import datetime
import pickle

import pytest

import authmatch
from conftest import EXAMPLES, auth_row, claim_line, kinds, professional_837, professional_claim

HEADER = "payer_id,npi,status,effective_date,end_date\n"
THERAPIST = "1987654328"
BILLING = "1234567893"  # the billing provider of professional_837()


def roster_bytes(*rows: str) -> bytes:
    return (HEADER + "".join(row + "\n" for row in rows)).encode()


@pytest.fixture
def pending_therapist() -> authmatch.Enrollment:
    """Payer 61101: the billing provider enrolled, the therapist pending since September 2026."""
    return authmatch.load_enrollment(roster_bytes(f"61101,{BILLING},enrolled,2019-01-01,",
                                                  f"61101,{THERAPIST},pending,2026-09-01,"))


def validator_with(enrollment) -> authmatch.Validator:
    return authmatch.Validator(authmatch.AuthorizationIndex([auth_row()]), enrollment=enrollment)


def test_a_roster_loads_from_a_path():
    enrollment = authmatch.load_enrollment(EXAMPLES / "enrollment.csv")
    assert len(enrollment) == 10
    assert repr(enrollment) == "<Enrollment: 10 rows>"


def test_a_roster_loads_from_bytes(pending_therapist):
    assert len(pending_therapist) == 2
    assert pending_therapist.tracks("61101")
    assert not pending_therapist.tracks("77350")


def test_a_bad_roster_value_names_bytes_line_and_column():
    with pytest.raises(authmatch.InputError) as caught:
        authmatch.load_enrollment(roster_bytes(f"61101,{THERAPIST},enrolled,2026-01-01,",
                                               f"61101,{THERAPIST},on hold,2026-01-01,"))
    error = caught.value
    assert (error.file, error.line, error.column) == ("<bytes>", 3, 3)
    assert "'on hold' is not an enrollment status" in error.message


def test_a_roster_with_a_header_and_no_rows_is_an_input_error():
    with pytest.raises(authmatch.InputError, match="no enrollment rows"):
        authmatch.load_enrollment(roster_bytes())


def test_a_record_by_a_pending_rendering_provider_is_provider_not_enrolled(pending_therapist):
    found = validator_with(pending_therapist).validate(
        [claim_line(rendering_npi=THERAPIST, billing_npi=BILLING)])
    assert kinds(found) == ["provider_not_enrolled"]
    f = found[0]
    assert (f.severity, f.group, f.carc, f.rarc) == ("deny", "CO", "B7", ["N570"])
    assert f.service_date == datetime.date(2026, 9, 8)
    assert f.expected == "enrolled with payer 61101 on 2026-09-08"
    assert f.actual == "pending since 2026-09-01"
    assert f.message.startswith(f"Rendering NPI {THERAPIST} is not enrolled with payer 61101")


def test_records_of_a_payer_without_rows_are_not_checked(pending_therapist):
    index = authmatch.AuthorizationIndex([auth_row(payer_id="77350")])
    validator = authmatch.Validator(index, enrollment=pending_therapist)
    assert list(validator.validate([claim_line(payer_id="77350", rendering_npi=THERAPIST)])) == []


def test_an_837_given_as_bytes_is_checked_on_its_billing_provider():
    enrollment = authmatch.load_enrollment(roster_bytes(f"61101,{BILLING},enrolled,2026-10-01,"))
    report = validator_with(enrollment).validate_837(
        professional_837([professional_claim("C1", "20260908"),
                          professional_claim("C2", "20261005")]))
    assert [(f.claim_id, f.kind) for f in report] == [("C1", "provider_not_enrolled")]
    assert report[0].actual == "enrolled from 2026-10-01"
    assert report[0].message.startswith(f"Rendering and billing NPI {BILLING} ")
    assert report.summary["findings_by_kind"]["provider_not_enrolled"] == 1


def test_a_validator_names_its_roster(pending_therapist):
    validator = validator_with(pending_therapist)
    assert validator.enrollment is pending_therapist
    assert repr(validator).endswith(", 2 enrollment rows>")
    assert validator_with(None).enrollment is None


def test_a_validator_refuses_a_roster_of_another_type():
    with pytest.raises(TypeError):
        validator_with(EXAMPLES / "enrollment.csv")


def test_a_roster_pickles_with_every_row(pending_therapist):
    again = pickle.loads(pickle.dumps(pending_therapist))
    assert type(again) is authmatch.Enrollment
    assert len(again) == 2
    line = claim_line(rendering_npi=THERAPIST, billing_npi=BILLING)
    assert list(validator_with(again).validate([line])) == \
        list(validator_with(pending_therapist).validate([line]))


def test_a_validator_pickles_with_its_roster(pending_therapist):
    again = pickle.loads(pickle.dumps(validator_with(pending_therapist)))
    assert len(again.enrollment) == 2
    assert kinds(again.validate([claim_line(rendering_npi=THERAPIST)])) == \
        ["provider_not_enrolled"]
