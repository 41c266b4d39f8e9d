"""What a person needs to recognise a document, read from the store in batches.

Several sources may state different values for the same fact (two titles, a wrong issuer name
read from a letter's header): the document's own file wins, else the value most sources state,
else the smallest, so every answer is deterministic (the rule of graph/export.py).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from graph import vocab
from graph.provinces import NAME_OF, province_2025
from graph.store import Store
from ingest.identity import TYPE_NAMES, display_symbol

ELI, LG = vocab.ELI, vocab.LG
DERIVED = vocab.GRAPH + "derived"  # graph/rdf.py: DERIVED_GRAPH
MENTIONS = 200
CHUNK = 400  # IRIs per VALUES block: keeps every request small enough for a remote endpoint

LEVEL_NAMES = {
    "party": "Party",
    "national_assembly": "National Assembly",
    "government": "Government",
    "ministry": "Ministry",
    "province": "Province",
    "department": "Department",
    "district": "District",
}

FACTS: dict[str, str] = {
    "symbol": ELI + "id_local",
    "title": ELI + "title",
    "date": ELI + "date_document",
    "type": ELI + "type_document",
    "issuer": LG + "issuerName",
    "level": LG + "level",
    "file": LG + "sourceFile",
    "ambiguous": LG + "ambiguous",
    "stub": LG + "isStub",
}
_BY_PRED = {p: name for name, p in FACTS.items()}


@dataclass(frozen=True, slots=True)
class DocSummary:
    """One document as the answers show it. ``jurisdiction``, ``issuer_code``, ``year`` and
    ``type`` come from the canonical key when the facts are silent."""

    key: str
    iri: str
    symbol: str | None = None
    title: str | None = None
    type: str | None = None
    type_name: str | None = None
    date: str | None = None
    year: int | None = None
    issuer: str | None = None
    issuer_code: str | None = None
    jurisdiction: str | None = None
    jurisdiction_name: str | None = None
    province_2025: str | None = None
    level: str | None = None
    stub: bool = True
    ambiguous: bool = False
    file: str | None = None

    @property
    def label(self) -> str:
        """Short human name: the symbol, else type name and date, else the key."""
        if self.symbol:
            return self.symbol
        if self.title and self.type_name:
            return f"{self.type_name} {self.date or ''}".strip()
        return self.key


def key_of(iri: str) -> str:
    return iri[len(vocab.DOC) :] if iri.startswith(vocab.DOC) else iri


def key_parts(key: str) -> tuple[str, str, str, str, str] | None:
    parts = key.split("/")
    if len(parts) != 5:
        return None
    return parts[0], parts[1], parts[2], parts[3], parts[4]


def chunks(items: Sequence[str], size: int = CHUNK) -> Iterator[Sequence[str]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def iri_values(iris: Iterable[str]) -> str:
    return " ".join(f"<{i}>" for i in iris)


@dataclass
class Facts:
    own: dict[str, set[object]] = field(default_factory=lambda: defaultdict(set))
    said: dict[str, Counter[object]] = field(default_factory=lambda: defaultdict(Counter))

    def pick(self, name: str) -> object:
        if self.own.get(name):
            return min(self.own[name], key=str)
        counts = self.said.get(name)
        if not counts:
            return None
        # most sources first, then the most concise (a mention may run into the next title)
        return min(counts.items(), key=lambda kv: (-kv[1], len(str(kv[0])), str(kv[0])))[0]

    def every(self, name: str) -> list[str]:
        return sorted({str(v) for v in self.said.get(name, {})})


def embedded(store: Store) -> bool:
    """True for the in-process Oxigraph store. There a query costs microseconds but a
    multi-row VALUES block is joined by hashing (scanning the pattern's whole index), so one
    small indexed query per document is much faster; a remote endpoint gets batched VALUES
    queries instead (one round trip per batch)."""
    return store.embedded


def _fact_query(subject: str, preds: str) -> str:
    """Facts of one document (``subject`` an IRI, or ``?d`` bound by VALUES), counted over the
    sources stating them, flagged when the document's own file states them."""
    group = "?d ?p ?v" if subject == "?d" else "?p ?v"
    return (
        f"SELECT {group} (COUNT(*) AS ?n) (MAX(?o) AS ?own) WHERE {{ VALUES ?p {{ {preds} }} "
        f"GRAPH ?g {{ {subject} ?p ?v }} "
        f"BIND(IF(EXISTS {{ GRAPH ?g {{ {subject} <{LG}sourceFile> ?f }} }}, 1, 0) AS ?o) }} "
        f"GROUP BY {group}"
    )


def _facts_of(store: Store, d: str) -> list[dict[str, object]]:
    """One document's facts in process: its own file's statements (and the derived graph) when
    it has a file, else every source's statements counted by Oxigraph. Two small indexed
    queries at most, whatever the number of documents citing it."""
    own = store.select(
        f"SELECT ?p ?v WHERE {{ {{ GRAPH ?g {{ <{d}> <{LG}sourceFile> ?f . <{d}> ?p ?v }} }} "
        f"UNION {{ GRAPH <{DERIVED}> {{ <{d}> ?p ?v }} }} }}"
    )
    if any(str(r["p"]) == FACTS["file"] for r in own):
        return [{**r, "own": 1} for r in own if str(r["p"]) in _BY_PRED]
    # A stub cited by thousands: the majority over its first MENTIONS statements per fact.
    parts = " UNION ".join(
        f"{{ SELECT ?v (<{p}> AS ?p) WHERE {{ GRAPH ?g {{ <{d}> <{p}> ?v }} }} LIMIT {MENTIONS} }}"
        for p in FACTS.values() if p != FACTS["file"]
    )  # fmt: skip
    return store.select(f"SELECT ?p ?v (COUNT(*) AS ?n) WHERE {{ {parts} }} GROUP BY ?p ?v")


def _facts(store: Store, iris: Sequence[str]) -> dict[str, Facts]:
    preds = iri_values(FACTS.values())
    wanted = list(dict.fromkeys(iris))
    rows: list[tuple[str, dict[str, object]]] = []
    if embedded(store):
        for d in wanted:
            rows += [(d, r) for r in _facts_of(store, d)]
    else:
        for part in chunks(wanted):
            query = _fact_query("?d", preds).replace(
                "WHERE { ", f"WHERE {{ VALUES ?d {{ {iri_values(part)} }} ", 1
            )
            rows += [(str(r["d"]), r) for r in store.select(query)]
    out: dict[str, Facts] = {}
    for d, r in rows:
        f = out.setdefault(d, Facts())
        name, value = _BY_PRED[str(r["p"])], r["v"]
        f.said[name][value] += int(str(r.get("n", 1)))
        if str(r.get("own", 0)) == "1":
            f.own[name].add(value)
    return out


def read_facts(store: Store, iris: Sequence[str]) -> dict[str, Facts]:
    """The facts of these documents, read through SPARQL (graph/index.py reads a stub's so)."""
    return _facts(store, iris)


def summary_from_facts(iri: str, f: Facts | None) -> DocSummary:
    key = key_of(iri)
    parts = key_parts(key)
    jur = parts[0] if parts and parts[0] != "_" else None
    issuer_code = parts[1].upper() if parts and parts[1] != "_" else None
    year = int(parts[2]) if parts and parts[2].isdigit() else None
    f = f or Facts()
    type_iri = f.pick("type")
    typ = str(type_iri)[len(vocab.DOCTYPE) :] if type_iri else None
    if typ is None and parts and parts[3] != "_":
        typ = parts[3].upper()
    date = f.pick("date")
    stub = f.pick("stub")
    return DocSummary(
        key=key,
        iri=iri,
        symbol=display_symbol(symbol) if (symbol := _str(f.pick("symbol"))) else None,
        title=_str(f.pick("title")),
        type=typ,
        type_name=TYPE_NAMES.get(typ or ""),
        date=_str(date),
        year=year or (int(str(date)[:4]) if date else None),
        issuer=_str(f.pick("issuer")),
        issuer_code=issuer_code,
        jurisdiction=jur,
        jurisdiction_name=NAME_OF.get(jur or "", jur),
        province_2025=province_2025(jur),
        level=_str(f.pick("level")),
        stub=True if stub is None else bool(stub),
        ambiguous=bool(f.pick("ambiguous")) or (parts is not None and "_" in parts),
        file=_str(f.pick("file")),
    )


def _str(v: object) -> str | None:
    return None if v is None else str(v)


def summaries(store: Store, iris: Iterable[str]) -> dict[str, DocSummary]:
    """IRI → summary for every IRI that names a document in the store (from the reader's read
    model when it has one, graph/index.py)."""
    model = store.read_model()
    if model is not None:
        return {iri: d for iri in iris if (d := model.docs.get(iri)) is not None}
    wanted = list(dict.fromkeys(iris))
    facts = _facts(store, wanted)
    return {iri: summary_from_facts(iri, facts[iri]) for iri in wanted if iri in facts}


def summary_from_key(key: str) -> DocSummary:
    """What the key alone says (for documents whose facts were not fetched)."""
    return summary_from_facts(vocab.doc_iri(key), None)


def all_values(store: Store, iri: str) -> dict[str, list[str]]:
    """Every value any source states for each fact of one document (titles that disagree …)."""
    f = _facts(store, [iri]).get(iri)
    if f is None:
        return {}
    return {name: f.every(name) for name in ("symbol", "title", "date", "issuer") if f.every(name)}
