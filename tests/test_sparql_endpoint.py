"""The /sparql endpoint on a running server (uvicorn, free port) over the ingested seed documents:
the README's example queries through real clients (SPARQLWrapper, rdflib's SPARQLStore), the
protocol's three request shapes, content negotiation, the service description and the YASGUI
page, and that updates need the server's token."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, quote

import httpx
import pyoxigraph as ox
import pytest
import rdflib
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import JSON, POST, SPARQLWrapper

from graph import rdf
from graph.ingest import ingest
from graph.store import OxigraphStore, to_python
from tests.sparql_support import QUERIES, SEEDS, Server, api_server

SD = "http://www.w3.org/ns/sparql-service-description#"
TOKEN = "s3cret-token"
HTTP = httpx.Client(timeout=60)  # one client for the module: a new one per request costs ~0.1 s

pytestmark = pytest.mark.shared  # the seeds of ../shared/corpus


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An on-disk store holding the seed documents (closed, so a server can open it)."""
    path = tmp_path_factory.mktemp("sparql") / "store"
    with OxigraphStore(str(path)) as store:
        report = ingest([SEEDS], store, workers=1, progress=False)
        assert report.ok and report.ingested == 5
    return path


@pytest.fixture(scope="module")
def expected(seeded: Path) -> dict[str, list[dict[str, object]]]:
    """Each example query's rows from the embedded store (read before any server opens it)."""
    with OxigraphStore(str(seeded), read_only=True) as store:
        return {q.stem: store.select(q.read_text("utf-8")) for q in QUERIES}


@pytest.fixture(scope="module")
def server(
    seeded: Path, expected: dict[str, object], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Server]:
    with api_server(tmp_path_factory.mktemp("logs"), LEGAL_GRAPH_STORE=str(seeded)) as s:
        yield s


def _rows(bindings: list[dict[str, dict[str, str]]]) -> list[dict[str, object]]:
    """SPARQL JSON bindings as the plain values Store.select gives."""
    out = []
    for b in bindings:
        row: dict[str, object] = {}
        for name, term in b.items():
            if term["type"] == "uri":
                row[name] = term["value"]
            else:
                lit = (
                    ox.Literal(term["value"], datatype=ox.NamedNode(term["datatype"]))
                    if "datatype" in term
                    else ox.Literal(term["value"])
                )
                row[name] = to_python(lit)
        out.append(row)
    return out


def _key(rows: list[dict[str, object]]) -> list[str]:
    return sorted(json.dumps(r, sort_keys=True, ensure_ascii=False) for r in rows)


# -- the README's example queries through real clients -----------------------------------------


@pytest.mark.parametrize("query", QUERIES, ids=lambda p: p.stem)
def test_sparqlwrapper_runs_the_example_queries(
    server: Server, expected: dict, query: Path
) -> None:
    for method in ("GET", POST):
        client = SPARQLWrapper(server.url)
        client.setQuery(query.read_text("utf-8"))
        client.setReturnFormat(JSON)
        client.setMethod(method)
        result = client.queryAndConvert()
        assert isinstance(result, dict)
        assert _key(_rows(result["results"]["bindings"])) == _key(expected[query.stem])


@pytest.mark.parametrize("query", QUERIES, ids=lambda p: p.stem)
def test_rdflib_sparqlstore_runs_the_example_queries(
    server: Server, expected: dict, query: Path
) -> None:
    graph = rdflib.Graph(store=SPARQLStore(server.url, returnFormat="xml"))
    rows = []
    for row in graph.query(query.read_text("utf-8")):
        assert isinstance(row, rdflib.query.ResultRow)
        rows.append(
            {
                k: v.toPython() if isinstance(v, rdflib.Literal) else str(v)
                for k, v in row.asdict().items()
            }
        )
    want = [{k: v for k, v in r.items()} for r in expected[query.stem]]
    # rdflib turns xsd:date into datetime.date: compare as text
    assert _key([{k: str(v) for k, v in r.items()} for r in rows]) == _key(
        [{k: str(v) for k, v in r.items()} for r in want]
    )


def test_the_example_queries_answer_the_readme_questions(expected: dict) -> None:
    by = {name.split("-", 1)[1]: rows for name, rows in expected.items()}
    implementers = {r.get("symbol") for r in by["implements-57"]}
    assert "03/2025/NQ-CP" in implementers  # the Government's resolution implementing 57-NQ/TW
    chain = {(r.get("fromSymbol"), r.get("toSymbol")) for r in by["chain-2039"]}
    assert ("2039/KH-UBND", "50/NQ-CP") in chain and ("50/NQ-CP", "52-NQ/TW") in chain
    assert ("2039/KH-UBND", "123-KH/TU") in chain and ("123-KH/TU", "52-NQ/TW") in chain
    quotes = by["links-with-quotes"]
    assert quotes and all("50/NQ-CP" in str(r["quote"]) for r in quotes)
    provinces = {r["province"] for r in by["coverage-by-province"]}
    assert {"Kon Tum", "Tuyên Quang"} <= provinces


# -- protocol -----------------------------------------------------------------------------------


def test_get_post_form_and_post_direct_give_the_same_answer(server: Server) -> None:
    q = QUERIES[0].read_text("utf-8")
    accept = {"Accept": "application/sparql-results+json"}
    a = HTTP.get(server.url, params={"query": q}, headers=accept)
    b = HTTP.post(server.url, data={"query": q}, headers=accept)
    c = HTTP.post(
        server.url,
        content=q.encode(),
        headers={**accept, "Content-Type": "application/sparql-query"},
    )
    assert a.status_code == b.status_code == c.status_code == 200
    assert a.json() == b.json() == c.json()
    assert a.json()["results"]["bindings"]


@pytest.mark.parametrize(
    "query_string",
    [
        "query=" + quote(QUERIES[0].read_text("utf-8")) + "&format=json",
        "query=SELECT+*+%7B%3Fs+%3Fp+%22%C3%A9t%C3%A9%F0%9F%98%80%22%7D&x=&y&&a=1&a=2",
        "bad=%ZZ%2%e9%C3&=empty-name&q=a=b%3D+c%2B&trailing=%",
        "query=raw%20%3Cnon%3E%20UTF-8%20%E9%FF",
    ],
)
def test_query_strings_are_read_as_urllib_reads_them(query_string: str) -> None:
    """/sparql decodes its query string itself (faster than urllib): the same parameters."""
    from api.routes.sparql import query_params

    expected = parse_qs(query_string, keep_blank_values=True)
    assert query_params(query_string.encode("ascii")) == expected


def test_malformed_query_is_a_400_naming_the_problem(server: Server) -> None:
    r = HTTP.get(server.url, params={"query": "SELECT ?x WHERE { ?x ?p }"})
    assert r.status_code == 400
    assert r.headers["content-type"].startswith("application/problem+json")
    problem = r.json()
    assert problem["type"].endswith("malformed-query")
    assert re.search(r"1:\d+", problem["detail"])  # line:column of the error


@pytest.mark.parametrize(
    ("kwargs", "status", "name"),
    [
        ({"content": b"query=ASK{}", "headers": {"Content-Type": "text/plain"}}, 415, "text/plain"),
        ({"data": {"query": "ASK {}", "update": "CLEAR ALL"}}, 400, "query or update"),
        ({"data": {"query": "   "}}, 400, "empty"),
        ({"data": {"format": "json"}}, 400, "query="),
        (
            {"content": b"\xff\xfe", "headers": {"Content-Type": "application/sparql-query"}},
            400,
            "UTF-8",
        ),
    ],
)
def test_bad_requests_get_problem_details(
    server: Server, kwargs: dict, status: int, name: str
) -> None:
    r = HTTP.post(server.url, **kwargs)
    assert r.status_code == status
    assert name in r.json()["detail"]


@pytest.mark.parametrize("param", ["default-graph-uri", "named-graph-uri"])
def test_a_graph_parameter_that_is_not_an_iri_is_named(server: Server, param: str) -> None:
    r = HTTP.get(server.url, params={"query": "ASK { ?s ?p ?o }", param: "not an iri"})
    assert r.status_code == 400
    assert r.json()["title"] == f"Bad parameter: {param}" and "not an iri" in r.json()["detail"]


def test_dataset_parameters_choose_the_graphs(server: Server) -> None:
    q = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    accept = {"Accept": "text/csv"}
    everything = HTTP.get(server.url, params={"query": q}, headers=accept).text.split()[1]
    ontology = HTTP.get(
        server.url, params={"query": q, "default-graph-uri": rdf.ONTOLOGY_GRAPH}, headers=accept
    ).text.split()[1]
    named = HTTP.get(
        server.url,
        headers=accept,
        params={
            "query": "SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g",
            "named-graph-uri": rdf.ONTOLOGY_GRAPH,
        },
    ).text.split()[1:]
    assert 0 < int(ontology) < int(everything)
    assert named == [rdf.ONTOLOGY_GRAPH]


def test_update_by_get_is_refused(server: Server) -> None:
    r = HTTP.get(server.url, params={"update": "CLEAR ALL"})
    assert r.status_code == 405


# -- content negotiation ------------------------------------------------------------------------


def _solutions(content: bytes, fmt: ox.QueryResultsFormat) -> list[tuple[str, ...]]:
    parsed = ox.parse_query_results(content, format=fmt)
    assert isinstance(parsed, ox.QuerySolutions)
    names = parsed.variables
    return sorted(tuple(str(s[v]) if s[v] is not None else "" for v in names) for s in parsed)


@pytest.mark.parametrize(
    ("accept", "fmt"),
    [
        ("application/sparql-results+json", ox.QueryResultsFormat.JSON),
        ("application/sparql-results+xml", ox.QueryResultsFormat.XML),
        ("text/tab-separated-values", ox.QueryResultsFormat.TSV),
    ],
)
def test_select_results_in_every_format(
    server: Server, accept: str, fmt: ox.QueryResultsFormat
) -> None:
    q = QUERIES[2].read_text("utf-8")  # the links with their quotes: many rows, long literals
    r = HTTP.get(server.url, params={"query": q}, headers={"Accept": accept})
    assert r.status_code == 200 and r.headers["content-type"].startswith(accept)
    # pyoxigraph's own parsers read what the endpoint wrote: same terms as from JSON
    reference = HTTP.get(server.url, params={"query": q, "format": "json"}).content
    got = _solutions(r.content, fmt)
    assert got == _solutions(reference, ox.QueryResultsFormat.JSON) and len(got) >= 2


def test_csv_holds_the_lexical_values(server: Server) -> None:
    q = QUERIES[0].read_text("utf-8")
    r = HTTP.get(server.url, params={"query": q}, headers={"Accept": "text/csv"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(r.text)))
    ref = HTTP.get(server.url, params={"query": q}).json()
    want = [
        {k: b[k]["value"] if k in b else "" for k in ref["head"]["vars"]}
        for b in ref["results"]["bindings"]
    ]
    assert sorted(map(str, rows)) == sorted(map(str, want))


GRAPH_QUERY = 'DESCRIBE ?d WHERE { ?d <http://data.europa.eu/eli/ontology#id_local> "50/NQ-CP" }'


@pytest.mark.parametrize(
    ("accept", "fmt"),
    [
        ("text/turtle", ox.RdfFormat.TURTLE),
        ("application/n-triples", ox.RdfFormat.N_TRIPLES),
        ("application/ld+json", ox.RdfFormat.JSON_LD),
        ("application/rdf+xml", ox.RdfFormat.RDF_XML),
        ("application/trig", ox.RdfFormat.TRIG),
    ],
)
def test_graphs_in_every_format(server: Server, accept: str, fmt: ox.RdfFormat) -> None:
    r = HTTP.get(server.url, params={"query": GRAPH_QUERY}, headers={"Accept": accept})
    assert r.status_code == 200 and r.headers["content-type"].startswith(accept)
    got = {(q.subject, q.predicate, q.object) for q in ox.parse(r.content, format=fmt)}
    nt = HTTP.get(server.url, params={"query": GRAPH_QUERY, "format": "nt"})
    want = {
        (q.subject, q.predicate, q.object)
        for q in ox.parse(nt.content, format=ox.RdfFormat.N_TRIPLES)
    }
    assert got == want
    assert any(p.value.endswith("#title") for _, p, _ in got)  # the resolution's facts


def test_format_parameter_overrides_accept(server: Server) -> None:
    r = HTTP.get(
        server.url,
        params={"query": "ASK { ?s ?p ?o }", "format": "xml"},
        headers={"Accept": "application/sparql-results+json"},
    )
    assert r.headers["content-type"].startswith("application/sparql-results+xml")
    assert "<boolean>true</boolean>" in r.text
    r = HTTP.get(server.url, params={"query": GRAPH_QUERY, "format": "csv"})
    assert r.status_code == 406  # CSV cannot hold a graph
    r = HTTP.get(server.url, params={"query": "ASK {}", "format": "docx"})
    assert r.status_code == 400 and r.json()["param"] if "param" in r.json() else True
    assert "format" in r.json()["title"]


def test_unacceptable_type_is_406(server: Server) -> None:
    r = HTTP.get(server.url, params={"query": "ASK {}"}, headers={"Accept": "image/png"})
    assert r.status_code == 406
    assert "application/sparql-results+json" in r.json()["detail"]


def test_csv_rows_are_well_formed(server: Server) -> None:
    r = HTTP.get(server.url, params={"query": QUERIES[2].read_text("utf-8"), "format": "csv"})
    rows = list(csv.reader(io.StringIO(r.text)))
    assert rows[0] == ["from", "relation", "quote", "assertedIn", "file"]
    assert all(len(row) == 5 for row in rows[1:]) and len(rows) > 1


# -- service description and the YASGUI page ----------------------------------------------------


def test_service_description(server: Server) -> None:
    r = HTTP.get(server.url, headers={"Accept": "text/turtle"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/turtle")
    g = rdflib.Graph().parse(data=r.text, format="turtle")
    service = rdflib.URIRef(server.url)
    assert (service, rdflib.RDF.type, rdflib.URIRef(SD + "Service")) in g
    assert (service, rdflib.URIRef(SD + "endpoint"), service) in g
    langs = set(g.objects(service, rdflib.URIRef(SD + "supportedLanguage")))
    assert langs == {rdflib.URIRef(SD + "SPARQL11Query")}  # no update without a token
    formats = {str(o) for o in g.objects(service, rdflib.URIRef(SD + "resultFormat"))}
    assert "http://www.w3.org/ns/formats/SPARQL_Results_JSON" in formats
    features = set(g.objects(service, rdflib.URIRef(SD + "feature")))
    assert rdflib.URIRef(SD + "UnionDefaultGraph") in features


def test_browser_gets_yasgui_with_the_example_queries(server: Server) -> None:
    r = HTTP.get(
        server.url,
        headers={"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"},
    )
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    page = r.text
    embedded = re.search(r"const QUERIES = (.*);", page)
    assert embedded is not None
    queries = json.loads(embedded.group(1))
    assert [q["text"] for q in queries] == [p.read_text("utf-8") for p in QUERIES]
    assert all(q["title"] and not q["title"].startswith("#") for q in queries)
    scripts = re.findall(r'<(?:script|link)[^>]+(?:src|href)="([^"]+)"', page)
    assert all(not s.startswith(("http:", "https:", "//")) for s in scripts)  # no CDN
    if "yasgui.min.js" not in page:
        pytest.skip("YASGUI not vendored (npm unavailable): the page shows the plain form")
    for asset in ("yasgui.min.js", "yasgui.min.css"):
        got = HTTP.get(f"{server.url}/{asset}")
        assert got.status_code == 200 and len(got.content) > 10_000


# -- updates ------------------------------------------------------------------------------------

INSERT = (
    "INSERT DATA { GRAPH <https://legal-graph.org/graph/test> { "
    '<https://legal-graph.org/eli/vn/test/2026/nq/1> <http://data.europa.eu/eli/ontology#id_local> "1/NQ-TEST" } }'
)
ASK_INSERTED = 'ASK { ?d <http://data.europa.eu/eli/ontology#id_local> "1/NQ-TEST" }'


def test_read_only_without_a_token(server: Server) -> None:
    for kwargs in (
        {"data": {"update": INSERT}},
        {
            "content": INSERT.encode(),
            "headers": {
                "Content-Type": "application/sparql-update",
                "Authorization": f"Bearer {TOKEN}",
            },
        },
    ):
        r = HTTP.post(server.url, **kwargs)  # type: ignore[arg-type]
        assert r.status_code == 403
    ask = HTTP.get(server.url, params={"query": ASK_INSERTED})
    assert ask.json()["boolean"] is False


def test_updates_need_the_token(tmp_path: Path, seeded: Path, expected: dict) -> None:
    store = tmp_path / "store"
    with OxigraphStore(str(store)) as db:
        ingest([SEEDS], db, workers=1, progress=False)
    with api_server(tmp_path, LEGAL_GRAPH_STORE=str(store), LEGAL_GRAPH_UPDATE_TOKEN=TOKEN) as s:
        for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": TOKEN}):
            r = HTTP.post(s.url, data={"update": INSERT}, headers=headers)
            assert r.status_code == 403, headers
        assert HTTP.get(s.url, params={"query": ASK_INSERTED}).json()["boolean"] is False
        r = HTTP.post(
            s.url,
            content=INSERT.encode(),
            headers={
                "Content-Type": "application/sparql-update",
                "Authorization": f"Bearer {TOKEN}",
            },
        )
        assert r.status_code == 204
        assert HTTP.get(s.url, params={"query": ASK_INSERTED}).json()["boolean"] is True
        bad = HTTP.post(
            s.url,
            data={"update": "INSERT DATA { <a> }"},
            headers={"Authorization": f"Bearer {TOKEN}"},
        )
        assert bad.status_code == 400
        g = rdflib.Graph().parse(
            data=HTTP.get(s.url, headers={"Accept": "text/turtle"}).text, format="turtle"
        )
        assert rdflib.URIRef(SD + "SPARQL11Update") in set(g.objects())
        # the seeds are still all there
        rows = HTTP.get(s.url, params={"query": QUERIES[0].read_text("utf-8")}).json()
        assert _key(_rows(rows["results"]["bindings"])) == _key(expected[QUERIES[0].stem])
