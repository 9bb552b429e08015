"""authmatch: check claim lines against prior authorizations before billing.

    import authmatch

    index = authmatch.load_authorizations("examples/data/authorizations.csv")
    rules = authmatch.load_rules("examples/data/rules.csv")
    validator = authmatch.Validator(index, rules)
    report = validator.validate_csv("examples/data/claim_lines.csv")
    for finding in report:
        print(finding.claim_id, finding.line, finding.kind, finding.message)
    print(report.summary["charge_at_risk"])

Findings carry the fields of the CLI's JSON Lines output (see Finding); errors derive from
authmatch.Error. The native work runs without the GIL, so threads validate in parallel.
"""

from __future__ import annotations

import collections.abc as _abc

from ._errors import Error, FieldError, InputError, LedgerError
from ._authmatch import (
    FINDING_FIELDS,
    FINDING_KINDS,
    AuthorizationIndex,
    Enrollment,
    Finding,
    FindingIterator,
    Ledger,
    PayerProfiles,
    ReconcileReport,
    Remittance,
    Report,
    Rules,
    Validator,
    __version__,
    load_authorizations,
    load_enrollment,
    load_payer_profiles,
    load_rules,
    read_835,
    reconcile,
    review,
    rule_presets,
    rules_preset,
    rules_preset_csv,
    to_columns,
)

from ._frames import report_to_pandas as _report_to_pandas
from ._types import *  # noqa: F401,F403  (the stub's type names: FindingKind, Summary, ...)
from ._types import __all__ as _type_names

_abc.Sequence.register(Report)
_abc.Iterator.register(FindingIterator)
Report.to_pandas = _report_to_pandas

__all__ = [
    "FINDING_FIELDS",
    "FINDING_KINDS",
    "AuthorizationIndex",
    "Enrollment",
    "Error",
    "FieldError",
    "Finding",
    "FindingIterator",
    "InputError",
    "LedgerError",
    "Ledger",
    "PayerProfiles",
    "ReconcileReport",
    "Remittance",
    "Report",
    "Rules",
    "Validator",
    "__version__",
    "load_authorizations",
    "load_enrollment",
    "load_payer_profiles",
    "load_rules",
    "read_835",
    "reconcile",
    "review",
    "rule_presets",
    "rules_preset",
    "rules_preset_csv",
    "to_columns",
    *_type_names,
]
