"""cmake --install puts the package into the interpreter's site-packages, as component python."""

import os
import pathlib
import subprocess
import sys

import pytest


def cmake_install(*args, env=None) -> None:
    build = os.environ.get("AUTHMATCH_BUILD_DIR")
    cmake = os.environ.get("AUTHMATCH_CMAKE", "cmake")
    if not build:
        pytest.fail("AUTHMATCH_BUILD_DIR is not set (run the tests through ctest)")
    subprocess.run([cmake, "--install", build, *args], check=True, capture_output=True,
                   env={**os.environ, **(env or {})}, timeout=120)


def installed_files(root: pathlib.Path) -> list:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


def test_the_python_component_installs_an_importable_package(tmp_path):
    stage = tmp_path / "stage"
    cmake_install("--component", "python", env={"DESTDIR": str(stage)})
    packages = [p.parent for p in stage.rglob("authmatch/__init__.py")]
    assert len(packages) == 1
    package = packages[0]
    assert {p.name for p in package.iterdir()} >= {"__init__.py", "__init__.pyi", "_errors.py",
                                                   "py.typed"}
    assert any(p.name.startswith("_authmatch.") and p.suffix == ".so" for p in package.iterdir())
    result = subprocess.run(
        [sys.executable, "-c", "import authmatch; print(authmatch.__file__)"],
        env={"PYTHONPATH": str(package.parent), "PATH": os.environ.get("PATH", "")},
        capture_output=True, text=True, check=True, cwd=tmp_path)
    assert pathlib.Path(result.stdout.strip()).parent == package


def test_the_package_goes_to_the_interpreters_site_packages_by_default(tmp_path):
    import sysconfig

    stage = tmp_path / "stage"
    cmake_install("--component", "python", env={"DESTDIR": str(stage)})
    package = next(stage.rglob("authmatch/__init__.py")).parent
    site = pathlib.Path("/", package.parent.relative_to(stage))
    assert str(site) in sys.path or str(site) == sysconfig.get_paths()["platlib"]


def test_the_library_component_carries_no_python_files(tmp_path):
    prefix = tmp_path / "prefix"
    cmake_install("--component", "Unspecified", "--prefix", str(prefix))
    files = installed_files(prefix)
    assert files, "nothing installed"
    assert not [f for f in files if f.endswith((".py", ".pyi", "py.typed")) or "_authmatch" in f]
