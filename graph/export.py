"""Exports computed from the store: the edge JSONL of the extraction contract and a documents CSV.

Where sources disagree about a document (two titles, two dates), the document's own file wins;
otherwise the value stated by most sources, then the smallest, so exports are deterministic.
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from graph import vocab
from graph.rdf import DERIVED_GRAPH, SOURCE_GRAPH
from graph.status import DocStatus, statuses
from graph.store import Store

LG, ELI = vocab.LG, vocab.ELI

# NODE field → predicate on the document
FIELDS = {
    "symbol": ELI + "id_local",
    "type": ELI + "type_document",
    "date": ELI + "date_document",
    "issuer": LG + "issuerName",
    "title": ELI + "title",
    "file": LG + "sourceFile",
    "level": LG + "level",
    "year": LG + "year",
    "jurisdiction": LG + "jurisdiction",
    "ambiguous": LG + "ambiguous",
    "ocr_confidence": LG + "ocrConfidence",  # CSV only: not a field of the edge contract's NODE
}
CSV_COLUMNS = [
    "key", "iri", "symbol", "type", "date", "year", "issuer", "jurisdiction", "level", "title",
    "file", "is_stub", "ambiguous", "links_out", "links_in", "sources",
    "status", "in_force_from", "in_force_until", "ocr_confidence",
]  # fmt: skip


@dataclass
class _Facts:
    own: dict[str, set[object]] = field(default_factory=lambda: defaultdict(set))
    said: dict[str, Counter[object]] = field(default_factory=lambda: defaultdict(Counter))
    graphs: set[str] = field(default_factory=set)

    def pick(self, name: str) -> object:
        if self.own.get(name):
            return min(self.own[name], key=str)
        counts = self.said.get(name)
        if not counts:
            return None
        return min(counts.items(), key=lambda kv: (-kv[1], str(kv[0])))[0]


def _documents(store: Store) -> dict[str, _Facts]:
    """Every document's facts, by source. Plain predicate scans (no joins): the store answers
    them from its predicate index, which keeps exports of large stores tractable."""
    own_graphs = {
        (str(r["d"]), str(r["g"]))
        for r in store.select(f"SELECT ?d ?g WHERE {{ GRAPH ?g {{ ?d <{LG}sourceFile> ?f }} }}")
    }
    preds = [*FIELDS.values(), LG + "key"]
    rows = store.iter_select(
        f"SELECT ?d ?p ?v ?g WHERE {{ GRAPH ?g {{ ?d ?p ?v }} "
        f"VALUES ?p {{ {' '.join(f'<{p}>' for p in preds)} }} }}"
    )
    by_pred = {p: name for name, p in FIELDS.items()}
    facts: dict[str, _Facts] = defaultdict(_Facts)
    for r in rows:
        d, g = str(r["d"]), str(r["g"])
        if not d.startswith(vocab.DOC):
            continue  # evidence nodes (lg:sourceFile), issuing bodies (lg:jurisdiction)
        f = facts[d]
        derived = g == DERIVED_GRAPH
        if not derived:
            if not g.startswith(SOURCE_GRAPH):
                continue
            f.graphs.add(g)
        name = by_pred.get(str(r["p"]))
        if name is None:  # lg:key: the document exists in this graph
            continue
        f.said[name][r["v"]] += 1
        # facts that follow from the key (derived graph) are as good as the document's own word
        if derived or (d, g) in own_graphs:
            f.own[name].add(r["v"])
    return facts


def _labels(store: Store) -> dict[str, str]:
    rows = store.select(
        f"SELECT ?j ?l WHERE {{ ?j a <{LG}Jurisdiction> ; <{vocab.RDFS}label> ?l }} ORDER BY ?j ?l"
    )
    labels: dict[str, str] = {}
    for r in rows:
        labels.setdefault(str(r["j"]), str(r["l"]))
    return labels


def _node(iri: str, f: _Facts, labels: dict[str, str]) -> dict[str, Any]:
    """The NODE object of the edge contract (ingest/models.py DocRef.as_node)."""
    typ = f.pick("type")
    jur = f.pick("jurisdiction")
    file = f.own.get("file")
    return {
        "symbol": f.pick("symbol"),
        "type": str(typ).removeprefix(vocab.DOCTYPE) if typ else None,
        "date": f.pick("date"),
        "issuer": f.pick("issuer"),
        "title": f.pick("title"),
        "file": min(file, key=str) if file else None,
        "key": iri.removeprefix(vocab.DOC),
        "jurisdiction": labels.get(str(jur), str(jur).removeprefix(vocab.PLACE)) if jur else None,
        "ambiguous": not file and bool(f.said.get("ambiguous")),
    }


def _in_force(st: DocStatus | None) -> dict[str, Any]:
    """A node's status today and its days in force (graph/status.py)."""
    return {
        "status": st.status if st else "unknown",
        "in_force_from": st.since.date if st and st.since else None,
        "in_force_until": st.until.date if st and st.until else None,
    }


def edges(store: Store) -> Iterator[dict[str, Any]]:
    """One JSON object per proven link, as ``legal-graph extract --edges`` writes them, each
    node with its status today and its days in force."""
    facts = _documents(store)
    labels = _labels(store)
    found = statuses(store)
    nodes: dict[str, dict[str, Any]] = {}

    def node(iri: str) -> dict[str, Any]:
        if iri not in nodes:
            nodes[iri] = {**_node(iri, facts.get(iri) or _Facts(), labels),
                          **_in_force(found.get(iri.removeprefix(vocab.DOC)))}  # fmt: skip
        return nodes[iri]

    fields = {
        vocab.RDF + "subject": "s", vocab.RDF + "predicate": "p", vocab.RDF + "object": "o",
        LG + "quote": "quote", LG + "start": "start", LG + "end": "end", LG + "sourceFile": "file",
        LG + "reported": "reported",
    }  # fmt: skip
    evidence: dict[tuple[str, str], dict[str, Any]] = defaultdict(dict)
    # one predicate scan instead of a nine-way join: much faster on large stores
    for r in store.iter_select(
        f"SELECT ?e ?p ?v ?g WHERE {{ GRAPH ?g {{ ?e ?p ?v }} "
        f"VALUES ?p {{ {' '.join(f'<{p}>' for p in fields)} }} }}"
    ):
        if str(r["g"]).startswith(SOURCE_GRAPH) and "#e" in str(r["e"]):
            evidence[(str(r["g"]), str(r["e"]))][fields[str(r["p"])]] = r["v"]
    for r in store.iter_select(f"SELECT ?e ?v ?g WHERE {{ GRAPH ?g {{ ?e <{LG}cue> ?v }} }}"):
        key = (str(r["g"]), str(r["e"]))
        if key in evidence:  # only typed links have a cue
            evidence[key]["cue"] = r["v"]
    complete = [e for e in evidence.values() if len(e.keys() - {"cue"}) == len(fields)]
    complete.sort(key=lambda e: (e["file"], e["start"], e["end"], e["s"], e["p"], e["o"]))
    for e in complete:
        yield {
            "subject": node(str(e["s"])),
            "relation": vocab.IRI_RELATION.get(str(e["p"]), str(e["p"])),
            "object": node(str(e["o"])),
            "asserted_in": e["file"],
            "evidence": e["quote"],
            "span": [e["start"], e["end"]],
            "reported": e["reported"],
            "cue": e.get("cue"),
        }


def edges_jsonl(store: Store) -> str:
    return "".join(json.dumps(e, ensure_ascii=False) + "\n" for e in edges(store))


# A cell starting with one of these is a formula to a spreadsheet (=HYPERLINK(…) in a title
# would run when the file is opened): such text is written behind a quote, as OWASP advises.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> object:
    """A CSV cell a spreadsheet shows as text (graph/implementation.py writes its CSV so too)."""
    return "'" + value if isinstance(value, str) and value.startswith(FORMULA_START) else value


def documents_csv(store: Store) -> str:
    """One row per document, for spreadsheet users (text that a spreadsheet would read as a
    formula starts with a quote)."""
    facts = _documents(store)
    labels = _labels(store)
    stubs = {
        str(r["d"]): bool(r["s"])
        for r in store.select(
            f"SELECT ?d ?s WHERE {{ GRAPH <{DERIVED_GRAPH}> {{ ?d <{LG}isStub> ?s }} }}"
        )
    }
    relations = " ".join(f"<{p}>" for p in vocab.RELATION_IRI.values())
    degree = store.select(
        f"""SELECT ?d (COUNT(DISTINCT ?out) AS ?o) (COUNT(DISTINCT ?in) AS ?i) WHERE {{
            {{ ?d ?p ?out VALUES ?p {{ {relations} }} }} UNION {{ ?in ?p ?d VALUES ?p {{ {relations} }} }}
        }} GROUP BY ?d"""
    )
    out_in = {str(r["d"]): (r.get("o", 0), r.get("i", 0)) for r in degree}
    found = statuses(store)
    buf = io.StringIO()
    # RFC 4180 line ends: a cell holding a line break of either kind is then quoted
    writer = csv.DictWriter(buf, CSV_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for iri in sorted(facts):
        f = facts[iri]
        node = _node(iri, f, labels)
        links_out, links_in = out_in.get(iri, (0, 0))
        row = {
            **{k: v for k, v in node.items() if k in CSV_COLUMNS},
            "iri": iri,
            "year": f.pick("year"),
            "level": f.pick("level"),
            "is_stub": stubs.get(iri, not f.own.get("file")),
            "links_out": links_out,
            "links_in": links_in,
            "sources": len(f.graphs),
            "ocr_confidence": f.pick("ocr_confidence") if f.own.get("ocr_confidence") else None,
            **_in_force(found.get(iri.removeprefix(vocab.DOC))),
        }
        writer.writerow({k: safe_cell(v) for k, v in row.items()})
    return buf.getvalue()
