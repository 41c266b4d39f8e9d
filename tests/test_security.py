"""What a browser sees of the app: security headers on every answer, a Host check against DNS
rebinding (loopback names by default), /docs without a CDN, and a cap on a page's key before
anything reads it. The app runs over an empty store: none of this needs documents."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from pages_support import chromium, chromium_paths, console_errors, serve

from api.app import create_app
from api.routes.docs import ASSETS, MEDIA
from api.security import CSP, INLINE_CSP
from graph.store import OxigraphStore

VENDORED = all((ASSETS / name).is_file() for name in MEDIA)


@pytest.fixture(scope="module")
def store() -> Iterator[OxigraphStore]:
    db = OxigraphStore(None)
    yield db
    db.close()


def client(store: OxigraphStore, host: str = "localhost") -> TestClient:
    return TestClient(create_app(store=store), base_url=f"http://{host}")


@pytest.mark.parametrize(
    ("path", "csp"),
    [("/", CSP), ("/search?q=57", CSP), ("/doc/vn/tw/2019/nq/52", CSP), ("/openapi.json", CSP),
     ("/api/impact?doc=57-NQ/TW", CSP), ("/sparql?query=ASK%7B%7D", INLINE_CSP),
     ("/static/pages/graph.js", CSP), ("/docs", INLINE_CSP), ("/sparql", INLINE_CSP)],
)  # fmt: skip
def test_every_answer_carries_the_security_headers(
    store: OxigraphStore, monkeypatch: pytest.MonkeyPatch, path: str, csp: str
) -> None:
    monkeypatch.delenv("LEGAL_GRAPH_ALLOWED_HOSTS")  # the defaults
    r = client(store).get(path, headers={"accept": "text/html"} if path == "/sparql" else {})
    assert r.status_code in (200, 404), r.text
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["x-frame-options"] == "DENY"
    assert r.headers["content-security-policy"] == csp
    assert "frame-ancestors 'none'" in csp and "script-src 'self'" in csp


@pytest.mark.parametrize("host", ["localhost:8000", "127.0.0.1", "[::1]:8000", "LOCALHOST"])
def test_loopback_names_are_served_by_default(
    store: OxigraphStore, monkeypatch: pytest.MonkeyPatch, host: str
) -> None:
    monkeypatch.delenv("LEGAL_GRAPH_ALLOWED_HOSTS")
    r = client(store).get("/", headers={"host": host})
    assert r.status_code == 200


@pytest.mark.parametrize("path", ["/", "/sparql?query=ASK%7B%7D", "/api/impact?doc=57-NQ/TW"])
def test_another_host_name_is_refused_and_told_how_to_allow_it(
    store: OxigraphStore, monkeypatch: pytest.MonkeyPatch, path: str
) -> None:
    monkeypatch.delenv("LEGAL_GRAPH_ALLOWED_HOSTS")
    r = client(store, "rebind.example").get(path)
    assert r.status_code == 400
    assert r.text == ("Host 'rebind.example' is not served here (DNS rebinding?). To serve this "
                      "name, add it to LEGAL_GRAPH_ALLOWED_HOSTS (now: 127.0.0.1, ::1, "
                      "localhost).\n")  # fmt: skip
    assert r.headers["x-content-type-options"] == "nosniff"
    monkeypatch.setenv("LEGAL_GRAPH_ALLOWED_HOSTS", "graph.example.org, rebind.example")
    assert client(store, "rebind.example").get("/").status_code == 200
    assert client(store, "localhost").get("/").status_code == 400  # the setting replaces them


def test_docs_load_swagger_ui_from_the_server_itself(store: OxigraphStore) -> None:
    with client(store) as c:
        page = c.get("/docs").text
        sources = re.findall(r'(?:src|href)="([^"]+)"', page)
        assert all(not s.startswith(("http:", "https:", "//")) for s in sources)  # no CDN
        assert c.get("/redoc").status_code == 404  # FastAPI's ReDoc page loads from a CDN
        if not VENDORED:
            assert 'href="/openapi.json"' in page
            pytest.skip("Swagger UI not vendored (npm unavailable): /docs points to the schema")
        assert sources == ["/static/docs/swagger-ui.css", "data:,",
                           "/static/docs/swagger-ui-bundle.js"]  # fmt: skip
        assert "url: '/openapi.json'" in page and "http" not in page.split("<script>")[-1]
        for asset in sources[::2]:
            r = c.get(asset)
            assert r.status_code == 200 and len(r.content) > 100_000


@pytest.mark.parametrize("path", ["/doc/", "/graph/", "/graph-data/"])
def test_a_long_key_is_refused_before_anything_reads_it(store: OxigraphStore, path: str) -> None:
    r = client(store).get(path + "vn/" + "x" * 60_000)
    assert r.status_code == 422  # a bad parameter, as on /api
    assert "Parameter key: at most 300 characters, not 60,003." in r.text


@pytest.mark.skipif(
    chromium_paths() is None, reason="needs the Debian packages chromium and chromium-driver"
)
def test_pages_with_inline_scripts_still_run_under_the_policy(store: OxigraphStore) -> None:
    """Swagger UI and the SPARQL editor draw themselves in a real browser, with no resource
    refused by the Content-Security-Policy (Chromium logs each refusal as an error)."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    with serve(create_app(store=store)) as base, chromium() as driver:
        pages = [("/docs", ".swagger-ui .info .title")] if VENDORED else []
        yasgui = (ASSETS.parent / "yasgui" / "yasgui.min.js").is_file()  # else a plain form
        pages += [("/sparql", "#yasgui .yasqe" if yasgui else "form"), ("/", "form.search")]
        for path, drawn in pages:
            driver.get(base + path)
            WebDriverWait(driver, 30).until(lambda d, s=drawn: d.find_elements(By.CSS_SELECTOR, s))
            refused = [m for m in console_errors(driver) if "Content Security Policy" in m]
            assert refused == [], path
