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


def test_the_readme_names_every_package_install_deps_installs():
    readme = (SOURCE_DIR / "README.md").read_text()
    building = readme.split("\n## Building\n", 1)[1].split("\n## ", 1)[0]
    script = (SOURCE_DIR / "scripts" / "install-deps").read_text()
    listed = script.split("packages=(", 1)[1].split("\n)", 1)[0]
    packages = {word for line in listed.splitlines()
                for word in line.split("#", 1)[0].split()}
    # The build's own libraries are named by what they are; what only the tests use, by package.
    for package in ("chromium", "python3-pytest", "python3-pandas", "python3-dask",
                    "python3-distributed", "clang-format-14", "clang-tidy-14"):
        assert package in packages
        assert f"`{package}`" in building, package


def test_the_readme_says_how_to_open_the_review_page():
    readme = (SOURCE_DIR / "README.md").read_text()
    section = readme.split("\n## The morning review\n", 1)[1].split("\n## ", 1)[0]
    assert "--html review.html" in section
    assert re.search(r"^xdg-open review\.html", section, re.M)
    assert re.search(r"^chromium review\.html", section, re.M)
