"""Prove that nbval is strict here: a wrong number in a committed output fails the run, and
`make test` runs the notebooks a second time on OpenBLAS's generic kernel."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest
from conftest import NOTEBOOKS, ROOT, SANITIZE


def _first_checked_number(nb):
    """(cell index, output index, text) of the first checked stream output with a digit."""
    for ci, cell in enumerate(nb["cells"]):
        if cell["cell_type"] != "code" or "nbval-ignore-output" in cell["metadata"].get("tags", []):
            continue
        for oi, out in enumerate(cell["outputs"]):
            if out["output_type"] == "stream" and re.search(r"\d", "".join(out["text"])):
                return ci, oi
    raise AssertionError("no checked number found")


def _nbval(path):
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-o", "addopts=",
         "--nbval", "--nbval-current-env", "--nbval-sanitize-with", str(SANITIZE), str(path)],
        capture_output=True, text=True, cwd=path.parent, timeout=600)


@pytest.fixture(scope="module")
def notebook_01():
    path = sorted(NOTEBOOKS.glob("01_*.ipynb"))
    if not path:
        pytest.fail("notebook 01 is missing")
    return path[0]


def test_corrupted_number_fails_nbval(notebook_01, tmp_path):
    nb = json.loads(notebook_01.read_text())
    ci, oi = _first_checked_number(nb)
    out = nb["cells"][ci]["outputs"][oi]
    text = "".join(out["text"])
    match = re.search(r"\d", text)
    digit = match.group()
    wrong = str((int(digit) + 1) % 10)
    out["text"] = text[: match.start()] + wrong + text[match.end():]
    bad = tmp_path / notebook_01.name
    bad.write_text(json.dumps(nb))
    result = _nbval(bad)
    assert result.returncode != 0, "nbval passed a notebook with a corrupted number:\n" + \
        result.stdout[-2000:]
    assert "1 failed" in result.stdout, result.stdout[-2000:]


def test_sanitizer_only_neutralises_memory_addresses():
    rules = [line for line in SANITIZE.read_text().splitlines()
             if line.strip() and not line.startswith("#")]
    assert rules == ["[memory addresses]", "regex: at 0x[0-9a-fA-F]+", "replace: at 0xADDRESS"]


# OpenBLAS's generic x86-64 kernel; threadpoolctl reports it by its core name, "Katmai" in the
# scipy-openblas builds numpy and scipy ship, "Prescott" in others.
GENERIC_CORES = {"Prescott", "Katmai"}


def test_make_test_runs_every_notebook_again_with_the_generic_blas_kernel():
    makefile = (ROOT / "Makefile").read_text()
    files = re.search(r"^NOTEBOOK_FILES\s*:?=\s*(.+)$", makefile, re.M)
    assert files and "notebooks/*.ipynb" in files.group(1) \
        and "notebooks/*/*.ipynb" in files.group(1), "NOTEBOOK_FILES must glob every notebook"
    recipe = re.search(r"^test:.*\n((?:\t.*\n)+)", makefile, re.M)
    assert recipe, "no test target in the Makefile"
    assert re.search(r"^\tOPENBLAS_CORETYPE=Prescott \$\(PY\) -m pytest .*\$\(NOTEBOOK_FILES\)",
                     recipe.group(1), re.M), recipe.group(1)


def test_openblas_honours_the_generic_kernel_request():
    """Under OPENBLAS_CORETYPE=Prescott every OpenBLAS that numpy and scipy load runs the
    generic kernel (their wheels choose the kernel at run time); if a build ever ignored the
    variable, the second nbval run would repeat the first and this fails."""
    code = ("import json, numpy, scipy.linalg\n"
            "from threadpoolctl import threadpool_info\n"
            "print(json.dumps([i.get('architecture') for i in threadpool_info()"
            " if i['internal_api'] == 'openblas']))\n")
    env = dict(os.environ, OPENBLAS_CORETYPE="Prescott")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env=env, timeout=120)
    assert out.returncode == 0, out.stderr
    cores = json.loads(out.stdout)
    assert cores, "numpy loaded no OpenBLAS"
    assert set(cores) <= GENERIC_CORES, f"OPENBLAS_CORETYPE=Prescott gave kernels {cores}"
