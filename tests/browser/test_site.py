"""The website in headless Chromium (`make test-site` builds it and sets ANN_SITE_DIR): the home
page and three lessons in each language load their figures, show typeset maths (no raw $...$)
and no widget text, the Chinese pages render their Chinese text with a CJK font (the font
Chromium actually used, asked through the DevTools protocol), and the language switch and the
full-text search work. The site is served over HTTP from a local port; it needs no internet.

Without ANN_SITE_DIR (a plain `make test`, which does not build the site) these are skipped
with that reason; `make test-site`, which .ci/run calls, runs them."""

from __future__ import annotations

import functools
import http.server
import os
import re
import subprocess
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SITE = Path(os.environ.get("ANN_SITE_DIR", ROOT / "_build" / "html")).resolve()
pytestmark = pytest.mark.skipif(
    "ANN_SITE_DIR" not in os.environ,
    reason="checks the built website: run `make test-site` (it builds the site, then runs these)")

LESSONS = ["03_gradient_descent_1d", "06_loss_function", "09_digits_capstone"]
PAGES = ["00_course_map"] + LESSONS
ZH = "zh-Hant"
RAW_MATH = re.compile(r"\$[^$\n]{1,200}\$|\\\(|\\\[")
WIDGET_TEXT = re.compile(r"Live explorer \(|[VH]Box\(children|Loading widgets|"
                         r"widget-view\+json|model_id")
CJK = re.compile(r"[\u3400-\u9fff]")

# The article's text without its code (code cells may hold mathtext such as "$x$" in strings).
ARTICLE_TEXT = """() => {
    const article = document.querySelector('article').cloneNode(true);
    article.querySelectorAll('pre, code, .highlight, mjx-container').forEach(e => e.remove());
    return article.innerText;
}"""
IMAGES = """() => Array.from(document.querySelectorAll('article img')).map(img => ({
    src: img.getAttribute('src'), ok: img.complete && img.naturalWidth > 0}))"""
MATH = """async () => {
    if (window.MathJax && MathJax.startup && MathJax.startup.promise) {
        await MathJax.startup.promise;
    }
    const spans = Array.from(document.querySelectorAll('article .math'));
    return {spans: spans.length,
            typeset: spans.filter(s => s.querySelector('mjx-container svg')).length,
            errors: document.querySelectorAll('article mjx-merror').length};
}"""
# Mark the first element whose own text is Chinese, for the font query below.
MARK_CJK = r"""() => {
    const walker = document.createTreeWalker(document.querySelector('article'),
                                             NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
        const node = walker.currentNode;
        const el = node.parentElement;
        if (/[\u4e00-\u9fff]{2}/.test(node.data) && !el.closest('pre, code, mjx-container')) {
            el.setAttribute('data-cjk-probe', '1');
            return {text: node.data.trim().slice(0, 40), font: getComputedStyle(el).fontFamily};
        }
    }
    return null;
}"""


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def handle(self):
        try:
            super().handle()
        except (BrokenPipeError, ConnectionResetError):   # the browser went on to the next page
            pass


@pytest.fixture(scope="module")
def site_url():
    assert (SITE / "index.html").is_file(), f"no website in {SITE}: run `make site` first"
    handler = functools.partial(QuietHandler, directory=str(SITE))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def site_page(browser, site_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(30_000)
    page = context.new_page()
    outside: list[str] = []
    errors: list[str] = []
    # Anything asked of another host fails the test (the site must read offline).
    page.on("request", lambda r: None if r.url.startswith((site_url, "data:"))
            else outside.append(r.url))
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.outside, page.errors, page.base = outside, errors, site_url
    try:
        yield page
    finally:
        context.close()


def cjk_families() -> set[str]:
    """The installed font families that cover Traditional Chinese (fontconfig)."""
    out = subprocess.run(["fc-list", ":lang=zh-tw", "family"], capture_output=True,
                         text=True).stdout
    return {name.strip() for line in out.splitlines() for name in line.split(",")}


def open_page(page, path: str):
    response = page.goto(f"{page.base}/{path}")
    assert response is not None and response.ok, f"{path}: HTTP {response and response.status}"
    page.wait_for_load_state("load")
    return page


def test_home_page_leads_to_the_course_map(site_page):
    open_page(site_page, "index.html")
    site_page.wait_for_url(re.compile(r"/00_course_map\.html$"))
    assert "course map" in site_page.locator("article h1").first.inner_text().lower()
    assert site_page.outside == []


@pytest.mark.parametrize("lang", ["en", ZH])
@pytest.mark.parametrize("name", PAGES)
def test_a_page_shows_its_figures_maths_and_no_widget_text(site_page, name, lang):
    path = f"{name}.html" if lang == "en" else f"{ZH}/{name}.html"
    page = open_page(site_page, path)
    assert page.evaluate("document.documentElement.lang") == lang
    images = page.evaluate(IMAGES)
    if name != "00_course_map":
        assert images, f"{path}: no figure"
    assert [img["src"] for img in images if not img["ok"]] == [], f"{path}: figures not loaded"
    math = page.evaluate(MATH)
    assert math["errors"] == 0 and math["typeset"] == math["spans"], f"{path}: {math}"
    text = page.evaluate(ARTICLE_TEXT)
    assert RAW_MATH.findall(text) == [], f"{path}: raw maths shows"
    assert WIDGET_TEXT.findall(page.locator("article").inner_text()) == []
    launch = page.locator(".course-bar a")
    assert launch.count() >= 2, f"{path}: no launch links"
    assert page.outside == [], f"{path} asked other hosts for {page.outside}"
    assert page.errors == [], f"{path}: JavaScript errors {page.errors}"


@pytest.mark.parametrize("name", PAGES)
def test_chinese_text_renders_with_a_cjk_font(site_page, name):
    page = open_page(site_page, f"{ZH}/{name}.html")
    probe = page.evaluate(MARK_CJK)
    assert probe, f"{ZH}/{name}.html: no Chinese text found"
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": "[data-cjk-probe]"})
    fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node["nodeId"]})["fonts"]
    used = {f["familyName"]: f["glyphCount"] for f in fonts}
    cjk = cjk_families()
    assert cjk, "no CJK font installed (apt-get install fonts-wqy-microhei)"
    assert any(family in cjk and count > 0 for family, count in used.items()), \
        f"{probe['text']!r} rendered with {used}, none of them a CJK font ({sorted(cjk)[:5]})"
    # A CJK glyph is as wide as the font is high (a missing glyph's box is not, in general).
    ratio = page.evaluate("""() => {
        const el = document.querySelector('[data-cjk-probe]');
        const style = getComputedStyle(el);
        const ctx = document.createElement('canvas').getContext('2d');
        ctx.font = style.fontSize + ' ' + style.fontFamily;
        return ctx.measureText('國國國國').width / 4 / parseFloat(style.fontSize);
    }""")
    assert 0.9 <= ratio <= 1.1, f"a Chinese glyph is {ratio:.2f} em wide"


def test_the_language_switch_goes_to_the_twin_and_back(site_page):
    page = open_page(site_page, "03_gradient_descent_1d.html")
    page.locator(".course-bar a.course-language").click()
    page.wait_for_url(re.compile(rf"/{ZH}/03_gradient_descent_1d\.html$"))
    page.locator(".course-bar a.course-language").click()
    page.wait_for_url(re.compile(r"/03_gradient_descent_1d\.html$"))
    assert ZH not in page.url


@pytest.mark.parametrize("query, expected", [("gradient descent", "03_gradient_descent_1d"),
                                             ("梯度", f"{ZH}/03_gradient_descent_1d")])
def test_full_text_search_finds_a_lesson(site_page, query, expected):
    page = open_page(site_page, f"search.html?q={query}")
    # Sphinx lists the results one by one (a few ms apart) and fills in the summary line
    # ("Search finished, found N pages ...") only after the last: read the list then.
    page.wait_for_function("""() => {
        const summary = document.querySelector('#search-results p.search-summary');
        return summary !== null && summary.innerText.trim() !== '';
    }""")
    results = page.locator("#search-results ul.search li a")
    hrefs = [a.get_attribute("href") for a in results.all()]
    assert any(h.split("?")[0].split("#")[0] == f"{expected}.html" for h in hrefs), hrefs
