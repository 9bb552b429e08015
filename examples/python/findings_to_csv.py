#!/usr/bin/env python3
"""Validates claim files and writes the findings as CSV, with the standard library only.

    PYTHONPATH=build/test/python python3 examples/python/findings_to_csv.py -o findings.csv

Without inputs it checks the bundled examples (examples/data/*.x12, else claim_lines.csv)
against examples/data/authorizations.csv and rules.csv. Inputs may be X12 837 files or
claim-lines CSV files, told apart by their first bytes; all of them make one run, so units are
consumed across them in date-of-service order. The columns are the command's CSV columns.
Exit status: 0 no deny or error finding, 1 at least one, 2 unusable input.
"""

import argparse
import csv
import datetime
import pathlib
import sys

import authmatch

DATA = pathlib.Path(__file__).resolve().parent.parent / "data"


def as_cell(value) -> str:
    """A finding's value as the command writes it in CSV."""
    if value is None:
        return ""
    if isinstance(value, list):
        return "|".join(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("inputs", nargs="*", type=pathlib.Path, help="837 or claim-lines CSV files")
    parser.add_argument("--auths", type=pathlib.Path, default=DATA / "authorizations.csv")
    parser.add_argument("--rules", type=pathlib.Path, default=DATA / "rules.csv")
    parser.add_argument("-o", "--output", type=pathlib.Path, help="CSV file (default: stdout)")
    args = parser.parse_args()
    inputs = args.inputs or sorted(DATA.glob("*.x12")) or [DATA / "claim_lines.csv"]

    try:
        validator = authmatch.Validator(authmatch.load_authorizations(args.auths),
                                        authmatch.load_rules(args.rules))
        findings = validator.validate(*inputs)
    except (authmatch.Error, OSError) as error:
        print(f"findings_to_csv: {error}", file=sys.stderr)
        return 2

    out = open(args.output, "w", newline="") if args.output else sys.stdout
    try:
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(authmatch.FINDING_FIELDS)
        for finding in findings:
            writer.writerow(as_cell(value) for value in finding.to_dict().values())
    finally:
        if out is not sys.stdout:
            out.close()
    denied = any(f.severity in ("deny", "error") for f in findings)
    print(f"{len(findings)} findings from {len(inputs)} input(s)", file=sys.stderr)
    return 1 if denied else 0


if __name__ == "__main__":
    sys.exit(main())
