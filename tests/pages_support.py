"""Helpers for the browser tests: a real uvicorn on a free port, headless Chromium, and a big
synthetic graph written straight into a store (for the 1,000-node picture)."""

from __future__ import annotations

import shutil
import socket
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import uvicorn

from graph import vocab
from graph.store import Store

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1400,900",
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def serve(app: Any, **config: Any) -> Iterator[str]:
    """Run ``app`` under uvicorn on 127.0.0.1 and a free port (``config``: more uvicorn
    settings); yield its base URL."""
    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(
            app, host="127.0.0.1", port=port, log_level="warning", lifespan="on", **config
        )
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)


def chromium_paths() -> tuple[str, str] | None:
    """(browser, driver) when the Debian packages chromium and chromium-driver are installed."""
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver")
    return (browser, driver) if browser and driver else None


@contextmanager
def chromium() -> Iterator[Any]:
    """A headless Chromium driven by selenium, with a fresh profile and the console log kept."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    paths = chromium_paths()
    assert paths, "chromium and chromium-driver are needed (.ci/system-deps installs them)"
    profile = tempfile.mkdtemp(prefix="legal-graph-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = paths[0]
    for flag in [*CHROMIUM_FLAGS, f"--user-data-dir={profile}"]:
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(options=options, service=Service(paths[1]))
    driver.set_page_load_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def console_errors(driver: Any) -> list[str]:
    """Console messages of level SEVERE since the last call."""
    return [e["message"] for e in driver.get_log("browser") if e["level"] == "SEVERE"]


LEVELS = ["party", "government", "ministry", "province", "department", "district"]


def write_tree(store: Store, n: int, fanout: int = 10) -> str:
    """``n`` documents in an implementation tree (each implements its parent, some cite a
    sibling), written as quads of the data model; returns the key of the root."""
    # not under graph/source/: a source graph without an ingest record is cleaned away
    graph = vocab.GRAPH + "synthetic-tree"
    lines = []

    def key(i: int) -> str:
        return f"vn/synth/2020/kh/{i}"

    for i in range(n):
        d = f"<{vocab.doc_iri(key(i))}>"
        depth = 0
        j = i
        while j:
            j = (j - 1) // fanout
            depth += 1
        lines += [
            f"{d} <{vocab.RDF}type> <{vocab.LG}Document> <{graph}> .",
            f'{d} <{vocab.LG}key> "{key(i)}" <{graph}> .',
            f'{d} <{vocab.ELI}id_local> "{i}/KH-SYN" <{graph}> .',
            f'{d} <{vocab.ELI}title> "Kế hoạch tổng hợp số {i}" <{graph}> .',
            f'{d} <{vocab.LG}level> "{LEVELS[min(depth, len(LEVELS) - 1)]}" <{vocab.GRAPH}derived> .',
            f'{d} <{vocab.LG}sourceFile> "synthetic/{i}.txt" <{graph}> .',
            f'{d} <{vocab.LG}isStub> "false"^^<{vocab.XSD}boolean> <{vocab.GRAPH}derived> .',
        ]
        if i:
            parent = f"<{vocab.doc_iri(key((i - 1) // fanout))}>"
            lines.append(f"{d} <{vocab.LG}implements> {parent} <{graph}> .")
            if i % 7 == 0 and i > 1:
                lines.append(f"{d} <{vocab.ELI}cites> <{vocab.doc_iri(key(i - 1))}> <{graph}> .")
    store.commit_nquads("\n".join(lines) + "\n")
    return key(0)


def screenshot(driver: Any, path: Any) -> None:
    """Save a screenshot as a 256-colour PNG (pages are flat colours: small files to commit)."""
    from io import BytesIO

    from PIL import Image

    image = Image.open(BytesIO(driver.get_screenshot_as_png())).convert("RGB")
    image.quantize(colors=256, method=Image.Quantize.FASTOCTREE).save(path, optimize=True)
