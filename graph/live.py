"""New, changed and deleted documents while serving: stored, and visible in every answer at once.

``Live`` is the server's one writer of documents (``POST /api/documents``, ``serve --watch``).
For each change it extracts the files (the caller runs it off the event loop), replaces their
named graphs and records as ``legal-graph ingest`` does (graph/ingest.py's own steps, with its
record of the store kept between changes, so nothing is read again), restates the status of
the documents touched, and patches the read model (graph/index.py ``ModelReader.apply``) with the links and
documents the change touched, instead of rebuilding it. The SPARQL workers see the write at
their next query (a new checkpoint per write generation, graph/sparql_pool.py). When the
change names a year-less citation that may fold into a dated document (or the reverse), the
folds (graph/folds.py, a pass over the whole store) are recomputed right after, in the
background, and the model patched again with what they moved.

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
from graph.folds import FOLD_GRAPH, refold
from graph.index import ModelReader
from graph.ingest import Extractor, FileResult, _State, load_ontology, process_file
from graph.status import restate
from graph.store import OxigraphStore, Store, StoreError
from graph.summary import key_of

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
    folding: bool  # year-less citations it names are being folded, in the background


class Live:
    """The writer of a served store; see the module docstring."""

    def __init__(self, store: Store, reader: Store | None = None) -> None:
        self.store = store
        self.reader = reader if isinstance(reader, ModelReader) else None
        self.lock = threading.RLock()
        self._state: _State | None = None
        self._seen = -1  # the store's generation after this writer's last write
        self._fold_keys: set[str] = set()  # documents touched since the last fold
        self._fold_guard = threading.Lock()
        self._folding = False
        self.folds_done = 0
        self.ontology = False  # loaded by this writer once

    def warm(self) -> None:
        """Load ingest's record of the store in the background (a server at start), so the
        first document sent does not wait for it."""

        def load() -> None:
            with self.lock, contextlib.suppress(StoreError):  # closed meanwhile: loaded later
                self.state()

        threading.Thread(target=load, name="live-warm", daemon=True).start()

    def state(self) -> _State:
        """Ingest's record of the store, loaded again when another writer (a SPARQL Update)
        wrote since this one last did."""
        if self._state is None or self.store.generation != self._seen:
            self._state = _State(self.store, bulk=False, clean=False)
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
                r = process_file(path, state.known.get(rdf.source_graph(path)), _extractor(), stamp)
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
                return LiveReport(changes, time.perf_counter() - started, False, False)
            state.finish()
            for path, reason in state.rejected:
                for c in changes:
                    if c.path == path:
                        c.action, c.error = "failed", reason
            state.rejected.clear()
            new_links, new_keys = _graph_contents(self.store, [r.graph for r in results])
            keys = {key_of(i) for i in old_keys | new_keys}
            links = old_links | new_links
            fold = _may_fold(keys, state)
            if fold:
                self._fold_keys |= keys
            restate(self.store, keys)
            if not self.ontology:
                load_ontology(self.store)
                self.ontology = True
            patched = self._apply(before, links, keys)
        if fold:
            self._fold_later()
        return LiveReport(changes, time.perf_counter() - started, patched, fold)

    def _apply(self, before: int, links: set[tuple[str, str, str]], keys: set[str]) -> bool:
        """Patch the read model with these links and documents (the caller holds ``lock``)."""
        self._seen = self.store.generation
        docs = (
            {vocab.doc_iri(k) for k in keys} | {s for s, _, _ in links} | {o for _, _, o in links}
        )
        return self.reader is not None and self.reader.apply(before, links, docs)

    def _fold_later(self) -> None:
        """Recompute the folds (graph/folds.py: a whole-store pass) after the answer, in the
        background: the documents are stored and answered from at once; the year-less
        citations they name fold into the dated documents they mean when this is done."""
        with self._fold_guard:
            if self._folding:
                return
            self._folding = True
        threading.Thread(target=self._fold, name="live-fold", daemon=True).start()

    def _fold(self) -> None:
        try:
            while True:
                with self.lock:
                    keys, self._fold_keys = self._fold_keys, set()
                    if not keys:
                        return
                    before = self.store.generation
                    before_folds = _fold_links(self.store)
                    folds = refold(self.store)
                    after_folds = _fold_links(self.store)
                    # links that appeared or went, and the moved copies of the touched
                    # documents' links (their evidence may have changed): at the fold targets
                    ends = {vocab.doc_iri(k) for k in keys} | {
                        vocab.doc_iri(t) for p, t in folds.folded.items() if p in keys
                    }
                    moved = {t for t in before_folds | after_folds if t[0] in ends or t[2] in ends}
                    links = (before_folds ^ after_folds) | moved
                    touched = {key_of(i) for s, _, o in links for i in (s, o)}
                    restate(self.store, touched)
                    self._apply(before, links, touched)
                    self.folds_done += 1
        except StoreError:  # closed meanwhile
            return
        finally:
            with self._fold_guard:
                self._folding = False
            if self._fold_keys:
                self._fold_later()

    def idle(self, timeout: float = 60.0) -> bool:
        """Wait until no fold is pending (tests, benchmarks); True when idle."""
        deadline = time.monotonic() + timeout
        while self._folding or self._fold_keys:
            if time.monotonic() > deadline:
                return False
            time.sleep(0.02)
        return True


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


def _fold_links(store: Store) -> set[tuple[str, str, str]]:
    rows = store.select(f"SELECT ?s ?p ?o WHERE {{ GRAPH <{FOLD_GRAPH}> {{ ?s ?p ?o }} }}")
    return {(str(r["s"]), str(r["p"]), str(r["o"])) for r in rows if str(r["p"]) in _RELATIONS}


def _may_fold(keys: set[str], state: _State) -> bool:
    """Whether a change of these documents can change a fold (graph/folds.py): a year-less
    (or place-less) document and a dated one it may mean (same issuer, type and number; a law
    kept by its name: any numbered law) both exist, and one of them was touched."""
    partial: dict[tuple[str, ...], bool] = {}  # shape → touched
    full: dict[tuple[str, ...], bool] = {}
    for iri in state.stub:
        k = key_of(iri)
        table = partial if _partial(k) else full
        for shape in _shapes(k):
            table[shape] = table.get(shape, False) or k in keys
    return any(shape in full and (touched or full[shape]) for shape, touched in partial.items())


def _shapes(key: str) -> list[tuple[str, ...]]:
    """What a fold matches on: issuer, type and number; for a law kept by its name, any law."""
    parts = key.split("/")
    if len(parts) != 5:
        return []
    numbered = parts[4][:1].isdigit()
    out: list[tuple[str, ...]] = [(parts[1], parts[3], parts[4])] if numbered else []
    if parts[1] == "qh" and (not numbered or parts[3] in ("l", "bl", "pl")):
        out.append(("qh", "law"))
    return out


def _partial(key: str) -> bool:
    parts = key.split("/")
    return len(parts) == 5 and "_" in (parts[0], parts[2])


def _drop(state: _State, graphs: list[str]) -> None:
    """Remove deleted files' graphs and records (as a changed file's are replaced)."""
    state.drop(graphs)
    gone = set(graphs)
    state.contents = {h: v for h, v in state.contents.items() if v[0] not in gone}


def live_for(store: Store, reader: Store) -> Live | None:
    """The app's writer, for an embedded store (a remote store has its own writers)."""
    return Live(store, reader) if isinstance(store, OxigraphStore) else None
