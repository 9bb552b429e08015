"""The scripts in examples/python run as documented."""

import os
import subprocess
import sys

import pytest

from conftest import SOURCE_DIR
from test_same_as_cli import run_cli

SCRIPTS = SOURCE_DIR / "examples" / "python"


def run_script(name, *args):
    return subprocess.run([sys.executable, SCRIPTS / name, *map(str, args)], capture_output=True,
                          text=True, timeout=120, cwd=SOURCE_DIR, env=os.environ.copy())


def test_findings_to_csv_writes_what_the_command_writes_as_csv(tmp_path):
    claims = "examples/data/claim_lines.csv"
    output = tmp_path / "findings.csv"
    result = run_script("findings_to_csv.py", "-o", output, claims)
    assert result.returncode == 1, result.stderr  # the examples have deny findings
    with open(output, newline="") as file:
        written = file.read()
    cli = run_cli("--auths", "examples/data/authorizations.csv", "--rules",
                  "examples/data/rules.csv", "--format", "csv", claims)
    assert written.endswith("\r\n")
    assert written.splitlines() == cli.splitlines()  # the command's stdout was read as text


def test_findings_to_csv_checks_the_example_837_files_by_default():
    result = run_script("findings_to_csv.py")
    assert result.returncode == 1, result.stderr
    cli = run_cli("--auths", "examples/data/authorizations.csv", "--rules",
                  "examples/data/rules.csv", "--format", "csv",
                  *sorted((SOURCE_DIR / "examples" / "data").glob("*.x12")))
    assert result.stdout.splitlines() == cli.splitlines()
    assert "4 input(s)" in result.stderr


def test_findings_to_csv_makes_one_run_of_837_and_claim_lines_inputs(tmp_path):
    inputs = ("examples/data/claims_837p.x12", "examples/data/claim_lines.csv")
    result = run_script("findings_to_csv.py", *inputs)
    cli = run_cli("--auths", "examples/data/authorizations.csv", "--rules",
                  "examples/data/rules.csv", "--format", "csv", *inputs)
    assert result.stdout.splitlines() == cli.splitlines()  # units consumed across both


def test_findings_to_csv_exits_2_on_unusable_input(tmp_path):
    result = run_script("findings_to_csv.py", tmp_path / "missing.csv")
    assert result.returncode == 2
    assert "missing.csv" in result.stderr


def test_grouping_without_pandas_counts_every_finding():
    result = run_script("findings_by_kind_and_payer.py", "--no-pandas",
                        "examples/data/claim_lines.csv")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["KIND", "PAYER", "FINDINGS", "CHARGE"]
    assert sum(int(line.split()[2]) for line in lines[1:-1]) == 42
    assert lines[-1] == "42 findings, grouped without pandas"


def test_grouping_with_pandas_gives_the_same_table():
    pytest.importorskip("pandas")
    with_pandas = run_script("findings_by_kind_and_payer.py", "examples/data/claim_lines.csv")
    without = run_script("findings_by_kind_and_payer.py", "--no-pandas",
                         "examples/data/claim_lines.csv")
    assert with_pandas.stdout.splitlines()[:-1] == without.stdout.splitlines()[:-1]
    assert with_pandas.stdout.splitlines()[-1].endswith("with pandas")


def test_grouping_says_when_pandas_is_missing():
    try:
        import pandas  # noqa: F401
        pytest.skip("pandas is installed")
    except ImportError:
        pass
    result = run_script("findings_by_kind_and_payer.py")
    assert result.returncode == 0, result.stderr
    assert "pandas is not installed" in result.stderr
