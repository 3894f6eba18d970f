"""Rebuild each notebooks/NN_topic.ipynb from its NN_topic.py and execute it in place.

    python tools/build_notebooks.py            # every notebook
    python tools/build_notebooks.py 03 04      # only those whose name starts with 03 or 04
                                               # (in notebooks/ and in its subfolders)

The .py (jupytext percent format) is the source; it is first rewritten in jupytext's canonical
form, so that the pairing test compares like with like. The executed .ipynb keeps every output
but no execution timings and no widget state, and its cell ids come from the cells' text, so
a rebuild of unchanged code changes nothing but the ids of live widget views.
"""

from __future__ import annotations

import hashlib
import sys
import time
from pathlib import Path

import jupytext
import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}


def notebook_sources(prefixes: list[str]) -> list[Path]:
    # Every lesson, also those of an edition in a subfolder (notebooks/zh-Hant/, say).
    sources = sorted([*NOTEBOOKS.glob("[0-9][0-9]_*.py"), *NOTEBOOKS.glob("*/[0-9][0-9]_*.py")])
    if prefixes:
        sources = [p for p in sources if any(p.name.startswith(x) for x in prefixes)]
    return sources


def canonical_py(py: Path) -> nbformat.NotebookNode:
    """Read the .py, write it back in canonical percent form, return the notebook."""
    nb = jupytext.read(py)
    text = jupytext.writes(nb, fmt="py:percent")
    if py.read_text() != text:
        py.write_text(text)
        print(f"  rewrote {py.name} in canonical jupytext form")
    return jupytext.read(py)


def stable_ids(nb: nbformat.NotebookNode) -> None:
    """Cell ids from the cell's own text (nbformat would draw random ones on every build)."""
    seen: dict[str, int] = {}
    for cell in nb.cells:
        digest = hashlib.sha1((cell.cell_type + cell.source).encode()).hexdigest()[:8]
        seen[digest] = seen.get(digest, 0) + 1
        cell.id = digest if seen[digest] == 1 else f"{digest}-{seen[digest]}"


def merged_streams(outputs: list) -> list:
    """One stream output per run of prints: the kernel may split a print's text over several
    messages differently from run to run."""
    merged: list = []
    for out in outputs:
        prev = merged[-1] if merged else None
        if (out.output_type == "stream" and prev is not None
                and prev.output_type == "stream" and prev.name == out.name):
            prev.text += out.text
        else:
            merged.append(out)
    return merged


def strip_volatile(nb: nbformat.NotebookNode) -> None:
    """Drop what changes from run to run: timings and widget state."""
    nb.metadata.pop("widgets", None)
    jt = nb.metadata.get("jupytext", {})
    if "cell_metadata_filter" in jt:  # jupytext lists the kept keys in set order: sort them
        keys = jt["cell_metadata_filter"].split(",")
        jt["cell_metadata_filter"] = ",".join(sorted(k for k in keys if k != "-all") +
                                              (["-all"] if "-all" in keys else []))
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = merged_streams(cell.outputs)
        cell.metadata.pop("execution", None)
        cell.metadata.pop("ExecuteTime", None)


def build(py: Path) -> None:
    nb = canonical_py(py)
    stable_ids(nb)
    client = NotebookClient(
        nb,
        timeout=600,
        kernel_name="python3",
        resources={"metadata": {"path": str(py.parent)}},
        record_timing=False,
        store_widget_state=False,
    )
    client.execute()
    strip_volatile(nb)
    nb.metadata["kernelspec"] = KERNELSPEC
    jupytext.write(nb, py.with_suffix(".ipynb"), fmt="ipynb")


def main(argv: list[str]) -> int:
    sources = notebook_sources(argv)
    if not sources:
        print(f"no notebook matches {argv}", file=sys.stderr)
        return 2
    for py in sources:
        start = time.perf_counter()
        print(f"building {py.with_suffix('.ipynb').name} ...", flush=True)
        build(py)
        print(f"  done in {time.perf_counter() - start:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
