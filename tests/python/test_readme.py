"""The README's Python quick start works as written."""

import os
import re
import subprocess
import sys

from conftest import SOURCE_DIR


def python_section() -> str:
    readme = (SOURCE_DIR / "README.md").read_text()
    return readme.split("\n## Python\n", 1)[1].split("\n## ", 1)[0]


def test_the_quick_start_runs_from_the_repository_root():
    code = re.search(r"```python\n(.*?)```", python_section(), re.S).group(1)
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=SOURCE_DIR, env=os.environ.copy(), timeout=120)
    assert result.returncode == 0, result.stderr
    assert "PT-5002 1 auth_number_missing 16" in result.stdout
    assert "11935.00" in result.stdout
    assert "<Finding 'PT-5003' line 1 units_exceeded (deny) CO-198 N640" in result.stdout
    assert "<Finding 'C1' line 1 units_exceeded" in result.stdout


def test_the_reconcile_example_runs_from_the_repository_root():
    code = re.findall(r"```python\n(.*?)```", python_section(), re.S)[1]
    assert "authmatch.reconcile(" in code
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=SOURCE_DIR, env=os.environ.copy(), timeout=120)
    assert result.returncode == 0, result.stderr
    assert "{'claims_read': 20, 'claims_rejected': 0, 'lines_read': 26}" in result.stdout
    assert "RSG-10001 97110 88.00 45" in result.stdout
    assert "0.8125 0.9286" in result.stdout
    assert "add `61101,99213,yes` to the rules" in result.stdout
    assert "all           26     14      16         13      1       3" in result.stdout


def test_the_quick_start_names_the_build_trees_package_directory():
    assert "PYTHONPATH=build/test/python /usr/bin/python3" in python_section()
