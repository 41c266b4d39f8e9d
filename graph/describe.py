"""A document's own RDF, for its dereferenced IRI (``GET /eli/{key}`` with an RDF media type):
its facts and the links into and out of it, from the union of the named graphs.

``base``: the address this deployment publishes documents under. The store names documents
``https://legal-graph.org/eli/{key}`` (graph/vocab.py); a deployment elsewhere sets
``LEGAL_GRAPH_IRI_BASE`` and the RDF it serves names them under its own address, so the IRIs a
client reads resolve to the server that gave them (terms of the ontology keep their names).
"""

from __future__ import annotations

import pyoxigraph as ox

from graph import vocab
from graph.store import GRAPH_TYPES, PREFIX_MAP, Store


def describe(store: Store, key: str, media: str, base: str = vocab.BASE) -> bytes:
    iri = vocab.doc_iri(key)
    rels = " ".join(f"<{p}>" for p in vocab.RELATION_IRI.values())
    sparql = (
        f"CONSTRUCT {{ <{iri}> ?p ?o . ?s ?q <{iri}> }} WHERE {{ {{ <{iri}> ?p ?o }} "
        f"UNION {{ VALUES ?q {{ {rels} }} ?s ?q <{iri}> }} }}"
    )
    raw, _ = store.query_raw(sparql, "application/n-triples")
    triples = list(ox.parse(raw, format=ox.RdfFormat.N_TRIPLES))
    doc_base = base.rstrip("/") + "/eli/"
    if doc_base != vocab.DOC:

        def moved(term: ox.NamedNode) -> ox.NamedNode:
            v = term.value
            return ox.NamedNode(doc_base + v[len(vocab.DOC) :]) if v.startswith(vocab.DOC) else term

        triples = [
            ox.Triple(moved(t.subject) if isinstance(t.subject, ox.NamedNode) else t.subject,
                      t.predicate,
                      moved(t.object) if isinstance(t.object, ox.NamedNode) else t.object)
            for t in triples
        ]  # fmt: skip
    fmt = GRAPH_TYPES[media]
    prefixes = PREFIX_MAP if fmt == ox.RdfFormat.TURTLE else None
    return bytes(ox.serialize(triples, format=fmt, prefixes=prefixes) or b"")
