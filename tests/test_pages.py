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
    write_doc(folder, "hostile.json", doc, [[None, "implements", {"key": "vn/tw/2019/nq/52"}, XSS_QUOTE]])
    assert ingest([folder / "hostile.json"], store, workers=1, progress=False, extractor=json_extractor).ok
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
    wait(lambda: driver.execute_script("return document.body.dataset.graph") == "ready",
         timeout, "the graph layout")


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

    browser.get(site + "/")
    assert "Find a document" in browser.page_source
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
    tooltip = wait(lambda: [t for t in browser.find_elements(By.CSS_SELECTOR, "div.vis-tooltip")
                            if t.is_displayed()], what="the hover tooltip")[0]
    assert label in tooltip.text and "Issuer:" in tooltip.text and "Date:" in tooltip.text
    ActionChains(browser).click().perform()
    details = browser.find_element(By.ID, "details")
    wait(details.is_displayed, what="the details panel")
    assert browser.find_element(By.ID, "details-label").text == label
    screenshot(browser, shots / "graph.png")

    # Expanding adds the node's own links without duplicating what is shown.
    n_edges = browser.execute_script("return window.legalGraph.edges.length")
    browser.find_element(By.ID, "details-expand").click()
    wait(lambda: browser.execute_script("return document.body.dataset.expanded") is not None,
         what="the expansion")
    assert browser.execute_script("return window.legalGraph.edges.length") >= n_edges
    assert "Could not" not in browser.find_element(By.ID, "layout-state").text

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

    browser.get(site + "/doc/vn/cp/2020/nq/50")
    assert browser.find_element(By.TAG_NAME, "h1").text == "50/NQ-CP"
    incoming = browser.find_element(By.ID, "incoming")
    relations = [h.text.split(" (")[0] for h in incoming.find_elements(By.CSS_SELECTOR, "h3.relation")]
    assert "implements" in relations
    quotes = incoming.find_elements(By.CSS_SELECTOR, "blockquote.quote")
    assert quotes
    corpus = re.sub(r"\s+", " ", " ".join(p.read_text("utf-8") for p in SEEDS.glob("*.txt")))
    for q in quotes:
        text = q.find_element(By.CSS_SELECTOR, "span.text").text
        assert re.sub(r"\s+", " ", text).strip() in corpus, text
        assert "stated in" in q.find_element(By.TAG_NAME, "footer").text
    screenshot(browser, shots / "document.png")
    assert console_errors(browser) == []


@pytest.mark.shared
def test_markup_in_titles_and_quotes_is_shown_as_text_and_never_runs(
    browser: Any, site: str
) -> None:
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By

    iri = "https://legal-graph.org/eli/vn/cp/2020/nq/999"
    for path in ["/doc/vn/cp/2020/nq/999", "/doc/vn/tw/2019/nq/52", "/search?q=999/NQ-CP",
                 "/graph/vn/cp/2020/nq/999?mode=neighbourhood&depth=1"]:
        browser.get(site + path)
        if "/graph/" in path:
            graph_ready(browser)
            dx, dy = node_point(browser, iri)
            canvas = browser.find_element(By.ID, "network")
            ActionChains(browser).move_to_element_with_offset(canvas, dx, dy).pause(0.6).click().perform()
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
def test_bad_parameters_get_a_page_naming_them(site: str, path: str, status: int, named: str) -> None:
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
    store = OxigraphStore(None)
    root = write_tree(store, 1000)
    with serve(make_app(store)) as url:
        started = time.monotonic()
        browser.get(f"{url}/graph/{root}?mode=impact&depth=4")
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
