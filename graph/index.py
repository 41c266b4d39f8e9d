"""A read model of the embedded store for the query layer: links, summaries and quotes in memory.

An answer over SPARQL needs dozens of small queries (each document's facts, the quote of each
step, the neighbours of each level); in process each costs 0.1–0.5 ms, mostly parsing and
planning, and the answer 10–100× the raw property-path query that only finds the documents.
Reading a document's facts straight from the quad index is no cheaper (each
``quads_for_pattern`` opens a RocksDB iterator: ~0.1 ms). So this model reads everything an
answer shows once, with one scan per predicate, and answers from memory:

- ``out`` / ``into``: per relation predicate, IRI → IRIs at the other end of its links. Plain
  dicts of tuples of interned IRI strings: a reference costs 8 bytes, less than an int id
  would (an int object is 28) and needs no translation;
- ``docs``: IRI → ``DocSummary`` by graph/summary.py's rule and code (the document's own file
  and the derived graph; for a stub, the majority of its mentions, counted from the same
  scans; summary.py's own query, which counts the first ``MENTIONS``, for a stub stated more
  often);
- ``best``: for each link, the evidence an answer shows (``evidence_rank``: the subject's own
  statement, else the first report), with its quote.

The questions get it through a ``ModelReader``, the reader the app chooses for an embedded store
(a remote endpoint has other writers: it is read through SPARQL). Freshness: a model is built at
the store's ``generation`` (bumped by every write through ``Store``) and used only while the
store is still at that generation, so it is never stale: when it is (or while the first one
builds), ``read_model`` returns None and the questions use SPARQL; the new model is built in a
background thread unless the last build was quick, then right away.
"""

from __future__ import annotations

import gc
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pyoxigraph as ox

from graph import vocab
from graph.store import OxigraphStore, Row, Store, StoreError, to_python
from graph.summary import (
    DERIVED,
    FACTS,
    MENTIONS,
    DocSummary,
    Facts,
    read_facts,
    summary_from_facts,
)

RDF, LG = vocab.RDF, vocab.LG
SYNC_SECONDS = 0.5  # a model that built faster than this is rebuilt in the request that needs it
# the fields of an evidence node (docs/data-model.md: every node has all of them) that rank it,
# and the ones only the shown node needs
_RANKED = {RDF + "subject": 0, RDF + "predicate": 1, RDF + "object": 2, LG + "assertedIn": 3,
           LG + "reported": 4, LG + "start": 5}  # fmt: skip
_RELATIONS = frozenset(vocab.RELATION_IRI.values())
_SHOWN = {LG + "quote": "quote", LG + "sourceFile": "source_file", LG + "end": "end",
          LG + "cue": "cue"}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Quote:
    """The evidence shown for one link (graph/query.py turns it into an ``EvidenceItem``)."""

    iri: str
    quote: str
    asserted_in: str  # IRI
    reported: bool
    source_file: str | None
    start: int | None
    end: int | None
    cue: str | None = None


def evidence_rank(
    subject: str, reported: bool, asserted_in: str, start: int | None, iri: str
) -> tuple[bool, bool, str, int, str]:
    """Order of the evidence of one link (smallest shown first): the subject's own statement,
    then other texts stating it, then reports; ties by asserting document, offset, IRI.
    ``subject`` and ``asserted_in``: keys or IRIs, both the same kind."""
    return (reported, asserted_in != subject, asserted_in, start or 0, iri)


@dataclass
class ReadModel:
    generation: int
    docs: dict[str, DocSummary]
    out: dict[str, dict[str, tuple[str, ...]]]  # predicate IRI → subject IRI → object IRIs
    into: dict[str, dict[str, tuple[str, ...]]]  # predicate IRI → object IRI → subject IRIs
    best: dict[tuple[str, str, str], Quote]  # (subject, predicate, object) IRIs → shown evidence
    # (subject, predicate, object) IRIs → evidence nodes stating it (query.statement_counts)
    stated: dict[tuple[str, str, str], int] = field(default_factory=dict)
    links: int = 0
    seconds: float = 0.0
    # answers that depend on the whole model only (graph/overview.py), each kept with the
    # generation it was computed at (``ModelReader.apply`` patches a model in place)
    memo: dict[str, Any] = field(default_factory=dict)

    def neighbours(self, iri: str, preds: Iterable[str], up: bool) -> list[tuple[str, str]]:
        """(predicate, IRI) one step from ``iri``: upward along the links, or downward."""
        table = self.out if up else self.into
        return [(p, b) for p in preds for b in table.get(p, {}).get(iri, ())]

    def cited_by(self, iri: str) -> int:
        """Distinct documents linking to ``iri`` by any relation."""
        return len({s for table in self.into.values() for s in table.get(iri, ())})


# ---------------------------------------------------------------------------------------------
# Building


class _Interned(dict[str, str]):
    """One string object per distinct value (IRIs, issuer names, dates repeat thousands of times)."""

    def __missing__(self, key: str) -> str:
        self[key] = key
        return key


def _rows(raw: ox.Store, sparql: str) -> Iterator[Any]:
    rows = raw.query(sparql)
    assert isinstance(rows, ox.QuerySolutions)
    return iter(rows)


def _scan(raw: ox.Store, pred: str) -> Iterator[tuple[Any, Any]]:
    """(subject, object) of every statement of ``pred``, in any graph. A SELECT reads a
    predicate about twice as fast as ``quads_for_pattern``."""
    for row in _rows(raw, f"SELECT ?s ?o WHERE {{ GRAPH ?g {{ ?s <{pred}> ?o }} }}"):
        yield row[0], row[1]


def _docs(store: OxigraphStore, raw: ox.Store, strings: _Interned) -> dict[str, DocSummary]:
    """Every document's summary by graph/summary.py's rule: what its own files and the derived
    graph state, read with one scan per fact (a statement is decoded only as far as needed to
    drop it); a stub's facts (the majority over its first mentions) with graph/summary.py's
    own query, one per stub."""
    doc = vocab.DOC
    derived = ox.NamedNode(DERIVED)
    own: dict[str, set[Any]] = defaultdict(set)  # document → graphs of its own files
    for row in _rows(raw, f"SELECT ?s ?g WHERE {{ GRAPH ?g {{ ?s <{FACTS['file']}> ?o }} }}"):
        if row[0].value.startswith(doc):
            own[row[0].value].add(row[1])
    facts: dict[str, Facts] = {}
    stubs: dict[str, Facts] = {}  # a document known from mentions only: every mention counted
    typed = {"ambiguous", "stub"}  # booleans; every other fact is read as its string
    for name, pred in FACTS.items():
        convert = name in typed
        for row in _rows(raw, f"SELECT ?s ?o ?g WHERE {{ GRAPH ?g {{ ?s <{pred}> ?o }} }}"):
            d = row[0].value
            if not d.startswith(doc):
                continue
            mine = own.get(d)
            v = to_python(row[1]) if convert else strings[row[1].value]
            if mine is None:
                f = stubs.get(d)
                if f is None:
                    f = stubs[d] = Facts()
                f.said[name][v] += 1
                continue
            g = row[2]
            if g not in mine and g != derived:
                continue  # a mention of a document whose own file is read
            f = facts.get(d)
            if f is None:
                f = facts[d] = Facts()
            f.said[name][v] += 1
            f.own[name].add(v)
    # SPARQL counts a stub's first MENTIONS statements of each fact (in the index's order):
    # the same as counting them all when there are no more; a stub cited more often is asked
    # the same question
    facts.update(stubs)
    many = [d for d, f in stubs.items() if any(c.total() > MENTIONS for c in f.said.values())]
    facts.update(read_facts(store, sorted(many)))
    out = {}
    for d in sorted(facts):
        iri = strings[d]
        out[iri] = summary_from_facts(iri, facts.pop(d))
    return out


def _links(raw: ox.Store, strings: _Interned) -> tuple[dict[str, dict[str, tuple[str, ...]]],
                                                       dict[str, dict[str, tuple[str, ...]]], int]:  # fmt: skip
    out: dict[str, dict[str, tuple[str, ...]]] = {}
    into: dict[str, dict[str, tuple[str, ...]]] = {}
    total = 0
    for pred in vocab.RELATION_IRI.values():
        pairs: set[tuple[str, str]] = set()
        for s, o in _scan(raw, pred):
            if isinstance(s, ox.NamedNode) and isinstance(o, ox.NamedNode):
                pairs.add((strings[s.value], strings[o.value]))
        fwd: dict[str, list[str]] = defaultdict(list)
        back: dict[str, list[str]] = defaultdict(list)
        for a, b in sorted(pairs):
            fwd[a].append(b)
            back[b].append(a)
        out[pred] = {k: tuple(v) for k, v in fwd.items()}
        into[pred] = {k: tuple(v) for k, v in back.items()}
        total += len(pairs)
    return out, into, total


def _best(
    raw: ox.Store, strings: _Interned
) -> tuple[dict[tuple[str, str, str], Quote], dict[tuple[str, str, str], int]]:
    """The shown evidence of every link (the fields that rank it, for every evidence node, then
    the quote of the winners only), and how many evidence nodes state each link."""
    fields: dict[str, list[Any]] = {}
    for pred, i in _RANKED.items():
        for s, o in _scan(raw, pred):
            if isinstance(s, ox.NamedNode):
                ranks = fields.get(s.value)
                if ranks is None:
                    ranks = fields[s.value] = [None] * len(_RANKED)
                ranks[i] = to_python(o)
    ranked: dict[tuple[str, str, str], tuple[Any, ...]] = {}
    stated: dict[tuple[str, str, str], int] = defaultdict(int)
    for e, (subj, pred, obj, asserted, reported, start) in fields.items():
        if None not in (subj, pred, obj) and pred in _RELATIONS:
            stated[(strings[str(subj)], strings[str(pred)], strings[str(obj)])] += 1
        if None in (subj, pred, obj, asserted, reported, start):
            continue  # not an evidence node (an incomplete one: ontology/shapes.ttl rules it out)
        rank = evidence_rank(subj, bool(reported), asserted, start if isinstance(start, int)
                             else None, e)  # fmt: skip
        link = (str(subj), str(pred), str(obj))
        if link not in ranked or rank < ranked[link]:
            ranked[link] = rank
    del fields
    winners = {rank[-1]: link for link, rank in ranked.items()}
    shown: dict[str, dict[str, object]] = {e: {} for e in winners}
    for pred, name in _SHOWN.items():
        for s, o in _scan(raw, pred):
            row = shown.get(s.value) if isinstance(s, ox.NamedNode) else None
            if row is not None:
                row.setdefault(name, to_python(o))
    best: dict[tuple[str, str, str], Quote] = {}
    for e, link in winners.items():
        row = shown[e]
        if "quote" not in row or "source_file" not in row or "end" not in row:
            continue
        _, _, asserted, start, _ = ranked[link]
        end = row["end"]
        s, p, o = (strings[x] for x in link)
        best[(s, p, o)] = Quote(
            iri=e, quote=str(row["quote"]), asserted_in=strings[asserted],
            reported=ranked[link][0], source_file=strings[str(row["source_file"])],
            start=start, end=end if isinstance(end, int) else None,
            cue=str(row["cue"]) if "cue" in row else None,
        )  # fmt: skip
    return best, dict(stated)


def _shown_evidence(store: OxigraphStore, link: tuple[str, str, str]) -> Quote | None:
    """The evidence an answer shows for one link, read from the store (``_best``'s rule)."""
    s, p, o = link
    rows = store.select(
        f"SELECT ?e ?asserted ?reported ?start ?quote ?file ?end ?cue WHERE {{ ?e "
        f"<{RDF}subject> <{s}> ; <{RDF}predicate> <{p}> ; <{RDF}object> <{o}> ; "
        f"<{LG}assertedIn> ?asserted ; <{LG}reported> ?reported ; <{LG}start> ?start ; "
        f"<{LG}quote> ?quote ; <{LG}sourceFile> ?file ; <{LG}end> ?end "
        f"OPTIONAL {{ ?e <{LG}cue> ?cue }} }}"
    )
    if not rows:
        return None
    best = min(rows, key=lambda r: evidence_rank(s, bool(r["reported"]), str(r["asserted"]),
                                                 r["start"] if isinstance(r["start"], int)
                                                 else None, str(r["e"])))  # fmt: skip
    start, end = best["start"], best["end"]
    return Quote(
        iri=str(best["e"]), quote=str(best["quote"]), asserted_in=str(best["asserted"]),
        reported=bool(best["reported"]), source_file=str(best["file"]),
        start=start if isinstance(start, int) else None, end=end if isinstance(end, int) else None,
        cue=str(best["cue"]) if "cue" in best else None,
    )  # fmt: skip


def _stated(store: OxigraphStore, link: tuple[str, str, str]) -> int:
    """How many evidence nodes state one link, counted in the store (``_best``'s count)."""
    s, p, o = link
    rows = store.select(f"SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE {{ ?e <{RDF}subject> <{s}> ; "
                        f"<{RDF}predicate> <{p}> ; <{RDF}object> <{o}> }}")  # fmt: skip
    return int(str(rows[0]["n"])) if rows else 0


def patch(model: ReadModel, store: OxigraphStore, links: Iterable[tuple[str, str, str]],
          docs: Iterable[str]) -> int:  # fmt: skip
    """Bring ``model`` up to date after writes that changed these links (subject, predicate,
    object IRIs: added, removed, or with other evidence) and the facts of these documents:
    only they are read again, each link with one lookup (does it still exist anywhere, and its
    shown evidence), each document by graph/summary.py's own query. The result is what
    ``build`` would make of the store now (tests/test_live.py compares them). Returns the
    number of lookups made."""
    lookups = 0
    for s, p, o in sorted(set(links)):
        if p not in model.out:
            continue  # not a relation
        lookups += 1
        present = store.ask(f"ASK {{ <{s}> <{p}> <{o}> }}")
        had = o in model.out[p].get(s, ())
        if present != had:
            for table, a, b in ((model.out[p], s, o), (model.into[p], o, s)):
                now = set(table.get(a, ())) ^ {b}
                if now:
                    table[a] = tuple(sorted(now))
                else:
                    table.pop(a, None)
            model.links += 1 if present else -1
        quote = _shown_evidence(store, (s, p, o)) if present else None
        if quote is None:
            model.best.pop((s, p, o), None)
        else:
            model.best[(s, p, o)] = quote
        n = _stated(store, (s, p, o))
        if n:
            model.stated[(s, p, o)] = n
        else:
            model.stated.pop((s, p, o), None)
    wanted = sorted(set(docs))
    if wanted:
        found = read_facts(store, wanted)
        for iri in wanted:
            lookups += 1
            if iri in found:
                model.docs[iri] = summary_from_facts(iri, found[iri])
            else:
                model.docs.pop(iri, None)
    return lookups


def build(store: OxigraphStore) -> ReadModel:
    """The read model of ``store`` as it is now: one scan of each predicate it needs."""
    started = time.perf_counter()
    generation = store.generation  # before reading: a write during the build makes it stale
    raw = store.raw
    strings = _Interned()
    docs = _docs(store, raw, strings)
    out, into, links = _links(raw, strings)
    best, stated = _best(raw, strings)
    return ReadModel(
        generation, docs, out, into, best, stated, links, time.perf_counter() - started
    )


# ---------------------------------------------------------------------------------------------
# The reader that answers from it, keeping it fresh


class ModelReader(Store):
    """The questions' reader over an embedded ``store``: graph/query.py reads its links,
    summaries and quotes from this read model while it is current (``read_model``), and through
    the store's SPARQL otherwise (at start, after a write, while a new model builds); every
    other call goes to the store. Chosen once by whoever opens the store (the app), and
    passed to the questions; the store stays its owner's to write and close.

    ``background``: build the first model in a thread now (a server at start) rather than in
    the first question that needs it. ``warm``: called with this reader in a thread after each
    build, to compute ahead what answers keep with the model (the pages' whole-store ones)."""

    embedded = True

    def __init__(
        self,
        store: OxigraphStore,
        *,
        background: bool = False,
        warm: Callable[[ModelReader], None] | None = None,
    ) -> None:
        self.store = store
        self.warm = warm
        self.lock = threading.Lock()
        self.model: ReadModel | None = None
        self.building = False
        self.last_seconds: float | None = None
        self.last_patch_seconds: float | None = None
        self.error: str | None = None
        if background:
            self._start()

    # -- the store's interface, delegated ------------------------------------------------------

    @property
    def generation(self) -> int:  # type: ignore[override]
        return self.store.generation

    def changed(self) -> None:
        self.store.changed()

    def select(self, sparql: str, timeout: float | None = None) -> list[Row]:
        return self.store.select(sparql, timeout)

    def iter_select(self, sparql: str) -> Iterator[Row]:
        return self.store.iter_select(sparql)

    def results(self, sparql: str, timeout: float | None = None) -> Any:
        return self.store.results(sparql, timeout)

    def query_raw(self, sparql: str, media_type: str) -> tuple[bytes, str]:
        return self.store.query_raw(sparql, media_type)

    def update(self, sparql: str) -> None:
        self.store.update(sparql)

    def dump(self, fmt: str) -> bytes:
        return self.store.dump(fmt)

    def count(self) -> int:
        return self.store.count()

    def close(self) -> None:
        """Nothing: the store is closed by its owner."""

    # -- the model ------------------------------------------------------------------------------

    def _fresh(self) -> ReadModel | None:
        model = self.model
        return model if model is not None and model.generation == self.store.generation else None

    def ready(self) -> bool:
        """An up-to-date model now (no build started or waited for)."""
        return self._fresh() is not None

    def read_model(self) -> ReadModel | None:
        """The model if up to date, else None (use SPARQL); a stale one is rebuilt here when the
        last build was quick, else in the background."""
        if (model := self._fresh()) is not None or self.building:
            return model
        if self.last_seconds is None or self.last_seconds <= SYNC_SECONDS:
            with self.lock:
                if self._fresh() is None:
                    self._run()
            return self._fresh()
        self._start()
        return None

    def wait(self, timeout: float | None = None) -> ReadModel | None:
        """Block until the model is built and up to date (tests, benchmarks)."""
        deadline = None if timeout is None else time.monotonic() + timeout
        while (model := self._fresh()) is None:
            if not self.building:
                with self.lock:
                    self._run()
            elif deadline is not None and time.monotonic() > deadline:
                return None
            else:
                time.sleep(0.05)
        return model

    def status(self) -> dict[str, object]:
        """What the model holds, for /api/status."""
        m = self.model
        return {
            "enabled": True,
            "ready": self.ready(),
            "building": self.building,
            "documents": len(m.docs) if m else None,
            "links": m.links if m else None,
            "build_seconds": round(m.seconds, 2) if m else None,
            "patch_seconds": None
            if self.last_patch_seconds is None
            else round(self.last_patch_seconds, 4),
            "error": self.error,
        }

    def apply(
        self, before: int, links: Iterable[tuple[str, str, str]], docs: Iterable[str]
    ) -> bool:
        """After writes that began at store generation ``before`` and changed only these links
        and documents (graph/live.py): patch the model instead of rebuilding it, when it was
        up to date at ``before``; else (no model yet, or another write meanwhile) it is built
        again as after any write. True when patched."""
        with self.lock:
            model = self.model
            if model is None or model.generation != before or self.building:
                return False
            started = time.perf_counter()
            generation = self.store.generation
            patch(model, self.store, links, docs)
            model.generation = generation
            self.last_patch_seconds = time.perf_counter() - started
            return True

    def _run(self) -> None:
        """Build now (the caller holds ``lock``)."""
        self.building = True
        try:
            model = build(self.store)
            # millions of long-lived objects: out of the cyclic GC's full collections (which
            # would otherwise walk them all, a pause of a second at 100,000 documents)
            gc.freeze()
            self.model, self.last_seconds, self.error = model, model.seconds, None
            if self.warm is not None:
                threading.Thread(target=self.warm, args=(self,), name="read-model-warm",
                                 daemon=True).start()  # fmt: skip
        except StoreError as e:  # closed meanwhile: keep answering through SPARQL
            self.error = str(e)
        finally:
            self.building = False

    def _start(self) -> None:
        with self.lock:
            if self.building:
                return
            self.building = True

        def work() -> None:
            with self.lock:
                self._run()

        threading.Thread(target=work, name="read-model", daemon=True).start()
