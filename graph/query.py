"""Lineage and impact questions over the stored graph: pure functions of a Store.

Everything here reads through ``Store.select``, so it answers the same on the embedded Oxigraph
store and on a remote SPARQL endpoint, or, when the store has an up-to-date read model
(graph/index.py: the API attaches one to the embedded store), from memory: the links, the
summaries and the quote shown per step come from the model, identically (tests/test_index.py).
Traversals are breadth-first (depth and path come for free, and a depth limit stops the walk
early); metadata and evidence are fetched afterwards, only for the documents returned.

- ``document``: metadata, and links out and in grouped by relation, each with its evidence.
- ``lineage`` (upward: what it implements, is based on …, to the roots) and ``impact``
  (downward: everything that implements, is based on, amends … it): tree and flat list.
- ``paths`` between two documents, ``coverage`` of a central document over the 34 provinces,
  ``timeline`` of a lineage.
"""

from __future__ import annotations

import re
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date as Date
from typing import Any

from graph import index, vocab
from graph.errors import Problem
from graph.provinces import PROVINCES_2025, jurisdiction_slugs, province_2025
from graph.resolve import Candidate, aliases_of, resolve
from graph.store import QueryTimeout, Store
from graph.summary import (
    DocSummary,
    all_values,
    chunks,
    embedded,
    iri_values,
    key_of,
    key_parts,
    summaries,
    summary_from_key,
)
from ingest.identity import slug

ELI, LG, RDF = vocab.ELI, vocab.LG, vocab.RDF
RELATIONS: tuple[str, ...] = tuple(vocab.RELATION_IRI)
# What carries policy down the hierarchy (cites, responds_to and promulgates do not).
STRUCTURAL: tuple[str, ...] = (
    "implements", "based_on", "amends", "replaces", "repeals", "guides", "corrects", "consolidates",
)  # fmt: skip
COVERAGE_RELATIONS: tuple[str, ...] = ("implements", "based_on", "guides")
MAX_NODES = 200_000  # a traversal stops growing here (reported as truncated)
SMALL_CLOSURE = 300  # up to this many documents, their links are looked up one by one


# ---------------------------------------------------------------------------------------------
# Errors a person can cause (the API maps them to problem details, the CLI to messages)


class QueryError(Problem, ValueError):
    """A question that cannot be answered as asked; ``param`` names the culprit."""

    status, kind = 422, "invalid-parameter"

    def __init__(self, message: str, param: str | None = None, **extra: Any) -> None:
        super().__init__(message, title=f"Invalid parameter {param}" if param
                         else "Invalid request", param=param, **extra)  # fmt: skip
        self.param = param


class DocumentNotFound(QueryError):
    status, kind = 404, "document-not-found"

    def __init__(self, ref: str, suggestions: list[Candidate], param: str | None = None) -> None:
        hint = (
            "; did you mean " + ", ".join(c.doc.symbol or c.doc.key for c in suggestions[:3]) + "?"
            if suggestions
            else ""
        )
        super().__init__(f"No document matches {ref!r}{hint}", param, suggestions=suggestions)
        self.ref = ref
        self.suggestions = suggestions


class AmbiguousDocument(QueryError):
    status, kind = 409, "ambiguous-document"

    def __init__(self, ref: str, candidates: list[Candidate], param: str | None = None) -> None:
        names = ", ".join(
            f"{c.doc.symbol} ({c.doc.key})" if c.doc.symbol else c.doc.key for c in candidates[:5]
        )
        super().__init__(
            f"{ref!r} fits several documents: {names}. Use a key.", param, candidates=candidates
        )
        self.ref = ref
        self.candidates = candidates


# ---------------------------------------------------------------------------------------------
# Results


@dataclass(frozen=True)
class EvidenceItem:
    quote: str
    asserted_in: str  # key of the document whose text states the link
    reported: bool  # the asserting text states a link between two other documents
    source_file: str | None = None
    start: int | None = None
    end: int | None = None
    iri: str | None = None
    cue: str | None = None  # the words that typed the link


@dataclass
class LinkView:
    relation: str
    doc: DocSummary  # the document at the other end
    evidence: list[EvidenceItem] = field(default_factory=list)


@dataclass
class DocumentView:
    doc: DocSummary
    variants: dict[str, list[str]]  # every value sources state: titles, dates … that disagree
    aliases: list[str]  # partial keys (year or place unknown) that may name this document
    outgoing: dict[str, list[LinkView]]  # relation → links from this document
    incoming: dict[str, list[LinkView]]  # relation → links to this document


@dataclass(frozen=True)
class Filters:
    """Which documents a traversal lists (the walk itself goes through every document)."""

    issuer: str | None = None  # issuer code (CP, UBND, TU …) or a fragment of the issuer name
    type: str | None = None  # type abbreviation (NQ, KH, NĐ …)
    province: str | None = None  # jurisdiction; a 2025 province includes those merged into it
    date_from: str | None = None  # ISO date, inclusive
    date_to: str | None = None

    @property
    def active(self) -> bool:
        return any((self.issuer, self.type, self.province, self.date_from, self.date_to))

    def accepts(self, d: DocSummary) -> bool:
        if self.type and slug(self.type) != slug(d.type or ""):
            return False
        if self.issuer:
            want = slug(self.issuer)
            if want != slug(d.issuer_code or "") and want not in slug(d.issuer or ""):
                return False
        if self.province and (d.jurisdiction or "") not in jurisdiction_slugs(self.province):
            return False
        if self.date_from and (not d.date or d.date[: len(self.date_from)] < self.date_from):
            return False
        return not (self.date_to and (not d.date or d.date[: len(self.date_to)] > self.date_to))


@dataclass(frozen=True)
class Edge:
    """A link as stored: ``subject relation object``."""

    subject: str
    relation: str
    object: str


@dataclass
class TraversalNode:
    doc: DocSummary
    depth: int
    path: list[str]  # keys from the root to this document (one shortest path)
    relation: str  # relation of the last step of ``path``
    evidence: EvidenceItem | None = None  # for the last step


@dataclass
class TreeNode:
    doc: DocSummary
    depth: int
    relation: str | None  # relation linking it to its parent in the tree (None at the root)
    matched: bool  # passes the filters (else shown only to reach a listed descendant)
    children: list[TreeNode] = field(default_factory=list)


@dataclass
class Traversal:
    root: DocSummary
    direction: str  # "lineage" (upward) or "impact" (downward)
    relations: list[str]
    max_depth: int | None
    nodes: list[TraversalNode]  # filtered, ordered by depth then date, at most ``limit``
    total: int  # documents passing the filters (before the limit)
    reached: int  # documents reached by the walk
    depth_reached: int
    edges: list[Edge]  # links among the root and the listed documents
    tree: TreeNode
    truncated: bool  # the limit, MAX_NODES or the time budget cut the answer
    timed_out: bool = False  # the time budget stopped the walk (nodes come from fewer levels)


@dataclass
class PathStep:
    subject: str
    relation: str
    object: str
    forward: bool  # True when the path walks the link from subject to object


@dataclass
class PathsResult:
    source: DocSummary
    target: DocSummary
    paths: list[list[PathStep]]
    directed: bool  # every path follows the links' direction (else it mixes directions)
    documents: dict[str, DocSummary]


@dataclass
class ProvinceCoverage:
    province: str  # one of the 34 provinces of 2025
    first: DocSummary  # its earliest implementing document
    first_date: str | None
    lag_days: int | None  # from the central document's date to ``first_date``
    documents: list[DocSummary]


@dataclass
class Coverage:
    root: DocSummary
    relations: list[str]
    covered: list[ProvinceCoverage]  # fastest first
    missing: list[str]  # provinces of 2025 with no implementing document
    central: int  # implementing documents of central bodies (not in any province)


@dataclass
class TimelineEntry:
    date: str | None
    doc: DocSummary
    depth: int  # negative upward (lineage), 0 the document itself, positive downward (impact)
    relation: str | None


# ---------------------------------------------------------------------------------------------
# Finding the document a question is about


_SAFE_KEY = re.compile(r"[a-z0-9_.-]+(?:/[a-z0-9_.-]+)*")


def exists(store: Store, key: str) -> bool:
    if not _SAFE_KEY.fullmatch(key):  # never build an IRI from arbitrary text
        return False
    model = store.read_model()
    if model is not None:
        return vocab.doc_iri(key) in model.docs
    return store.ask(f"ASK {{ <{vocab.doc_iri(key)}> a <{LG}Document> }}")


def _known(store: Store, key: str, param: str) -> DocSummary:
    """The summary of the document with this key, else DocumentNotFound with suggestions."""
    found = _summary_of(store, key)
    if found is not None:
        return found
    raise DocumentNotFound(key, _suggest(store, key), param)


def _summary_of(store: Store, key: str) -> DocSummary | None:
    """The document's summary, None when no document has this key (a document always has
    facts: its type, its key, its stub flag)."""
    if not _SAFE_KEY.fullmatch(key):
        return None
    return summaries(store, [vocab.doc_iri(key)]).get(vocab.doc_iri(key))


def _suggest(store: Store, text: str) -> list[Candidate]:
    try:
        return resolve(store, text, limit=5).candidates
    except ValueError:
        return []


def find(store: Store, ref: str, param: str | None = None) -> DocSummary:
    """The document ``ref`` names (a key or anything ``resolve`` reads), or a QueryError with
    suggestions (unknown) or candidates (several fit)."""
    ref = ref.strip()
    if not ref:
        raise QueryError("The document reference is empty.", param)
    found = _summary_of(store, ref)
    if found is not None:
        return found
    res = resolve(store, ref, limit=5)
    if res.best is not None and not _looks_like_key(ref):
        return res.best
    if res.ambiguous and not _looks_like_key(ref):
        raise AmbiguousDocument(ref, res.candidates, param)
    raise DocumentNotFound(ref, res.candidates, param)


def _looks_like_key(ref: str) -> bool:
    return ref.count("/") == 4 and ref == ref.lower() and " " not in ref


def _relation_iris(relations: Iterable[str] | None, default: Sequence[str]) -> list[str]:
    names = list(relations) if relations else list(default)
    bad = [r for r in names if r not in vocab.RELATION_IRI]
    if bad:
        raise QueryError(
            f"Unknown relation {', '.join(map(repr, bad))}; use {', '.join(RELATIONS)}.",
            "relation",
        )
    return [vocab.RELATION_IRI[r] for r in dict.fromkeys(names)]


# ---------------------------------------------------------------------------------------------
# Evidence


def evidence(
    store: Store, edges: Iterable[Edge], best_only: bool = False, per_link: int | None = None
) -> dict[Edge, list[EvidenceItem]]:
    """Every evidence node of each link, the subject's own statement first; with ``best_only``
    just that statement, or a few reports of the link when the subject's text is not stored
    (a link between two central documents may be reported by thousands of files); with
    ``per_link``, at most that many of each link's statements, in the same order (embedded
    store; ``statement_counts`` gives how many there are)."""
    wanted = list(dict.fromkeys(edges))
    out: dict[Edge, list[EvidenceItem]] = defaultdict(list)
    model = store.read_model() if best_only else None
    if model is not None:
        return _indexed_evidence(store, model, wanted)
    # Every evidence node has all of these (docs/data-model.md): no OPTIONAL, which Oxigraph
    # would evaluate by scanning the whole property.
    # Subject first: Oxigraph follows the written order, and a link's subject (the citing
    # document) has few evidence nodes where its object (a hub) may have thousands.
    body = f"""?e <{RDF}subject> ?s ; <{RDF}object> ?o ; <{RDF}predicate> ?p ;
                   <{LG}quote> ?quote ; <{LG}assertedIn> ?asserted ; <{LG}reported> ?reported ;
                   <{LG}sourceFile> ?file ; <{LG}start> ?start ; <{LG}end> ?end .
               OPTIONAL {{ ?e <{LG}cue> ?cue }}"""
    select = "SELECT ?s ?p ?o ?e ?quote ?asserted ?reported ?file ?start ?end ?cue WHERE"

    def triple(e: Edge) -> tuple[str, str, str]:
        return vocab.doc_iri(e.subject), vocab.RELATION_IRI[e.relation], vocab.doc_iri(e.object)

    rows: list[dict[str, object]] = []
    if embedded(store):  # one indexed query per link (see graph.summary.embedded)
        for e in wanted:
            s, p, o = triple(e)
            bound = f"BIND(<{s}> AS ?s) BIND(<{p}> AS ?p) BIND(<{o}> AS ?o) "
            pattern = (body.replace("?s ;", f"<{s}> ;", 1).replace("?o ;", f"<{o}> ;", 1)
                       .replace("?p ;", f"<{p}> ;", 1))  # fmt: skip
            if best_only:
                rows += _best_evidence(store, select, bound, pattern, s, p, o)
            elif per_link is not None:  # the order of evidence_rank, cut in the store
                rows += store.select(
                    f"{select} {{ {bound} {pattern} }} ORDER BY ?reported "
                    f"(?asserted != ?s) STR(?asserted) ?start STR(?e) LIMIT {int(per_link)}"
                )
            else:
                rows += store.select(f"{select} {{ {bound} {pattern} }}")
    else:
        for part in _edge_chunks(wanted):
            values = " ".join("(<{}> <{}> <{}>)".format(*triple(e)) for e in part)
            rows += store.select(f"{select} {{ VALUES (?s ?p ?o) {{ {values} }} {body} }}")
    for r in rows:
        e = Edge(key_of(str(r["s"])), vocab.IRI_RELATION[str(r["p"])], key_of(str(r["o"])))
        out[e].append(
            EvidenceItem(
                quote=str(r["quote"]),
                asserted_in=key_of(str(r["asserted"])),
                reported=bool(r.get("reported", False)),
                source_file=_opt_str(r.get("file")),
                start=_opt_int(r.get("start")),
                end=_opt_int(r.get("end")),
                iri=str(r["e"]),
                cue=_opt_str(r.get("cue")),
            )
        )
    for e, items in out.items():
        unique = {i.iri: i for i in items}.values()
        out[e] = sorted(unique, key=lambda i: _rank(e, i))
        if best_only:
            out[e] = out[e][:1]
    return out


def statement_counts(store: Store, edges: Iterable[Edge]) -> dict[Edge, int]:
    """How many evidence nodes state each link (counted in the store, nothing decoded)."""
    out: dict[Edge, int] = {}
    for e in dict.fromkeys(edges):
        s, p, o = vocab.doc_iri(e.subject), vocab.RELATION_IRI[e.relation], vocab.doc_iri(e.object)
        rows = store.select(
            f"SELECT (COUNT(?e) AS ?n) WHERE {{ ?e <{RDF}subject> <{s}> ; <{RDF}object> <{o}> ; "
            f"<{RDF}predicate> <{p}> }}"
        )
        out[e] = int(str(rows[0]["n"])) if rows else 0
    return out


def _rank(e: Edge, i: EvidenceItem) -> tuple[bool, bool, str, int, str]:
    return index.evidence_rank(e.subject, i.reported, i.asserted_in, i.start, i.iri or "")


def _best_evidence(
    store: Store, select: str, bound: str, pattern: str, s: str, p: str, o: str
) -> list[dict[str, object]]:
    """The evidence an answer shows for one link (``index.evidence_rank``): the subject's own
    statement, looked up in the graphs of its own files first (a link between two central
    documents may be reported by thousands of files); only when it has none, every report."""
    own = store.select(
        f"{select} {{ {bound} GRAPH ?g {{ <{s}> <{LG}sourceFile> ?f . {pattern} }} }}"
    )
    return own or store.select(f"{select} {{ {bound} {pattern} }}")


def _indexed_evidence(
    store: Store, model: index.ReadModel, edges: list[Edge]
) -> dict[Edge, list[EvidenceItem]]:
    """The shown evidence of each link, from the read model."""
    out: dict[Edge, list[EvidenceItem]] = {}
    for e in edges:
        q = model.best.get(
            (vocab.doc_iri(e.subject), vocab.RELATION_IRI[e.relation], vocab.doc_iri(e.object))
        )
        if q is not None:
            out[e] = [EvidenceItem(q.quote, key_of(q.asserted_in), q.reported, q.source_file,
                                   q.start, q.end, q.iri, q.cue)]  # fmt: skip
    return out


def _edge_chunks(edges: list[Edge], size: int = 200) -> Iterable[list[Edge]]:
    for i in range(0, len(edges), size):
        yield edges[i : i + size]


def _opt_str(v: object) -> str | None:
    return None if v is None else str(v)


def _opt_int(v: object) -> int | None:
    try:
        return None if v is None else int(str(v))
    except ValueError:
        return None


# ---------------------------------------------------------------------------------------------
# One document


def links_of(store: Store, key: str) -> list[Edge]:
    """Every link out of and into the document ``key`` (from the read model when current)."""
    iri = vocab.doc_iri(key)
    model = store.read_model()
    if model is not None:
        rels = list(vocab.RELATION_IRI.values())
        out_pairs = model.neighbours(iri, rels, up=True)
        in_pairs = model.neighbours(iri, rels, up=False)
    else:
        preds = iri_values(vocab.RELATION_IRI.values())
        out_rows = store.select(
            f"SELECT DISTINCT ?p ?o WHERE {{ VALUES ?p {{ {preds} }} <{iri}> ?p ?o }}"
        )
        in_rows = store.select(
            f"SELECT DISTINCT ?s ?p WHERE {{ VALUES ?p {{ {preds} }} ?s ?p <{iri}> }}"
        )
        out_pairs = [(str(r["p"]), str(r["o"])) for r in out_rows]
        in_pairs = [(str(r["p"]), str(r["s"])) for r in in_rows]
    edges = [Edge(key, vocab.IRI_RELATION[p], key_of(o)) for p, o in out_pairs]
    return edges + [Edge(key_of(s), vocab.IRI_RELATION[p], key) for p, s in in_pairs]


def document(store: Store, key: str) -> DocumentView:
    """Metadata of the document with this key and its links, grouped by relation."""
    iri = vocab.doc_iri(key)
    docs = {iri: _known(store, key, "key")}
    edges = links_of(store, key)
    others = summaries(
        store, [vocab.doc_iri(e.object if e.subject == key else e.subject) for e in edges]
    )
    proofs = evidence(store, edges)
    outgoing: dict[str, list[LinkView]] = defaultdict(list)
    incoming: dict[str, list[LinkView]] = defaultdict(list)
    for e in sorted(edges, key=lambda e: (e.relation, e.subject, e.object)):
        out = e.subject == key and e.object != key or e.subject == e.object
        other = e.object if out else e.subject
        view = LinkView(
            e.relation,
            others.get(vocab.doc_iri(other)) or summary_from_key(other),
            proofs.get(e, []),
        )
        (outgoing if out else incoming)[e.relation].append(view)
    alias_keys = [a for a in aliases_of(key) if exists(store, a)]
    return DocumentView(
        doc=docs[iri],
        variants=all_values(store, iri),
        aliases=alias_keys,
        outgoing=dict(outgoing),
        incoming=dict(incoming),
    )


# ---------------------------------------------------------------------------------------------
# Traversals


def neighbours(
    store: Store, frontier: Sequence[str], preds: list[str], up: bool
) -> list[tuple[str, str, str]]:
    """(frontier IRI, predicate, next IRI) for every link leaving the frontier (``up``: along
    the links, else against them; graph/viz.py walks both ways with it)."""
    out: list[tuple[str, str, str]] = []
    pred_values = iri_values(preds)
    model = store.read_model()
    if model is not None:
        return [
            (a, p, b) for a in dict.fromkeys(frontier) for p, b in model.neighbours(a, preds, up)
        ]
    if embedded(store):  # one indexed lookup per document (see graph.summary.embedded)
        for a in dict.fromkeys(frontier):
            # a UNION of (subject, predicate) lookups: a hub is the subject of thousands of
            # facts, which a VALUES over the predicates would scan
            hops = " UNION ".join(
                (f"{{ <{a}> <{p}> ?b BIND(<{p}> AS ?p) }}" if up
                 else f"{{ ?b <{p}> <{a}> BIND(<{p}> AS ?p) }}")
                for p in preds
            )  # fmt: skip
            rows = store.select(f"SELECT DISTINCT ?p ?b WHERE {{ {hops} }}")
            out += [(a, str(r["p"]), str(r["b"])) for r in rows]
        return out
    pattern = "?a ?p ?b" if up else "?b ?p ?a"
    for part in chunks(list(frontier), 1000):
        rows = store.select(
            f"SELECT DISTINCT ?a ?p ?b WHERE {{ VALUES ?a {{ {iri_values(part)} }} "
            f"VALUES ?p {{ {pred_values} }} {pattern} }}"
        )
        out += [(str(r["a"]), str(r["p"]), str(r["b"])) for r in rows]
    return out


def _closure(
    store: Store, root: str, preds: list[str], up: bool, timeout: float | None = None
) -> list[str]:
    """Every document reachable from ``root`` (itself included): one property-path query."""
    path = "|".join(f"<{p}>" for p in preds)
    reach = f"<{root}> ({path})* ?a" if up else f"?a ({path})* <{root}>"
    rows = store.select(f"SELECT DISTINCT ?a WHERE {{ {reach} }}", timeout=timeout)
    return [str(r["a"]) for r in rows]


def _closure_links(
    store: Store, root: str, preds: list[str], up: bool
) -> list[tuple[str, str, str]]:
    """Every link among the documents reachable from ``root``, in ONE query: a property path
    finds them, a UNION per relation lists their links (a VALUES over the relations would be
    joined by hashing). Returned as (nearer IRI, predicate, farther IRI)."""
    path = "|".join(f"<{p}>" for p in preds)
    reach = f"<{root}> ({path})* ?a" if up else f"?a ({path})* <{root}>"
    hops = " UNION ".join(
        (f"{{ ?a <{p}> ?b BIND(<{p}> AS ?p) }}" if up else f"{{ ?b <{p}> ?a BIND(<{p}> AS ?p) }}")
        for p in preds
    )
    rows = store.select(f"SELECT DISTINCT ?a ?p ?b WHERE {{ {reach} . {hops} }}")
    return [(str(r["a"]), str(r["p"]), str(r["b"])) for r in rows]


@dataclass
class _Walk:
    depth: dict[str, int]
    parent: dict[str, tuple[str, str]]  # IRI → (parent IRI, predicate IRI)
    edges: set[tuple[str, str, str]]  # (subject IRI, predicate IRI, object IRI)
    truncated: bool
    depth_reached: int
    timed_out: bool = False  # the time budget ran out: the walk stopped at ``depth_reached``


def walk(
    store: Store,
    root_iri: str,
    preds: list[str],
    up: bool,
    max_depth: int | None,
    budget: float | None = None,
) -> _Walk:
    """Breadth-first walk, each document kept at its smallest depth. On the read model each
    level is a few dict lookups. Over SPARQL, without a depth limit the links of the whole
    closure come from one property-path query and the levels are computed here; with one, each
    level is asked for, so a shallow look at a hub stays cheap. ``budget`` (seconds): past it
    the walk stops after the level it is on and says so (``timed_out``)."""
    deadline = None if budget is None else time.monotonic() + budget
    depth = {root_iri: 0}
    parent: dict[str, tuple[str, str]] = {}
    edges: set[tuple[str, str, str]] = set()
    frontier = [root_iri]
    level = 0
    truncated = timed_out = False
    adjacency: dict[str, list[tuple[str, str, str]]] | None = None
    if max_depth is None and store.read_model() is None:
        # The closure first (what the floor query does); its links then come from one indexed
        # lookup per document when it is small, else from one query joining the closure.
        try:
            adjacency = _closure_adjacency(store, root_iri, preds, up, deadline)
        except QueryTimeout:
            return _Walk(depth, parent, edges, True, 0, timed_out=True)
    while frontier and (max_depth is None or level < max_depth):
        if deadline is not None and time.monotonic() > deadline:
            timed_out = True
            break
        if adjacency is not None:
            rows = [link for a in frontier for link in adjacency.get(a, ())]
        else:
            rows = neighbours(store, frontier, preds, up)
        level += 1
        nxt: list[str] = []
        for a, p, b in sorted(rows):
            edges.add((a, p, b) if up else (b, p, a))
            if b not in depth:
                if len(depth) >= MAX_NODES:
                    truncated = True
                    continue
                depth[b] = level
                parent[b] = (a, p)
                nxt.append(b)
        frontier = nxt
    reached = max(depth.values())
    return _Walk(depth, parent, edges, truncated or timed_out, reached, timed_out)


def _closure_adjacency(
    store: Store, root: str, preds: list[str], up: bool, deadline: float | None
) -> dict[str, list[tuple[str, str, str]]]:
    left = None if deadline is None else max(0.001, deadline - time.monotonic())
    closure = _closure(store, root, preds, up, left)
    links = (neighbours(store, closure, preds, up) if len(closure) <= SMALL_CLOSURE
             else _closure_links(store, root, preds, up))  # fmt: skip
    adjacency: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    for a, p, b in links:
        adjacency[a].append((a, p, b))
    return adjacency


def _path(w: _Walk, iri: str) -> list[str]:
    out = [iri]
    while iri in w.parent:
        iri = w.parent[iri][0]
        out.append(iri)
    return [key_of(i) for i in reversed(out)]


def traverse(
    store: Store,
    key: str,
    direction: str = "lineage",
    *,
    relations: Iterable[str] | None = None,
    max_depth: int | None = None,
    filters: Filters | None = None,
    limit: int = 100,
    with_evidence: bool = True,
    root: DocSummary | None = None,
    budget: float | None = None,
    walked: _Walk | None = None,
) -> Traversal:
    """Lineage (``direction="lineage"``, upward) or impact (``"impact"``, downward) of ``key``.

    ``root``: the document's summary when the caller already has it (``find``); ``budget``:
    seconds the walk may take, after which it stops and the answer says so (``timed_out``);
    ``walked``: the same walk (root, relations, direction, depth) already made (``coverage``
    and the implementation page share one)."""
    if direction not in ("lineage", "impact"):
        raise QueryError(f"Unknown direction {direction!r}; use lineage or impact.", "direction")
    if max_depth is not None and max_depth < 1:
        raise QueryError(f"depth must be at least 1, got {max_depth}.", "depth")
    if limit < 1:
        raise QueryError(f"limit must be at least 1, got {limit}.", "limit")
    filters = filters or Filters()
    _check_dates(filters)
    preds = _relation_iris(relations, STRUCTURAL)
    root_iri = vocab.doc_iri(key)
    root_docs = {
        root_iri: root if root is not None and root.key == key else _known(store, key, "key")
    }
    w = walked or walk(store, root_iri, preds, direction == "lineage", max_depth, budget)
    reached = [i for i in w.depth if i != root_iri]
    # Filters on key parts need no metadata; dates do, so fetch what the filters need.
    ordered = sorted(reached, key=lambda i: (w.depth[i], i))
    if filters.active:
        docs = summaries(store, ordered)
        matching = [i for i in ordered if i in docs and filters.accepts(docs[i])]
    else:
        matching = ordered
        docs = summaries(store, ordered[:limit])
    page = matching[:limit]
    page_set = set(page)
    # Tree: listed documents and the documents on their paths from the root.
    on_paths: set[str] = set()
    for i in page:
        cur = i
        while cur in w.parent and cur not in on_paths:
            on_paths.add(cur)
            cur = w.parent[cur][0]
    missing = [i for i in on_paths if i not in docs]
    docs.update(summaries(store, missing))
    docs[root_iri] = root_docs[root_iri]

    def doc(i: str) -> DocSummary:
        return docs.get(i) or summary_from_key(key_of(i))

    parent_edges = {
        i: (Edge(key_of(a), vocab.IRI_RELATION[p], key_of(i)) if direction == "lineage"
            else Edge(key_of(i), vocab.IRI_RELATION[p], key_of(a)))
        for i, (a, p) in w.parent.items() if i in page_set
    }  # fmt: skip
    proofs = evidence(store, parent_edges.values(), best_only=True) if with_evidence else {}
    nodes = [
        TraversalNode(
            doc=doc(i),
            depth=w.depth[i],
            path=_path(w, i),
            relation=parent_edges[i].relation,
            evidence=next(iter(proofs.get(parent_edges[i], [])), None),
        )
        for i in page
    ]
    nodes.sort(key=lambda n: (n.depth, n.doc.date or "9999", n.doc.key))
    shown = page_set | {root_iri}
    edges = sorted(
        (Edge(key_of(s), vocab.IRI_RELATION[p], key_of(o)) for s, p, o in w.edges
         if s in shown and o in shown),
        key=lambda e: (e.subject, e.relation, e.object),
    )  # fmt: skip
    tree = _tree(w, root_iri, on_paths | {root_iri}, page_set, doc)
    return Traversal(
        root=root_docs[root_iri],
        direction=direction,
        relations=[vocab.IRI_RELATION[p] for p in preds],
        max_depth=max_depth,
        nodes=nodes,
        total=len(matching),
        reached=len(reached),
        depth_reached=w.depth_reached,
        edges=edges,
        tree=tree,
        truncated=w.truncated or len(matching) > limit,
        timed_out=w.timed_out,
    )


def _tree(
    w: _Walk, root: str, keep: set[str], listed: set[str], doc: Callable[[str], DocSummary]
) -> TreeNode:
    children: dict[str, list[str]] = defaultdict(list)
    for i in keep:
        if i in w.parent:
            children[w.parent[i][0]].append(i)

    def build(i: str) -> TreeNode:
        rel = vocab.IRI_RELATION[w.parent[i][1]] if i in w.parent else None
        kids = sorted(children.get(i, []), key=lambda c: (doc(c).date or "9999", c))
        return TreeNode(doc(i), w.depth[i], rel, i in listed or i == root, [build(c) for c in kids])

    return build(root)


def lineage(store: Store, key: str, **kw: object) -> Traversal:
    """What ``key`` implements, is based on … transitively, up to the roots."""
    return traverse(store, key, "lineage", **kw)  # type: ignore[arg-type]


def impact(store: Store, key: str, **kw: object) -> Traversal:
    """Everything that implements, is based on, amends … ``key``, transitively."""
    return traverse(store, key, "impact", **kw)  # type: ignore[arg-type]


def _check_dates(f: Filters) -> None:
    for name, value in (("date_from", f.date_from), ("date_to", f.date_to)):
        if value is None:
            continue
        try:
            if len(value) == 10:
                Date.fromisoformat(value)
            elif len(value) == 7:
                Date.fromisoformat(value + "-01")
            elif not (len(value) == 4 and value.isdigit()):
                raise ValueError
        except ValueError:
            raise QueryError(
                f"{name} must be an ISO date (YYYY, YYYY-MM or YYYY-MM-DD), got {value!r}.", name
            ) from None


# ---------------------------------------------------------------------------------------------
# Paths between two documents


def paths(
    store: Store,
    source: str,
    target: str,
    *,
    relations: Iterable[str] | None = None,
    max_depth: int = 6,
    limit: int = 10,
    budget: float | None = None,
) -> PathsResult:
    """Paths from ``source`` to ``target``: along the links' direction either way when one
    exists (shortest first), else the shortest connections ignoring direction. Past ``budget``
    seconds: QueryTimeout (a partial search could miss the shortest path)."""
    if max_depth < 1:
        raise QueryError(f"max_depth must be at least 1, got {max_depth}.", "max_depth")
    preds = _relation_iris(relations, RELATIONS)
    s_iri, t_iri = vocab.doc_iri(source), vocab.doc_iri(target)
    docs = {s_iri: _known(store, source, "source"), t_iri: _known(store, target, "target")}
    found: list[list[PathStep]] = []
    directed = True
    deadline = None if budget is None else time.monotonic() + budget
    for up in (True, False):
        found = _directed_paths(store, s_iri, t_iri, preds, up, max_depth, limit, deadline)
        if found:
            break
    if not found:
        directed = False
        found = _undirected_paths(store, s_iri, t_iri, preds, max_depth, limit, deadline)
    keys = {k for p in found for st in p for k in (st.subject, st.object)}
    docs.update(summaries(store, [vocab.doc_iri(k) for k in keys]))
    return PathsResult(
        source=docs[s_iri],
        target=docs[t_iri],
        paths=found,
        directed=directed,
        documents={key_of(i): d for i, d in docs.items()},
    )


def _left(deadline: float | None) -> float | None:
    """Seconds left before ``deadline``; QueryTimeout when none are."""
    if deadline is None:
        return None
    left = deadline - time.monotonic()
    if left <= 0:
        raise QueryTimeout("The question ran past its time budget; narrow it (depth, relation).")
    return left


def _checked(w: _Walk) -> _Walk:
    if w.timed_out:
        _left(0.0)
    return w


def _directed_paths(
    store: Store, s: str, t: str, preds: list[str], up: bool, max_depth: int, limit: int,
    deadline: float | None = None,
) -> list[list[PathStep]]:  # fmt: skip
    w = _checked(walk(store, s, preds, up, max_depth, _left(deadline)))
    if t not in w.depth:
        return []
    back = _checked(walk(store, t, preds, not up, max_depth, _left(deadline)))
    useful = {i for i in w.depth if i in back.depth and w.depth[i] + back.depth[i] <= max_depth}
    nxt: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for a, p, b in w.edges:
        frm, to = (a, b) if up else (b, a)
        if frm in useful and to in useful:
            nxt[frm].append((p, to))
    out: list[list[PathStep]] = []

    def dfs(node: str, trail: list[PathStep], seen: set[str]) -> None:
        if len(out) >= limit * 20:
            return
        if node == t:
            out.append(list(trail))
            return
        if len(trail) >= max_depth:
            return
        for p, to in sorted(nxt.get(node, [])):
            if to in seen:
                continue
            subj, obj = (node, to) if up else (to, node)
            trail.append(PathStep(key_of(subj), vocab.IRI_RELATION[p], key_of(obj), up))
            dfs(to, trail, seen | {to})
            trail.pop()

    dfs(s, [], {s})
    out.sort(key=len)
    return out[:limit]


def _undirected_paths(
    store: Store, s: str, t: str, preds: list[str], max_depth: int, limit: int,
    deadline: float | None = None,
) -> list[list[PathStep]]:  # fmt: skip
    """Shortest connections ignoring direction (two documents implementing the same plan)."""
    depth = {s: 0}
    parents: dict[str, list[tuple[str, str, bool]]] = defaultdict(list)  # node → (prev, pred, fwd)
    frontier = [s]
    level = 0
    while frontier and t not in depth and level < max_depth:
        _left(deadline)
        level += 1
        new: dict[str, int] = {}
        for up in (True, False):
            for a, p, b in neighbours(store, frontier, preds, up):
                if depth.get(b, level) == level and b not in (s,):
                    if b not in depth:
                        new[b] = level
                    parents[b].append((a, p, up))
        depth.update(new)
        frontier = list(new)
        if len(depth) > MAX_NODES:
            break
    if t not in depth:
        return []
    out: list[list[PathStep]] = []

    def back(node: str, trail: list[PathStep]) -> None:
        if len(out) >= limit:
            return
        if node == s:
            out.append(list(reversed(trail)))
            return
        for prev, p, up in sorted(set(parents[node])):
            subj, obj = (prev, node) if up else (node, prev)
            trail.append(PathStep(key_of(subj), vocab.IRI_RELATION[p], key_of(obj), up))
            back(prev, trail)
            trail.pop()

    back(t, [])
    return out


# ---------------------------------------------------------------------------------------------
# Coverage and timeline


def _days(a: str | None, b: str | None) -> int | None:
    """Days from a to b; partial dates count from their first day."""
    if not a or not b:
        return None
    try:
        da = Date.fromisoformat((a + "-01-01")[:10] if len(a) < 10 else a)
        db = Date.fromisoformat((b + "-01-01")[:10] if len(b) < 10 else b)
    except ValueError:
        return None
    return (db - da).days


def coverage(
    store: Store, key: str, *, relations: Iterable[str] | None = None,
    max_depth: int | None = None, budget: float | None = None, walked: _Walk | None = None,
) -> Coverage:  # fmt: skip
    """For a central document: which of the 34 provinces have a document carrying it out
    (transitively), the earliest and its lag in days, and which provinces have none. Past
    ``budget`` seconds: QueryTimeout (a partial count would report provinces as missing).
    ``walked``: the same downward walk already made (``traverse``'s)."""
    preds = _relation_iris(relations, COVERAGE_RELATIONS)
    iri = vocab.doc_iri(key)
    root = _known(store, key, "key")
    w = _checked(walked or walk(store, iri, preds, False, max_depth, budget))
    below = [i for i in w.depth if i != iri]
    by_province: dict[str, list[str]] = defaultdict(list)
    central = 0
    for i in below:
        parts = key_parts(key_of(i))
        prov = province_2025(parts[0]) if parts else None
        if prov:
            by_province[prov].append(i)
        elif parts and parts[0] == "vn":
            central += 1
    docs = summaries(store, [i for group in by_province.values() for i in group])
    covered = []
    for prov, iris in by_province.items():
        found = sorted(
            (docs.get(i) or summary_from_key(key_of(i)) for i in iris),
            key=lambda d: (d.date or "9999", d.key),
        )
        first = found[0]
        covered.append(
            ProvinceCoverage(prov, first, first.date, _days(root.date, first.date), found)
        )
    covered.sort(key=lambda c: (c.first_date or "9999", c.province))
    missing = [p for p in PROVINCES_2025 if p not in by_province]
    return Coverage(root, [vocab.IRI_RELATION[p] for p in preds], covered, missing, central)


def timeline(
    store: Store,
    key: str,
    *,
    relations: Iterable[str] | None = None,
    max_depth: int | None = None,
    direction: str = "both",
    limit: int = 500,
    budget: float | None = None,
) -> list[TimelineEntry]:
    """The document, its lineage and/or its impact in date order (undated last)."""
    if direction not in ("lineage", "impact", "both"):
        raise QueryError(
            f"Unknown direction {direction!r}; use lineage, impact or both.", "direction"
        )
    entries: list[TimelineEntry] = []
    root: DocSummary | None = None
    deadline = None if budget is None else time.monotonic() + budget  # one budget for both ways
    for way, sign in (("lineage", -1), ("impact", 1)):
        if direction not in (way, "both"):
            continue
        left = None if deadline is None else max(0.0, deadline - time.monotonic())
        t = traverse(store, key, way, relations=relations, max_depth=max_depth, limit=limit,
                     with_evidence=False, budget=left)  # fmt: skip
        root = t.root
        entries += [TimelineEntry(n.doc.date, n.doc, sign * n.depth, n.relation) for n in t.nodes]
    assert root is not None
    entries.append(TimelineEntry(root.date, root, 0, None))
    entries.sort(key=lambda e: (e.date or "9999", e.depth, e.doc.key))
    return entries
