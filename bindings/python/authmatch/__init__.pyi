"""Type stub of the authmatch package (the native module authmatch._authmatch and its errors)."""

import datetime
import decimal
import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any, Literal, TypedDict, final, overload

__version__: str

FindingKind = Literal[
    "auth_missing",
    "auth_number_missing",
    "auth_number_unknown",
    "auth_number_mismatch",
    "auth_not_approved",
    "auth_not_yet_effective",
    "auth_expired",
    "code_mismatch",
    "units_exceeded",
    "provider_mismatch",
    "site_mismatch",
    "diagnosis_mismatch",
    "provider_not_enrolled",
    "referral_missing",
    "referral_exceeded",
    "referral_number_missing",
    "level_of_care_mismatch",
    "component_mismatch",
    "auth_expiring_soon",
    "units_low",
    "claim_replaced",
    "claim_voided",
    "claim_unreadable",
    "input_fault",
]
Severity = Literal["deny", "warn", "info", "error"]

FINDING_KINDS: tuple[FindingKind, ...]
"""Every finding kind, in the order a line's findings are reported."""
FINDING_FIELDS: tuple[str, ...]
"""The fields of a finding in output order: the JSON Lines keys and the CSV header."""

StrPath = str | os.PathLike[str]
DateLike = datetime.date | str
"""A datetime.date (not a datetime.datetime) or an ISO str "YYYY-MM-DD" / "YYYYMMDD"."""
Quantity = decimal.Decimal | int | str
"""Exact, at most 3 decimals past trailing zeros (`"1.0000"` is 1); floats are refused."""
TextList = str | Iterable[str]
"""A list of str or one '|'-separated str."""

class Error(Exception):
    """Base class of every error raised by authmatch."""

class InputError(Error):
    """A file (or bytes) that cannot be used: missing, unreadable, or with a bad value."""

    message: str
    file: str | None
    line: int | None
    """1-based line (CSV) or segment number (X12); None when not known."""
    column: int | None
    """1-based CSV field number (or X12 element); None when not known."""
    def __init__(self, message: str, file: str | None = None, line: int | None = None,
                 column: int | None = None) -> None: ...

class FieldError(Error, ValueError):
    """A value passed from Python that cannot be used; names the field and the record."""

    field: str
    message: str
    record: int | None
    """0-based position of the record in the input, when several were passed."""
    def __init__(self, field: str, message: str, record: int | None = None) -> None: ...

class LedgerError(Error):
    """A utilization ledger that cannot be opened, read or written; the message names the file."""

class AuthorizationRow(TypedDict):
    """One authorization row as AuthorizationIndex returns it (normalized)."""

    auth_number: str
    status: Literal["approved", "pending", "denied", "cancelled", "expired"]
    payer_id: str
    member_id: str
    patient_dob: datetime.date | None
    code: str
    units: decimal.Decimal | None
    units_used: decimal.Decimal
    unit_type: Literal["units", "visits"]
    effective_date: datetime.date
    expiration_date: datetime.date
    rendering_npi: list[str]
    facility_npi: list[str]
    place_of_service: list[str]
    diagnosis_codes: list[str]
    type: Literal["authorization", "referral"]
    level_of_care: Literal["inpatient", "observation", "outpatient"] | None
    claim_type: Literal["professional", "institutional"] | None
    modifiers: list[str]
    requested_date: datetime.date | None
    priority: Literal["standard", "expedited"]
    next_action: str | None
    next_action_due: datetime.date | None

class AuthorizationIndex:
    """Authorizations indexed for matching (see docs/inputs.md).

    Built from an iterable of dicts whose keys are the authorization CSV column names
    (auth_number, status, payer_id, member_id, code, effective_date, expiration_date required;
    type, patient_dob, units, units_used, unit_type, rendering_npi, facility_npi,
    place_of_service, diagnosis_codes, level_of_care, claim_type, modifiers, and the tracker's
    requested_date, priority, next_action, next_action_due optional). All or nothing: a bad row
    raises FieldError. Pickles; safe to
    share between threads.
    """

    def __init__(self, rows: Iterable[Mapping[str, Any]] = ()) -> None: ...
    def add(
        self,
        *,
        auth_number: str,
        status: str,
        payer_id: str,
        member_id: str,
        code: str,
        effective_date: DateLike,
        expiration_date: DateLike,
        patient_dob: DateLike | None = None,
        units: Quantity | None = None,
        units_used: Quantity | None = None,
        unit_type: Literal["units", "visits"] | None = None,
        rendering_npi: TextList | None = None,
        facility_npi: TextList | None = None,
        place_of_service: TextList | None = None,
        diagnosis_codes: TextList | None = None,
        type: Literal["authorization", "referral"] | None = None,
        level_of_care: Literal["inpatient", "observation", "outpatient"] | None = None,
        claim_type: Literal["professional", "institutional"] | None = None,
        modifiers: TextList | None = None,
        requested_date: DateLike | None = None,
        priority: Literal["standard", "expedited"] | None = None,
        next_action: str | None = None,
        next_action_due: DateLike | None = None,
    ) -> int:
        """Adds one row; returns its row number. Raises FieldError, adding nothing, when bad."""
    def __len__(self) -> int: ...
    def __getitem__(self, row: int) -> AuthorizationRow:
        """Row i as a dict with the CSV column names (normalized values, lists as lists)."""
    def __iter__(self) -> Iterator[AuthorizationRow]: ...

RuleLike = (
    Mapping[str, Any] | tuple[str, str, bool | str] | tuple[str, str, bool | str, bool | str]
)

class Rules:
    """Which (payer, code) pairs require prior authorization (see docs/judging.md). Pickles.

    A rule is a dict with the columns of a rules CSV (payer_id, code, requires_auth and the
    optional requires_referral, effective_date, end_date, place_of_service, level_of_care,
    claim_type, with_codes, note, auth_number_format) or a (payer_id, code, requires_auth) tuple.
    """

    def __init__(self, rules: Iterable[RuleLike] = ()) -> None: ...
    @staticmethod
    def merged(*rules: Rules) -> Rules:
        """One set of the given rules in order, as validate reads several --rules files: a later
        set wins ties (Rules.merged(practice, preset)). The sets given are not changed."""
    def add(self, payer_id: str, code: str, requires_auth: bool | str, **scope: Any) -> None:
        """Adds one rule ("*" or a payer; "97110", "70000-79999", "J*" or "*"; yes/no).

        Keywords give where and when it applies (effective_date, end_date, place_of_service,
        level_of_care, claim_type, with_codes), requires_referral, note and auth_number_format
        ("utn").
        """
    def requires_auth(self, payer_id: str, code: str) -> bool:
        """Whether the payer requires authorization for the code, by the rules that apply
        whatever the date, place, claim type and other codes (scoped rules are passed over)."""
    def to_dicts(self) -> list[dict[str, Any]]:
        """The rules as dicts with the columns of a rules CSV, unrestricted columns left out."""
    def requires_referral(self, payer_id: str, code: str) -> bool:
        """Whether the payer requires a referral for the code (scoped rules are passed over)."""
    def __len__(self) -> int: ...
    def __iter__(self) -> Iterator[tuple[str, str, bool]]: ...

class RulePreset(TypedDict):
    name: str
    title: str
    applies: str
    codes: int
    read_on: datetime.date
    sources: list[str]
    coverage: str
    auth_number_format: str

def rule_presets() -> list[RulePreset]:
    """The presets of published authorization lists (medicare-opd, medicare-dmepos,
    medicare-asc-demo, medicare-wiser): codes, sources and the day they were read."""

def rules_preset_csv(name: str, payer_id: str) -> str:
    """A preset's rules for the practice's payer ID, as a rules CSV to review and merge.

    Raises ValueError for an unknown preset or a payer ID that is empty or "*".
    """

def rules_preset(name: str, payer_id: str) -> Rules:
    """A preset's rules for the practice's payer ID, loaded."""

def load_authorizations(path: StrPath | bytes, *, threads: int | None = None) -> AuthorizationIndex:
    """Loads an authorization CSV export from a path or from bytes holding its contents.

    A bad value raises InputError (file, line, column; file "<bytes>" for bytes). From
    threads=2 on (default: the machine's cores) the rows are parsed on a second thread while the
    first adds them, and grouped on two threads.
    """

def load_rules(path: StrPath | bytes) -> Rules:
    """Loads a rules CSV payer_id,code,requires_auth[,requires_referral] from a path or bytes.

    A bad value raises InputError (file, line, column; file "<bytes>" for bytes).
    """

class Enrollment:
    """A provider enrollment roster (see docs/inputs.md), made by load_enrollment().

    A Validator given one reports provider_not_enrolled for a line whose rendering or billing
    NPI is not enrolled with the line's payer on the dates of service; payers with no row are
    not checked. Immutable, pickles, safe to share between threads; len() is the row count.
    """

    def __len__(self) -> int: ...
    def tracks(self, payer_id: str) -> bool:
        """Whether the payer has a row in the roster: only those payers are checked."""

def load_enrollment(path: StrPath | bytes) -> Enrollment:
    """Loads a roster CSV payer_id,npi,status,effective_date,end_date from a path or bytes.

    A bad value, or a header row without rows, raises InputError (file, line, column; file
    "<bytes>" for bytes).
    """

AdjustmentCodes = TypedDict("AdjustmentCodes", {"group": str, "carc": str, "rarc": list[str]})
"""A group code, a CARC and remark codes, as PayerProfiles.codes_for() gives them."""

class PayerProfiles:
    """Payer profiles (see docs/profiles.md), made by load_payer_profiles().

    Which adjustment codes each payer uses: a preset and per-kind overrides, with the payer's
    decision window. A Validator given them gives findings the payer's codes; reconcile()
    compares a payer's codes through them. Immutable, pickles, safe to share between threads;
    len() is the number of payers with a profile of their own ("*" included).
    """

    def __len__(self) -> int: ...
    @property
    def payers(self) -> list[str]:
        """The payers with a profile of their own ("*" included), sorted."""
    def preset(self, payer_id: str) -> Literal["default", "x12_strict", "legacy"]:
        """The payer's preset (that of "*" for a payer without its own, else "default")."""
    def codes_for(
        self,
        payer_id: str,
        kind: FindingKind,
        *,
        number_on_claim: bool = True,
        denied_status: bool = False,
    ) -> AdjustmentCodes:
        """The codes the payer uses for a finding of `kind`; an unknown kind raises FieldError."""
    def decision_window(self, payer_id: str) -> datetime.timedelta | None:
        """How long the payer takes to decide a pending request, when its profile says."""
    @property
    def deactivated_codes(self) -> list[str]:
        """Deactivated CARCs (15, 62, 165) that a profile maps findings to, sorted."""

def load_payer_profiles(path: StrPath | bytes) -> PayerProfiles:
    """Loads payer profiles, CSV payer_id,preset,kind,group,carc,rarc,decision_window, from a path or bytes.

    A bad value raises InputError (file, line, column; file "<bytes>" for bytes).
    """

class Finding:
    """One problem on one claim line (line 0: the whole claim); the fields of docs/findings.md.

    Immutable, compares equal field by field, pickles.
    """

    @property
    def claim_id(self) -> str:
        """CLM01, the patient control number."""
    @property
    def line(self) -> int:
        """The LX line number; 0 for the whole claim."""
    @property
    def kind(self) -> FindingKind:
        """What is wrong, one of FINDING_KINDS."""
    @property
    def severity(self) -> Severity: ...
    @property
    def group(self) -> str:
        """Claim adjustment group code, "CO" (empty for claim_unreadable)."""
    @property
    def carc(self) -> str:
        """Claim adjustment reason code, e.g. "197"."""
    @property
    def rarc(self) -> list[str]:
        """Remittance advice remark codes, e.g. ["N54"]."""
    @property
    def auth_number(self) -> str | None:
        """The authorization compared against, or None."""
    @property
    def member_id(self) -> str: ...
    @property
    def payer_id(self) -> str: ...
    @property
    def code(self) -> str:
        """The billed CPT/HCPCS code."""
    @property
    def service_date(self) -> datetime.date | None:
        """First day of service."""
    @property
    def units(self) -> decimal.Decimal | None:
        """Billed units."""
    @property
    def charge(self) -> decimal.Decimal | None:
        """Line charge, with 2 places."""
    @property
    def expected(self) -> str:
        """What the authorization allows."""
    @property
    def actual(self) -> str:
        """What the claim carries."""
    @property
    def message(self) -> str:
        """One plain sentence with the fix."""
    @property
    def source(self) -> str | None:
        """Where the line (or claim) was read: 'input:position' (837 segment, CSV line, record
        from 1); None when not known. Not in to_dict() nor in equality."""
    def to_dict(self) -> dict[str, Any]:
        """The fields as a dict in FINDING_FIELDS order, with Python values."""
    def __eq__(self, other: object) -> bool: ...
    __hash__: None  # type: ignore[assignment]

class Summary(TypedDict):
    """The counts of a run: the keys of the CLI's --summary JSON."""

    claims_read: int
    claims_validated: int
    claims_rejected: int
    lines_read: int
    every_line_requires_auth: bool
    findings_by_kind: dict[FindingKind, int]
    charge_at_risk: decimal.Decimal
    charge_at_risk_by_payer: dict[str, decimal.Decimal]
    """Each line's charge once, under its payer; payers with nothing at risk left out."""
    charge_at_risk_by_kind: dict[FindingKind, decimal.Decimal]
    """Every kind: each line's charge once per kind it is denied for."""

@final
class Report(Sequence[Finding]):
    """The findings (in the CLI's output order) and the summary of one validation run.

    A collections.abc.Sequence: negative indexes, slices, reversed, `in`, index and count
    (findings compare by value). Pickles, with its findings and summary.
    """

    @overload
    def __getitem__(self, index: int) -> Finding: ...
    @overload
    def __getitem__(self, index: slice) -> list[Finding]: ...
    def __len__(self) -> int: ...
    def __iter__(self) -> Iterator[Finding]: ...
    def __contains__(self, value: object) -> bool: ...
    def index(self, value: Any, start: int = 0, stop: int = ...) -> int:
        """The position of the first finding equal to value; ValueError when there is none."""
    def count(self, value: Any) -> int:
        """How many findings are equal to value."""
    @property
    def findings(self) -> list[Finding]:
        """The findings as a new list."""
    @property
    def summary(self) -> Summary:
        """The run's counts as a dict."""
    def to_columns(self) -> dict[str, list[Any]]:
        """The findings as a dict of lists keyed by FINDING_FIELDS, for pandas.DataFrame."""
    def to_pandas(self, *, exact: bool = False) -> Any:
        """The findings as a pandas.DataFrame with nullable dtypes ("string", "Int64",
        "datetime64[ns]" for service_date, "Float64" for units and charge, or Decimal objects
        with exact=True); rarc joined by '|' as in the CSV; a last column `source`, where each
        finding's line or claim was read (Finding.source)."""
    @overload
    def to_csv(self, path: None = None, *, with_source: bool = False) -> str:
        """The CSV of `authmatch validate --format csv`, byte for byte (CRLF line ends), as a
        str (write it with newline=""); with_source=True adds the last column `source`, as
        `--with-source` does."""
    @overload
    def to_csv(self, path: StrPath, *, with_source: bool = False) -> None:
        """The CSV of `authmatch validate --format csv`, byte for byte, written to path (with
        the last column `source` when with_source=True)."""

@final
class FindingIterator(Iterator[Finding]):
    """The findings of a run, handed out as the run goes on (usage findings and corrections at the end)."""

    def __iter__(self) -> FindingIterator: ...
    def __next__(self) -> Finding: ...
    @property
    def summary(self) -> Summary | None:
        """The run's summary once the iterator is exhausted, else None."""

ClaimLineRecord = Mapping[str, Any]
"""A dict with the claim-lines CSV column names: claim_id, line, member_id, payer_id, code,
units, service_date required; patient_dob, auth_number, modifiers, service_date_end,
rendering_npi, billing_npi, facility_npi, place_of_service, diagnosis_codes, charge, frequency,
original_claim_id, referral_number, level_of_care ("inpatient", "observation", "outpatient") and
claim_type ("professional", "institutional") optional."""

ClaimSource = StrPath | bytes
"""A path to read, or a file's contents as bytes."""

class LedgerRow(TypedDict):
    """One authorization row of a Ledger report (the columns of `authmatch ledger export`)."""

    auth_number: str
    status: str
    payer_id: str
    member_id: str
    code: str
    unit_type: Literal["units", "visits"]
    approved: decimal.Decimal | None
    units_used: decimal.Decimal
    ledger_used: decimal.Decimal
    used_to_date: decimal.Decimal
    remaining: decimal.Decimal | None
    effective_date: datetime.date
    expiration_date: datetime.date
    claims: int

class Ledger:
    """The utilization ledger: usage recorded across runs in one SQLite file.

    Pass it to a Validator method (ledger=...) to count usage across runs; each run records
    its usage in one transaction. Opened read_only it is for rows() and to_csv() only: a run
    given it raises LedgerError. Safe to share between threads.
    """

    def __init__(self, path: str | os.PathLike[str], read_only: bool = False) -> None: ...
    @property
    def path(self) -> os.PathLike[str]: ...
    @property
    def read_only(self) -> bool:
        """True when opened for reports only; a run given this Ledger raises LedgerError."""
    def rows(self, auth_number: str | None = None) -> list[LedgerRow]:
        """Approved, used and remaining per authorization row."""
    def to_csv(self, auth_number: str | None = None) -> str:
        """The rows as `authmatch ledger export` writes them."""

class Validator:
    """Checks claim lines against an AuthorizationIndex and, optionally, Rules.

    Immutable, pickles, safe to call from several threads; the GIL is released while lines are
    read and judged. expiring_days and units_low_percent set the warnings (None: off); with
    an Enrollment, NPIs not enrolled with the line's payer are reported (provider_not_enrolled);
    with PayerProfiles, findings carry each payer's own adjustment codes.
    """

    def __init__(
        self,
        index: AuthorizationIndex,
        rules: Rules | None = None,
        *,
        expiring_days: int | None = 30,
        units_low_percent: Quantity | None = 20,
        enrollment: Enrollment | None = None,
        payer_profiles: PayerProfiles | None = None,
    ) -> None: ...
    @property
    def index(self) -> AuthorizationIndex: ...
    @property
    def rules(self) -> Rules | None:
        """A copy of the rules, or None when every line requires authorization."""
    @property
    def enrollment(self) -> Enrollment | None:
        """The roster NPIs are checked in, or None when enrollment is not checked."""
    @property
    def payer_profiles(self) -> PayerProfiles | None:
        """The profiles whose codes findings carry, or None for the default codes."""
    @property
    def every_line_requires_auth(self) -> bool: ...
    @property
    def expiring_days(self) -> int | None: ...
    @property
    def units_low_percent(self) -> decimal.Decimal | None: ...
    def requires_auth(self, payer_id: str, code: str) -> bool:
        """Whether a line of this payer and code needs an authorization."""
    def validate(
        self, *inputs: ClaimSource | Iterable[ClaimLineRecord], ledger: Ledger | None = None
    ) -> Report:
        """Validates 837 and claim-lines CSV files (paths or bytes, told apart by content) and
        iterables of claim-line records in one run, in order, as the CLI does."""
    def judge_part(self, *inputs: ClaimSource | Iterable[ClaimLineRecord]) -> bytes:
        """Reads and judges one part of a larger batch without settling it: compact bytes for
        join_parts() (docs/scale-out.md)."""
    def join_parts(self, parts: Iterable[bytes], *, ledger: Ledger | None = None) -> Report:
        """Joins parts made by judge_part(), in input order, in one run: the report of
        validate() over all their inputs."""
    def iter_records(
        self, records: Iterable[ClaimLineRecord], *, ledger: Ledger | None = None
    ) -> FindingIterator:
        """Like validate(), reading the records as it goes; a claim's rows must be adjacent."""
    def validate_837(
        self, *sources: ClaimSource, ledger: Ledger | None = None, threads: int | None = None
    ) -> Report:
        """Validates X12 837P/837I files (paths or bytes) in one run, as the CLI does, judging
        on `threads` threads (default: the machine's cores); the same report for any number."""
    def iter_837(
        self, *sources: ClaimSource, ledger: Ledger | None = None, threads: int | None = None
    ) -> FindingIterator:
        """Like validate_837(), reading in chunks on a native thread while you iterate."""
    def validate_csv(
        self, *sources: ClaimSource, ledger: Ledger | None = None, threads: int | None = None
    ) -> Report:
        """Validates claim-lines CSV files (paths or bytes) in one run, as the CLI does, judging
        on `threads` threads (default: the machine's cores); the same report for any number."""
    def iter_csv(
        self, *sources: ClaimSource, ledger: Ledger | None = None, threads: int | None = None
    ) -> FindingIterator:
        """Like validate_csv(), as a FindingIterator."""

def to_columns(findings: Iterable[Finding]) -> dict[str, list[Any]]:
    """Findings as a dict of lists keyed by FINDING_FIELDS, for pandas.DataFrame."""

class RemittanceAdjustment(TypedDict):
    """One adjustment of a CAS segment."""

    group: str
    """CAS01: CO, PR, OA, PI or CR."""
    carc: str
    amount: decimal.Decimal
    quantity: decimal.Decimal | None

class RemittanceLine(TypedDict):
    """One service line (SVC) of an 835, with its claim's identifiers."""

    claim_id: str
    payer_id: str
    payer_claim_number: str
    member_id: str
    line: int
    """REF*6R when the claim's REF*6R values can be line numbers (each a number from 1 to its
    count of lines, no two alike), else the position: the finding's line."""
    position: int
    """1-based SVC ordinal within its claim."""
    control_number: str
    """REF*6R, the line item control number ("" when absent)."""
    code: str
    modifiers: list[str]
    charge: decimal.Decimal
    paid: decimal.Decimal
    units: decimal.Decimal
    service_date: datetime.date | None
    service_date_end: datetime.date | None
    adjustments: list[RemittanceAdjustment]
    remarks: list[str]
    """LQ*HE remark codes."""

class RemittanceClaim(TypedDict):
    """One claim payment (CLP) of an 835 with its lines."""

    claim_id: str
    """CLP01, the 837's CLM01."""
    status: str
    charge: decimal.Decimal
    paid: decimal.Decimal
    payer_claim_number: str
    payer_id: str
    payer_name: str
    member_id: str
    statement_from: datetime.date | None
    statement_to: datetime.date | None
    adjustments: list[RemittanceAdjustment]
    remarks: list[str]
    """MOA and MIA remark codes."""
    lines: list[RemittanceLine]
    file: str
    segment: int
    """The CLP's segment number (the ISA is 1)."""
    byte_offset: int

class RemittanceAdjustmentRow(RemittanceAdjustment):
    """One adjustment of Remittance.adjustments; line and code None for a claim's own."""

    claim_id: str
    payer_id: str
    line: int | None
    code: str | None

class RemittanceRejection(TypedDict):
    """A claim (CLP) that could not be read: where, and what was wrong."""

    claim_id: str
    payer_id: str
    lines: int
    """SVC segments it held: counted, not read."""
    file: str
    segment: int
    element: int
    byte_offset: int
    message: str
    """"file: segment N, element E, byte B: what was wrong"."""

class X12Diagnostic(TypedDict):
    """A problem in an X12 input that did not stop reading."""

    kind: str
    fault: bool
    """True where claims or lines may have been lost (envelope, ignored segments)."""
    file: str
    segment: int
    element: int
    byte_offset: int
    segment_id: str
    claim_id: str | None
    message: str

RemittanceSummary = TypedDict(
    "RemittanceSummary", {"claims_read": int, "claims_rejected": int, "lines_read": int}
)

class Remittance:
    """The claims of an 835 remittance advice, read by read_835() (see docs/remittances.md).

    Lists of plain dicts, made anew at each access: pandas.DataFrame(remittance.lines) gives a
    row per service line. reconcile() takes a Remittance without reading it again. Does not
    pickle (TypeError): pickle its lists.
    """

    @property
    def file(self) -> str:
        """The path read, or "<bytes>"."""
    @property
    def claims(self) -> list[RemittanceClaim]:
        """The claims that could be read, in input order, each with its lines."""
    @property
    def lines(self) -> list[RemittanceLine]:
        """Every service line of the claims that could be read."""
    @property
    def adjustments(self) -> list[RemittanceAdjustmentRow]:
        """Every adjustment of the claims that could be read, claim-level ones included."""
    @property
    def rejected(self) -> list[RemittanceRejection]:
        """The claims that could not be read, with their position."""
    @property
    def diagnostics(self) -> list[X12Diagnostic]:
        """Problems that did not stop reading."""
    @property
    def summary(self) -> RemittanceSummary:
        """claims_read (every CLP), claims_rejected, lines_read (every SVC)."""

def read_835(source: StrPath | bytes) -> Remittance:
    """Reads an X12 835 remittance advice from a path or bytes, as `authmatch reconcile` does.

    A claim that cannot be read is listed in Remittance.rejected with its position; an input
    that is not X12 or holds no claim payment (CLP) raises InputError.
    """

class ReconcileCounts(TypedDict):
    """Counts of service lines (SVC); precision and recall rounded to 4 places, or None."""

    claims_read: int
    lines_read: int
    lines_matched: int
    lines_unmatched: int
    denials_made: int
    denials_predicted: int
    true_positives: int
    missed: int
    false_alarms: int
    precision: float | None
    recall: float | None

class ReconcileSummary(ReconcileCounts):
    """The keys of `authmatch reconcile --summary`."""

    by_payer: dict[str, ReconcileCounts]

class ReconcileRow(ReconcileCounts):
    """One payer and code: the fields of `authmatch reconcile --format jsonl`."""

    payer_id: str
    code: str
    lessons: list[str]

class ReconcileLesson(TypedDict):
    """What a missed denial (or a denial under other codes than predicted) teaches."""

    payer_id: str
    code: str
    adjustment: str
    """The payer's adjustment, "CO-197" or "CO-16 M62"."""
    lines: int
    message: str

class ReconcileReport:
    """What reconcile() found, per payer and code (see docs/remittances.md). Does not pickle."""

    @property
    def summary(self) -> ReconcileSummary:
        """The counts, with the keys of `authmatch reconcile --summary`."""
    @property
    def rows(self) -> list[ReconcileRow]:
        """One dict per payer and code, for pandas.DataFrame."""
    @property
    def lessons(self) -> list[ReconcileLesson]: ...
    @property
    def claims_rejected(self) -> int:
        """Remittance claims that could not be read (their lines count as unmatched)."""
    @property
    def rejected(self) -> list[RemittanceRejection]: ...
    @property
    def diagnostics(self) -> list[X12Diagnostic]: ...
    def to_table(self) -> str:
        """The table `authmatch reconcile --format table` prints, lessons included."""
    def to_csv(self) -> str:
        """The rows as `authmatch reconcile --format csv` writes them."""
    def to_jsonl(self) -> str:
        """The rows as `authmatch reconcile --format jsonl` writes them."""

FindingsSource = StrPath | bytes | Report | Iterable[Finding]
"""A run's JSON Lines as a path or bytes, or its Finding objects."""
RemittanceSource = StrPath | bytes | Remittance

def reconcile(
    findings: FindingsSource,
    remittances: RemittanceSource | Iterable[RemittanceSource],
    rules: Rules | None = None,
    payer_profiles: PayerProfiles | None = None,
) -> ReconcileReport:
    """Compares 835 remittances with a validation run's findings, as `authmatch reconcile` does.

    Findings that are not JSON Lines raise InputError (file, line, column); so do a remittance
    that is not X12 or holds no CLP, and remittances in which no claim could be read.
    """

class ReviewItem(TypedDict):
    """One item of the morning review (see review())."""

    kind: Literal[
        "renewal_due",
        "decision_overdue",
        "quantity_exhausted",
        "quantity_low",
        "enrollment_gap",
        "service_at_risk",
    ]
    severity: Literal["overdue", "due"]
    due_date: datetime.date
    auth_number: str | None
    payer_id: str
    member_id: str
    code: str
    claim_id: str | None
    line: int | None
    next_action: str  # its kind's next action; the tracker's is at the end of message
    message: str

def review(
    index: AuthorizationIndex,
    *,
    as_of: DateLike | None = None,
    ledger: Ledger | None = None,
    enrollment: Enrollment | None = None,
    schedule: StrPath | bytes | None = None,
    rules: Rules | None = None,
    payer_profiles: PayerProfiles | None = None,
) -> list[ReviewItem]:
    """What needs action as of `as_of` (default today), most urgent first (docs/review.md).

    The ledger is only read; a schedule (claim-lines CSV of upcoming services) is judged with
    the rules and yields service_at_risk items. payer_profiles sets each payer's decision window
    (decision_overdue) and the codes the schedule's denials carry, as for a Validator. Raises
    InputError for an unreadable schedule.
    """
