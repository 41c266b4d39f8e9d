"""New, changed and deleted documents while serving: stored, and visible in every answer at once.

``Live`` is the server's one writer of documents (``POST /api/documents``, ``serve --watch``).
For each change it extracts the files (the caller runs it off the event loop), replaces their
named graphs and records as ``legal-graph ingest`` does (graph/ingest.py's own steps, with its
record of the store kept between changes, so nothing is read again), restates the status of
the documents touched, and patches the read model (graph/index.py ``ModelReader.apply``) with
the links and documents the change touched, instead of rebuilding it. The SPARQL workers see
the write at their next query (a new checkpoint per write generation, graph/sparql_pool.py).
The folds of year-less citations (graph/folds.py) of the symbols the change names or carries
are recomputed in the same write, from the writer's index of the store's documents by symbol
(``Folds``), so the answer after a write already follows them. The orphaned implementations
(graph/orphans.py ``OrphanIndex``) are told which documents the write touched, and read those
again at the next question.

Writes are serialized by ``lock``: the app's SPARQL Update takes it too, so the model is
patched only over writes it knows.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

from graph import rdf, vocab
from graph.folds import Folds
from graph.index import ModelReader
from graph.ingest import Extractor, FileResult, _State, load_ontology, process_file
from graph.orphans import OrphanIndex
from graph.status import restate
from graph.store import OxigraphStore, Store, StoreError
from graph.summary import key_of
from ingest.ocr import DEFAULT_OCR, Ocr

LG, RDF = vocab.LG, vocab.RDF
_RELATIONS = set(vocab.RELATION_IRI.values())


@dataclass
class FileChange:
    """What one file's change did."""

    path: str
    action: str  # "stored", "unchanged", "removed", "duplicate", "failed"
    documents: list[str] = field(default_factory=list)  # keys of its own documents
    links: int = 0
    error: str | None = None


@dataclass
class LiveReport:
    files: list[FileChange]
    seconds: float
    patched: bool  # the read model was patched (else it is rebuilt as after any write)
    refolded: list[str]  # year-less citations whose folds (graph/folds.py) were written again


class Live:
    """The writer of a served store; see the module docstring."""

    def __init__(
        self, store: Store, reader: Store | None = None, extractor: Extractor | None = None,
        ocr: Ocr = DEFAULT_OCR,
    ) -> None:  # fmt: skip
        self.store = store
        self.extractor = extractor  # None: the text extractor (ingest/extract.py)
        self.ocr = ocr  # how a PDF's scanned pages are read (LEGAL_GRAPH_OCR_MAX_PAGES)
        self.reader = reader if isinstance(reader, ModelReader) else None
        self.lock = threading.RLock()
        self._state: _State | None = None
        self._folds: Folds | None = None
        self.orphans = OrphanIndex(store)  # /api/orphans, kept up to date by each write
        self._seen = -1  # the store's generation after this writer's last write
        self.ontology = False  # loaded by this writer once

    def warm(self) -> None:
        """Load ingest's record of the store, then the orphans' index, in the background (a
        server at start), so the first document sent and the first question do not wait."""

        def load() -> None:
            with contextlib.suppress(StoreError):  # closed meanwhile: loaded later
                with self.lock:
                    self.state()
                self.orphans.refresh()

        threading.Thread(target=load, name="live-warm", daemon=True).start()

    def state(self) -> _State:
        """Ingest's record of the store, loaded again when another writer (a SPARQL Update)
        wrote since this one last did."""
        if self._state is None or self.store.generation != self._seen:
            self._state = _State(self.store, bulk=False, clean=False)
            self._folds = Folds(self.store)
            self._seen = self.store.generation
        return self._state

    def write(self, paths: Sequence[str] = (), removed: Sequence[str] = ()) -> LiveReport:
        """Store these files (new or changed) and drop the graphs of these removed ones."""
        started = time.perf_counter()
        with self.lock:
            state = self.state()
            before = self.store.generation
            stamp = datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
            changes: list[FileChange] = []
            results: list[FileResult] = []
            graphs = [rdf.source_graph(p) for p in (*paths, *removed)]
            old_links, old_keys = _graph_contents(self.store, graphs)
            for path in paths:
                r = process_file(
                    path,
                    state.known.get(rdf.source_graph(path)),
                    self.extractor or _extractor(),
                    stamp,
                    ocr=self.ocr,
                )
                change = FileChange(r.path, "stored", r.own, sum(r.links.values()), r.error)
                if r.error is not None:
                    change.action = "failed"
                elif r.skipped:
                    change.action = "unchanged"
                elif (other := state.duplicate_of(r)) is not None:
                    change.action, change.error = "duplicate", f"the same bytes as {other}"
                else:
                    results.append(r)
                changes.append(change)
            gone = [g for p in removed if (g := rdf.source_graph(p)) in state.known]
            changes += [FileChange(rdf.display_path(p), "removed" if rdf.source_graph(p) in
                                   state.known else "unchanged") for p in removed]  # fmt: skip
            if results:
                state.commit(results)
            if gone:
                _drop(state, gone)
            if not results and not gone:
                return LiveReport(changes, time.perf_counter() - started, False, [])
            state.finish()
            for path, reason in state.rejected:
                for c in changes:
                    if c.path == path:
                        c.action, c.error = "failed", reason
            state.rejected.clear()
            new_links, new_keys = _graph_contents(self.store, [r.graph for r in results])
            keys = {key_of(i) for i in old_keys | new_keys}
            assert self._folds is not None  # loaded with the state
            folds = self._folds.update(keys, graphs)
            links = old_links | new_links | folds.links
            keys |= folds.rewritten | {key_of(i) for s, _, o in folds.links for i in (s, o)}
            restate(self.store, keys)
            if not self.ontology:
                load_ontology(self.store)
                self.ontology = True
            patched = self._apply(before, links, keys)
            self.orphans.written(before, keys)
        return LiveReport(changes, time.perf_counter() - started, patched, sorted(folds.rewritten))

    def _apply(self, before: int, links: set[tuple[str, str, str]], keys: set[str]) -> bool:
        """Patch the read model with these links and documents (the caller holds ``lock``)."""
        self._seen = self.store.generation
        docs = (
            {vocab.doc_iri(k) for k in keys} | {s for s, _, _ in links} | {o for _, _, o in links}
        )
        return self.reader is not None and self.reader.apply(before, links, docs)


def _extractor() -> Extractor:
    from ingest.extract import extract  # imported on first use, as ingest's workers do

    return extract


def _graph_contents(
    store: Store, graphs: Iterable[str]
) -> tuple[set[tuple[str, str, str]], set[str]]:
    """The relation triples and the documents (IRIs) these named graphs state."""
    links: set[tuple[str, str, str]] = set()
    docs: set[str] = set()
    for g in dict.fromkeys(graphs):
        for r in store.select(f"SELECT ?s ?p ?o WHERE {{ GRAPH <{g}> {{ ?s ?p ?o }} }}"):
            s, p, o = str(r["s"]), str(r["p"]), r["o"]
            if p in _RELATIONS:
                links.add((s, p, str(o)))
            elif p == LG + "key":
                docs.add(s)
    return links, docs


def _drop(state: _State, graphs: list[str]) -> None:
    """Remove deleted files' graphs and records (as a changed file's are replaced)."""
    state.drop(graphs)
    gone = set(graphs)
    state.contents = {h: v for h, v in state.contents.items() if v[0] not in gone}


def live_for(store: Store, reader: Store, ocr: Ocr = DEFAULT_OCR) -> Live | None:
    """The app's writer, for an embedded store (a remote store has its own writers)."""
    return Live(store, reader, ocr=ocr) if isinstance(store, OxigraphStore) else None
