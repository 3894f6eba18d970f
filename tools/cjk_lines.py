"""Join the lines of a Chinese paragraph where a line break falls between two CJK characters.

    python tools/cjk_lines.py notebooks/zh-Hant/*.py     # rewrite the lessons' markdown
    python tools/cjk_lines.py --check notebooks/zh-Hant/*.py

Markdown turns a line break inside a paragraph into a space. Between two Latin words that is
right; between two Chinese characters (or a character and full-width punctuation) it shows as a
stray gap in JupyterLab and on the website (Chromium does not drop it). So in the Chinese
lessons a paragraph may wrap only where a space is wanted: this joins every other break.
Headings, list items, tables, quotes, display maths and code blocks start a new line as before.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import jupytext

#: CJK ideographs, full-width forms and CJK punctuation (，。：；「」（） ...)
CJK = r"[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]"
ENDS_CJK = re.compile(CJK + r"\**$")
STARTS_CJK = re.compile(r"^\s*\**" + CJK)
BLOCK_START = re.compile(r"^\s*([-*+]\s|\d+[.)]\s|#|\||>|\$\$|```|<)")


def join_lines(text: str) -> str:
    """`text` (a markdown cell) with the breaks between two CJK characters removed."""
    out: list[str] = []
    fenced = False  # inside ``` or $$ ... $$
    for line in text.split("\n"):
        stripped = line.strip()
        toggles = stripped.startswith("```") or (stripped.startswith("$$") and
                                                 not (len(stripped) > 2 and
                                                      stripped.endswith("$$")))
        previous = out[-1] if out else ""
        if (not fenced and not toggles and out and previous.strip()
                and not BLOCK_START.match(line) and not previous.lstrip().startswith(("|", "#"))
                and ENDS_CJK.search(previous) and STARTS_CJK.match(line)):
            out[-1] = previous + line.lstrip()
        else:
            out.append(line)
        if toggles:
            fenced = not fenced
    return "\n".join(out)


def fix(path: Path, check: bool) -> bool:
    """True when `path` needed (or, with check=False, got) a change."""
    nb = jupytext.read(path)
    changed = False
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            joined = join_lines(cell.source)
            if joined != cell.source:
                changed = True
                cell.source = joined
    if changed and not check:
        jupytext.write(nb, path, fmt="py:percent")
    return changed


def main(argv: list[str]) -> int:
    check = "--check" in argv
    paths = [Path(a) for a in argv if a != "--check"]
    needing = [p for p in paths if fix(p, check)]
    for p in needing:
        print(f"{p}: {'has' if check else 'joined'} line breaks between CJK characters")
    return 1 if check and needing else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
