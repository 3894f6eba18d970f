"""`make student`: copies of the lessons without their worked solutions, for handing out.

    python tools/make_student.py              # every notebook -> student/
    python tools/make_student.py --out DIR    # somewhere else

A lesson's worked solutions sit in collapsed cells, but only JupyterLab collapses them: GitHub,
nbviewer and VS Code show them. This writes each `notebooks/*.ipynb` (and `notebooks/*/*.ipynb`,
a translated edition say) to `student/` with the solution cells removed and every other cell,
outputs included, left as it is. A solution cell is a cell tagged `solution`, or a code cell
collapsed with `jupyter.source_hidden` that calls an exercise checker (`check(`) or starts with
"# Worked solution" (see `is_solution`); other collapsed cells, plotting code say, stay.

The copies are not paired with a .py (jupytext's `formats` is dropped from their metadata), so
a learner who saves one gets no second file. They still import `ann_helpers`: hand them out with
the course's environment (`requirements.txt`, Binder or a hub).

Standard library only.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
OUT = ROOT / "student"
SOLUTION_TAG = "solution"


def source(cell: dict) -> str:
    text = cell.get("source", "")
    return "".join(text) if isinstance(text, list) else text


def is_solution(cell: dict) -> bool:
    """A worked solution: tagged so, or a collapsed code cell that checks an answer."""
    meta = cell.get("metadata", {})
    if SOLUTION_TAG in meta.get("tags", []):
        return True
    hidden = meta.get("jupyter", {}).get("source_hidden", False)
    text = source(cell)
    return (cell.get("cell_type") == "code" and bool(hidden)
            and ("check(" in text or text.lstrip().startswith("# Worked solution")))


def student_copy(nb: dict) -> tuple[dict, int]:
    """The notebook without its solution cells, and how many were removed."""
    kept = [cell for cell in nb["cells"] if not is_solution(cell)]
    copy = dict(nb, cells=kept)
    meta = dict(nb.get("metadata", {}))
    if "jupytext" in meta:
        meta["jupytext"] = {k: v for k, v in meta["jupytext"].items() if k != "formats"}
    copy["metadata"] = meta
    return copy, len(nb["cells"]) - len(kept)


def notebooks(root: Path) -> list[Path]:
    return sorted(list(root.glob("*.ipynb")) + list(root.glob("*/*.ipynb")))


def write_all(src: Path = NOTEBOOKS, out: Path = OUT) -> list[tuple[Path, int]]:
    written = []
    for path in notebooks(src):
        if ".ipynb_checkpoints" in path.parts:
            continue
        nb = json.loads(path.read_text(encoding="utf-8"))
        copy, removed = student_copy(nb)
        target = out / path.relative_to(src)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(copy, indent=1, ensure_ascii=False) + "\n",
                          encoding="utf-8")
        written.append((target, removed))
    return written


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT, help="folder to write (default student/)")
    args = parser.parse_args(argv)
    written = write_all(NOTEBOOKS, args.out)
    if not written:
        print(f"no notebooks found in {NOTEBOOKS}", file=sys.stderr)
        return 1
    for target, removed in written:
        print(f"{target}: {removed} solution cell{'s' if removed != 1 else ''} removed")
    total = sum(removed for _, removed in written)
    print(f"{len(written)} notebooks, {total} solution cells removed; hand out {args.out}/")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
