"""Ingest: source files → extraction (in worker processes) → one named graph per file in the store.

- One document per content: a file byte-identical to one already stored (the same text saved in
  two folders) is reported as a duplicate and not read twice.
- Idempotent: a file whose content hash is already recorded is skipped; a changed file's named
  graph and meta record are replaced in one transaction, so none of its old links survive.
- Order-independent: every IRI derives from canonical keys and file paths, never from the order
  of ingest, and each fact lives in the graph of the file that states it.
- Crash-safe: files are committed in batches (growing with the store): a batch's graphs are
  bulk-loaded, then one transaction records them (meta records); a kill leaves the batches
  recorded before it, and the next run drops the graphs of a batch cut short (no record).
- Fast: workers turn files into N-Quads text; the main process only loads that text (Rust parser)
  and never runs SPARQL per file.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import queue
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import pyoxigraph as ox
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table

from graph import rdf, vocab
from graph.folds import FoldReport, refold
from graph.status import restate
from graph.store import Store, StoreError
from ingest.models import Extraction, ReadError, Source
from ingest.ocr import DEFAULT_OCR, Ocr
from ingest.registers import register_of

Extractor = Callable[[Source], Extraction]

ONTOLOGY_FILE = Path(__file__).resolve().parents[1] / "ontology" / "legal-graph.ttl"
SAMPLE_LIMIT = 20  # examples of unresolved/ambiguous references kept for the report
SHOWN = 5  # … and printed
CHUNK = 16  # files per worker task
BATCH_FILES = 1000  # files per commit, at least
BATCH_GROWTH = 0.5  # ... and up to half the files already stored (see _Batch)
BATCH_BYTES = 96 << 20  # N-Quads text per commit, at most
PARENT_POLL = 0.5  # seconds between a worker's checks that the ingest still runs


class IngestError(StoreError):
    """The ingest could not go on (what was committed before stays)."""


@dataclass
class FileResult:
    """What one worker made of one file (picklable, small: the graph travels as N-Quads text,
    already encoded, so the single writer does not spend its time encoding)."""

    path: str
    graph: str
    content_hash: str | None = None
    nquads: bytes = b""  # UTF-8
    quads: int = 0  # lines of nquads
    meta: str = ""
    keys: list[str] = field(default_factory=list)
    own: list[str] = field(default_factory=list)
    documents: int = 0
    references: int = 0
    links: Counter[str] = field(default_factory=Counter)
    unresolved: list[str] = field(default_factory=list)
    ambiguous: list[str] = field(default_factory=list)
    error: str | None = None
    skipped: bool = False
    row_errors: list[tuple[str, str]] = field(default_factory=list)  # register rows that failed
    ocr: str | None = None  # the pages read by OCR and their confidence (OcrPages.describe)


@dataclass
class IngestReport:
    files: int = 0
    ingested: int = 0
    skipped: int = 0
    documents: int = 0
    references: int = 0
    links: Counter[str] = field(default_factory=Counter)
    unresolved: int = 0
    ambiguous: int = 0
    unresolved_examples: list[tuple[str, str]] = field(default_factory=list)
    ambiguous_examples: list[tuple[str, str]] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    duplicates: list[tuple[str, str]] = field(default_factory=list)  # (file, the stored copy)
    ocr: list[tuple[str, str]] = field(default_factory=list)  # (file, pages read by OCR)
    folds: FoldReport = field(default_factory=FoldReport)  # year-less citations (graph/folds.py)
    statuses: int = 0  # documents whose status is known (graph/status.py)
    quads: int = 0  # written by this run (documents, records, derived facts)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.failed

    def add(self, result: FileResult) -> None:
        self.files += 1
        if result.error is not None:
            self.failed.append((result.path, result.error))
            return
        if result.skipped:
            self.skipped += 1
            return
        self.ingested += 1
        self.failed.extend((f"{result.path} ({where})", why) for where, why in result.row_errors)
        self.documents += result.documents
        self.references += result.references
        self.links.update(result.links)
        self.unresolved += len(result.unresolved)
        self.ambiguous += len(result.ambiguous)
        if result.ocr:
            self.ocr.append((result.path, result.ocr))
        for text in result.unresolved[: SAMPLE_LIMIT - len(self.unresolved_examples)]:
            self.unresolved_examples.append((result.path, text))
        for text in result.ambiguous[: SAMPLE_LIMIT - len(self.ambiguous_examples)]:
            self.ambiguous_examples.append((result.path, text))

    def render(self, console: Console) -> None:
        rate = self.files / self.seconds if self.seconds else 0.0
        console.print(
            f"[bold]{self.files}[/] files in {self.seconds:.1f} s ({rate:.0f} files/s): "
            f"{self.ingested} ingested, {self.skipped} unchanged, {len(self.duplicates)} duplicate, "
            f"{len(self.failed)} failed; "
            f"{self.quads} quads written",
            soft_wrap=True,
        )
        table = Table(show_header=True, header_style="bold")
        table.add_column("documents", justify="right")
        table.add_column("references", justify="right")
        table.add_column("links", justify="right")
        table.add_column("unresolved", justify="right")
        table.add_column("ambiguous", justify="right")
        table.add_row(
            str(self.documents),
            str(self.references),
            str(sum(self.links.values())),
            str(self.unresolved),
            str(self.ambiguous),
        )
        console.print(table)
        if self.links:
            rel = Table("relation", "links", show_header=True, header_style="bold")
            for name, n in sorted(self.links.items(), key=lambda kv: (-kv[1], kv[0])):
                rel.add_row(name, str(n))
            console.print(rel)
        for title, examples in (
            ("unresolved", self.unresolved_examples),
            ("ambiguous", self.ambiguous_examples),
        ):
            if examples:
                total = self.unresolved if title == "unresolved" else self.ambiguous
                shown = examples[:SHOWN]
                console.print(f"[bold]{title} references[/] ({len(shown)} of {total}):")
                for path, text in shown:
                    console.print(
                        f"  {path}: {text}", markup=False, highlight=False, soft_wrap=True
                    )
        if self.folds.candidates:
            console.print(
                f"citations without a year or place that a stored document may be: "
                f"{self.folds.candidates}; folded into the one they can mean: "
                f"{len(self.folds.folded)}; ambiguous (candidates listed): "
                f"{len(self.folds.ambiguous)}",
                highlight=False,
            )
        if self.ocr:
            console.print("[bold]scanned pages read by OCR[/] (check these texts):")
            for path, pages in self.ocr:
                console.print(f"  {path}: {pages}", markup=False, highlight=False, soft_wrap=True)
        if self.duplicates:
            console.print(
                "[bold]duplicate files[/] (the same bytes as a stored file, not read again):"
            )
            for path, other in self.duplicates[:SHOWN]:
                console.print(f"  {path} = {other}", markup=False, highlight=False, soft_wrap=True)
        if self.failed:
            console.print(f"[bold red]{len(self.failed)} file(s) failed:[/]")
            for path, reason in self.failed:
                console.print(f"  {path}: {reason}", markup=False, highlight=False, soft_wrap=True)


# ---------------------------------------------------------------------------------------------
# Worker side


_extractor: Extractor | None = None


def _init_worker(extractor: Extractor | None) -> None:
    global _extractor
    _extractor = extractor


def _init_pool_worker(extractor: Extractor | None, parent: int) -> None:
    _init_worker(extractor)
    threading.Thread(target=_exit_with, args=(parent,), name="parent-watch", daemon=True).start()


def _exit_with(parent: int) -> None:
    """End this worker once the ingest that started it is gone. After a kill -9 nothing else
    would: the pool cannot tell it, and its task queue never closes (it holds both ends)."""
    while os.getppid() == parent:
        time.sleep(PARENT_POLL)
    os._exit(1)


def _default_extractor() -> Extractor:
    from ingest.extract import extract

    return extract


def file_hash(path: str) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def process_file(
    path: str,
    known_hash: str | None,
    extractor: Extractor,
    ingested_at: str,
    province: str | None = None,
    ocr: Ocr = DEFAULT_OCR,
) -> FileResult:
    """Read, extract and map one file; every failure becomes ``FileResult.error``.
    ``province``: the province of a register's rows (when its columns do not say); ``ocr``:
    how PDF pages without a text layer are read."""
    from ingest.read import read_path

    result = FileResult(path=rdf.display_path(path), graph=rdf.source_graph(path))
    try:
        result.content_hash = file_hash(path)
    except OSError as e:
        result.error = f"cannot read: {e.strerror or e}"
        return result
    if result.content_hash == known_hash:
        result.skipped = True
        return result
    try:
        read = read_path(path, ocr=ocr)
        if province and not isinstance(read, ReadError):
            read = [register_of(source, province) for source in read]
        return _extract_file(path, result, extractor, ingested_at, read)
    except Exception as e:  # a bug must cost one file, not the batch: report it
        result.error = f"internal error: {type(e).__name__}: {e}"
        result.nquads, result.meta = b"", ""
        return result


def _extract_file(
    path: str,
    result: FileResult,
    extractor: Extractor,
    ingested_at: str,
    read: list[Source] | ReadError,
) -> FileResult:
    if isinstance(read, ReadError):
        result.error = read.reason
        return result
    extractions: list[Extraction] = []
    for source in read:
        try:
            extractions.append(extractor(source))
        except Exception as e:  # one bad text must not abort the batch: report it instead
            reason = f"extraction failed: {type(e).__name__}: {e}"
            if not source.locator or len(read) == 1:
                result.error = reason
                return result
            result.row_errors.append((source.locator, reason))  # the register's other rows go on
    if not extractions:
        result.error = (
            result.row_errors[0][1] if result.row_errors else "no document found in the file"
        )
        result.row_errors = []
        return result
    own = [ex.document.key for ex in extractions]
    text = rdf.file_nquads(path, extractions)
    result.nquads = text.encode("utf-8")  # lone surrogates fail here, for this file only
    result.quads = text.count("\n")
    result.meta = rdf.meta_nquads(path, result.content_hash or "", ingested_at, own)
    result.keys = sorted(rdf.document_keys(extractions))
    result.own = own
    result.documents = len(extractions)
    ocr = [ex.source.ocr.describe() for ex in extractions if ex.source.ocr is not None]
    result.ocr = ocr[0] if ocr else None  # a PDF is one Source
    for ex in extractions:
        result.references += len(ex.references)
        result.links.update(link.relation for link in ex.links)
        result.unresolved.extend(" ".join(t.split()) for t in ex.unresolved)
        result.ambiguous.extend(" ".join(r.text.split()) for r in ex.references if r.doc.ambiguous)
    return result


def _process_chunk(
    tasks: Sequence[tuple[str, str | None]],
    ingested_at: str,
    force: bool,
    province: str | None,
    ocr: Ocr = DEFAULT_OCR,
) -> list[FileResult]:
    extractor = _extractor or _default_extractor()
    return [
        process_file(path, None if force else known, extractor, ingested_at, province, ocr)
        for path, known in tasks
    ]


# ---------------------------------------------------------------------------------------------
# Main process side


LG = vocab.LG
CLEANUP_FLAG = f"<{rdf.DERIVED_GRAPH}> <{LG}needsCleanup> {rdf.TRUE} <{rdf.META_GRAPH}> .\n"


class _State:
    """What the main process knows of the store: recorded files, their own documents, and the
    derived graph's stub statuses. Loaded once per run from the meta and derived graphs (small
    compared with the source graphs), then kept up to date as batches are committed."""

    def __init__(self, store: Store, bulk: bool = True, clean: bool = True) -> None:
        self.store = store
        self.bulk = bulk  # load batches with the bulk loader (else in a transaction)
        meta, derived = rdf.META_GRAPH, rdf.DERIVED_GRAPH
        self.known: dict[str, str] = {
            str(r["g"]): str(r["h"])
            for r in store.select(
                f"SELECT ?g ?h WHERE {{ GRAPH <{meta}> {{ ?g <{LG}contentHash> ?h }} }}"
            )
        }
        # graph → the documents it describes (a tuple: usually one, and a set costs 4x more)
        owned: dict[str, list[str]] = defaultdict(list)
        for r in store.select(
            f"SELECT ?g ?d WHERE {{ GRAPH <{meta}> {{ ?g <{LG}describes> ?d }} }}"
        ):
            owned[str(r["g"])].append(str(r["d"]))
        self.owned: dict[str, tuple[str, ...]] = {g: tuple(set(d)) for g, d in owned.items()}
        self.real: Counter[str] = Counter(d for docs in self.owned.values() for d in docs)
        self.stub: dict[str, bool] = {
            str(r["d"]): bool(r["s"])
            for r in store.select(
                f"SELECT ?d ?s WHERE {{ GRAPH <{derived}> {{ ?d <{LG}isStub> ?s }} }}"
            )
        }
        self.nodes: set[str] = {
            str(r["n"])
            for r in store.select(
                f"SELECT ?n WHERE {{ GRAPH <{derived}> {{ ?n a ?t "
                f"VALUES ?t {{ <{LG}IssuingBody> <{LG}Jurisdiction> }} }} }}"
            )
        }
        # content hash → (graph, path) of the file stored with it: one document per content
        paths = {
            str(r["g"]): str(r["p"])
            for r in store.select(f"SELECT ?g ?p WHERE {{ GRAPH <{meta}> {{ ?g <{LG}path> ?p }} }}")
        }
        self.contents: dict[str, tuple[str, str]] = {
            h: (g, paths.get(g, g)) for g, h in self.known.items()
        }
        self.rejected: list[tuple[str, str]] = []  # files the store would not take
        self.written = 0  # quads written by this run (counting the store's would read it all)
        self.dirty = store.ask(f"ASK {{ GRAPH <{meta}> {{ <{derived}> <{LG}needsCleanup> ?x }} }}")
        if clean:  # a server's writer leaves them to the next ingest: it only reads here
            self.drop_orphans()

    def duplicate_of(self, result: FileResult) -> str | None:
        """The path of a stored (or accepted) file with the same content as ``result``'s, if
        another file; else None, and ``result`` becomes the holder of its content."""
        h = result.content_hash or ""
        held = self.contents.get(h)
        if held is not None and held[0] != result.graph:
            return held[1]
        old = self.known.get(result.graph)  # a changed file no longer holds its old content
        if old is not None and self.contents.get(old, ("",))[0] == result.graph:
            del self.contents[old]
        self.contents[h] = (result.graph, result.path)
        return None

    def drop_orphans(self) -> None:
        """Source graphs without a meta record were cut short by a crash: remove them."""
        rows = self.store.select("SELECT ?g WHERE { GRAPH ?g { } }")
        if any("g" not in r for r in rows):  # Virtuoso leaves ?g unbound on an empty pattern
            rows = self.store.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        graphs = [str(r["g"]) for r in rows]
        orphans = [g for g in graphs if g.startswith(rdf.SOURCE_GRAPH) and g not in self.known]
        if orphans:
            self.store.commit_nquads(CLEANUP_FLAG, drop_graphs=orphans)
            self.dirty = True

    def drop(self, graphs: list[str]) -> None:
        """Remove these files' graphs and their records (one transaction)."""
        meta = rdf.META_GRAPH
        self.store.commit_nquads(
            CLEANUP_FLAG, drop_graphs=graphs, drop_subjects=[(meta, g) for g in graphs]
        )
        self.dirty = True
        for g in graphs:
            self.real.subtract(self.owned.pop(g, ()))
            del self.known[g]

    def commit(self, results: list[FileResult]) -> None:
        """Write a batch: drop replaced graphs (one transaction), bulk-load the new graphs with
        the derived facts of new documents, then record them (one transaction: meta records).
        A crash before the record leaves orphans that the next run removes."""
        replaced = [r.graph for r in results if r.graph in self.known]
        if replaced:
            self.drop(replaced)
        # This batch's documents first: a document it describes is not a stub.
        for r in results:
            own = tuple({rdf.doc_iri(k) for k in r.own})
            self.owned[r.graph] = own
            self.real.update(own)
        derived = self._derived(results)
        # Graphs and derived facts go in by the bulk loader (several times faster than a
        # transaction, not atomic); the meta records that make them count go in after, in one
        # transaction. A crash before it leaves graphs with no record: the next run drops them
        # and cleans the derived facts nothing names any more.
        try:
            self._load([*(r.nquads for r in results), derived.encode("utf-8")])
        except (SyntaxError, ValueError) as e:  # rare: the store refused a file's text
            accepted = self._one_by_one(results, e)
            for r in results:
                if r not in accepted:
                    self.real.subtract(self.owned.pop(r.graph, ()))
            self.store.bulk_nquads(derived)  # generated here from keys: always valid
            self.dirty = True  # facts of documents only a refused file named: cleaned at the end
            results = accepted
        self.written += sum(r.quads for r in results) + derived.count("\n")
        records = "".join(r.meta for r in results)
        self.store.commit_nquads(records, trusted=True)
        self.written += records.count("\n")
        for r in results:
            self.known[r.graph] = r.content_hash or ""

    def _load(self, pieces: list[bytes]) -> None:
        """Bulk-load (a long ingest), or one transaction (a few files while serving, where a
        bulk load's new index files cost more than the writing: graph/live.py)."""
        if self.bulk:
            self.store.bulk_nquads(pieces)
        else:
            self.store.commit_nquads(b"".join(pieces).decode("utf-8"), trusted=True)

    def _derived(self, results: list[FileResult]) -> str:
        """Facts read off the keys of documents seen for the first time (type, number, year,
        issuer, jurisdiction, stub status), and the issuing bodies and jurisdictions they name."""
        derived = rdf.DERIVED_GRAPH
        lines: list[str] = []
        for r in results:
            for key in r.keys:
                iri = rdf.doc_iri(key)
                if iri in self.stub:
                    continue
                stub = self.real[iri] <= 0
                self.stub[iri] = stub
                doc, nodes = rdf.key_facts(key)
                lines.append(rdf.in_graph(doc, derived))
                lines.append(rdf.stub_line(iri, stub))
                for node, node_lines in nodes:
                    if node not in self.nodes:
                        self.nodes.add(node)
                        lines.append(rdf.in_graph(node_lines, derived))
        return "".join(lines)

    def _one_by_one(self, results: list[FileResult], error: Exception) -> list[FileResult]:
        """A batch the store rejected: load its files one by one, set aside the bad ones (their
        partial data has no record, so the next run removes it)."""
        good = []
        for r in results:
            try:
                self.store.bulk_nquads(r.nquads)
                good.append(r)
            except (SyntaxError, ValueError) as e:
                self.rejected.append((r.path, f"the store rejected its triples: {e}"))
        if not good and results:
            self.rejected[-1] = (results[-1].path, f"the store rejected its triples: {error}")
        return good

    def finish(self) -> None:
        """Stub statuses that changed (a cited document got its own file, or lost it), and, after
        graphs were dropped, documents no graph speaks of any more."""
        flips = [d for d, stub in self.stub.items() if stub != (self.real[d] <= 0)]
        if flips:
            old = rdf.parse_nquads("".join(rdf.stub_line(d, self.stub[d]) for d in flips))
            new = rdf.parse_nquads("".join(rdf.stub_line(d, not self.stub[d]) for d in flips))
            self.store.commit(new, remove=old)
            self.written += len(new)
            for d in flips:
                self.stub[d] = not self.stub[d]
        if not self.dirty:
            return
        referenced = {
            str(r["d"])
            for r in self.store.select(
                f"SELECT DISTINCT ?d WHERE {{ GRAPH ?g {{ ?d <{LG}key> ?k }} }}"
            )
        }
        vanished = sorted(set(self.stub) - referenced)
        derived = rdf.DERIVED_GRAPH
        flag = rdf.parse_nquads(CLEANUP_FLAG)
        self.store.commit([], drop_subjects=[(derived, d) for d in vanished], remove=flag)
        for d in vanished:
            del self.stub[d]
        # issuing bodies, then jurisdictions, that nothing points to any more
        for kind, link in (
            (f"{LG}IssuingBody", f"{vocab.ELI}passed_by"),
            (f"{LG}Jurisdiction", f"{LG}jurisdiction"),
        ):
            self.store.update(
                f"DELETE {{ GRAPH <{derived}> {{ ?n ?p ?o }} }} WHERE {{ GRAPH <{derived}> {{ "
                f"?n a <{kind}> ; ?p ?o FILTER NOT EXISTS {{ ?x <{link}> ?n }} }} }}"
            )
        self.dirty = False


class _Batch:
    """Results waiting for their commit. Commits run on one writer thread (the store's loaders
    release the GIL), so workers keep being fed while a batch is written; at most one batch
    waits behind the one being written, which bounds memory.

    Batches grow with the store (``BATCH_GROWTH``, up to ``BATCH_BYTES``): every bulk load adds
    files that the store must merge into what it holds, at a cost that grows with its size, so a
    fixed batch size would make the cost per file grow with the store. A crash loses at most
    the batch being written; re-running completes it."""

    def __init__(
        self,
        state: _State,
        batch_files: int = BATCH_FILES,
        on_commit: Callable[[int], None] | None = None,
        bulk: bool = False,
    ) -> None:
        self.state = state
        self.batch_files = batch_files
        self.on_commit = on_commit
        self.bulk = bulk  # a long load: the store's maintenance yields to it
        self.stored = len(state.known)  # files recorded, or handed to the writer
        self.results: list[FileResult] = []
        self.size = 0
        self.queue: queue.Queue[list[FileResult] | None] = queue.Queue(maxsize=1)
        self.error: BaseException | None = None
        self.writer = threading.Thread(target=self._write, name="ingest-writer", daemon=True)
        self.writer.start()

    def _write(self) -> None:
        while (results := self.queue.get()) is not None:
            if self.error is None:
                try:
                    if self.bulk:  # again each time: the store starts its threads lazily
                        self.state.store.yield_to_loaders()
                    self.state.commit(results)
                    if self.on_commit is not None:
                        self.on_commit(len(results))
                except BaseException as e:  # re-raised in the main thread
                    self.error = e

    def add(self, result: FileResult) -> None:
        self.results.append(result)
        self.size += len(result.nquads)
        limit = max(self.batch_files, int(self.stored * BATCH_GROWTH))
        if len(self.results) >= limit or self.size >= BATCH_BYTES:
            self.flush()

    def flush(self) -> None:
        if self.error is not None:
            raise self.error
        if self.results:
            self.queue.put(self.results)
            self.stored += len(self.results)
        self.results, self.size = [], 0

    def close(self) -> None:
        """Write what is left and wait for the writer."""
        try:
            self.flush()
        finally:
            self.queue.put(None)
            self.writer.join()
        if self.error is not None:
            raise self.error


def _chunks(
    items: Sequence[tuple[str, str | None]], n: int
) -> Iterator[list[tuple[str, str | None]]]:
    for i in range(0, len(items), n):
        yield list(items[i : i + n])


def _results(
    tasks: list[tuple[str, str | None]],
    workers: int,
    extractor: Extractor | None,
    ingested_at: str,
    force: bool,
    province: str | None = None,
    ocr: Ocr = DEFAULT_OCR,
) -> Iterator[list[FileResult]]:
    """Results chunk by chunk, from worker processes (or in-process for one worker)."""
    if workers <= 1 or len(tasks) <= CHUNK:
        _init_worker(extractor)
        for chunk in _chunks(tasks, CHUNK):
            yield _process_chunk(chunk, ingested_at, force, province, ocr)
        return
    # fork: workers inherit the imported extractor (spaCy pipelines load once) and need no
    # importable __main__; they never touch the store, which only this process writes.
    extractor = extractor or _default_extractor()
    ctx = multiprocessing.get_context("fork")
    limit = workers * 4  # chunks in flight: bounds memory whatever the input size
    pending = _chunks(tasks, CHUNK)
    with ProcessPoolExecutor(
        workers, mp_context=ctx, initializer=_init_pool_worker, initargs=(extractor, os.getpid())
    ) as pool:
        inflight: set[Future[list[FileResult]]] = set()
        for chunk in pending:
            inflight.add(pool.submit(_process_chunk, chunk, ingested_at, force, province, ocr))
            if len(inflight) < limit:
                continue
            done, inflight = wait(inflight, return_when=FIRST_COMPLETED)
            for fut in done:
                yield fut.result()
        for fut in inflight:
            yield fut.result()


def ingest(
    paths: Iterable[str | os.PathLike[str]],
    store: Store,
    workers: int | None = None,
    progress: bool = True,
    *,
    extractor: Extractor | None = None,
    force: bool = False,
    console: Console | None = None,
    batch_files: int = BATCH_FILES,
    on_commit: Callable[[int], None] | None = None,
    province: str | None = None,
    ocr: Ocr = DEFAULT_OCR,
) -> IngestReport:
    """Ingest files, folders or globs into ``store``; see the module docstring for guarantees.

    ``extractor`` (Source → Extraction, picklable) defaults to ``ingest.extract.extract``;
    ``force`` re-extracts files whose content is unchanged; ``batch_files`` files are committed
    together; ``on_commit(n)`` is called (from the writer thread) after each commit of n files;
    ``province`` is the province of registers whose columns do not name one; ``ocr`` reads PDF
    pages without a text layer (``Ocr(max_pages=settings.ocr_max_pages)``).
    """
    from ingest.read import iter_paths, name_problem, shown_name

    started = time.perf_counter()
    console = console or Console(stderr=True)
    workers = workers or os.cpu_count() or 1
    report = IngestReport()
    files = []
    for path in iter_paths(paths):
        problem = name_problem(path)
        if problem is None:
            files.append(path)
        else:  # reported here: the graph's name and the records are made from the name
            report.add(FileResult(path=shown_name(rdf.display_path(path)), graph="", error=problem))
    state = _State(store)
    tasks = [(f, state.known.get(rdf.source_graph(f))) for f in files]
    ingested_at = datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
    batch = _Batch(state, batch_files, on_commit, bulk=len(tasks) > batch_files)
    bar = Progress(
        TextColumn("[bold]ingest"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("files · {task.fields[docs]} documents · {task.fields[links]} links"),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        console=console,
        disable=not progress,
        transient=False,
    )
    try:
        with bar:
            task = bar.add_task("ingest", total=len(files), docs=0, links=0)
            for chunk in _results(tasks, workers, extractor, ingested_at, force, province, ocr):
                for result in chunk:
                    if result.error is None and not result.skipped:
                        if (other := state.duplicate_of(result)) is not None:
                            report.files += 1
                            report.duplicates.append((result.path, other))
                            continue
                        batch.add(result)
                    report.add(result)
                bar.update(
                    task,
                    advance=len(chunk),
                    docs=report.documents,
                    links=sum(report.links.values()),
                )
    except BrokenProcessPool:
        raise IngestError(
            "A worker process died (out of memory, or killed). The files extracted before are "
            "stored; run the same command again to continue (unchanged files are skipped)."
        ) from None
    finally:
        batch.close()  # what was extracted is kept, even on Ctrl-C
    report.failed.extend(state.rejected)
    report.ingested -= len(state.rejected)
    state.finish()
    report.folds = refold(store)
    report.statuses, written = restate(store)  # eli:in_force as of today (graph/status.py)
    state.written += written
    load_ontology(store)
    report.quads = state.written
    report.seconds = time.perf_counter() - started
    return report


def load_ontology(store: Store, path: Path = ONTOLOGY_FILE) -> None:
    """Keep the ontology (labels of relations and document types) queryable in its own graph."""
    if not path.is_file():
        return
    graph = ox.NamedNode(rdf.ONTOLOGY_GRAPH)
    triples = ox.parse(path=str(path), format=ox.RdfFormat.TURTLE)
    quads = [ox.Quad(t.subject, t.predicate, t.object, graph) for t in triples]
    store.commit(quads, drop_graphs=[rdf.ONTOLOGY_GRAPH])
