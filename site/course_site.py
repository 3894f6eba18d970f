"""What the course's website adds to a plain myst-nb build (a Sphinx extension, see conf.py).

Each notebook is adjusted as it is read (Sphinx's `source-read`), in memory only; the committed
.ipynb files are never changed:

- a bar at the top of every page: the language switch to the lesson's twin (notebooks/NN.ipynb
  <-> notebooks/zh-Hant/NN.ipynb, when the twin exists) and the launch links, "Launch on Binder"
  (JupyterLab on this lesson) and "Open in Colab", built from `course_repository`
  (pyproject.toml's [project.urls] Repository, through tools/repository.py);
- a live explorer's cell (tagged nbval-ignore-output, its output a widget) shows a short note
  with the same launch links instead of the widget's text: the static picture of the explorer's
  default is the figure in the cell before it;
- a worked solution (tools/make_student.py's `is_solution`) is collapsed in a <details> block
  (myst-nb's hide-cell), and other collapsed code (plotting code) shows its output, code folded;
- each course map gets a hidden table of contents of its lessons in course order (file-name
  order: 00, 01, ...), so the sidebar and the previous/next links follow the course.

At the end of the build the MathJax 3 bundle (from the django-static-mathjax wheel, no CDN) is
copied into _static/mathjax/, and index.html sends the visitor to the English course map.
"""

from __future__ import annotations

import html
import json
import shutil
import sys
from importlib.util import find_spec
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

import make_student  # noqa: E402  (is_solution: one home for "what is a worked solution")
import repository  # noqa: E402

ZH = "zh-Hant"
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
LIVE_TAG = "nbval-ignore-output"
MATHJAX_FILE = "tex-svg-full.js"

TEXTS = {
    "en": {
        "other": "繁體中文",
        "other_title": "這一課的繁體中文版",
        "binder": "Launch on Binder",
        "binder_title": "Run this lesson in JupyterLab on Binder (free, takes a minute to start)",
        "colab": "Open in Colab",
        "colab_title": "Run this lesson in Google Colab (needs a Google account)",
        "live": "Live explorer: the picture above shows it at its starting values. To move its "
                "sliders, run this lesson:",
        "solution": "Show the worked solution",
        "solution_hide": "Hide the worked solution",
        "code": "Show the code",
        "code_hide": "Hide the code",
    },
    ZH: {
        "other": "English",
        "other_title": "This lesson in English",
        "binder": "在 Binder 上執行",
        "binder_title": "在 Binder 的 JupyterLab 中執行這一課（免費，啟動約需一分鐘）",
        "colab": "在 Colab 開啟",
        "colab_title": "在 Google Colab 中執行這一課（需要 Google 帳號）",
        "live": "互動探索器：上圖是它在起始設定下的樣子。要拖動滑桿，請執行這一課：",
        "solution": "顯示參考解答",
        "solution_hide": "隱藏參考解答",
        "code": "顯示程式碼",
        "code_hide": "隱藏程式碼",
    },
}


def language(docname: str) -> str:
    return ZH if docname.startswith(ZH + "/") else "en"


def twin(docname: str) -> str:
    """The same lesson in the other language (a docname, which may not exist)."""
    if docname.startswith(ZH + "/"):
        return docname[len(ZH) + 1:]
    return f"{ZH}/{docname}"


def relative_html(docname: str, target: str) -> str:
    """The link from page `docname` to page `target` (Sphinx's html builder: NAME.html)."""
    depth = docname.count("/")
    return "../" * depth + target + ".html"


def launch_links(docname: str, path: str) -> str:
    """The two launch links for a notebook page, as HTML."""
    notebook = f"notebooks/{docname}.ipynb"
    t = TEXTS[language(docname)]
    binder = repository.binder_url(notebook, path=path)
    colab = repository.colab_url(notebook, path=path)
    return (f'<a class="course-launch-binder" href="{html.escape(binder)}" '
            f'title="{t["binder_title"]}">{t["binder"]}</a> '
            f'<a class="course-launch-colab" href="{html.escape(colab)}" '
            f'title="{t["colab_title"]}">{t["colab"]}</a>')


def top_bar(docname: str, path: str, has_twin: bool) -> str:
    t = TEXTS[language(docname)]
    parts = ['<div class="course-bar">']
    if has_twin:
        other = twin(docname)
        lang = language(other)
        parts.append(f'<a class="course-language" href="{relative_html(docname, other)}" '
                     f'hreflang="{lang}" lang="{lang}" title="{t["other_title"]}">'
                     f'{t["other"]}</a>')
    parts.append(f'<span class="course-launch">{launch_links(docname, path)}</span>')
    parts.append("</div>")
    # An HTML block in MyST markdown ends at a blank line: keep it on one line.
    return "".join(parts)


def _markdown_cell(text: str, cell_id: str) -> dict:
    return {"cell_type": "markdown", "id": cell_id, "metadata": {}, "source": text}


def _is_live(cell: dict) -> bool:
    return (cell.get("cell_type") == "code"
            and LIVE_TAG in cell.get("metadata", {}).get("tags", [])
            and any(WIDGET_MIME in out.get("data", {}) for out in cell.get("outputs", [])))


def adjust(nb: dict, docname: str, path: str, siblings: list[str], has_twin: bool) -> dict:
    """The notebook as the site shows it (see the module's docstring)."""
    t = TEXTS[language(docname)]
    cells = []
    for cell in nb.get("cells", []):
        meta = cell.setdefault("metadata", {})
        tags = meta.setdefault("tags", [])
        if _is_live(cell):
            note = (f'<p class="course-live-note">{t["live"]} '
                    f'{launch_links(docname, path)}</p>')
            cell["outputs"] = [out for out in cell["outputs"]
                               if WIDGET_MIME not in out.get("data", {})
                               and out.get("output_type") != "execute_result"]
            cell["outputs"].append({"output_type": "display_data", "metadata": {},
                                    "data": {"text/html": note}})
        elif cell.get("cell_type") == "code" and make_student.is_solution(cell):
            tags.append("hide-cell")
            meta["mystnb"] = {"code_prompt_show": t["solution"],
                              "code_prompt_hide": t["solution_hide"]}
        elif cell.get("cell_type") == "code" and meta.get("jupyter", {}).get("source_hidden"):
            tags.append("hide-input")
            meta["mystnb"] = {"code_prompt_show": t["code"], "code_prompt_hide": t["code_hide"]}
        cells.append(cell)
    cells.insert(0, _markdown_cell(top_bar(docname, path, has_twin), "course-site-bar"))
    if siblings:
        toc = "\n".join(siblings)
        toctree = f"```{{toctree}}\n:hidden:\n:maxdepth: 1\n\n{toc}\n```"
        cells.append(_markdown_cell(toctree, "course-site-toc"))
    nb["cells"] = cells
    return nb


def is_course_map(docname: str) -> bool:
    return docname.rsplit("/", 1)[-1] == "00_course_map"


def lessons_beside(srcdir: Path, docname: str) -> list[str]:
    """For a course map: the pages of its table of contents, in course order (the Chinese
    course map after the English lessons)."""
    folder = (srcdir / docname).parent
    names = sorted(p.stem for p in folder.glob("*.ipynb") if p.stem != "00_course_map")
    if language(docname) == "en" and (srcdir / ZH / "00_course_map.ipynb").exists():
        names.append(f"{ZH}/00_course_map")
    return names


def on_source_read(app, docname: str, source: list[str]) -> None:
    srcdir = Path(app.srcdir)
    if not (srcdir / f"{docname}.ipynb").exists():
        return
    nb = json.loads(source[0])
    siblings = lessons_beside(srcdir, docname) if is_course_map(docname) else []
    has_twin = (srcdir / f"{twin(docname)}.ipynb").exists()
    adjust(nb, docname, app.config.course_repository, siblings, has_twin)
    source[0] = json.dumps(nb, ensure_ascii=False)


def on_html_page_context(app, pagename, templatename, context, doctree) -> None:
    """The Chinese pages say so (<html lang="zh-Hant">): the browser picks a CJK font."""
    if language(pagename) == ZH:
        context["language"] = ZH
        context["lang_attr"] = ZH


def mathjax_source() -> Path:
    spec = find_spec("mathjax")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("MathJax is missing: install requirements-site.txt "
                           "(django-static-mathjax ships MathJax 3)")
    base = Path(next(iter(spec.submodule_search_locations)))
    path = base / "static" / "mathjax" / "es5" / MATHJAX_FILE
    if not path.is_file():
        raise RuntimeError(f"MathJax is missing: no {path}")
    return path


# Sphinx 9.0's Chinese search data ends with `window.Stemmer = ChineseStemmer;`, a name its
# english-stemmer.js (which the Chinese search uses for Latin words) does not define, so the
# search page stops with "ChineseStemmer is not defined". Point it at the English stemmer.
BROKEN_STEMMER = "window.Stemmer = ChineseStemmer;"
FIXED_STEMMER = "window.Stemmer = EnglishStemmer;  /* course_site: Sphinx 9.0 names ChineseStemmer */"


def fix_search_stemmer(static: Path) -> None:
    path = static / "language_data.js"
    text = path.read_text(encoding="utf-8")
    if BROKEN_STEMMER in text and "ChineseStemmer=" not in text.replace(" ", ""):
        path.write_text(text.replace(BROKEN_STEMMER, FIXED_STEMMER), encoding="utf-8")


def on_build_finished(app, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    out = Path(app.outdir)
    fix_search_stemmer(out / "_static")
    target = out / "_static" / "mathjax"
    target.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(mathjax_source(), target / MATHJAX_FILE)
    root = app.config.root_doc
    (out / "index.html").write_text(
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="refresh" content="0; url={root}.html">'
        f'<link rel="canonical" href="{root}.html"><title>{html.escape(app.config.project)}'
        f'</title></head><body><p><a href="{root}.html">The course map</a> · '
        f'<a href="{ZH}/{root}.html" lang="{ZH}">課程地圖（繁體中文）</a></p></body></html>\n',
        encoding="utf-8")


def setup(app):
    app.add_config_value("course_repository", "", "html", types=[str])
    app.connect("source-read", on_source_read)
    app.connect("html-page-context", on_html_page_context)
    app.connect("build-finished", on_build_finished)
    mathjax_source()  # fail at once, not after the whole build, when MathJax is missing
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
