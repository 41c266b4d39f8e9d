"""Ingest: source files → extraction (in worker processes) → one named graph per file in the store.

- Idempotent: a file whose content hash is already recorded is skipped; a changed file's named
  graph and meta record are replaced in one transaction, so none of its old links survive.
- Order-independent: every IRI derives from canonical keys and file paths, never from the order
  of ingest, and each fact lives in the graph of the file that states it.
- Crash-safe: files are committed in batches, each batch one transaction holding every file's
  graph together with its meta record; a kill leaves the batches committed before it.
- Fast: workers turn files into N-Quads text; the main process only loads that text (Rust parser)
  and never runs SPARQL per file.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
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
from graph.store import Store
from ingest.models import Extraction, ReadError, Source

Extractor = Callable[[Source], Extraction]

ONTOLOGY_FILE = Path(__file__).resolve().parents[1] / "ontology" / "legal-graph.ttl"
SAMPLE_LIMIT = 20  # examples of unresolved/ambiguous references kept for the report
CHUNK = 16  # files per worker task
BATCH_FILES = 512  # files per transaction
BATCH_BYTES = 32 << 20  # N-Quads text per transaction


@dataclass
class FileResult:
    """What one worker made of one file (picklable, small: the graph travels as N-Quads text)."""

    path: str
    graph: str
    content_hash: str | None = None
    nquads: str = ""
    documents: int = 0
    references: int = 0
    links: Counter[str] = field(default_factory=Counter)
    unresolved: list[str] = field(default_factory=list)
    ambiguous: list[str] = field(default_factory=list)
    error: str | None = None
    skipped: bool = False


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
    quads: int = 0
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
        self.documents += result.documents
        self.references += result.references
        self.links.update(result.links)
        self.unresolved += len(result.unresolved)
        self.ambiguous += len(result.ambiguous)
        for text in result.unresolved[: SAMPLE_LIMIT - len(self.unresolved_examples)]:
            self.unresolved_examples.append((result.path, text))
        for text in result.ambiguous[: SAMPLE_LIMIT - len(self.ambiguous_examples)]:
            self.ambiguous_examples.append((result.path, text))

    def render(self, console: Console) -> None:
        rate = self.files / self.seconds if self.seconds else 0.0
        console.print(
            f"[bold]{self.files}[/] files in {self.seconds:.1f} s ({rate:.0f} files/s): "
            f"{self.ingested} ingested, {self.skipped} unchanged, {len(self.failed)} failed; "
            f"store holds {self.quads} quads"
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
                console.print(f"[bold]{title} references[/] (first {len(examples)}):")
                for path, text in examples:
                    console.print(f"  {path}: {text}", markup=False, highlight=False)
        if self.failed:
            console.print(f"[bold red]{len(self.failed)} file(s) failed:[/]")
            for path, reason in self.failed:
                console.print(f"  {path}: {reason}", markup=False, highlight=False)


# ---------------------------------------------------------------------------------------------
# Worker side


_extractor: Extractor | None = None


def _init_worker(extractor: Extractor | None) -> None:
    global _extractor
    _extractor = extractor


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
    path: str, known_hash: str | None, extractor: Extractor, ingested_at: str
) -> FileResult:
    """Read, extract and map one file; every failure becomes ``FileResult.error``."""
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
    read = read_path(path)
    if isinstance(read, ReadError):
        result.error = read.reason
        return result
    extractions: list[Extraction] = []
    for source in read:
        try:
            extractions.append(extractor(source))
        except Exception as e:  # one bad text must not abort the batch: report it instead
            where = f" ({source.locator})" if source.locator else ""
            result.error = f"extraction failed{where}: {type(e).__name__}: {e}"
            return result
    if not extractions:
        result.error = "no document found in the file"
        return result
    quads = rdf.file_quads(path, extractions)
    quads += rdf.meta_quads(path, result.content_hash, ingested_at)
    result.nquads = rdf.to_nquads(quads)
    result.documents = len(extractions)
    for ex in extractions:
        result.references += len(ex.references)
        result.links.update(link.relation for link in ex.links)
        result.unresolved.extend(" ".join(t.split()) for t in ex.unresolved)
        result.ambiguous.extend(" ".join(r.text.split()) for r in ex.references if r.doc.ambiguous)
    return result


def _process_chunk(
    tasks: Sequence[tuple[str, str | None]], ingested_at: str, force: bool
) -> list[FileResult]:
    extractor = _extractor or _default_extractor()
    return [
        process_file(path, None if force else known, extractor, ingested_at)
        for path, known in tasks
    ]


# ---------------------------------------------------------------------------------------------
# Main process side


def known_hashes(store: Store) -> dict[str, str]:
    """Source graph IRI → content hash of every file already in the store."""
    rows = store.select(
        f"SELECT ?g ?h WHERE {{ GRAPH <{rdf.META_GRAPH}> {{ ?g <{vocab.LG}contentHash> ?h }} }}"
    )
    return {str(r["g"]): str(r["h"]) for r in rows}


class _Batch:
    """Results waiting for their transaction."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.parts: list[str] = []
        self.replaced: list[str] = []
        self.size = 0
        self.files = 0

    def add(self, result: FileResult, existed: bool) -> None:
        self.parts.append(result.nquads)
        self.size += len(result.nquads)
        self.files += 1
        if existed:
            self.replaced.append(result.graph)

    @property
    def full(self) -> bool:
        return self.files >= BATCH_FILES or self.size >= BATCH_BYTES

    def commit(self) -> None:
        if not self.files:
            return
        self.store.commit_nquads(
            "".join(self.parts),
            drop_graphs=self.replaced,
            drop_subjects=[(rdf.META_GRAPH, g) for g in self.replaced],
        )
        self.parts, self.replaced, self.size, self.files = [], [], 0, 0


def _chunks(items: Sequence[tuple[str, str | None]], n: int) -> Iterator[list[tuple[str, str | None]]]:
    for i in range(0, len(items), n):
        yield list(items[i : i + n])


def _results(
    tasks: list[tuple[str, str | None]],
    workers: int,
    extractor: Extractor | None,
    ingested_at: str,
    force: bool,
) -> Iterator[list[FileResult]]:
    """Results chunk by chunk, from worker processes (or in-process for one worker)."""
    if workers <= 1 or len(tasks) <= CHUNK:
        _init_worker(extractor)
        for chunk in _chunks(tasks, CHUNK):
            yield _process_chunk(chunk, ingested_at, force)
        return
    ctx = multiprocessing.get_context("forkserver")
    # Workers fork from a clean server process (not from this one, which holds the store),
    # with the extraction modules imported once.
    ctx.set_forkserver_preload(["ingest.extract", "graph.rdf", "ingest.read"])
    limit = workers * 4  # chunks in flight: bounds memory whatever the input size
    pending = _chunks(tasks, CHUNK)
    with ProcessPoolExecutor(
        workers, mp_context=ctx, initializer=_init_worker, initargs=(extractor,)
    ) as pool:
        inflight: set[Future[list[FileResult]]] = set()
        for chunk in pending:
            inflight.add(pool.submit(_process_chunk, chunk, ingested_at, force))
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
) -> IngestReport:
    """Ingest files, folders or globs into ``store``; see the module docstring for guarantees.

    ``extractor`` (Source → Extraction, picklable) defaults to ``ingest.extract.extract``;
    ``force`` re-extracts files whose content is unchanged.
    """
    from ingest.read import iter_paths

    started = time.perf_counter()
    console = console or Console(stderr=True)
    workers = workers or os.cpu_count() or 1
    report = IngestReport()
    files = list(iter_paths(paths))
    known = known_hashes(store)
    tasks = [(f, known.get(rdf.source_graph(f))) for f in files]
    ingested_at = datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
    batch = _Batch(store)
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
    with bar:
        task = bar.add_task("ingest", total=len(files), docs=0, links=0)
        for chunk in _results(tasks, workers, extractor, ingested_at, force):
            for result in chunk:
                report.add(result)
                if result.error is None and not result.skipped:
                    batch.add(result, existed=result.graph in known)
                    if batch.full:
                        batch.commit()
            bar.update(
                task,
                advance=len(chunk),
                docs=report.documents,
                links=sum(report.links.values()),
            )
        batch.commit()
    refresh_derived(store)
    load_ontology(store)
    report.quads = store.count()
    report.seconds = time.perf_counter() - started
    return report


def refresh_derived(store: Store) -> int:
    """Bring the derived graph (``lg:isStub`` per document) up to date; returns changed documents.

    A document is a stub when no file of its own has been read. Only the differences are
    written, so an ingest that changed little costs little here.
    """
    lg, g = vocab.LG, rdf.DERIVED_GRAPH
    docs = {
        str(r["d"])
        for r in store.select(
            f"SELECT DISTINCT ?d WHERE {{ GRAPH ?g {{ ?d a <{lg}Document> }} "
            f"FILTER(STRSTARTS(STR(?g), '{rdf.SOURCE_GRAPH}')) }}"
        )
    }
    real = {
        str(r["d"])
        for r in store.select(
            f"SELECT DISTINCT ?d WHERE {{ GRAPH ?g {{ ?d a <{lg}Document> ; <{lg}sourceFile> ?f }} }}"
        )
    }
    current = {
        str(r["d"]): bool(r["stub"])
        for r in store.select(f"SELECT ?d ?stub WHERE {{ GRAPH <{g}> {{ ?d <{lg}isStub> ?stub }} }}")
    }
    wanted = {d: d not in real for d in docs}
    stale = [d for d, stub in current.items() if wanted.get(d) != stub]
    fresh = [d for d, stub in wanted.items() if current.get(d) != stub]
    remove = rdf.stub_quads(stale, {d for d in stale if not current[d]})
    add = rdf.stub_quads(fresh, real)
    if remove:
        store.commit(add, remove=remove)
    elif add:
        store.commit_nquads(rdf.to_nquads(add))
    return len(set(stale) | set(fresh))


def load_ontology(store: Store, path: Path = ONTOLOGY_FILE) -> None:
    """Keep the ontology (labels of relations and document types) queryable in its own graph."""
    if not path.is_file():
        return
    graph = ox.NamedNode(rdf.ONTOLOGY_GRAPH)
    triples = ox.parse(path=str(path), format=ox.RdfFormat.TURTLE)
    quads = [ox.Quad(t.subject, t.predicate, t.object, graph) for t in triples]
    store.commit(quads, drop_graphs=[rdf.ONTOLOGY_GRAPH])
