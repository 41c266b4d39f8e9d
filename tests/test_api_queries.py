"""The HTTP API answers over the real seeds: results, problem details and the OpenAPI schema."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from query_support import full_store, seeds_store

from api.app import create_app

pytestmark = pytest.mark.shared
PROBLEM = "application/problem+json"


@pytest.fixture(scope="module")
def seeds() -> TestClient:
    return TestClient(create_app(store=seeds_store()))


@pytest.fixture(scope="module")
def full() -> TestClient:
    return TestClient(create_app(store=full_store()))


def get(client: TestClient, path: str, status: int = 200, **params: Any) -> Any:
    r = client.get(path, params=params)
    assert r.status_code == status, r.text
    return r.json()


def test_what_implements_resolution_57(seeds: TestClient) -> None:
    body = get(seeds, "/api/impact", doc="Resolution 57", relation="implements")
    assert body["root"]["symbol"] == "57-NQ/TW"
    docs = [n["doc"] for n in body["nodes"]]
    assert any(d["symbol"] in ("03/NQ-CP", "03/2025/NQ-CP") for d in docs)
    assert any(d["type"] == "KH" and d["jurisdiction"] == "kon-tum" for d in docs)
    assert all(n["evidence"]["quote"] for n in body["nodes"])


def test_lineage_of_2039(seeds: TestClient) -> None:
    body = get(seeds, "/api/lineage", doc="2039/KH-UBND")
    depth = {n["doc"]["symbol"]: n["depth"] for n in body["nodes"]}
    assert depth["50/NQ-CP"] == 1 and depth["123-KH/TU"] == 1 and depth["52-NQ/TW"] == 2
    assert body["tree"]["doc"]["symbol"] == "2039/KH-UBND"


def test_resolve_reports_ambiguity(full: TestClient) -> None:
    body = get(full, "/api/resolve", q="Luật Tổ chức Chính phủ")
    assert body["ambiguous"] and body["best"] is None and len(body["candidates"]) >= 2
    one = get(full, "/api/resolve", q="nghi quyet 57")
    assert not one["ambiguous"] and one["best"] == "vn/tw/2024/nq/57"
    assert one["candidates"][0]["why"]


def test_document_with_links_and_evidence(seeds: TestClient) -> None:
    body = get(seeds, "/api/documents/vn/cp/2020/nq/50")
    assert body["doc"]["symbol"] == "50/NQ-CP"
    links = body["incoming"]["implements"]
    assert {li["doc"]["symbol"] for li in links} >= {"2039/KH-UBND", "119/KH-UBND"}
    assert all(e["quote"] and e["asserted_in"] for li in links for e in li["evidence"])
    # each quote comes with the words that typed the link: an implementing cue
    from ingest.relations import CUE_RE

    cues = {e["cue"] for li in links for e in li["evidence"]}
    assert cues and all(
        (m := CUE_RE.fullmatch(c.lower())) and m.lastgroup == "implements" for c in cues
    ), cues


def test_unknown_document_is_404_problem_with_suggestions(seeds: TestClient) -> None:
    r = seeds.get("/api/documents/vn/tw/2024/nq/58")
    assert r.status_code == 404
    assert r.headers["content-type"].startswith(PROBLEM)
    body = r.json()
    assert body["status"] == 404 and body["type"].endswith("document-not-found")
    assert body["title"] and body["detail"]
    assert "vn/tw/2024/nq/57" in [s["key"] for s in body["suggestions"]]


def test_reference_instead_of_key_suggests_the_key(seeds: TestClient) -> None:
    r = seeds.get("/api/documents/57-NQ/TW")
    assert r.status_code == 404
    assert r.json()["suggestions"][0]["key"] == "vn/tw/2024/nq/57"


def test_ambiguous_reference_is_409_with_candidates(full: TestClient) -> None:
    r = full.get("/api/lineage", params={"doc": "Luật Tổ chức Chính phủ"})
    assert r.status_code == 409 and r.headers["content-type"].startswith(PROBLEM)
    assert len(r.json()["candidates"]) >= 2 and r.json()["param"] == "doc"


@pytest.mark.parametrize(
    ("path", "params", "param"),
    [
        ("/api/lineage", {"doc": "2039/KH-UBND", "depth": 0}, "depth"),
        ("/api/lineage", {"doc": "2039/KH-UBND", "depth": "deep"}, "depth"),
        ("/api/impact", {"doc": "57-NQ/TW", "relation": "bogus"}, "relation"),
        ("/api/impact", {"doc": "57-NQ/TW", "date_from": "2020-13-01"}, "date_from"),
        ("/api/impact", {"doc": "57-NQ/TW", "date_to": "yesterday"}, "date_to"),
        ("/api/impact", {}, "doc"),
        ("/api/resolve", {"q": ""}, "q"),
        ("/api/paths", {"source": "2039/KH-UBND", "target": "52-NQ/TW", "max_depth": 99},
         "max_depth"),
        ("/api/timeline", {"doc": "50/NQ-CP", "direction": "sideways"}, "direction"),
    ],
)  # fmt: skip
def test_bad_parameter_is_422_naming_it(
    seeds: TestClient, path: str, params: dict[str, Any], param: str
) -> None:
    r = seeds.get(path, params=params)
    assert r.status_code == 422, r.text
    assert r.headers["content-type"].startswith(PROBLEM)
    body = r.json()
    assert body["param"] == param
    assert param in body["detail"]


def test_paths_coverage_timeline(seeds: TestClient) -> None:
    paths = get(seeds, "/api/paths", source="2039/KH-UBND", target="52-NQ/TW")
    assert paths["directed"] and paths["paths"]
    cov = get(seeds, "/api/coverage", doc="52-NQ/TW")
    assert {c["province"] for c in cov["covered"]} >= {"Quảng Ngãi", "Tuyên Quang"}
    assert len(cov["covered"]) + len(cov["missing"]) == 34
    tl = get(seeds, "/api/timeline", doc="50/NQ-CP")
    dates = [e["date"] for e in tl if e["date"]]
    assert dates == sorted(dates)


def test_openapi_documents_every_route_with_schemas_and_problems(seeds: TestClient) -> None:
    spec = get(seeds, "/openapi.json")
    ours = {p: ops for p, ops in spec["paths"].items() if p.startswith("/api/")}
    assert {"/api/resolve", "/api/lineage", "/api/impact", "/api/paths", "/api/coverage",
            "/api/timeline", "/api/documents/{key}"} <= set(ours)  # fmt: skip
    for path, op in ((p, op) for p, ops in ours.items() for op in ops.values()):
        assert op.get("summary") and op.get("description"), path
        ok = op["responses"]["200"]["content"]["application/json"]["schema"]
        assert ok, path
        if op.get(
            "parameters"
        ):  # every route taking parameters documents the bad-parameter problem
            assert "422" in op["responses"], path
            assert PROBLEM in op["responses"]["422"]["content"], path
    for path in ("/api/paths", "/api/coverage"):  # no partial answers: past the budget, a 504
        assert PROBLEM in ours[path]["get"]["responses"]["504"]["content"], path
    schemas = spec["components"]["schemas"]
    assert "example" in schemas["Problem"] and "example" in schemas["TraversalOut"]
    params = {p["name"] for p in ours["/api/impact"]["get"]["parameters"]}
    assert {"doc", "relation", "depth", "issuer", "type", "province", "date_from", "date_to",
            "limit"} <= params  # fmt: skip


def test_traversal_json_is_the_schema_json(full: TestClient) -> None:
    """The lineage/impact routes serialize graph/query.py's dataclass directly: the bytes must
    be exactly what validating it through TraversalOut gives (same fields, same order)."""
    from api.schemas import TraversalOut, json_response, traversal_response
    from graph import query

    store = full_store()
    for text, direction in (("2039/KH-UBND", "lineage"), ("52-NQ/TW", "impact")):
        t = query.traverse(store, query.find(store, text).key, direction)
        assert t.nodes
        assert traversal_response(t).body == json_response(TraversalOut, t).body


def test_read_model_answers_are_graph_query_answers(full: TestClient) -> None:
    """Once the read model is ready, lineage/impact answer from it: the same bytes as
    graph/query.py's answer, and bad input gets the route's problems."""
    from api.schemas import traversal_response
    from graph import query

    reader = full.app.state.reader  # type: ignore[attr-defined]
    assert reader.wait(120) is not None and reader.ready()
    store = full_store()
    asks: list[tuple[str, dict[str, Any]]] = [
        ("impact", {"doc": "52-NQ/TW", "relation": ["implements", "based_on"], "limit": "3"}),
        ("lineage", {"doc": "2039/KH-UBND", "depth": "1", "evidence": "false"}),
        ("impact", {"doc": "vn/tw/2019/nq/52", "type": "KH", "date_from": "2020"}),
    ]
    for direction, params in asks:
        r = full.get(f"/api/{direction}", params=params)
        assert r.status_code == 200
        root = query.find(store, str(params["doc"]))
        rels = params.get("relation")
        want = query.traverse(
            store, root.key, direction, relations=rels if isinstance(rels, list) else None,
            max_depth=int(str(params["depth"])) if "depth" in params else None,
            filters=query.Filters(type=params.get("type"), date_from=params.get("date_from")),
            limit=int(str(params.get("limit", 100))), with_evidence=params.get("evidence") != "false",
        )  # fmt: skip
        assert r.content == traversal_response(want).body
    bad = get(full, "/api/impact", 422, doc="52-NQ/TW", depth="0")
    assert bad["param"] == "depth"
    assert get(full, "/api/lineage", 404, doc="vn/tw/2024/nq/58")["suggestions"]
