import os
import pathlib
import subprocess

import pytest


@pytest.fixture(scope="session")
def examples() -> pathlib.Path:
    return pathlib.Path(os.environ["AUTHMATCH_EXAMPLES"])


@pytest.fixture(scope="session")
def authmatch():
    """Runs the command; returns the completed process (text mode)."""
    binary = os.environ["AUTHMATCH_CLI"]

    def run(*args, stdin=None, cwd=None):
        return subprocess.run([binary, *map(str, args)], input=stdin, capture_output=True,
                              text=True, timeout=120, cwd=cwd)

    return run


def edited(examples, tmp_path, name, *replacements):
    """An example file with pieces of text replaced, (old, new) pairs (each old must be there)."""
    text = (examples / name).read_text()
    for old, new in replacements:
        assert old in text
        text = text.replace(old, new, 1)
    path = tmp_path / name
    path.write_text(text)
    return path
