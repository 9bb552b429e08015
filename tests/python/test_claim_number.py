"""A number carried on a line whose code needs no authorization does not deny it."""

import authmatch
from conftest import auth_row, claim_line


def test_an_office_visit_carrying_the_mri_number_has_no_finding():
    index = authmatch.AuthorizationIndex([auth_row(auth_number="MRI1", code="72148")])
    rules = authmatch.Rules([{"payer_id": "61101", "code": "99213", "requires_auth": False},
                             {"payer_id": "61101", "code": "72148", "requires_auth": True}])
    validator = authmatch.Validator(index, rules, expiring_days=None, units_low_percent=None)
    lines = [claim_line(code="72148", auth_number="MRI1"),
             claim_line(line=2, code="99213", auth_number="MRI1")]
    assert list(validator.validate(lines)) == []
