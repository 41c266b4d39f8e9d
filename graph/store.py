"""The one store interface every reader and writer of the graph goes through.

``OxigraphStore`` is the embedded default (pyoxigraph on disk, or in memory for tests);
``graph.remote.SparqlStore`` speaks SPARQL 1.1 to a remote endpoint. ``open_store`` picks one
from the settings.

Queries see the union of all named graphs as their default graph (every fact lives in the named
graph of the source that states it, see docs/data-model.md); ``GRAPH ?g { … }`` still reaches the
individual graphs.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import time
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox

from graph import vocab
from graph.errors import Problem

if TYPE_CHECKING:
    from graph.config import Settings
    from graph.index import ReadModel

Row = dict[str, object]


class StoreError(Problem):
    """A store problem described for a person (no traceback needed)."""

    status, kind, title = 503, "store-unavailable", "The store cannot answer"


class StoreLocked(StoreError):
    """The on-disk store is opened for writing by another process."""


class QuerySyntaxError(StoreError, ValueError):
    """The SPARQL text does not parse."""

    status, kind, title = 400, "malformed-query", "Malformed SPARQL"


class QueryTimeout(StoreError):
    """The query ran past its time budget."""

    status, kind, title = 504, "query-timeout", "The query took too long"


# Media types of serialized results, for the SPARQL endpoint (first entry of each = default).
RESULTS_TYPES: dict[str, ox.QueryResultsFormat] = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
    "application/json": ox.QueryResultsFormat.JSON,
}
GRAPH_TYPES: dict[str, ox.RdfFormat] = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/trig": ox.RdfFormat.TRIG,
    "application/n-quads": ox.RdfFormat.N_QUADS,
}
# Names accepted by ``dump`` (the export command's --format values).
DUMP_FORMATS: dict[str, ox.RdfFormat] = {
    "ttl": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "trig": ox.RdfFormat.TRIG,
    "nq": ox.RdfFormat.N_QUADS,
    "jsonld": ox.RdfFormat.JSON_LD,
    "xml": ox.RdfFormat.RDF_XML,
}
PREFIX_MAP = {
    "eli": vocab.ELI,
    "lg": vocab.LG,
    "rdf": vocab.RDF,
    "rdfs": vocab.RDFS,
    "xsd": vocab.XSD,
    "skos": vocab.SKOS,
}

_INT = {
    "integer",
    "int",
    "long",
    "short",
    "byte",
    "nonNegativeInteger",
    "positiveInteger",
    "negativeInteger",
    "nonPositiveInteger",
    "unsignedInt",
    "unsignedLong",
    "unsignedShort",
    "unsignedByte",
}
_FLOAT = {"decimal", "double", "float"}
_CONVERT: dict[str, Callable[[str], object]] = {
    **{vocab.XSD + n: int for n in _INT},
    **{vocab.XSD + n: float for n in _FLOAT},
    vocab.XSD + "boolean": lambda v: v in ("true", "1"),
}


def to_python(term: Any) -> object:
    """An RDF term as a plain value: IRIs as str, blank nodes as ``_:id``, literals as Python values
    (int, float, bool, str; dates and times stay ISO strings)."""
    if isinstance(term, ox.NamedNode):
        return term.value
    if isinstance(term, ox.Literal):
        conv = _CONVERT.get(term.datatype.value)
        if conv is None:
            return term.value
        try:
            return conv(term.value)
        except ValueError:
            return term.value
    if isinstance(term, ox.BlankNode):
        return "_:" + term.value
    return str(term)


def _graph_block(quads: Iterable[ox.Quad]) -> str:
    """Quads as the body of INSERT DATA (``GRAPH <g> { s p o . }`` blocks)."""
    by_graph: dict[str, list[str]] = {}
    for q in quads:
        g = q.graph_name
        key = "" if isinstance(g, ox.DefaultGraph) else str(g)
        by_graph.setdefault(key, []).append(f"{q.subject} {q.predicate} {q.object} .")
    parts = []
    for name, lines in by_graph.items():
        body = "\n".join(lines)
        parts.append(f"GRAPH {name} {{\n{body}\n}}" if name else body)
    return "\n".join(parts)


def update_text(
    add: Iterable[ox.Quad],
    drop_graphs: Sequence[str] = (),
    drop_subjects: Sequence[tuple[str, str]] = (),
    remove: Iterable[ox.Quad] = (),
) -> str:
    """One SPARQL update that drops graphs, drops subjects' triples in a graph, removes quads,
    then adds quads."""
    ops = [f"DROP SILENT GRAPH <{g}>" for g in drop_graphs]
    ops += [f"DELETE WHERE {{ GRAPH <{g}> {{ <{s}> ?p ?o }} }}" for g, s in drop_subjects]
    removed = _graph_block(remove)
    if removed:
        ops.append(f"DELETE DATA {{\n{removed}\n}}")
    body = _graph_block(add)
    if body:
        ops.append(f"INSERT DATA {{\n{body}\n}}")
    return " ;\n".join(ops)


class Store(ABC):
    """Read and write access to the graph, whatever holds it."""

    # Bumped after every write through this object (graph/index.py rebuilds its read model
    # when it differs from the one the model was built at): a write path that bypasses these
    # methods (``OxigraphStore.raw``, ``as_rdflib``) must call ``changed()`` itself.
    generation: int = 0
    # evaluated in this process (a query costs microseconds), not over the network
    embedded: bool = False

    def read_model(self) -> ReadModel | None:
        """The in-memory read model the questions may answer from (graph/index.py's
        ``ModelReader``); None: read through SPARQL."""
        return None

    def changed(self) -> None:
        """Record that the data changed (see ``generation``)."""
        self.generation += 1

    def yield_to_loaders(self) -> None:
        """For a long bulk load: let the store's background maintenance take only idle CPU.
        A no-op unless the store runs such work in this process."""
        return None

    @abstractmethod
    def select(self, sparql: str, timeout: float | None = None) -> list[Row]:
        """Rows of a SELECT: IRIs as str, literals as Python values; an unbound variable is absent."""

    def iter_select(self, sparql: str) -> Iterator[Row]:
        """``select`` row by row, for results too large to hold as a list."""
        return iter(self.select(sparql))

    @abstractmethod
    def results(self, sparql: str, timeout: float | None = None) -> Any:
        """The query's results as pyoxigraph objects: QuerySolutions, QueryBoolean, or triples."""

    def ask(self, sparql: str) -> bool:
        result = self.results(sparql)
        if not isinstance(result, ox.QueryBoolean):
            raise QuerySyntaxError("ask() needs an ASK query.")
        return bool(result)

    def construct(self, sparql: str) -> list[tuple[Any, Any, Any]]:
        """Triples of a CONSTRUCT/DESCRIBE as pyoxigraph terms."""
        result = self.results(sparql)
        if isinstance(result, (ox.QueryBoolean, ox.QuerySolutions)):
            raise QuerySyntaxError("construct() needs a CONSTRUCT or DESCRIBE query.")
        return [(t.subject, t.predicate, t.object) for t in result]

    @abstractmethod
    def query_raw(self, sparql: str, media_type: str) -> tuple[bytes, str]:
        """Serialized results and the media type actually used (the requested one when it fits
        the query form, else the default: SPARQL JSON for SELECT/ASK, Turtle for graphs)."""

    @abstractmethod
    def update(self, sparql: str) -> None: ...

    @abstractmethod
    def dump(self, fmt: str) -> bytes:
        """The whole store in one of DUMP_FORMATS (triple formats get the union of the graphs)."""

    def dump_to(self, fmt: str, path: str) -> None:
        """``dump`` written to a file (streamed where the store can)."""
        Path(path).write_bytes(self.dump(fmt))

    @abstractmethod
    def count(self) -> int:
        """Number of quads."""

    @abstractmethod
    def close(self) -> None: ...

    def commit(
        self,
        add: Iterable[ox.Quad],
        drop_graphs: Sequence[str] = (),
        drop_subjects: Sequence[tuple[str, str]] = (),
        remove: Sequence[ox.Quad] = (),
    ) -> None:
        """In ONE transaction: remove the named graphs ``drop_graphs``, remove every triple of
        subject s in graph g for each (g, s) of ``drop_subjects``, remove the quads ``remove``,
        then add ``add``."""
        text = update_text(list(add), drop_graphs, drop_subjects, remove)
        if text:
            self.update(text)

    def commit_nquads(
        self,
        nquads: str,
        drop_graphs: Sequence[str] = (),
        drop_subjects: Sequence[tuple[str, str]] = (),
        trusted: bool = False,
    ) -> None:
        """``commit`` with the quads given as N-Quads text (what ingest workers produce);
        ``trusted`` text (made by graph/rdf.py) may skip validation where the store allows."""
        quads: list[ox.Quad] = []
        if nquads:
            quads = list(ox.parse(nquads.encode("utf-8"), format=ox.RdfFormat.N_QUADS))
        self.commit(quads, drop_graphs, drop_subjects)

    def bulk_nquads(self, nquads: str | bytes | Sequence[bytes]) -> None:
        """Add many quads (N-Quads made by graph/rdf.py: text, UTF-8, or UTF-8 pieces read one
        after the other) as fast as the store can; NOT atomic (a crash may leave part of them):
        callers make such writes safe by committing a record of them afterwards."""
        if not isinstance(nquads, str | bytes):
            nquads = b"".join(nquads)
        self.commit_nquads(nquads if isinstance(nquads, str) else nquads.decode("utf-8"))

    def replace_graph(self, graph_iri: str, quads: Iterable[ox.Quad]) -> None:
        """Atomically drop the named graph and write the new quads."""
        self.commit(quads, drop_graphs=[graph_iri])

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


class _Pieces(io.RawIOBase):
    """Byte strings read as one stream: a batch of files is loaded without joining it into
    one more copy of the whole batch."""

    def __init__(self, pieces: Sequence[bytes]) -> None:
        self.pieces = pieces
        self.index = 0
        self.offset = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        view = memoryview(buffer).cast("B")
        while self.index < len(self.pieces):
            piece = self.pieces[self.index]
            n = min(len(view), len(piece) - self.offset)
            if n > 0:
                view[:n] = piece[self.offset : self.offset + n]
                self.offset += n
                return n
            self.index, self.offset = self.index + 1, 0
        return 0


def _media(media_type: str) -> str:
    return media_type.split(";", 1)[0].strip().lower()


class OxigraphStore(Store):
    """The embedded store: a pyoxigraph (RocksDB) directory, or memory when ``path`` is None."""

    embedded = True

    def __init__(self, path: str | None, read_only: bool = False) -> None:
        self.path = path
        self.read_only = read_only
        self._store: ox.Store | None = self._open(path, read_only)

    @staticmethod
    def _open(path: str | None, read_only: bool) -> ox.Store:
        if path is None:
            return ox.Store()
        where = Path(path)
        if read_only:
            if not where.is_dir():
                raise StoreError(f"No store at {path}: run `legal-graph ingest` first.")
            try:
                return ox.Store.read_only(str(where))
            except OSError as e:
                raise StoreError(f"Cannot open the store at {path} read-only: {e}") from None
        if where.exists() and not where.is_dir():
            raise StoreError(f"Cannot open the store at {path}: it is a file, not a directory.")
        try:
            where.parent.mkdir(parents=True, exist_ok=True)
            return ox.Store(str(where))
        except OSError as e:
            if "lock" in str(e).lower():
                raise StoreLocked(
                    f"The store at {path} is in use by another process (an ingest or a server). "
                    "Wait for it to finish, stop it, or choose another directory with --store. "
                    "To add documents to the store a server is serving, send them through its "
                    "SPARQL endpoint: start the server with LEGAL_GRAPH_UPDATE_TOKEN=… and run "
                    "LEGAL_GRAPH_SPARQL_QUERY=http://HOST:PORT/sparql "
                    "LEGAL_GRAPH_UPDATE_TOKEN=… legal-graph ingest FILES."
                ) from None
            raise StoreError(f"Cannot open the store at {path}: {e}") from None

    @property
    def raw(self) -> ox.Store:
        """The pyoxigraph store itself (for oxrdflib or bulk operations)."""
        if self._store is None:
            raise StoreError("The store is closed.")
        return self._store

    def as_rdflib(self) -> Any:
        """The same data as an ``rdflib.Dataset`` (through oxrdflib, no copy), for code where
        rdflib's API is the better fit (pyshacl, graph walks)."""
        import oxrdflib
        import rdflib

        return rdflib.Dataset(store=oxrdflib.OxigraphStore(store=self.raw))

    def _query(self, sparql: str) -> Any:
        try:
            return self.raw.query(sparql, use_default_graph_as_union=True)
        except SyntaxError as e:
            raise QuerySyntaxError(f"Invalid SPARQL query: {e}") from None

    def select(self, sparql: str, timeout: float | None = None) -> list[Row]:
        deadline = None if timeout is None else time.monotonic() + timeout
        result = self._query(sparql)
        if not isinstance(result, ox.QuerySolutions):
            raise QuerySyntaxError("select() needs a SELECT query.")
        names = [v.value for v in result.variables]
        rows: list[Row] = []
        try:
            for n, sol in enumerate(result):
                row: Row = {}
                for name in names:
                    term = sol[name]
                    if term is not None:
                        row[name] = to_python(term)
                rows.append(row)
                # Oxigraph evaluates lazily: checking between rows bounds the time spent.
                if deadline is not None and n % 256 == 0 and time.monotonic() > deadline:
                    raise QueryTimeout(f"The query ran longer than {timeout:g} s.")
        except OSError as e:
            raise StoreError(f"Query failed: {e}") from None
        if deadline is not None and time.monotonic() > deadline:
            raise QueryTimeout(f"The query ran longer than {timeout:g} s.")
        return rows

    def iter_select(self, sparql: str) -> Iterator[Row]:
        result = self._query(sparql)
        if not isinstance(result, ox.QuerySolutions):
            raise QuerySyntaxError("iter_select() needs a SELECT query.")
        names = [v.value for v in result.variables]
        for sol in result:
            yield {name: to_python(term) for name in names if (term := sol[name]) is not None}

    def results(self, sparql: str, timeout: float | None = None) -> Any:
        return self._query(sparql)

    def query_raw(self, sparql: str, media_type: str) -> tuple[bytes, str]:
        result = self._query(sparql)
        media = _media(media_type)
        if isinstance(result, ox.QueryTriples):
            if media not in GRAPH_TYPES:
                media = "text/turtle"
            fmt = GRAPH_TYPES[media]
            prefixes = PREFIX_MAP if fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG) else None
            data = ox.serialize(list(result), format=fmt, prefixes=prefixes)
            return bytes(data or b""), media
        if media not in RESULTS_TYPES:
            media = "application/sparql-results+json"
        return bytes(result.serialize(format=RESULTS_TYPES[media]) or b""), media

    def update(self, sparql: str) -> None:
        if self.read_only:
            raise StoreError("The store is open read-only.")
        try:
            self.raw.update(sparql)
        except SyntaxError as e:
            raise QuerySyntaxError(f"Invalid SPARQL update: {e}") from None
        finally:
            self.changed()

    def commit(
        self,
        add: Iterable[ox.Quad],
        drop_graphs: Sequence[str] = (),
        drop_subjects: Sequence[tuple[str, str]] = (),
        remove: Sequence[ox.Quad] = (),
    ) -> None:
        if not drop_graphs and not drop_subjects and not remove:
            try:
                self.raw.extend(add)  # transactional
            finally:
                self.changed()
            return
        super().commit(add, drop_graphs, drop_subjects, remove)

    def commit_nquads(
        self,
        nquads: str,
        drop_graphs: Sequence[str] = (),
        drop_subjects: Sequence[tuple[str, str]] = (),
        trusted: bool = False,
    ) -> None:
        if not drop_graphs and not drop_subjects:
            if nquads:  # load() is transactional and parses in Rust: the fast path of ingest
                data = nquads.encode("utf-8")
                try:
                    self.raw.load(data, format=ox.RdfFormat.N_QUADS, lenient=trusted)
                finally:
                    self.changed()
            return
        super().commit_nquads(nquads, drop_graphs, drop_subjects)

    def bulk_nquads(self, nquads: str | bytes | Sequence[bytes]) -> None:
        if nquads:  # writes index files directly: several times faster than a transaction
            # lenient: the text is generated by graph/rdf.py, whose terms are already valid
            data: bytes | io.BufferedReader
            if isinstance(nquads, str):
                data = nquads.encode("utf-8")
            elif isinstance(nquads, bytes):
                data = nquads
            else:
                data = io.BufferedReader(_Pieces(nquads), 1 << 20)
            try:
                self.raw.bulk_load(data, format=ox.RdfFormat.N_QUADS, lenient=True)
            finally:
                self.changed()

    def yield_to_loaders(self) -> None:
        # RocksDB merges every bulk-loaded file into the levels below (compaction); its hashed
        # keys overlap everywhere, so each merge rewrites the level, and eagerly merging one
        # batch at a time grows the cost per batch with the store. At the lowest CPU priority
        # compaction runs on idle CPU and merges many batches in one pass. This is RocksDB's
        # Env::LowerThreadPoolCPUPriority, which pyoxigraph does not expose: done here on the
        # "rocksdb:low" threads. Process-wide and one-way (raising a priority back needs
        # privileges): meant for ingest processes. Linux only; elsewhere a no-op.
        tasks = Path("/proc/self/task")
        if self.path is None or not tasks.is_dir():
            return
        for task in tasks.iterdir():
            with contextlib.suppress(OSError, ValueError):
                if (task / "comm").read_text().strip() == "rocksdb:low":
                    os.setpriority(os.PRIO_PROCESS, int(task.name), 19)

    def dump(self, fmt: str) -> bytes:
        return self._dump(fmt, None) or b""

    def dump_to(self, fmt: str, path: str) -> None:
        self._dump(fmt, path)

    def _dump(self, fmt: str, path: str | None) -> bytes | None:
        if fmt not in DUMP_FORMATS:
            raise StoreError(f"Unknown format {fmt!r}; use one of {', '.join(DUMP_FORMATS)}.")
        rdf_format = DUMP_FORMATS[fmt]
        prefixes = PREFIX_MAP if rdf_format in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG) else None
        if rdf_format.supports_datasets:
            return self.raw.dump(path, format=rdf_format, prefixes=prefixes)
        # triple formats: the union of the graphs, streamed from the query to the serializer
        triples = self.raw.query(
            "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", use_default_graph_as_union=True
        )
        return ox.serialize(triples, path, format=rdf_format, prefixes=prefixes)  # type: ignore[arg-type]

    def count(self) -> int:
        return len(self.raw)

    def close(self) -> None:
        if self._store is not None:
            if not self.read_only:
                with contextlib.suppress(OSError):
                    self._store.flush()
            # pyoxigraph releases the RocksDB lock when the object is freed.
            self._store = None


def open_store(settings: Settings | None = None, read_only: bool = False) -> Store:
    """The store the settings name: remote SPARQL when ``sparql_query`` is set, else embedded.

    The remote class lives in graph/remote.py and is imported only when needed:
    ``SparqlStore(query_url, update_url=None, token=None)``.
    """
    from graph.config import Settings

    settings = settings or Settings.from_env()
    if settings.remote:
        from graph.remote import SparqlStore  # type: ignore[import-not-found,unused-ignore]

        store: Store = SparqlStore(
            settings.sparql_query, settings.sparql_update, token=settings.update_token
        )
        return store
    return OxigraphStore(settings.store_path, read_only=read_only)


def select_each(store: Store, terms: Iterable[str], query: str) -> Iterator[tuple[str, Row]]:
    """(term, row) of ``query`` with each of these IRIs in place of ``$X``: one small query
    per IRI on the embedded store, where a VALUES block of many rows is joined by scanning the
    pattern's whole index (graph/summary.py); VALUES batches elsewhere."""
    terms = sorted(set(terms))
    if store.embedded:
        for t in terms:
            for r in store.select(query.replace("$X", f"<{t}>")):
                yield t, r
        return
    select = re.sub(r"^SELECT (DISTINCT )?", lambda m: m.group(0) + "?x_ ", query)
    for i in range(0, len(terms), 500):
        batch = terms[i : i + 500]
        values = " ".join(f"<{t}>" for t in batch)
        batched = select.replace("$X", "?x_").replace(
            " WHERE { ", f" WHERE {{ VALUES ?x_ {{ {values} }} ", 1
        )
        for r in store.select(batched):
            yield str(r["x_"]), r
