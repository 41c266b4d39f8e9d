"""The store interface on the embedded Oxigraph store: what readers and writers rely on."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib

from graph.config import Settings
from graph.store import (
    DUMP_FORMATS,
    OxigraphStore,
    QuerySyntaxError,
    QueryTimeout,
    StoreError,
    StoreLocked,
    open_store,
)

REPO = Path(__file__).resolve().parents[1]
CLI = [sys.executable, "-c", "from api.cli import main; main()"]  # `legal-graph`, installed or not
EX = "http://example.org/"
DATA = f"""
PREFIX ex: <{EX}>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
INSERT DATA {{
  GRAPH ex:g1 {{ ex:a ex:n 7 ; ex:f 1.5 ; ex:b true ; ex:d "2020-04-17"^^xsd:date ;
                 ex:t "Nghị quyết"@vi ; ex:s "plain" ; ex:link ex:b1 . }}
  GRAPH ex:g2 {{ ex:b1 ex:s "other" . }}
}}
"""


@pytest.fixture
def store() -> OxigraphStore:
    s = OxigraphStore(None)
    s.update(DATA)
    return s


def test_select_converts_terms_and_omits_unbound(store: OxigraphStore) -> None:
    rows = store.select(
        f"SELECT ?n ?f ?b ?d ?t ?s ?missing WHERE {{ <{EX}a> <{EX}n> ?n ; <{EX}f> ?f ; "
        f"<{EX}b> ?b ; <{EX}d> ?d ; <{EX}t> ?t ; <{EX}s> ?s OPTIONAL {{ ?x <{EX}none> ?missing }} }}"
    )
    assert rows == [
        {"n": 7, "f": 1.5, "b": True, "d": "2020-04-17", "t": "Nghị quyết", "s": "plain"}
    ]
    assert type(rows[0]["n"]) is int and type(rows[0]["b"]) is bool


def test_default_graph_is_the_union_of_named_graphs(store: OxigraphStore) -> None:
    rows = store.select(f"SELECT ?s WHERE {{ ?x <{EX}s> ?s }} ORDER BY ?s")
    assert [r["s"] for r in rows] == ["other", "plain"]
    graphs = store.select(f"SELECT ?g WHERE {{ GRAPH ?g {{ <{EX}b1> ?p ?o }} }}")
    assert graphs == [{"g": EX + "g2"}]


def test_ask_and_construct(store: OxigraphStore) -> None:
    assert store.ask(f"ASK {{ <{EX}a> <{EX}link> <{EX}b1> }}")
    assert not store.ask(f"ASK {{ <{EX}b1> <{EX}link> <{EX}a> }}")
    triples = store.construct(f"CONSTRUCT {{ ?o <{EX}back> ?s }} WHERE {{ ?s <{EX}link> ?o }}")
    assert triples == [(ox.NamedNode(EX + "b1"), ox.NamedNode(EX + "back"), ox.NamedNode(EX + "a"))]


@pytest.mark.parametrize(
    "media", ["application/sparql-results+json", "application/sparql-results+xml", "text/csv",
              "text/tab-separated-values"],
)  # fmt: skip
def test_query_raw_select_formats(store: OxigraphStore, media: str) -> None:
    data, used = store.query_raw(f"SELECT ?s WHERE {{ <{EX}a> <{EX}s> ?s }}", media + "; q=0.9")
    assert used == media
    assert b"plain" in data
    if media.endswith("json"):
        assert json.loads(data)["results"]["bindings"][0]["s"]["value"] == "plain"


@pytest.mark.parametrize(
    ("media", "rdflib_format"),
    [("text/turtle", "turtle"), ("application/n-triples", "nt"), ("application/ld+json", "json-ld"),
     ("application/rdf+xml", "xml")],
)  # fmt: skip
def test_query_raw_construct_formats_parse_back(
    store: OxigraphStore, media: str, rdflib_format: str
) -> None:
    data, used = store.query_raw(
        f"CONSTRUCT {{ ?s <{EX}link> ?o }} WHERE {{ ?s <{EX}link> ?o }}", media
    )
    assert used == media
    g = rdflib.Graph().parse(data=data, format=rdflib_format)
    assert (rdflib.URIRef(EX + "a"), rdflib.URIRef(EX + "link"), rdflib.URIRef(EX + "b1")) in g


def test_query_raw_falls_back_to_a_format_that_fits(store: OxigraphStore) -> None:
    _, used = store.query_raw(f"ASK {{ <{EX}a> ?p ?o }}", "text/turtle")
    assert used == "application/sparql-results+json"
    _, used = store.query_raw("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", "text/csv")
    assert used == "text/turtle"


def test_bad_sparql_is_a_named_error(store: OxigraphStore) -> None:
    with pytest.raises(QuerySyntaxError, match="Invalid SPARQL"):
        store.select("SELEC ?x WHERE { ?x ?y ?z }")
    with pytest.raises(QuerySyntaxError):
        store.update("INSERT NONSENSE")


def test_replace_graph_drops_the_old_content(store: OxigraphStore) -> None:
    g = ox.NamedNode(EX + "g1")
    store.replace_graph(
        EX + "g1", [ox.Quad(ox.NamedNode(EX + "z"), ox.NamedNode(EX + "p"), ox.Literal("new"), g)]
    )
    rows = store.select(f"SELECT ?s ?o WHERE {{ GRAPH <{EX}g1> {{ ?s ?p ?o }} }}")
    assert rows == [{"s": EX + "z", "o": "new"}]
    assert store.ask(f'ASK {{ <{EX}b1> <{EX}s> "other" }}')  # other graphs untouched


@pytest.mark.parametrize("fmt", sorted(DUMP_FORMATS))
def test_dump_round_trips(store: OxigraphStore, fmt: str) -> None:
    data = store.dump(fmt)
    rdf_format = DUMP_FORMATS[fmt]
    parsed = list(ox.parse(data, format=rdf_format))
    expected = store.count() if rdf_format.supports_datasets else 8
    assert len(parsed) == expected


@pytest.mark.parametrize("fmt", ["ttl", "nq"])
def test_dump_to_a_file_streams_the_same_graph(
    store: OxigraphStore, fmt: str, tmp_path: Path
) -> None:
    out = tmp_path / f"out.{fmt}"
    store.dump_to(fmt, str(out))
    parsed = set(ox.parse(path=str(out), format=DUMP_FORMATS[fmt]))
    assert parsed == set(ox.parse(store.dump(fmt), format=DUMP_FORMATS[fmt])) and len(parsed) >= 8


def test_dump_rejects_unknown_format(store: OxigraphStore) -> None:
    with pytest.raises(StoreError, match="Unknown format 'xls'"):
        store.dump("xls")


def test_on_disk_store_persists_and_closes(tmp_path: Path) -> None:
    path = str(tmp_path / "store")
    with OxigraphStore(path) as s:
        s.update(DATA)
        n = s.count()
    with OxigraphStore(path) as again:  # the lock was released by close()
        assert again.count() == n
    with OxigraphStore(path, read_only=True) as ro:
        assert ro.count() == n
        with pytest.raises(StoreError, match="read-only"):
            ro.update(DATA)


def test_missing_store_read_only_says_what_to_do(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="legal-graph ingest"):
        OxigraphStore(str(tmp_path / "nothing"), read_only=True)


def test_store_path_that_is_a_file(tmp_path: Path) -> None:
    f = tmp_path / "file"
    f.write_text("x")
    with pytest.raises(StoreError, match="not a directory"):
        OxigraphStore(str(f))


def test_store_locked_by_another_process(tmp_path: Path) -> None:
    path = tmp_path / "store"
    holder = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(f"""
            import sys, time
            sys.path.insert(0, {str(REPO)!r})
            from graph.store import OxigraphStore
            s = OxigraphStore({str(path)!r})
            print("ready", flush=True)
            sys.stdin.read()
        """)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
        with pytest.raises(StoreLocked, match="in use by another process"):
            OxigraphStore(str(path))
        # the command line says so plainly: no traceback, exit status 2
        cli = subprocess.run(
            [*CLI, "ingest", str(REPO / "samples"), "--store", str(path)],
            cwd=REPO, capture_output=True, text=True, timeout=120,
        )  # fmt: skip
        assert cli.returncode == 2
        assert "in use by another process" in " ".join(cli.stderr.split())
        assert "Traceback" not in cli.stderr + cli.stdout
    finally:
        holder.communicate("", timeout=30)


def test_open_store_chooses_by_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with open_store(Settings(store_path=str(tmp_path / "s"))) as s:
        assert isinstance(s, OxigraphStore)
    monkeypatch.setenv("LEGAL_GRAPH_STORE", "x/y")
    monkeypatch.setenv("LEGAL_GRAPH_SPARQL_QUERY", "")  # empty: the default
    settings = Settings.from_env()
    assert settings.store_path == "x/y" and not settings.remote


def test_select_timeout_stops_a_runaway_query() -> None:
    s = OxigraphStore(None)
    s.update("INSERT DATA { " + " ".join(f"<{EX}s{i}> <{EX}p> {i} ." for i in range(2000)) + " }")
    with pytest.raises(QueryTimeout, match="longer than 0.2 s"):
        s.select("SELECT * WHERE { ?a ?p ?b . ?c ?q ?d . ?e ?r ?f }", timeout=0.2)
    assert len(s.select(f"SELECT ?s WHERE {{ ?s <{EX}p> ?o }}", timeout=5)) == 2000


def test_rdflib_view_shares_the_data(store: OxigraphStore) -> None:
    ds = store.as_rdflib()
    quads = list(ds.quads((rdflib.URIRef(EX + "a"), rdflib.URIRef(EX + "n"), None, None)))
    assert [(q[2].toPython(), str(q[3])) for q in quads] == [(7, EX + "g1")]
