"""Extraction records → RDF (N-Quads text), per docs/data-model.md. Pure functions, no store.

Two kinds of statements:

- what a source file states (its own document, every mention of another document, every link
  and its evidence) goes into that file's named graph, so re-ingesting the file replaces exactly
  its statements;
- what follows from a document's canonical key alone (year, number, jurisdiction, issuing body,
  level) is written once per document in the derived graph, with ``lg:isStub``.

Document IRIs come from ``DocRef.key`` only, so a cited document (a stub) and the document
itself, once read, are one node. The text is generated directly as N-Quads (the store parses
it in Rust): building term objects in Python would cost more than the rest of the mapping.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

import pyoxigraph as ox

from graph import vocab
from ingest.identity import CENTRAL_ISSUERS, LOCAL_ISSUERS, PROVINCE_BY_SLUG, issuer_rank, slug
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
# issuer slug (as in keys) → (code, name)
ISSUERS: dict[str, tuple[str, str]] = {
    slug(code): (code, name) for code, (name, _) in {**CENTRAL_ISSUERS, **LOCAL_ISSUERS}.items()
}

_XSD, _RDF, _LG, _ELI = vocab.XSD, vocab.RDF, vocab.LG, vocab.ELI
A = f"<{_RDF}type>"
T_DOCUMENT = f"<{_LG}Document>"
T_RESOURCE = f"<{_ELI}LegalResource>"
T_EVIDENCE = f"<{_LG}Evidence>"
T_BODY = f"<{_LG}IssuingBody>"
T_PLACE = f"<{_LG}Jurisdiction>"
T_RECORD = f"<{_LG}SourceRecord>"
T_IN_FORCE = f"<{_LG}InForceStatement>"
LABEL = f"<{vocab.RDFS}label>"
TRUE = f'"true"^^<{_XSD}boolean>'
FALSE = f'"false"^^<{_XSD}boolean>'
P = {
    "key": f"<{_LG}key>",
    "id_local": f"<{_ELI}id_local>",
    "number": f"<{_ELI}number>",
    "date": f"<{_ELI}date_document>",
    "type": f"<{_ELI}type_document>",
    "passed_by": f"<{_ELI}passed_by>",
    "issuer_name": f"<{_LG}issuerName>",
    "code": f"<{_LG}code>",
    "jurisdiction": f"<{_LG}jurisdiction>",
    "title": f"<{_ELI}title>",
    "year": f"<{_LG}year>",
    "level": f"<{_LG}level>",
    "source_file": f"<{_LG}sourceFile>",
    "locator": f"<{_LG}locator>",
    "ocr": f"<{_LG}ocr>",
    "ocr_confidence": f"<{_LG}ocrConfidence>",
    "ambiguous": f"<{_LG}ambiguous>",
    "quote": f"<{_LG}quote>",
    "start": f"<{_LG}start>",
    "end": f"<{_LG}end>",
    "asserted_in": f"<{_LG}assertedIn>",
    "reported": f"<{_LG}reported>",
    "cue": f"<{_LG}cue>",
    "path": f"<{_LG}path>",
    "hash": f"<{_LG}contentHash>",
    "ingested_at": f"<{_LG}ingestedAt>",
    "describes": f"<{_LG}describes>",
    "is_stub": f"<{_LG}isStub>",
    "entry_in_force": f"<{_ELI}first_date_entry_in_force>",
    "no_longer_in_force": f"<{_ELI}date_no_longer_in_force>",
    "in_force": f"<{_ELI}in_force>",
    "statement_of": f"<{_LG}statementOf>",
    "in_force_kind": f"<{_LG}inForceKind>",
    "in_force_date": f"<{_LG}date>",
    "part": f"<{_LG}part>",
    "stated_status": f"<{_LG}statedStatus>",
    "subject": f"<{_RDF}subject>",
    "predicate": f"<{_RDF}predicate>",
    "object": f"<{_RDF}object>",
}
RELATION_TERM = {name: f"<{iri}>" for name, iri in vocab.RELATION_IRI.items()}

_DATE_FORMS = (
    (re.compile(r"\d{4}-\d{2}-\d{2}"), "date"),
    (re.compile(r"\d{4}-\d{2}"), "gYearMonth"),
    (re.compile(r"\d{4}"), "gYear"),
)
_NUMBER = re.compile(r"\d+[a-z]?")
_IRI_UNSAFE = re.compile(r'[\x00-\x20<>"{}|^`\\%]')
_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})


# ---------------------------------------------------------------------------------------------
# Terms as N-Triples text


def iri_safe(text: str) -> str:
    """Percent-encode the few characters an IRI may not hold (Unicode letters stay as they are)."""
    return _IRI_UNSAFE.sub(lambda m: "".join(f"%{b:02X}" for b in m.group().encode()), text)


def lit(text: str) -> str:
    return f'"{text.translate(_ESCAPES)}"'


def lit_vi(text: str) -> str:
    return f'"{text.translate(_ESCAPES)}"@vi'


def integer(n: int) -> str:
    return f'"{n}"^^<{_XSD}integer>'


def doc_iri(key: str) -> str:
    return vocab.DOC + iri_safe(key)


def doc_term(key: str) -> str:
    return f"<{vocab.DOC}{iri_safe(key)}>"


def doctype_term(abbr: str) -> str:
    return f"<{vocab.DOCTYPE}{iri_safe(abbr)}>"


def date_term(date: str) -> str | None:
    """An ISO date, year-month or year as the matching XSD literal; None for anything else."""
    for pattern, datatype in _DATE_FORMS:
        if pattern.fullmatch(date):
            return f'"{date}"^^<{_XSD}{datatype}>'
    return None


# ---------------------------------------------------------------------------------------------
# Files and graphs


def graph_key(path: str) -> str:
    """The stable identity of a source file: its absolute path, normalised."""
    return os.path.normpath(os.path.abspath(path))


def display_path(path: str) -> str:
    """The path shown to people: relative to the working directory when inside it."""
    absolute = graph_key(path)
    try:
        return Path(absolute).relative_to(Path.cwd()).as_posix()
    except ValueError:
        return absolute


def source_graph(path: str) -> str:
    """IRI of the named graph holding what the file at ``path`` states."""
    digest = hashlib.sha1(graph_key(path).encode("utf-8")).hexdigest()[:16]
    return SOURCE_GRAPH + digest


# ---------------------------------------------------------------------------------------------
# What a source states


def mention_triples(doc: DocRef) -> Iterator[str]:
    """What a DocRef (a file's own header, or a mention) states, as 'S P O' lines without graph."""
    s = doc_term(doc.key)
    yield f"{s} {A} {T_DOCUMENT}"
    yield f"{s} {P['key']} {lit(doc.key)}"
    if doc.type:
        yield f"{s} {P['type']} {doctype_term(doc.type)}"
    if doc.symbol:
        yield f"{s} {P['id_local']} {lit(doc.symbol)}"
    if doc.date and (d := date_term(doc.date)) is not None:
        yield f"{s} {P['date']} {d}"
    if doc.title:
        yield f"{s} {P['title']} {lit_vi(doc.title)}"
    if doc.issuer:
        yield f"{s} {P['issuer_name']} {lit(doc.issuer)}"
    if doc.ambiguous:
        yield f"{s} {P['ambiguous']} {TRUE}"


def link_triples(link: Link, evidence: str, asserted_in: str, source_file: str) -> Iterator[str]:
    """The link as a plain triple, and its evidence as a reified statement."""
    s, o = doc_term(link.subject.key), doc_term(link.object.key)
    p = RELATION_TERM[link.relation]
    ev = link.evidence
    yield f"{s} {p} {o}"
    yield f"{evidence} {A} {T_EVIDENCE}"
    yield f"{evidence} {P['subject']} {s}"
    yield f"{evidence} {P['predicate']} {p}"
    yield f"{evidence} {P['object']} {o}"
    yield f"{evidence} {P['quote']} {lit(ev.quote)}"
    yield f"{evidence} {P['start']} {integer(ev.start)}"
    yield f"{evidence} {P['end']} {integer(ev.end)}"
    yield f"{evidence} {P['asserted_in']} {asserted_in}"
    yield f"{evidence} {P['source_file']} {source_file}"
    yield f"{evidence} {P['reported']} {TRUE if link.reported else FALSE}"
    if link.cue:  # a plain mention (cites) has none
        yield f"{evidence} {P['cue']} {lit(link.cue)}"


def extraction_triples(
    extraction: Extraction,
    source_file: str,
    graph: str,
    first_evidence: int = 0,
    first_statement: int = 0,
) -> Iterator[str]:
    """Triples one Source states: its own document, every document it mentions, its links."""
    own = extraction.document
    yield from mention_triples(own)
    node = doc_term(own.key)
    shown = lit(source_file)
    yield f"{node} {P['source_file']} {shown}"
    if extraction.source.locator:
        yield f"{node} {P['locator']} {lit(extraction.source.locator)}"
    if (ocr := extraction.source.ocr) is not None:  # pages read by OCR (ingest/ocr.py)
        yield f"{node} {P['ocr']} {lit(ocr.describe())}"
        yield f'{node} {P["ocr_confidence"]} "{ocr.confidence}"^^<{_XSD}decimal>'
    yield from in_force_triples(extraction, node, graph, shown, first_statement)
    for ref in extraction.references:
        if ref.doc.key != own.key:
            yield from mention_triples(ref.doc)
    for n, link in enumerate(extraction.links, start=first_evidence):
        for doc in (link.subject, link.object):
            if doc.key != own.key:
                yield from mention_triples(doc)
        yield from link_triples(link, f"<{graph}#e{n}>", node, shown)


def statement_count(extraction: Extraction) -> int:
    """In-force statement nodes one extraction makes (numbered on within its file's graph)."""
    return len(extraction.in_force) + (extraction.stated_status is not None)


def in_force_triples(
    extraction: Extraction, node: str, graph: str, shown: str, first: int = 0
) -> Iterator[str]:
    """When the document is in force by its own text (eli:first_date_entry_in_force,
    eli:date_no_longer_in_force for the whole text), or by its register's status column
    (lg:statedStatus), each with the statement it rests on (an lg:InForceStatement: quote,
    offsets, the part it dates when only a part)."""
    whole = {"since": P["entry_in_force"], "until": P["no_longer_in_force"]}
    dated: set[str] = set()
    for n, st in enumerate(extraction.in_force, start=first):
        ev = f"<{graph}#d{n}>"
        yield f"{ev} {A} {T_IN_FORCE}"
        yield f"{ev} {P['statement_of']} {node}"
        yield f"{ev} {P['in_force_kind']} {lit(st.kind)}"
        yield f'{ev} {P["in_force_date"]} "{st.date}"^^<{_XSD}date>'
        yield f"{ev} {P['quote']} {lit(st.quote)}"
        yield f"{ev} {P['start']} {integer(st.start)}"
        yield f"{ev} {P['end']} {integer(st.end)}"
        yield f"{ev} {P['source_file']} {shown}"
        if st.part:
            yield f"{ev} {P['part']} {lit(st.part)}"
        elif st.kind not in dated:  # the first statement of the whole text counts
            dated.add(st.kind)
            yield f'{node} {whole[st.kind]} "{st.date}"^^<{_XSD}date>'
    if extraction.stated_status:
        ev = f"<{graph}#d{first + len(extraction.in_force)}>"
        yield f"{node} {P['stated_status']} {lit(extraction.stated_status)}"
        yield f"{ev} {A} {T_IN_FORCE}"
        yield f"{ev} {P['statement_of']} {node}"
        yield f"{ev} {P['in_force_kind']} {lit('stated')}"
        yield f"{ev} {P['stated_status']} {lit(extraction.stated_status)}"
        yield f"{ev} {P['quote']} {lit(extraction.source.meta_dict.get('status', ''))}"
        yield f"{ev} {P['source_file']} {shown}"


def document_keys(extractions: Sequence[Extraction]) -> set[str]:
    """Keys of every document a file's graph speaks of."""
    keys: set[str] = set()
    for ex in extractions:
        keys.add(ex.document.key)
        keys.update(r.doc.key for r in ex.references)
        for link in ex.links:
            keys.add(link.subject.key)
            keys.add(link.object.key)
    return keys


def file_nquads(path: str, extractions: Sequence[Extraction]) -> str:
    """The N-Quads of one source file's named graph (a register file holds several documents).

    Duplicates are removed, so a document mentioned ten times is stated once per value.
    """
    graph = source_graph(path)
    g = f" <{graph}> .\n"
    shown = display_path(path)
    lines: dict[str, None] = {}
    first = statements = 0
    for extraction in extractions:
        lines.update(dict.fromkeys(extraction_triples(extraction, shown, graph, first, statements)))
        first += len(extraction.links)
        statements += statement_count(extraction)
    return g.join(lines) + g if lines else ""


def meta_nquads(path: str, content_hash: str, ingested_at: str, own_keys: Iterable[str]) -> str:
    """The file's record in the meta graph (written in the same transaction as its graph)."""
    record = f"<{source_graph(path)}>"
    g = f" <{META_GRAPH}> .\n"
    lines = [
        f"{record} {A} {T_RECORD}",
        f"{record} {P['path']} {lit(display_path(path))}",
        f"{record} {P['hash']} {lit(content_hash)}",
        f'{record} {P["ingested_at"]} "{ingested_at}"^^<{_XSD}dateTime>',
    ]
    lines += [f"{record} {P['describes']} {doc_term(k)}" for k in sorted(set(own_keys))]
    return g.join(lines) + g


# ---------------------------------------------------------------------------------------------
# What follows from a key (the derived graph)


def agent_iri(jurisdiction: str, issuer: str) -> str:
    return f"{vocab.AGENT}{iri_safe(jurisdiction)}/{iri_safe(issuer)}"


def place_iri(jurisdiction: str) -> str:
    return vocab.PLACE + iri_safe(jurisdiction)


def key_facts(key: str) -> tuple[list[str], list[tuple[str, list[str]]]]:
    """Triples that follow from a canonical key alone: (about the document, [(node, about the
    issuing body or jurisdiction node)]). Order-independent by construction."""
    parts = key.split("/")
    if len(parts) != 5:
        return [f"{doc_term(key)} {A} {T_RESOURCE}"], []
    jur, issuer, year, _type, number = parts
    s = doc_term(key)
    doc = [f"{s} {A} {T_RESOURCE}"]
    nodes: list[tuple[str, list[str]]] = []
    if year.isdigit():
        doc.append(f"{s} {P['year']} {integer(int(year))}")
    if _NUMBER.fullmatch(number):
        doc.append(f"{s} {P['number']} {lit(number.upper())}")
    code, name = ISSUERS.get(issuer, (issuer.upper(), None))
    rank = issuer_rank(code) if issuer != "_" else None
    if jur not in ("vn", "_") and code in CENTRAL_ISSUERS:  # a provincial body, not the ministry
        name, rank = None, None
    if rank is not None:
        doc.append(f"{s} {P['level']} {lit(LEVELS[rank])}")
    if jur != "_":
        place = place_iri(jur)
        doc.append(f"{s} {P['jurisdiction']} <{place}>")
        place_lines = [f"<{place}> {A} {T_PLACE}"]
        label = "Việt Nam" if jur == "vn" else PROVINCE_BY_SLUG.get(jur)
        if label:
            place_lines.append(f"<{place}> {LABEL} {lit_vi(label)}")
        nodes.append((place, place_lines))
        if issuer != "_":
            agent = agent_iri(jur, issuer)
            doc.append(f"{s} {P['passed_by']} <{agent}>")
            agent_lines = [
                f"<{agent}> {A} {T_BODY}",
                f"<{agent}> {P['jurisdiction']} <{place}>",
                f"<{agent}> {P['code']} {lit(code)}",
            ]
            if name:
                province = PROVINCE_BY_SLUG.get(jur)
                if province and issuer in ("ubnd", "hdnd"):
                    name = f"{name} tỉnh {province}"
                elif province and issuer == "tu":
                    name = f"Tỉnh ủy {province}"
                agent_lines.append(f"<{agent}> {LABEL} {lit_vi(name)}")
            nodes.append((agent, agent_lines))
    return doc, nodes


def stub_line(key_iri: str, stub: bool) -> str:
    return f"<{key_iri}> {P['is_stub']} {TRUE if stub else FALSE} <{DERIVED_GRAPH}> .\n"


def in_graph(lines: Iterable[str], graph: str) -> str:
    g = f" <{graph}> .\n"
    return "".join(line + g for line in lines)


# ---------------------------------------------------------------------------------------------
# Term objects, for callers that want them (tests, other tools)


def parse_nquads(text: str) -> list[ox.Quad]:
    return list(ox.parse(text.encode("utf-8"), format=ox.RdfFormat.N_QUADS)) if text else []


def file_quads(path: str, extractions: Sequence[Extraction]) -> list[ox.Quad]:
    return parse_nquads(file_nquads(path, extractions))
