"""The browser pages, in a real browser: headless Chromium (selenium) against a real uvicorn
serving a store ingested from the seed documents (../shared/corpus/seeds).

Screenshots go to $LEGAL_GRAPH_SCREENSHOTS when set (the README's come from there:
``LEGAL_GRAPH_SCREENSHOTS=docs/screenshots pytest tests/test_pages.py``), else to a temp dir.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from pages_support import (
    chromium,
    chromium_paths,
    console_errors,
    screenshot,
    serve,
    write_tree,
)
from store_support import json_extractor, write_doc

from graph.ingest import ingest
from graph.store import OxigraphStore

CORPUS = Path(__file__).parents[1].parent / "shared" / "corpus"
SEEDS = CORPUS / "seeds"
XSS_TITLE = '<script>window.__xss = "title"</script>Nghị quyết <b>giả</b>'
XSS_QUOTE = '<img src="x" onerror="window.__xss = \'quote\'">Thực hiện Nghị quyết số 52-NQ/TW'

pytestmark = pytest.mark.skipif(
    chromium_paths() is None, reason="needs the Debian packages chromium and chromium-driver"
)


def make_app(store: OxigraphStore) -> Any:
    from api.app import create_app

    return create_app(store=store)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The pages over the seeds plus one document whose title and quote carry markup."""
    store = OxigraphStore(None)
    report = ingest([SEEDS], store, workers=1, progress=False)
    assert report.ok and report.ingested == len(list(SEEDS.glob("*.txt")))
    folder = tmp_path_factory.mktemp("hostile")
    doc = {"key": "vn/cp/2020/nq/999", "symbol": "999/NQ-CP", "title": XSS_TITLE}
    write_doc(
        folder, "hostile.json", doc, [[None, "implements", {"key": "vn/tw/2019/nq/52"}, XSS_QUOTE]]
    )
    assert ingest(
        [folder / "hostile.json"], store, workers=1, progress=False, extractor=json_extractor
    ).ok
    with serve(make_app(store)) as url:
        yield url
    store.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as driver:
        yield driver


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    where = os.environ.get("LEGAL_GRAPH_SCREENSHOTS")
    path = Path(where) if where else tmp_path_factory.mktemp("screenshots")
    path.mkdir(parents=True, exist_ok=True)
    return path


def wait(condition: Callable[[], Any], timeout: float = 30.0, what: str = "condition") -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


def graph_ready(driver: Any, timeout: float = 60.0) -> None:
    wait(
        lambda: driver.execute_script("return document.body.dataset.graph") == "ready",
        timeout,
        "the graph layout",
    )


def node_point(driver: Any, node_id: str) -> tuple[int, int]:
    """Offset of a node from the centre of the canvas element (what selenium's actions use)."""
    x, y, w, h = driver.execute_script(
        "var g = window.legalGraph, id = arguments[0];"
        "var p = g.network.canvasToDOM(g.network.getPositions([id])[id]);"
        "var r = document.getElementById('network').getBoundingClientRect();"
        "return [p.x, p.y, r.width, r.height];",
        node_id,
    )
    return round(x - w / 2), round(y - h / 2)


@pytest.mark.shared
def test_search_resolution_57_open_graph_click_node(browser: Any, site: str, shots: Path) -> None:
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By

    browser.get(site + "/?lang=en")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Find a document"
    box = browser.find_element(By.ID, "q")
    box.send_keys("Resolution 57")
    browser.find_element(By.ID, "search-button").click()
    wait(lambda: browser.find_elements(By.CSS_SELECTOR, "li.result"), what="search results")
    first = browser.find_elements(By.CSS_SELECTOR, "li.result")[0]
    assert first.find_element(By.CSS_SELECTOR, "a.doc-link").text == "57-NQ/TW"
    screenshot(browser, shots / "search.png")

    first.find_element(By.CSS_SELECTOR, "a.graph-link").click()
    graph_ready(browser)
    ids = browser.execute_script("return window.legalGraph.nodes.getIds()")
    center = browser.execute_script(
        "return JSON.parse(document.getElementById('graph-query').textContent).center"
    )
    assert center in ids and len(ids) > 3  # 57-NQ/TW and what implements it in the seeds
    # Physics is off once laid out: positions hold still.
    before = browser.execute_script("return window.legalGraph.network.getPositions()")
    time.sleep(0.5)
    assert browser.execute_script("return window.legalGraph.network.getPositions()") == before

    other = next(i for i in ids if i != center)
    label = browser.execute_script("return window.legalGraph.nodes.get(arguments[0]).label", other)
    canvas = browser.find_element(By.ID, "network")
    dx, dy = node_point(browser, other)
    ActionChains(browser).move_to_element_with_offset(canvas, dx, dy).pause(0.6).perform()
    tooltip = wait(
        lambda: [
            t for t in browser.find_elements(By.CSS_SELECTOR, "div.vis-tooltip") if t.is_displayed()
        ],
        what="the hover tooltip",
    )[0]
    assert (
        label in tooltip.text
        and "Issuer name:" in tooltip.text
        and "Date of the document:" in tooltip.text
    )
    ActionChains(browser).click().perform()
    details = browser.find_element(By.ID, "details")
    wait(details.is_displayed, what="the details panel")
    assert browser.find_element(By.ID, "details-label").text == label
    screenshot(browser, shots / "graph.png")

    # Expanding adds the node's own links without duplicating what is shown.
    n_edges = browser.execute_script("return window.legalGraph.edges.length")
    browser.find_element(By.ID, "details-expand").click()
    wait(
        lambda: browser.execute_script("return document.body.dataset.expanded") is not None,
        what="the expansion",
    )
    assert browser.execute_script("return window.legalGraph.edges.length") >= n_edges
    assert browser.find_element(By.ID, "layout-state").text.startswith("+")

    # The details panel opens the document page.
    browser.find_element(By.ID, "details-open").click()
    wait(lambda: "/doc/" in browser.current_url, what="the document page")
    assert browser.find_element(By.TAG_NAME, "h1").text == label
    assert console_errors(browser) == []


@pytest.mark.shared
def test_document_page_groups_links_and_quotes_come_from_the_text(
    browser: Any, site: str, shots: Path
) -> None:
    from selenium.webdriver.common.by import By

    browser.get(site + "/doc/vn/cp/2020/nq/50?lang=vi")
    assert browser.find_element(By.TAG_NAME, "h1").text == "50/NQ-CP"
    incoming = browser.find_element(By.ID, "in-implements")
    assert incoming.find_element(By.CSS_SELECTOR, "h3.relation").text.startswith(
        "Được thực hiện bởi ("
    )
    quotes = incoming.find_elements(By.CSS_SELECTOR, "blockquote.quote")
    assert quotes
    corpus = re.sub(r"\s+", " ", " ".join(p.read_text("utf-8") for p in SEEDS.glob("*.txt")))
    for q in quotes:
        text = q.find_element(By.CSS_SELECTOR, "span.text").text
        assert re.sub(r"\s+", " ", text).strip() in corpus, text
        assert re.search(r"nêu (\d+ lần )?trong", q.find_element(By.TAG_NAME, "footer").text)
    screenshot(browser, shots / "document.png")
    # a quote leads to its place in the text that states it, marked there
    link = browser.find_elements(By.CSS_SELECTOR, "#in-implements a.in-text")[0]
    quote = (
        link.find_element(By.XPATH, "ancestor::blockquote")
        .find_element(By.CSS_SELECTOR, "span.text")
        .text
    )
    link.click()
    wait(lambda: "/source/" in browser.current_url, what="the source page")
    anchor = browser.current_url.split("#")[1]
    marked = browser.find_element(By.ID, anchor)
    assert re.sub(r"\s+", " ", marked.text).strip() == re.sub(r"\s+", " ", quote).strip()
    assert marked.tag_name == "mark"
    assert console_errors(browser) == []


@pytest.mark.shared
def test_markup_in_titles_and_quotes_is_shown_as_text_and_never_runs(
    browser: Any, site: str
) -> None:
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By

    iri = "https://legal-graph.org/eli/vn/cp/2020/nq/999"
    for path in [
        "/doc/vn/cp/2020/nq/999",
        "/doc/vn/tw/2019/nq/52",
        "/search?q=999/NQ-CP",
        "/graph/vn/cp/2020/nq/999?mode=neighbourhood&depth=1",
    ]:
        browser.get(site + path)
        if "/graph/" in path:
            graph_ready(browser)
            dx, dy = node_point(browser, iri)
            canvas = browser.find_element(By.ID, "network")
            ActionChains(browser).move_to_element_with_offset(canvas, dx, dy).pause(
                0.6
            ).click().perform()
            wait(browser.find_element(By.ID, "details").is_displayed, what="details")
            assert browser.find_element(By.ID, "details-title").text.startswith("<script>")
        body = browser.find_element(By.TAG_NAME, "body").text
        if "999" in path:
            assert "<script>window.__xss" in body, path  # shown, as text
        if "nq/52" in path or path.startswith("/doc/vn/cp"):
            assert '<img src="x"' in body, path
        assert browser.execute_script("return window.__xss") is None, path
        assert not browser.find_elements(By.CSS_SELECTOR, 'img[src="x"]'), path
        assert not browser.find_elements(By.XPATH, "//b[text()='giả']"), path


@pytest.mark.shared
def test_filter_form_redraws_the_graph(browser: Any, site: str) -> None:
    from selenium.webdriver.common.by import By

    browser.get(site + "/graph/vn/cp/2020/nq/50?mode=neighbourhood&depth=2")
    graph_ready(browser)
    browser.find_element(By.CSS_SELECTOR, "input[name=mode][value=lineage]").click()
    for box in browser.find_elements(By.CSS_SELECTOR, "input[name=rel]"):
        if (box.get_attribute("value") == "implements") != box.is_selected():
            box.click()
    browser.find_element(By.ID, "apply").click()
    wait(lambda: "mode=lineage" in browser.current_url, what="the filtered page")
    graph_ready(browser)
    relations = browser.execute_script(
        "return window.legalGraph.edges.get().map(function (e) { return e.relation; })"
    )
    labels = browser.execute_script(
        "return window.legalGraph.nodes.get().map(function (n) { return n.label; })"
    )
    # the seeds report that 50/NQ-CP implements 52-NQ/TW (the root of that chain), nothing more
    assert relations and set(relations) == {"implements"}
    assert "52-NQ/TW" in labels and len(labels) == 2
    assert console_errors(browser) == []


@pytest.mark.shared
def test_filters_limit_relations_and_depth(site: str) -> None:
    def walk(**params: Any) -> dict[str, Any]:
        r = httpx.get(site + "/graph-data/vn/tw/2019/nq/52", params=params)
        assert r.status_code == 200
        return dict(r.json())

    only = walk(mode="impact", depth=3, rel="implements")
    assert only["edges"] and {e["relation"] for e in only["edges"]} == {"implements"}
    shallow, deep = walk(mode="impact", depth=1), walk(mode="impact", depth=3)
    assert len(shallow["nodes"]) < len(deep["nodes"])
    # impact: every document shown reaches 52-NQ/TW by links pointing towards it
    targets = {e["to"] for e in deep["edges"]}
    assert "https://legal-graph.org/eli/vn/tw/2019/nq/52" in targets


@pytest.mark.shared
@pytest.mark.parametrize(
    ("path", "status", "named"),
    [
        ("/graph/vn/tw/2019/nq/52?depth=abc", 422, "depth"),
        ("/graph/vn/tw/2019/nq/52?depth=99", 422, "depth"),
        ("/graph/vn/tw/2019/nq/52?mode=sideways", 422, "mode"),
        ("/graph/vn/tw/2019/nq/52?rel=likes", 422, "rel"),
        ("/doc/vn/xx/1999/nq/0", 404, "vn/xx/1999/nq/0"),
        ("/doc/vn/cp/2020/nq/50%3E%20%3Fp%20%3Fo", 404, "vn/cp/2020/nq/50&gt; ?p ?o"),
        ("/graph/vn/cp/2020/nq/50%3E?mode=impact", 404, "vn/cp/2020/nq/50&gt;"),
        ("/search?q=%22%5C%0A%3E%3C", 200, "&#34;\\\n&gt;&lt;"),
        ("/graph-data/vn/tw/2019/nq/52?depth=-1", 422, "depth"),
        ("/static/pages/../../pyproject.toml", 404, ""),
    ],
)
def test_bad_parameters_get_a_page_naming_them(
    site: str, path: str, status: int, named: str
) -> None:
    r = httpx.get(site + path)
    assert r.status_code == status
    assert named in r.text and "Traceback" not in r.text


@pytest.mark.shared
def test_assets_are_served_locally(site: str) -> None:
    page = httpx.get(site + "/graph/vn/tw/2019/nq/52").text
    scripts = re.findall(r'<(?:script|link)[^>]+(?:src|href)="([^"]+)"', page)
    assert scripts and all(s.startswith((site, "data:")) for s in scripts), scripts
    js = httpx.get(site + "/static/pages/vis-network.min.js")
    assert js.status_code == 200 and "vis" in js.text[:2000]


def test_a_thousand_nodes_lay_out_then_hold_still(browser: Any, shots: Path) -> None:
    from selenium.webdriver.common.by import By

    store = OxigraphStore(None)
    root = write_tree(store, 1000)
    with serve(make_app(store)) as url:
        started = time.monotonic()
        # a first picture of 300 documents, and a way to see more
        browser.get(f"{url}/graph/{root}?mode=impact&depth=4")
        graph_ready(browser, timeout=90)
        assert browser.execute_script("return window.legalGraph.nodes.length") == 300
        more = browser.find_element(By.ID, "show-more").get_attribute("href")
        assert more.endswith("limit=900")
        started = time.monotonic()
        browser.get(f"{url}/graph/{root}?mode=impact&depth=4&limit=1000")
        graph_ready(browser, timeout=90)
        seconds = time.monotonic() - started
        assert browser.execute_script("return window.legalGraph.nodes.length") == 1000
        before = browser.execute_script("return window.legalGraph.network.getPositions()")
        time.sleep(1.0)
        assert browser.execute_script("return window.legalGraph.network.getPositions()") == before
        screenshot(browser, shots / "graph-1000.png")
        assert console_errors(browser) == []
    store.close()
    assert seconds < 60, f"1,000 nodes took {seconds:.1f} s to lay out"


# --- every page, as a user on a desktop and on a phone sees it ---------------------------------

PAGES = [
    "/",
    "/search?q=Resolution+57",
    "/doc/vn/cp/2020/nq/50",
    "/implementation/vn/tw/2019/nq/52",
    "/source/vn/cp/2020/nq/50",
    "/graph/vn/tw/2019/nq/52?mode=impact&depth=2",
]
# Audit of what a screen reader and a low-vision reader need: the page's language, a name for
# every control, no text below 4.5:1 against its background (WCAG AA), nothing wider than the
# screen, and the search button inside it.
AUDIT = """
function lum(c) {
  var m = c.match(/[\\d.]+/g).map(Number);
  var v = m.slice(0, 3).map(function (x) { x /= 255; return x <= 0.03928 ? x / 12.92 : Math.pow((x + 0.055) / 1.055, 2.4); });
  return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2];
}
function bg(el) {
  for (; el; el = el.parentElement) {
    var c = getComputedStyle(el).backgroundColor;
    if (c && !/rgba\\(.*, 0\\)$/.test(c) && c !== "transparent") { return c; }
  }
  return "rgb(255, 255, 255)";
}
function ratio(el) {
  var a = lum(getComputedStyle(el).color), b = lum(bg(el));
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}
var low = [];
document.querySelectorAll("a, button, p, li, td, th, h1, h2, h3, dt, dd, span, label, summary").forEach(function (el) {
  if (!el.offsetParent || !el.textContent.trim() || el.closest("#network")) { return; }
  var r = ratio(el);
  if (r < 4.5) { low.push(el.tagName + " " + el.textContent.trim().slice(0, 30) + " " + r.toFixed(2)); }
});
var unnamed = [];
document.querySelectorAll("input:not([type=hidden]), select, button").forEach(function (el) {
  var named = el.getAttribute("aria-label") || el.closest("label") || (el.id && document.querySelector("label[for='" + el.id + "']")) || el.textContent.trim();
  if (!named) { unnamed.push(el.outerHTML.slice(0, 60)); }
});
var button = document.getElementById("search-button").getBoundingClientRect();
return {lang: document.documentElement.lang, low: low, unnamed: unnamed,
        overflow: document.documentElement.scrollWidth - window.innerWidth,
        button_inside: button.left >= 0 && button.right <= window.innerWidth,
        button_ratio: ratio(document.getElementById("search-button")).toFixed(2)};
"""


@pytest.mark.shared
@pytest.mark.parametrize("width", [1400, 390])
def test_every_page_is_readable_on_desktop_and_phone(
    browser: Any, site: str, shots: Path, width: int
) -> None:
    from selenium.webdriver.common.by import By

    browser.set_window_size(width, 900)
    try:
        for lang in ("vi", "en"):
            for path in PAGES:
                sep = "&" if "?" in path else "?"
                browser.get(f"{site}{path}{sep}lang={lang}")
                if "/graph/" in path:
                    graph_ready(browser)
                found = browser.execute_script(AUDIT)
                assert found["lang"] == lang, path
                assert found["low"] == [] and found["unnamed"] == [], (path, found)
                assert found["overflow"] <= 0 and found["button_inside"], (path, width, found)
                assert float(found["button_ratio"]) >= 4.5
                assert console_errors(browser) == [], path
                heading = browser.find_element(By.TAG_NAME, "h1").text
                assert heading, path
            if width == 390 and lang == "vi":
                screenshot(browser, shots / "graph-mobile.png")
    finally:
        browser.set_window_size(1400, 900)


@pytest.mark.shared
def test_implementation_page_shows_the_chain_the_provinces_and_the_csv(
    browser: Any, site: str
) -> None:
    from selenium.webdriver.common.by import By

    api = httpx.get(site + "/api/coverage", params={"doc": "vn/tw/2019/nq/52"}).json()
    impact = httpx.get(
        site + "/api/impact",
        params={
            "doc": "vn/tw/2019/nq/52",
            "relation": ["implements", "based_on", "guides"],
            "limit": 1000,
        },
    ).json()
    browser.get(site + "/search?q=52-NQ/TW&lang=vi")
    browser.find_elements(By.CSS_SELECTOR, "li.result a.impl-link")[0].click()
    wait(lambda: "/implementation/" in browser.current_url, what="the implementation page")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Tình hình thực hiện: 52-NQ/TW"
    rows = browser.find_elements(By.CSS_SELECTOR, "#coverage tbody tr")
    assert len(rows) == 34
    covered = {r.find_elements(By.TAG_NAME, "td")[0].text: [td.text for td in r.find_elements(By.TAG_NAME, "td")]
               for r in browser.find_elements(By.CSS_SELECTOR, "#coverage tr.covered")}  # fmt: skip
    assert set(covered) == {c["province"] for c in api["covered"]}
    for c in api["covered"]:
        y, m, d = c["first_date"].split("-")
        assert covered[c["province"]][1:] == [
            "đã có",
            covered[c["province"]][2],
            f"{d}/{m}/{y}",
            str(c["lag_days"]),
            str(len(c["documents"])),
        ]
    missing = {
        r.find_element(By.TAG_NAME, "td").text
        for r in browser.find_elements(By.CSS_SELECTOR, "#coverage tr.missing")
    }
    assert missing == set(api["missing"])
    # the chain lists every document the API's impact lists, once, each with its quote
    links = browser.find_elements(
        By.CSS_SELECTOR, "#chain table.steps tbody tr td:nth-child(2) > a"
    )
    keys = sorted(a.get_attribute("href").split("/doc/")[1] for a in links)
    assert keys == sorted(n["doc"]["key"] for n in impact["nodes"])
    quotes = [q.text for q in browser.find_elements(By.CSS_SELECTOR, "#chain td q")]
    assert len(quotes) == len(keys) and all(quotes)
    dates = [td.text for td in browser.find_elements(By.CSS_SELECTOR, "#chain td.date")]
    assert all(re.fullmatch(r"\d\d/\d\d/\d{4}|\d\d/\d{4}|\d{4}|chưa rõ", d) for d in dates), dates
    csv_text = httpx.get(site + "/implementation/vn/tw/2019/nq/52?format=csv").text
    lines = csv_text.strip().splitlines()
    assert lines[0].startswith("level,document,key,date") and len(lines) == 1 + len(keys)
    assert console_errors(browser) == []


@pytest.mark.shared
def test_search_filters_pages_and_reads_a_bare_number_as_a_number(site: str) -> None:
    from selectolax.lexbor import LexborHTMLParser as HTMLParser

    def results(query: str) -> tuple[list[str], HTMLParser]:
        page = HTMLParser(httpx.get(site + "/search?" + query + "&lang=en").text)
        return [a.text() for a in page.css("a.doc-link")], page

    found, page = results("q=2039")
    assert found[0] == "2039/KH-UBND"
    assert "year" not in page.css_first("p.muted").text()
    everything, _ = results("q=Nghị+quyết")
    nq, page = results("q=Nghị+quyết&type=NQ")
    assert nq and all("/NQ" in s or "-NQ" in s for s in nq) and len(nq) <= len(everything)
    assert page.css_first("#filter-type option[selected]").attributes["value"] == "NQ"


@pytest.mark.shared
def test_a_document_known_only_from_citations_says_not_read(site: str) -> None:
    from selectolax.lexbor import LexborHTMLParser as HTMLParser

    page = HTMLParser(httpx.get(site + "/doc/vn/tw/2019/nq/52?lang=en").text)
    assert (
        page.css_first("#meta-read").text() == "not read: known only from the documents citing it"
    )
    assert "None" not in page.css_first("dl.meta").text()


def test_relation_groups_page_by_twenty_in_date_order(browser: Any) -> None:
    from selenium.webdriver.common.by import By

    store = OxigraphStore(None)
    root = write_tree(store, 46, fanout=45)  # the root implemented by 45 documents
    with serve(make_app(store)) as url:
        browser.get(f"{url}/doc/{root}?lang=vi")
        group = browser.find_element(By.ID, "in-implements")
        assert group.find_element(By.CSS_SELECTOR, "h3").text == "Được thực hiện bởi (45)"
        shown = [a.text for a in group.find_elements(By.CSS_SELECTOR, "li.link > a.other")]
        assert len(shown) == 20
        group.find_element(By.CSS_SELECTOR, "a.more").click()
        wait(lambda: "p-in-implements=2" in browser.current_url, what="page 2")
        group = browser.find_element(By.ID, "in-implements")
        second = [a.text for a in group.find_elements(By.CSS_SELECTOR, "li.link > a.other")]
        assert len(second) == 20 and not set(second) & set(shown)
        assert group.find_element(By.CSS_SELECTOR, "nav.pager span").text == "Trang 2/3"
        # one document alone: laid out at once, not stuck at "0%"
        browser.get(f"{url}/graph/{root}?mode=lineage&depth=1")
        graph_ready(browser, timeout=20)
        assert browser.find_element(By.ID, "layout-state").text == "Đã sắp xếp xong."
        assert console_errors(browser) == []
    store.close()


@pytest.mark.shared
def test_graph_tools_edge_quotes_and_table_view(browser: Any, site: str) -> None:
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By

    browser.get(site + "/graph/vn/cp/2020/nq/50?mode=lineage&depth=1&rel=implements&lang=vi")
    graph_ready(browser)
    canvas = browser.find_element(By.ID, "network")
    size = canvas.size
    ids = browser.execute_script("return window.legalGraph.nodes.getIds()")
    a, b = (node_point(browser, i) for i in ids[:2])
    ActionChains(browser).move_to_element_with_offset(
        canvas, (a[0] + b[0]) // 2, (a[1] + b[1]) // 2
    ).click().perform()
    wait(
        lambda: browser.execute_script("return document.body.dataset.edgeQuotes"),
        what="the link's quotes",
    )
    quotes = [q.text for q in browser.find_elements(By.CSS_SELECTOR, "#edge-quotes q")]
    assert quotes and all("52-NQ/TW" in q for q in quotes)
    assert canvas.size == size  # the panel opening does not shrink the drawing
    scale = browser.execute_script("return window.legalGraph.network.getScale()")
    browser.find_element(By.ID, "zoom-in").click()
    assert browser.execute_script("return window.legalGraph.network.getScale()") > scale
    canvas.send_keys("n")
    assert browser.find_element(By.ID, "details-label").text in {
        browser.execute_script("return window.legalGraph.nodes.get(arguments[0]).label", i)
        for i in ids
    }
    find = browser.find_element(By.ID, "graph-find")
    find.send_keys("52-NQ")
    find.send_keys("\n")
    assert browser.find_element(By.ID, "details-label").text == "52-NQ/TW"
    browser.find_element(By.CSS_SELECTOR, "#table-view summary").click()
    rows = [[td.text for td in tr.find_elements(By.TAG_NAME, "td")]
            for tr in browser.find_elements(By.CSS_SELECTOR, "#table-view tbody tr")]  # fmt: skip
    assert rows == [["50/NQ-CP", "thực hiện", "52-NQ/TW"]]
    assert console_errors(browser) == []


def test_an_iri_gives_the_page_to_a_browser_and_rdf_to_a_client(tmp_path: Path) -> None:
    import json

    import rdflib
    from fastapi.testclient import TestClient

    from api.app import create_app
    from graph.config import Settings

    store = OxigraphStore(None)
    root = write_tree(store, 3)
    for base in ("https://legal-graph.org/", "http://laws.example.test/"):
        client = TestClient(
            create_app(Settings(iri_base=base, store_path=str(tmp_path)), store=store)
        )
        page = client.get(f"/eli/{root}", headers={"Accept": "text/html,application/xhtml+xml"})
        assert page.status_code == 200 and "<h1>" in page.text and "0/KH-SYN" in page.text
        ttl = client.get(f"/eli/{root}", headers={"Accept": "text/turtle"})
        assert ttl.headers["content-type"].startswith("text/turtle")
        g = rdflib.Graph().parse(data=ttl.text, format="turtle")
        me = rdflib.URIRef(base + "eli/" + root)
        kids = {
            str(s)
            for s, _, _ in g.triples(
                (None, rdflib.URIRef("https://legal-graph.org/ontology#implements"), me)
            )
        }
        assert kids == {base + "eli/vn/synth/2020/kh/1", base + "eli/vn/synth/2020/kh/2"}
        assert (
            str(g.value(me, rdflib.URIRef("http://data.europa.eu/eli/ontology#id_local")))
            == "0/KH-SYN"
        )
        ld = client.get(f"/eli/{root}", headers={"Accept": "application/ld+json"})
        assert ld.headers["content-type"].startswith("application/ld+json")
        assert base + "eli/" + root in {node.get("@id") for node in json.loads(ld.text)}
        assert (
            client.get("/eli/vn/xx/1999/nq/0", headers={"Accept": "text/turtle"}).status_code == 404
        )
    store.close()


def test_the_document_page_says_what_its_text_says_of_its_force(tmp_path: Path) -> None:
    """Samples (written by the project): 50/NQ-CP 'có hiệu lực thi hành kể từ ngày ký ban
    hành', signed 17/04/2020; then a document that repeals it."""
    from fastapi.testclient import TestClient
    from selectolax.lexbor import LexborHTMLParser

    store = OxigraphStore(None)
    assert ingest([Path(__file__).parents[1] / "samples"], store, workers=1, progress=False).ok
    client = TestClient(make_app(store))

    def banner() -> tuple[str, str, list[str]]:
        page = LexborHTMLParser(client.get("/doc/vn/cp/2020/nq/50?lang=vi").text)
        node = page.css_first("#status-banner")
        items = [" ".join(li.text().split()) for li in node.css("li")]
        return node.attributes["class"] or "", node.css_first("#status-label").text(), items

    since = "Có hiệu lực từ 17/04/2020 Nghị quyết này có hiệu lực thi hành kể từ ngày ký ban hành"
    assert banner() == ("status-banner status-in_force", "còn hiệu lực", [since])
    doc = {"key": "vn/cp/2022/nq/77", "symbol": "77/NQ-CP", "date": "2022-05-01"}
    quote = "Bãi bỏ Nghị quyết số 50/NQ-CP ngày 17 tháng 4 năm 2020 của Chính phủ"
    write_doc(tmp_path, "77.json", doc, [[None, "repeals", {"key": "vn/cp/2020/nq/50"}, quote]])
    assert ingest(
        [tmp_path / "77.json"], store, workers=1, progress=False, extractor=json_extractor
    ).ok
    assert banner() == (
        "status-banner status-wholly_ceased",
        "hết hiệu lực toàn bộ",
        [
            since,
            "Còn hiệu lực đến hết ngày 30/04/2022",
            f"Bị bãi bỏ bởi 77/NQ-CP từ 01/05/2022 {quote}",
        ],
    )
    store.close()


def test_a_link_stated_by_many_texts_is_one_folded_quote_with_its_count(tmp_path: Path) -> None:
    from fastapi.testclient import TestClient
    from selectolax.lexbor import LexborHTMLParser

    from graph import query

    store = OxigraphStore(None)
    quote = "Nghị quyết số 01/NQ-CP thực hiện Nghị quyết số 09-NQ/TW"
    for i in range(60):  # sixty letters report the same link in the same words
        doc = {
            "key": f"ha-noi/ubnd/2021/cv/{i + 1}",
            "symbol": f"{i + 1}/UBND-KT",
            "date": "2021-03-01",
        }
        link = [{"key": "vn/cp/2020/nq/1"}, "implements", {"key": "vn/tw/2019/nq/9"}, quote]
        write_doc(tmp_path, f"{i}.json", doc, [link])
    assert ingest(
        sorted(tmp_path.glob("*.json")), store, workers=1, progress=False, extractor=json_extractor
    ).ok
    edge = query.Edge("vn/cp/2020/nq/1", "implements", "vn/tw/2019/nq/9")
    every = query.evidence(store, [edge])[edge]
    assert len(every) == 60 and query.statement_counts(store, [edge]) == {edge: 60}
    assert query.evidence(store, [edge], per_link=5)[edge] == every[:5]  # the same order, cut
    page = LexborHTMLParser(TestClient(make_app(store)).get("/doc/vn/tw/2019/nq/9?lang=vi").text)
    group = page.css_first("#in-implements")
    assert [" ".join(q.text().split()) for q in group.css("blockquote span.text")] == [quote]
    footer = " ".join(group.css_first("blockquote footer").text().split())
    assert footer.startswith(
        "nêu 50 lần trong 1/UBND-KT, 10/UBND-KT, 11/UBND-KT, 12/UBND-KT, 13/UBND-KT …"
    )
    assert (
        group.css_first("p.more-statements").text()
        == "Liên kết này được nêu 60 lần; đã đọc 50 lần đầu."
    )
    store.close()


def test_the_implementation_page_lists_the_plans_left_behind(tmp_path: Path) -> None:
    """A plan carries out a resolution that a later one replaced: the plan is orphaned, with
    what it must now follow."""
    from fastapi.testclient import TestClient
    from selectolax.lexbor import LexborHTMLParser

    old = {"key": "vn/cp/2019/nq/5", "symbol": "5/NQ-CP", "date": "2019-01-10"}
    plan = {"key": "ha-noi/ubnd/2020/kh/7", "symbol": "7/KH-UBND", "date": "2020-02-01"}
    new = {"key": "vn/cp/2022/nq/8", "symbol": "8/NQ-CP", "date": "2022-03-01"}
    files = [
        write_doc(tmp_path, "old.json", old),
        write_doc(tmp_path, "plan.json", plan, [[None, "implements", {"key": old["key"]}, "Thực hiện Nghị quyết số 5/NQ-CP"]]),
        write_doc(tmp_path, "new.json", new, [[None, "replaces", {"key": old["key"]}, "thay thế Nghị quyết số 5/NQ-CP"]]),
    ]  # fmt: skip
    store = OxigraphStore(None)
    assert ingest(files, store, workers=1, progress=False, extractor=json_extractor).ok
    client = TestClient(make_app(store))
    page = LexborHTMLParser(client.get(f"/implementation/{old['key']}?lang=vi").text)
    assert page.css_first("#root-status").text().endswith(": hết hiệu lực toàn bộ")
    assert page.css_first("#orphans") is None  # a whole-store question: asked on request
    ask = page.css_first("#ask-orphans a").attributes["href"]
    page = LexborHTMLParser(
        client.get(f"/implementation/{old['key']}{ask.split('#')[0]}&lang=vi").text
    )
    rows = [
        [" ".join(td.text().split()) for td in tr.css("td")] for tr in page.css("#orphans tbody tr")
    ]
    assert rows == [["01/02/2020", "7/KH-UBND", "Thực hiện Nghị quyết số 5/NQ-CP", "8/NQ-CP"]]
    store.close()


STATUS_DOCS = [  # (document, its links): one of each status today
    ({"key": "vn/cp/2019/nq/5", "symbol": "5/NQ-CP", "date": "2019-01-10"},
     [[None, "implements", {"key": "vn/tw/2018/nq/1", "symbol": "1-NQ/TW"}, "Thực hiện Nghị quyết số 1-NQ/TW"]]),
    ({"key": "vn/cp/2020/nq/6", "symbol": "6/NQ-CP", "date": "2020-01-10"}, []),
    ({"key": "vn/cp/2022/nq/8", "symbol": "8/NQ-CP", "date": "2022-03-01"},
     [[None, "replaces", {"key": "vn/cp/2019/nq/5"}, "thay thế Nghị quyết số 5/NQ-CP"],
      [None, "repeals", {"key": "vn/cp/2020/nq/6"}, "Bãi bỏ khoản 3 Điều 2 Nghị quyết số 6/NQ-CP"]]),
    ({"key": "vn/cp/2099/nq/9", "symbol": "9/NQ-CP", "date": "2099-01-01"}, []),
]  # fmt: skip
STATUS_OF = {
    "in_force": ["vn/cp/2022/nq/8"], "not_yet_in_force": ["vn/cp/2099/nq/9"],
    "partly_ceased": ["vn/cp/2020/nq/6"], "wholly_ceased": ["vn/cp/2019/nq/5"],
    "unknown": ["vn/tw/2018/nq/1"],
}  # fmt: skip


@pytest.fixture
def status_store(tmp_path: Path) -> Iterator[OxigraphStore]:
    """Five resolutions the test writes, one of each status today."""
    files = [
        write_doc(tmp_path, f"{i}.json", doc, links) for i, (doc, links) in enumerate(STATUS_DOCS)
    ]
    store = OxigraphStore(None)
    assert ingest(files, store, workers=1, progress=False, extractor=json_extractor).ok
    yield store
    store.close()


def test_search_api_filters_by_status(status_store: OxigraphStore) -> None:
    from fastapi.testclient import TestClient

    app = make_app(status_store)
    client = TestClient(app)
    assert app.state.reader.wait(60) is not None

    def keys(**params: str) -> list[str]:
        r = client.get("/api/search", params=params)
        assert r.status_code == 200, r.text
        return [h["doc"]["key"] for h in r.json()["hits"]]

    for status, want in STATUS_OF.items():  # filters alone browse the store
        assert keys(type="NQ", status=status) == want, status
    # with text: what the resolver finds, then filtered
    assert sorted(keys(q="NQ-CP")) == [
        "vn/cp/2019/nq/5", "vn/cp/2020/nq/6", "vn/cp/2022/nq/8", "vn/cp/2099/nq/9",
    ]  # fmt: skip
    assert keys(q="NQ-CP", status="in_force") == ["vn/cp/2022/nq/8"]
    found = client.get("/api/search", params={"q": "NQ-CP", "status": "wholly_ceased"}).json()
    assert (found["total"], [h["status"] for h in found["hits"]]) == (1, ["wholly_ceased"])
    assert found["facets"]["status"] == list(STATUS_OF)  # every status offered, in order
    bad = client.get("/api/search", params={"type": "NQ", "status": "repealed"})
    assert bad.status_code == 422 and "status" in bad.text
    # the page says the same, and names an unknown status
    page = client.get("/search", params={"type": "NQ", "status": "gone", "lang": "en"})
    assert page.status_code == 422 and "Unknown status &#39;gone&#39;; use in_force" in page.text


def test_search_page_status_filter_in_chromium(browser: Any, status_store: OxigraphStore) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    app = make_app(status_store)
    assert app.state.reader.wait(60) is not None
    with serve(app) as url:
        browser.get(f"{url}/search?q=NQ-CP&lang=vi")
        choices = [o.text for o in browser.find_elements(By.CSS_SELECTOR, "#filter-status option")]
        assert choices == ["Tất cả", "còn hiệu lực", "chưa có hiệu lực", "hết hiệu lực một phần",
                           "hết hiệu lực toàn bộ", "chưa rõ (chỉ biết qua trích dẫn)"]  # fmt: skip
        Select(browser.find_element(By.ID, "filter-status")).select_by_visible_text(
            "hết hiệu lực một phần"
        )
        browser.find_element(By.ID, "filter-button").click()
        wait(lambda: "status=partly_ceased" in browser.current_url, what="the filtered search")
        found = [a.text for a in browser.find_elements(By.CSS_SELECTOR, "a.doc-link")]
        assert found == ["6/NQ-CP"]
        label = browser.find_element(By.CSS_SELECTOR, "li.result .status").text
        assert label == "hết hiệu lực một phần"
        assert console_errors(browser) == []


def test_implementation_of_52_nq_tw_in_the_demo_store(browser: Any, shots: Path) -> None:
    """The README's picture: the demo store (`make run`: samples/, written by the project),
    52-NQ/TW carried out by the Government, then Kon Tum's Party committee and province."""
    from selenium.webdriver.common.by import By

    store = OxigraphStore(None)
    assert ingest([Path(__file__).parents[1] / "samples"], store, workers=1, progress=False).ok
    app = make_app(store)
    assert app.state.reader.wait(60) is not None
    with serve(app) as url:
        browser.get(url + "/implementation/vn/tw/2019/nq/52?lang=vi")
        chain = [
            [td.text.split("\n")[0] for td in tr.find_elements(By.TAG_NAME, "td")[:3]]
            for tr in browser.find_elements(By.CSS_SELECTOR, "#chain table.steps tbody tr")
        ]
        assert chain == [
            ["17/04/2020", "50/NQ-CP", "căn cứ 52-NQ/TW"],
            ["23/03/2021", "1906/VPCP-KGVX", "thực hiện 50/NQ-CP"],
            ["20/01/2020", "123-KH/TU", "thực hiện 52-NQ/TW"],
            ["09/06/2020", "2039/KH-UBND", "thực hiện 52-NQ/TW"],
            ["04/2021", "Công văn: tiếp tục triển khai Kế hoạch số 2039/KH-UBND ngày… (Kon Tum)",
             "thực hiện 2039/KH-UBND"],
        ]  # fmt: skip
        covered = [
            td.text
            for td in browser.find_elements(By.CSS_SELECTOR, "#coverage tr.covered td:first-child")
        ]
        assert covered == ["Quảng Ngãi"]  # Kon Tum, merged into it in 2025
        screenshot(browser, shots / "implementation.png")
        assert console_errors(browser) == []
    store.close()
