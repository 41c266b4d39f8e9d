"""Extraction records → RDF quads, per docs/data-model.md. Pure functions, no store access.

Everything one source file states goes into that file's named graph, so re-ingesting the file
replaces exactly its statements; the file's record in the meta graph is written with it.
Document IRIs come from ``DocRef.key`` only, so a cited document (a stub) and the document
itself, once read, are one node.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

import pyoxigraph as ox

from graph import vocab
from ingest.identity import issuer_rank
from ingest.models import DocRef, Extraction, Link

META_GRAPH = vocab.GRAPH + "meta"
DERIVED_GRAPH = vocab.GRAPH + "derived"
ONTOLOGY_GRAPH = vocab.GRAPH + "ontology"
SOURCE_GRAPH = vocab.GRAPH + "source/"

LEVELS = {
    0: "party",
    1: "national_assembly",
    2: "government",
    3: "ministry",
    4: "province",
    5: "province",
    6: "department",
    7: "district",
}

_N = ox.NamedNode
_RDF_TYPE = _N(vocab.RDF + "type")
_RDF_SUBJECT = _N(vocab.RDF + "subject")
_RDF_PREDICATE = _N(vocab.RDF + "predicate")
_RDF_OBJECT = _N(vocab.RDF + "object")
_RDFS_LABEL = _N(vocab.RDFS + "label")
_XSD_DATE = _N(vocab.XSD + "date")
_XSD_GYM = _N(vocab.XSD + "gYearMonth")
_XSD_GYEAR = _N(vocab.XSD + "gYear")
_XSD_DATETIME = _N(vocab.XSD + "dateTime")
_XSD_INTEGER = _N(vocab.XSD + "integer")
_TRUE = ox.Literal("true", datatype=_N(vocab.XSD + "boolean"))
_FALSE = ox.Literal("false", datatype=_N(vocab.XSD + "boolean"))


def _eli(name: str) -> ox.NamedNode:
    return _N(vocab.ELI + name)


def _lg(name: str) -> ox.NamedNode:
    return _N(vocab.LG + name)


ELI_LEGAL_RESOURCE = _eli("LegalResource")
LG_DOCUMENT = _lg("Document")
LG_EVIDENCE = _lg("Evidence")
LG_ISSUING_BODY = _lg("IssuingBody")
LG_JURISDICTION = _lg("Jurisdiction")
LG_SOURCE_RECORD = _lg("SourceRecord")
P = {
    name: _N(iri)
    for name, iri in {
        "key": vocab.LG + "key",
        "id_local": vocab.ELI + "id_local",
        "number": vocab.ELI + "number",
        "date": vocab.ELI + "date_document",
        "type": vocab.ELI + "type_document",
        "passed_by": vocab.ELI + "passed_by",
        "issuer_name": vocab.LG + "issuerName",
        "issuer_code": vocab.LG + "code",
        "jurisdiction": vocab.LG + "jurisdiction",
        "title": vocab.ELI + "title",
        "year": vocab.LG + "year",
        "level": vocab.LG + "level",
        "source_file": vocab.LG + "sourceFile",
        "locator": vocab.LG + "locator",
        "ambiguous": vocab.LG + "ambiguous",
        "quote": vocab.LG + "quote",
        "start": vocab.LG + "start",
        "end": vocab.LG + "end",
        "asserted_in": vocab.LG + "assertedIn",
        "reported": vocab.LG + "reported",
        "path": vocab.LG + "path",
        "hash": vocab.LG + "contentHash",
        "ingested_at": vocab.LG + "ingestedAt",
        "is_stub": vocab.LG + "isStub",
    }.items()
}
RELATION_NODE = {name: _N(iri) for name, iri in vocab.RELATION_IRI.items()}

_DATE_FORMS = (
    (re.compile(r"\d{4}-\d{2}-\d{2}"), _XSD_DATE),
    (re.compile(r"\d{4}-\d{2}"), _XSD_GYM),
    (re.compile(r"\d{4}"), _XSD_GYEAR),
)


def graph_key(path: str) -> str:
    """The stable identity of a source file: its absolute path, normalised."""
    return os.path.normpath(os.path.abspath(path))


def display_path(path: str) -> str:
    """The path shown to people: relative to the working directory when inside it."""
    absolute = graph_key(path)
    try:
        rel = Path(absolute).relative_to(Path.cwd())
    except ValueError:
        return absolute
    return rel.as_posix()


def source_graph(path: str) -> str:
    """IRI of the named graph holding what the file at ``path`` states."""
    digest = hashlib.sha1(graph_key(path).encode("utf-8")).hexdigest()[:16]
    return SOURCE_GRAPH + digest


def doc_node(key: str) -> ox.NamedNode:
    return _N(vocab.doc_iri(key))


def date_literal(date: str) -> ox.Literal | None:
    """An ISO date, year-month or year as the matching XSD literal; None for anything else."""
    for pattern, datatype in _DATE_FORMS:
        if pattern.fullmatch(date):
            return ox.Literal(date, datatype=datatype)
    return None


def _key_parts(key: str) -> list[str]:
    parts = key.split("/")
    return parts if len(parts) == 5 else []


def document_triples(doc: DocRef) -> Iterator[tuple[ox.NamedNode, ox.NamedNode, object]]:
    """What a DocRef states about its document (from its own header or from a mention)."""
    s = doc_node(doc.key)
    yield s, _RDF_TYPE, ELI_LEGAL_RESOURCE
    yield s, _RDF_TYPE, LG_DOCUMENT
    yield s, P["key"], ox.Literal(doc.key)
    if doc.symbol:
        yield s, P["id_local"], ox.Literal(doc.symbol)
    if doc.number:
        yield s, P["number"], ox.Literal(doc.number)
    if doc.date and (lit := date_literal(doc.date)) is not None:
        yield s, P["date"], lit
    if doc.type:
        yield s, P["type"], _N(vocab.DOCTYPE + doc.type)
    if doc.year:
        yield s, P["year"], ox.Literal(str(doc.year), datatype=_XSD_INTEGER)
    if doc.title:
        yield s, P["title"], ox.Literal(doc.title, language="vi")
    if doc.issuer:
        yield s, P["issuer_name"], ox.Literal(doc.issuer)
    if doc.ambiguous:
        yield s, P["ambiguous"], _TRUE
    parts = _key_parts(doc.key)
    jur = parts[0] if parts and parts[0] != "_" else None
    issuer = parts[1] if parts and parts[1] != "_" else None
    rank = issuer_rank(doc.issuer_code)
    if rank is not None:
        yield s, P["level"], ox.Literal(LEVELS[rank])
    if jur:
        place = _N(vocab.PLACE + jur)
        yield s, P["jurisdiction"], place
        yield place, _RDF_TYPE, LG_JURISDICTION
        label = doc.jurisdiction or ("Việt Nam" if jur == "vn" else None)
        if label:
            yield place, _RDFS_LABEL, ox.Literal(label, language="vi")
        if issuer:
            agent = _N(f"{vocab.AGENT}{jur}/{issuer}")
            yield s, P["passed_by"], agent
            yield agent, _RDF_TYPE, LG_ISSUING_BODY
            yield agent, P["jurisdiction"], place
            if doc.issuer_code:
                yield agent, P["issuer_code"], ox.Literal(doc.issuer_code)
            if doc.issuer:
                yield agent, _RDFS_LABEL, ox.Literal(doc.issuer, language="vi")


def link_triples(
    link: Link, evidence: ox.NamedNode, asserted_in: str, source_file: str
) -> Iterator[tuple[ox.NamedNode, ox.NamedNode, object]]:
    """The link as a plain triple, and its evidence as a reified statement."""
    s, o = doc_node(link.subject.key), doc_node(link.object.key)
    p = RELATION_NODE[link.relation]
    yield s, p, o
    yield evidence, _RDF_TYPE, LG_EVIDENCE
    yield evidence, _RDF_SUBJECT, s
    yield evidence, _RDF_PREDICATE, p
    yield evidence, _RDF_OBJECT, o
    yield evidence, P["quote"], ox.Literal(link.evidence.quote)
    yield evidence, P["start"], ox.Literal(str(link.evidence.start), datatype=_XSD_INTEGER)
    yield evidence, P["end"], ox.Literal(str(link.evidence.end), datatype=_XSD_INTEGER)
    yield evidence, P["asserted_in"], doc_node(asserted_in)
    yield evidence, P["source_file"], ox.Literal(source_file)
    yield evidence, P["reported"], _TRUE if link.reported else _FALSE


def extraction_triples(
    extraction: Extraction, source_file: str, graph: str, first_evidence: int = 0
) -> Iterator[tuple[ox.NamedNode, ox.NamedNode, object]]:
    """Triples one Source states: its own document, every document it mentions, its links."""
    own = extraction.document
    yield from document_triples(own)
    node = doc_node(own.key)
    yield node, P["source_file"], ox.Literal(source_file)
    if extraction.source.locator:
        yield node, P["locator"], ox.Literal(extraction.source.locator)
    for ref in extraction.references:
        if ref.doc.key != own.key:
            yield from document_triples(ref.doc)
    for n, link in enumerate(extraction.links, start=first_evidence):
        for doc in (link.subject, link.object):
            if doc.key != own.key:
                yield from document_triples(doc)
        yield from link_triples(link, _N(f"{graph}#e{n}"), own.key, source_file)


def file_quads(path: str, extractions: Sequence[Extraction]) -> list[ox.Quad]:
    """All quads of one source file's named graph (a register file holds several documents).

    Duplicates are removed, so a document mentioned ten times is stated once per value.
    """
    graph = source_graph(path)
    g = _N(graph)
    shown = display_path(path)
    seen: set[tuple[object, object, object]] = set()
    quads: list[ox.Quad] = []
    first = 0
    for extraction in extractions:
        for t in extraction_triples(extraction, shown, graph, first):
            if t not in seen:
                seen.add(t)
                quads.append(ox.Quad(t[0], t[1], t[2], g))  # type: ignore[arg-type]
        first += len(extraction.links)
    return quads


def meta_quads(path: str, content_hash: str, ingested_at: str) -> list[ox.Quad]:
    """The file's record in the meta graph (written in the same transaction as its graph)."""
    record = _N(source_graph(path))
    g = _N(META_GRAPH)
    return [
        ox.Quad(record, _RDF_TYPE, LG_SOURCE_RECORD, g),
        ox.Quad(record, P["path"], ox.Literal(display_path(path)), g),
        ox.Quad(record, P["hash"], ox.Literal(content_hash), g),
        ox.Quad(record, P["ingested_at"], ox.Literal(ingested_at, datatype=_XSD_DATETIME), g),
    ]


def stub_quads(documents: Iterable[str], real: set[str]) -> list[ox.Quad]:
    """The derived graph: ``lg:isStub`` for every document, true when no file of its own was read."""
    g = _N(DERIVED_GRAPH)
    return [
        ox.Quad(_N(d), P["is_stub"], _FALSE if d in real else _TRUE, g) for d in sorted(documents)
    ]


def to_nquads(quads: Iterable[ox.Quad]) -> str:
    return "".join(f"{q} .\n" for q in quads)
