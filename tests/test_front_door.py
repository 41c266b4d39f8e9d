"""One front door: every request goes through the FastAPI app (middleware a deployer adds sees
them all, GET /sparql included), served by plain uvicorn, and no module leans on a private name
of uvicorn, Starlette or pyoxigraph."""

from __future__ import annotations

import ast
from pathlib import Path

from fastapi import Request
from fastapi.testclient import TestClient

from api.app import create_app
from graph.ingest import ingest
from graph.store import OxigraphStore

REPO = Path(__file__).resolve().parents[1]
GUARDED = ("uvicorn", "starlette", "pyoxigraph", "fastapi")


def _private_uses(path: Path) -> list[str]:
    """``_``-prefixed names imported from, or read as attributes of, the guarded packages."""
    tree = ast.parse(path.read_text("utf-8"))
    aliases: set[str] = set()
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for a in node.names:
                if a.name.split(".")[0] in GUARDED:
                    aliases.add(a.asname or a.name.split(".")[0])
                    if any(part.startswith("_") for part in a.name.split(".")):
                        found.append(a.name)
        elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] in GUARDED:
            module = node.module or ""
            if any(part.startswith("_") for part in module.split(".")):
                found.append(module)
            found += [f"{module}.{a.name}" for a in node.names if a.name.startswith("_")]
            aliases.update(a.asname or a.name for a in node.names)
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Attribute)
            and node.attr.startswith("_")
            and not node.attr.startswith("__")
        ):
            base = node.value
            while isinstance(base, ast.Attribute):
                base = base.value
            if isinstance(base, ast.Name) and base.id in aliases:
                found.append(f"{base.id}….{node.attr}")
    return found


def test_no_module_uses_a_private_name_of_the_server_stack() -> None:
    files = [p for d in ("api", "graph", "ingest", "benchmarks", "tests")
             for p in (REPO / d).rglob("*.py")]  # fmt: skip
    assert len(files) > 40
    assert {str(p.relative_to(REPO)): _private_uses(p) for p in files
            if _private_uses(p)} == {}  # fmt: skip


def test_the_check_finds_private_names(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text("import uvicorn\nfrom starlette._utils import x\n"
                   "from uvicorn.protocols.http.httptools_impl import _foo\n"
                   "uvicorn.server._state\n")  # fmt: skip
    assert _private_uses(bad) == ["starlette._utils", "uvicorn.protocols.http.httptools_impl._foo",
                                  "uvicorn…._state"]  # fmt: skip


def test_middleware_sees_every_request(tmp_path: Path) -> None:
    with OxigraphStore(str(tmp_path / "store")) as store:
        ingest(sorted(str(p) for p in (REPO / "samples").glob("*.txt"))[:2], store, workers=1,
               progress=False)  # fmt: skip
        app = create_app(store=store)
        seen: list[tuple[str, str]] = []

        @app.middleware("http")
        async def record(request: Request, call_next):  # type: ignore[no-untyped-def]
            seen.append((request.method, request.url.path))
            return await call_next(request)

        with TestClient(app) as client:
            assert client.get("/sparql", params={"query": "ASK {}"}).json()["boolean"] is True
            assert client.post("/sparql", data={"query": "ASK {}"}).status_code == 200
            assert client.get("/sparql", params={"query": "SELECT ?x WHERE { ?x ?p }"}
                              ).status_code == 400  # fmt: skip
            assert client.get("/api/lineage", params={"doc": "nothing"}).status_code == 404
            assert client.get("/api/status").status_code == 200
    assert seen == [("GET", "/sparql"), ("POST", "/sparql"), ("GET", "/sparql"),
                    ("GET", "/api/lineage"), ("GET", "/api/status")]  # fmt: skip


def test_one_error_family_gives_the_same_status_everywhere(tmp_path: Path) -> None:
    with OxigraphStore(str(tmp_path / "store")) as store:
        ingest(sorted(str(p) for p in (REPO / "samples").glob("*.txt")), store, workers=1,
               progress=False)  # fmt: skip
        with TestClient(create_app(store=store)) as client:
            bad_depth = [client.get("/api/lineage", params={"doc": "52-NQ/TW", "depth": "0"}),
                         client.get("/graph/vn/tw/2019/nq/52", params={"depth": "0"}),
                         client.get("/graph-data/vn/tw/2019/nq/52", params={"depth": "0"})]  # fmt: skip
            unknown = [client.get("/api/documents/vn/xx/1999/nq/0"),
                       client.get("/doc/vn/xx/1999/nq/0")]  # fmt: skip
            malformed = [client.get("/sparql", params={"query": "SELECT ?x WHERE { ?x ?p }"}),
                         client.post("/sparql", data={"query": "SELECT ?x WHERE { ?x ?p }"})]  # fmt: skip
    assert [r.status_code for r in bad_depth] == [422, 422, 422]
    assert [r.status_code for r in unknown] == [404, 404]
    assert [r.status_code for r in malformed] == [400, 400]
    assert [r.headers["content-type"].split(";")[0] for r in bad_depth + unknown] == [
        "application/problem+json", "text/html", "application/problem+json",
        "application/problem+json", "text/html"]  # fmt: skip
    assert {r.json()["type"] for r in malformed} == {
        "https://legal-graph.org/problems/malformed-query"}  # fmt: skip
