#!/usr/bin/env python3
"""Counts findings and the charge they put at risk by kind and payer, with pandas if installed.

    PYTHONPATH=build/test/python python3 examples/python/findings_by_kind_and_payer.py

Without inputs it checks the bundled examples (examples/data/*.x12, else claim_lines.csv)
against examples/data/authorizations.csv and rules.csv. With pandas the findings become a
DataFrame (authmatch's to_columns() is its input) grouped with groupby; without it the same
table is counted with the standard library. Add --no-pandas to force that path.
"""

import argparse
import collections
import decimal
import pathlib
import sys

import authmatch

DATA = pathlib.Path(__file__).resolve().parent.parent / "data"


def validate(inputs: list, auths: pathlib.Path, rules: pathlib.Path) -> list:
    validator = authmatch.Validator(authmatch.load_authorizations(auths),
                                    authmatch.load_rules(rules))
    findings = []
    for path in inputs:
        with open(path, "rb") as file:
            is_x12 = file.read(64).lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"ISA")
        findings += validator.iter_837(path) if is_x12 else validator.iter_csv(path)
    return findings


def table_with_pandas(findings: list, pandas) -> list:
    frame = pandas.DataFrame(authmatch.to_columns(findings))
    frame["charge"] = frame["charge"].fillna(decimal.Decimal(0))
    grouped = frame.groupby(["kind", "payer_id"]).agg(findings=("kind", "size"),
                                                      charge=("charge", "sum"))
    return [(kind, payer, int(row.findings), decimal.Decimal(row.charge))
            for (kind, payer), row in grouped.iterrows()]


def table_without_pandas(findings: list) -> list:
    counts = collections.Counter()
    charges = collections.defaultdict(decimal.Decimal)
    for finding in findings:
        key = (finding.kind, finding.payer_id)
        counts[key] += 1
        charges[key] += finding.charge or 0
    return [(kind, payer, counts[kind, payer], charges[kind, payer])
            for kind, payer in sorted(counts)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("inputs", nargs="*", type=pathlib.Path, help="837 or claim-lines CSV files")
    parser.add_argument("--auths", type=pathlib.Path, default=DATA / "authorizations.csv")
    parser.add_argument("--rules", type=pathlib.Path, default=DATA / "rules.csv")
    parser.add_argument("--no-pandas", action="store_true", help="count with the standard library")
    args = parser.parse_args()
    inputs = args.inputs or sorted(DATA.glob("*.x12")) or [DATA / "claim_lines.csv"]
    try:
        findings = validate(inputs, args.auths, args.rules)
    except (authmatch.Error, OSError) as error:
        print(f"findings_by_kind_and_payer: {error}", file=sys.stderr)
        return 2

    pandas = None
    if not args.no_pandas:
        try:
            import pandas
        except ImportError:
            print("pandas is not installed: counting with the standard library", file=sys.stderr)
    rows = table_with_pandas(findings, pandas) if pandas else table_without_pandas(findings)

    print(f"{'KIND':<24}{'PAYER':<10}{'FINDINGS':>9}{'CHARGE':>12}")
    for kind, payer, count, charge in rows:
        print(f"{kind:<24}{payer:<10}{count:>9}{charge:>12.2f}")
    print(f"{len(findings)} findings, grouped {'with pandas' if pandas else 'without pandas'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
