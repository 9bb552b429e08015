"""Report.to_pandas(): a run's findings as a pandas.DataFrame with typed, nullable columns."""

from __future__ import annotations

from typing import Any

# The dtype of each finding field's column; the text fields not named here are "string".
_DTYPES = {
    "line": "Int64",
    "service_date": "datetime64[ns]",
    "units": "Float64",
    "charge": "Float64",
}
_EXACT = ("units", "charge")


def report_to_pandas(report: Any, *, exact: bool = False) -> Any:
    """The findings as a pandas.DataFrame, one row per finding, columns FINDING_FIELDS and
    then source (Finding.source: where the line was read, <NA> when not known).

    Text columns (claim_id, kind, rarc, auth_number, ...) have the nullable "string" dtype,
    with <NA> where the JSON Lines output has null (auth_number); rarc is joined by '|' as in
    the CSV. line is "Int64", service_date "datetime64[ns]" (NaT when absent). units and
    charge are "Float64" (nullable float): amounts have at most 3 decimals, so each value is
    the float nearest the exact one and sums are right to the cent; round(2) before comparing.
    With exact=True they are object columns of decimal.Decimal (None when absent), for
    arithmetic without rounding. Needs pandas; raises ImportError when it is not installed.
    """
    import pandas

    columns = report._frame_columns(exact)
    data = {}
    for name, values in columns.items():
        if exact and name in _EXACT:
            data[name] = pandas.Series(values, dtype=object)
        else:
            data[name] = pandas.Series(values, dtype=_DTYPES.get(name, "string"))
    return pandas.DataFrame(data, columns=list(columns))
