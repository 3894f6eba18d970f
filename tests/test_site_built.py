"""The built website (`make test-site` builds it into _build/html and sets ANN_SITE_DIR): a page
for every notebook, every internal link and image resolving to a file of the site (and every
#fragment to an id on its page), nothing loaded from outside the site, the launch links and the
language switch on every page, the live explorers' notes in place of widget text, the worked
solutions collapsed, and the search index holding both languages.

Without ANN_SITE_DIR (a plain `make test`, which does not build the site) the checks of the
built site are skipped with that reason; `make test-site`, which .ci/run calls, runs them."""

from __future__ import annotations

import json
import os
import re
import sys
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from conftest import ROOT

sys.path[:0] = [str(ROOT / "tools"), str(ROOT / "site")]
import course_site  # noqa: E402
import make_student  # noqa: E402
import repository  # noqa: E402

SITE = Path(os.environ.get("ANN_SITE_DIR", ROOT / "_build" / "html")).resolve()
NEEDS_SITE = pytest.mark.skipif(
    "ANN_SITE_DIR" not in os.environ,
    reason="checks the built website: run `make test-site` (it builds the site, then runs these)")

NOTEBOOKS = sorted(list((ROOT / "notebooks").glob("*.ipynb"))
                   + list((ROOT / "notebooks").glob("*/*.ipynb")))
DOCNAMES = [p.relative_to(ROOT / "notebooks").with_suffix("").as_posix() for p in NOTEBOOKS]
# What a widget shows as text where no widget manager runs (GitHub, a plain HTML export).
WIDGET_TEXT = re.compile(r"Live explorer \(|[VH]Box\(children|Loading widgets|"
                         r"widget-view\+json|model_id")


class Page(HTMLParser):
    """The links, sources, ids and text of one HTML page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.refs: list[tuple[str, str, str]] = []   # (tag, attribute, value)
        self.ids: set[str] = set()
        self.details_summaries: list[str] = []
        self.classes: list[str] = []
        self._in_summary = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name in ("href", "src"):
            if attrs.get(name) is not None:
                self.refs.append((tag, name, attrs[name]))
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "a" and "name" in attrs:
            self.ids.add(attrs["name"])
        self.classes.extend((attrs.get("class") or "").split())
        if tag == "summary":
            self._in_summary = True
            self.details_summaries.append("")

    def handle_endtag(self, tag):
        if tag == "summary":
            self._in_summary = False

    def handle_data(self, data):
        if self._in_summary:
            self.details_summaries[-1] += data


@cache
def parsed(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def html_pages() -> list[Path]:
    return sorted(SITE.rglob("*.html"))


def is_external(url: str) -> bool:
    return bool(urlsplit(url).scheme) or url.startswith("//")


@NEEDS_SITE
def test_every_notebook_has_a_page():
    missing = [d for d in DOCNAMES if not (SITE / f"{d}.html").is_file()]
    assert missing == []
    assert (SITE / "index.html").is_file() and (SITE / "search.html").is_file()
    assert 'url=00_course_map.html' in (SITE / "index.html").read_text()


def broken_refs(site: Path) -> list[str]:
    """Every href/src inside `site` that does not lead to a file of the site (or to an id on
    the page it names)."""
    broken = []
    for path in sorted(site.rglob("*.html")):
        for tag, attr, url in parsed(path).refs:
            if is_external(url) or url.startswith(("mailto:", "javascript:")) or url == "#":
                continue
            parts = urlsplit(url)
            target = (path.parent / unquote(parts.path)).resolve() if parts.path else path
            if target.is_dir():
                target = target / "index.html"
            where = f"{path.relative_to(site)}: <{tag} {attr}={url!r}>"
            if not target.is_file() or site.resolve() not in target.parents:
                broken.append(f"{where}: no such file")
            elif parts.fragment and target.suffix == ".html" \
                    and unquote(parts.fragment) not in parsed(target).ids:
                broken.append(f"{where}: no id {parts.fragment!r} in {target.name}")
    return broken


@NEEDS_SITE
def test_every_internal_link_and_image_resolves():
    assert broken_refs(SITE) == []


def test_the_link_check_finds_broken_links_images_and_fragments(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.html").write_text(
        '<a href="../b.html#x">1</a><a href="../b.html#y">2</a><img src="../_images/no.png">'
        '<a href="#top">3</a><a href="#here" id="here">4</a><script src="c.js"></script>'
        '<a href="https://example.org/">out</a><link href="../../outside.css">')
    (tmp_path / "b.html").write_text('<p id="y"></p>')
    assert broken_refs(tmp_path) == [
        "sub/a.html: <a href='../b.html#x'>: no id 'x' in b.html",
        "sub/a.html: <img src='../_images/no.png'>: no such file",
        "sub/a.html: <a href='#top'>: no id 'top' in a.html",
        "sub/a.html: <script src='c.js'>: no such file",
        "sub/a.html: <link href='../../outside.css'>: no such file",
    ]


@NEEDS_SITE
def test_nothing_is_loaded_from_outside_the_site():
    """Scripts, stylesheets, images and fonts all come from _build/html: it reads offline."""
    outside = []
    for path in html_pages():
        for tag, attr, url in parsed(path).refs:
            if is_external(url) and not (tag == "a" and attr == "href"):
                outside.append(f"{path.relative_to(SITE)}: <{tag} {attr}={url}>")
    for css in SITE.rglob("*.css"):
        for url in re.findall(r"url\(\s*['\"]?([^'\")]+)", css.read_text(encoding="utf-8")):
            if is_external(url) and not url.startswith("data:"):
                outside.append(f"{css.relative_to(SITE)}: url({url})")
        assert "@import url(http" not in css.read_text(encoding="utf-8")
    assert outside == []
    mathjax = SITE / "_static" / "mathjax" / course_site.MATHJAX_FILE
    assert mathjax.stat().st_size > 1_000_000, "MathJax is not bundled"


@NEEDS_SITE
@pytest.mark.parametrize("docname", DOCNAMES)
def test_launch_links_and_language_switch(docname):
    page = parsed(SITE / f"{docname}.html")
    hrefs = [url for tag, _, url in page.refs if tag == "a"]
    notebook = f"notebooks/{docname}.ipynb"
    assert repository.binder_url(notebook) in hrefs
    assert repository.colab_url(notebook) in hrefs
    other = course_site.twin(docname)
    if (ROOT / "notebooks" / f"{other}.ipynb").exists():
        assert course_site.relative_html(docname, other) in hrefs
    lang = "zh-Hant" if docname.startswith("zh-Hant/") else "en"
    assert f'<html class="no-js" lang="{lang}"' in (SITE / f"{docname}.html").read_text()


@NEEDS_SITE
@pytest.mark.parametrize("path", NOTEBOOKS, ids=DOCNAMES)
def test_explorers_show_a_note_and_solutions_are_collapsed(path):
    docname = path.relative_to(ROOT / "notebooks").with_suffix("").as_posix()
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    live = sum(course_site._is_live(c) for c in cells)
    solutions = sum(c["cell_type"] == "code" and make_student.is_solution(c) for c in cells)
    html_path = SITE / f"{docname}.html"
    page = parsed(html_path)
    texts = course_site.TEXTS[course_site.language(docname)]
    assert page.classes.count("course-live-note") == live
    shown = [s.strip() for s in page.details_summaries]
    assert sum(texts["solution"] in s for s in shown) == solutions
    assert WIDGET_TEXT.findall(html_path.read_text(encoding="utf-8")) == []


@NEEDS_SITE
def test_search_index_holds_both_languages():
    index = (SITE / "searchindex.js").read_text(encoding="utf-8")
    assert '"gradient":' in index
    if any(d.startswith("zh-Hant/") for d in DOCNAMES):
        assert json.dumps("梯度") + ":" in index   # Sphinx writes it as "\\u68af\\u5ea6"


@NEEDS_SITE
def test_the_course_maps_list_their_lessons_in_order():
    """The sidebar (Furo's global table of contents) lists the English lessons in course order,
    then the Chinese course map."""
    text = (SITE / "00_course_map.html").read_text(encoding="utf-8")
    sidebar = text[text.index('class="sidebar-tree"'):]
    order = list(dict.fromkeys(re.findall(r'href="([^"#]+\.html)"', sidebar)))
    english = [f"{d}.html" for d in DOCNAMES if "/" not in d and d != "00_course_map"]
    assert [o for o in order if o in english] == english
