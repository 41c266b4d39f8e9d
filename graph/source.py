"""A document's own text with every reference it makes marked: the quotes of its links, at
their offsets (graph/provision.py reads the text the offsets index), so a reader can go from a
quote to the sentence in its place and see the references around it."""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox

from graph import query, vocab
from graph.provision import source_text
from graph.store import Store
from graph.summary import DocSummary, key_of, summaries, summary_from_key


@dataclass(frozen=True)
class Mark:
    start: int
    end: int
    relation: str
    other: DocSummary  # the document the passage refers to (the object of the link)
    subject: DocSummary  # who acts: this document, or another one it reports on


@dataclass(frozen=True)
class Source:
    doc: DocSummary
    path: str | None
    parts: list[tuple[str, Mark | None]]  # the text in order, marked passages with their link
    available: bool  # the file is where it was ingested and still says its quotes


def source(store: Store, key: str) -> Source:
    doc = query.find(store, key, "key")
    text = source_text(doc.file)
    if text is None:
        return Source(doc, doc.file, [], False)
    rows = store.select(
        f"SELECT DISTINCT ?s ?p ?o ?start ?end ?quote WHERE {{ ?e <{vocab.LG}assertedIn> <{doc.iri}> ; "
        f"<{vocab.LG}sourceFile> {ox.Literal(doc.file or '')} ; <{vocab.RDF}subject> ?s ; "
        f"<{vocab.RDF}predicate> ?p ; <{vocab.RDF}object> ?o ; <{vocab.LG}start> ?start ; "
        f"<{vocab.LG}end> ?end ; <{vocab.LG}quote> ?quote }} ORDER BY ?start"
    )
    named = summaries(store, {str(r[x]) for r in rows for x in ("s", "o")})

    def doc_of(iri: str) -> DocSummary:
        return named.get(iri) or summary_from_key(key_of(iri))

    parts: list[tuple[str, Mark | None]] = []
    at = 0
    for r in rows:
        start, end = int(str(r["start"])), int(str(r["end"]))
        if start < at or " ".join(text[start:end].split()) != " ".join(str(r["quote"]).split()):
            continue  # inside the passage just marked, or the file no longer says it
        rel = vocab.IRI_RELATION.get(str(r["p"]))
        if rel is None:
            continue
        parts.append((text[at:start], None))
        parts.append(
            (text[start:end], Mark(start, end, rel, doc_of(str(r["o"])), doc_of(str(r["s"]))))
        )
        at = end
    parts.append((text[at:], None))
    return Source(doc, doc.file, parts, True)
