"""The built wheel works on its own: installed outside the checkout, run from an empty folder.

The wheel is built from a copy of the source tree (so the checkout gets no ``build/``), then
installed with ``--no-deps`` into a fresh virtual environment whose only view of the dev
environment is its third-party packages (a ``.pth`` line naming the dev ``site-packages``;
the editable install's finder there is not run, and ``PYTHONPATH`` is cleared). So ``kg``
and every file it reads come from the wheel: the ontology, shapes, named queries, gazetteer,
curation file, extraction vocabulary and page assets. The store it builds from a sample
article must equal, quad for quad, the one the checkout's code builds.

About 20 s (build 3 s, install 2 s, the commands 12 s, the checkout's build 4 s).
"""

from __future__ import annotations

import difflib
import os
import shutil
import site
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ROOT, SAMPLES

from kg.cli import cli

pytestmark = pytest.mark.wheel

ARTICLE = SAMPLES / "2017-10-14-mayadin.txt"
#: what the wheel is built from: everything else in the checkout is not needed
SOURCES = ("pyproject.toml", "setup.py", "README.md", "kg", "ontology", "queries", "data")
TIMEOUT = 180
PIP = [sys.executable, "-m", "pip"]


def _run(args: list[str | Path], cwd: Path, env: dict[str, str]) -> str:
    done = subprocess.run(
        [str(a) for a in args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )
    assert done.returncode == 0, f"{args} failed:\n{done.stdout}\n{done.stderr}"
    return done.stdout


def _build_wheel(tmp: Path, env: dict[str, str]) -> Path:
    src = tmp / "src"
    src.mkdir()
    for name in SOURCES:
        if (ROOT / name).is_dir():
            ignore = shutil.ignore_patterns("__pycache__", "samples", "*.pyc")
            shutil.copytree(ROOT / name, src / name, ignore=ignore)
        else:
            shutil.copy2(ROOT / name, src / name)
    out = tmp / "dist"
    _run(
        [*PIP, "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(out), str(src)],
        tmp,
        env,
    )
    (wheel,) = out.glob("conflict_kg-*.whl")
    return wheel


def _fresh_venv(tmp: Path, wheel: Path, env: dict[str, str]) -> Path:
    venv = tmp / "venv"
    _run([sys.executable, "-m", "venv", "--without-pip", venv], tmp, env)
    python = venv / "bin" / "python"
    code = "import sysconfig; print(sysconfig.get_path('purelib'))"
    purelib = _run([python, "-c", code], tmp, env)
    # the dev environment's third-party packages, after the venv's own (a plain path line:
    # the .pth files there, among them the editable install of kg, are not processed)
    dev_paths = {sysconfig.get_path(p) for p in ("purelib", "platlib")} | {*site.getsitepackages()}
    Path(purelib.strip(), "dev-packages.pth").write_text("\n".join(sorted(dev_paths)) + "\n")
    _run(
        [*PIP, "--python", str(python), "install", "--no-deps", "--no-index", "-q", str(wheel)],
        tmp,
        env,
    )
    return venv


def test_the_wheel_works_from_an_empty_folder(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "KG_STORE")}
    env.pop("KG_GAZETTEER", None)
    env["KG_CACHE_DIR"] = str(tmp_path / "cache")
    wheel = _build_wheel(tmp_path, env)
    venv = _fresh_venv(tmp_path, wheel, env)
    kg = venv / "bin" / "kg"
    work = tmp_path / "empty"
    work.mkdir()

    where = _run([venv / "bin" / "python", "-c", "import kg; print(kg.__file__)"], work, env)
    assert Path(where.strip()).is_relative_to(venv), where
    out = _run([kg, "build", ARTICLE], work, env)
    assert "1 article (" in out, out
    assert "backers" in _run([kg, "query", "--list"], work, env)
    backers = _run([kg, "query", "backers", "--param", "client=SDF"], work, env)
    assert "Syrian Democratic Forces" in backers, backers
    sponsor = backers.splitlines()[2].split()[0]  # an IRI as shown: it pastes into a query
    ask = _run([kg, "query", "-e", f"ASK {{ {sponsor} ckg:backs ?client }}"], work, env)
    assert ask.strip() == "true", (sponsor, ask)
    assert "actors" in _run([kg, "stats"], work, env)
    _run([kg, "analyze", "blocs"], work, env)
    _run([kg, "validate"], work, env)
    _run([kg, "viz", "-o", "graph.html"], work, env)
    _run([kg, "export", "--format", "nq", "-o", "graph.nq"], work, env)
    assert (work / "graph.html").stat().st_size > 10_000

    checkout = tmp_path / "checkout"
    checkout.mkdir()
    runner = CliRunner()
    store = str(checkout / "kg-store")
    export = ["export", "--store", store, "--format", "nq", "-o", str(checkout / "graph.nq")]
    for args in (["build", str(ARTICLE), "--store", store], export):
        result = runner.invoke(cli, args)
        assert result.exit_code == 0, result.output
    from_wheel = (work / "graph.nq").read_text(encoding="utf-8").splitlines()
    from_checkout = (checkout / "graph.nq").read_text(encoding="utf-8").splitlines()
    assert from_wheel == from_checkout, "\n".join(
        list(difflib.unified_diff(from_checkout, from_wheel, "checkout", "wheel", lineterm=""))[:40]
    )
