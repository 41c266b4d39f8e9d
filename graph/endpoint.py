"""What the SPARQL endpoint does below HTTP: evaluate a query within a time and size budget, and
write its results in the standard formats. No HTTP here (api/routes/sparql.py is the protocol).

Results are serialized by pyoxigraph (Rust) while the query is evaluated, into a sink that
stops the query as soon as the results pass the size limit or the deadline.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import Any

import pyoxigraph as ox

from graph.store import (
    GRAPH_TYPES,
    PREFIX_MAP,
    RESULTS_TYPES,
    OxigraphStore,
    QuerySyntaxError,
    QueryTimeout,
    Store,
    StoreError,
)

# Media types the endpoint writes, per query form (first = default).
SOLUTION_TYPES = (
    "application/sparql-results+json",
    "application/sparql-results+xml",
    "text/csv",
    "text/tab-separated-values",
)
RDF_TYPES = (
    "text/turtle",
    "application/n-triples",
    "application/ld+json",
    "application/rdf+xml",
    "application/trig",
    "application/n-quads",
)
ALIASES = {
    "application/json": "application/sparql-results+json",
    "application/xml": "application/sparql-results+xml",
    "text/xml": "application/sparql-results+xml",
    "application/x-turtle": "text/turtle",
    "text/plain": "application/n-triples",
}


class ResultTooLarge(StoreError):
    """The query's results are larger than the endpoint's limit."""

    status, kind, title = 400, "result-too-large", "Result too large"


class Unacceptable(Exception):
    """The query's form (its index in ``FORMS``) has no media type the client accepts."""


FORMS = ("select", "ask", "graph")


def media_types(form: str) -> tuple[str, ...]:
    """The media types a result of this form can be written in (first = default)."""
    return RDF_TYPES if form == "graph" else SOLUTION_TYPES


def timeout_error(timeout: float) -> QueryTimeout:
    return QueryTimeout(f"The query ran longer than the endpoint's limit of {timeout:g} s.")


class _Sink:
    """Where pyoxigraph's serializers write, chunk by chunk: the only place a lazily evaluated
    query hands control back, so the size limit and the deadline are checked here (raising
    aborts the evaluation)."""

    def __init__(self, max_bytes: int, timeout: float) -> None:
        self.max_bytes, self.timeout = max_bytes, timeout
        self.deadline = time.monotonic() + timeout
        self.parts: list[bytes] = []
        self.size = 0

    def write(self, chunk: bytes) -> int:
        self.size += len(chunk)
        if self.size > self.max_bytes:
            raise ResultTooLarge(
                f"The results are larger than the endpoint's limit of {self.max_bytes} "
                "bytes; add a LIMIT (and OFFSET to page) or narrow the pattern."
            )
        if time.monotonic() > self.deadline:
            raise timeout_error(self.timeout)
        self.parts.append(chunk)  # bytes made for this call by pyoxigraph: kept as they are
        return len(chunk)

    def flush(self) -> None:
        pass


def _graph_iris(param: str, iris: Sequence[str]) -> list[ox.NamedNode]:
    try:
        return [ox.NamedNode(iri) for iri in iris]
    except ValueError as e:
        raise QuerySyntaxError(f"{param}: not an IRI ({e}).") from None


def _raw_results(
    store: Store,
    sparql: str,
    default_graphs: Sequence[str],
    named_graphs: Sequence[str],
    timeout: float,
) -> Any:
    if isinstance(store, OxigraphStore):
        options: dict[str, Any] = {}
        if default_graphs:
            options["default_graph"] = _graph_iris("default-graph-uri", default_graphs)
        else:
            options["use_default_graph_as_union"] = True
        if named_graphs:
            options["named_graphs"] = _graph_iris("named-graph-uri", named_graphs)
        try:
            return store.raw.query(sparql, **options)
        except SyntaxError as e:
            raise QuerySyntaxError(f"Invalid SPARQL query: {e}") from None
        except ValueError as e:  # e.g. a malformed graph IRI
            raise QuerySyntaxError(str(e)) from None
    results = getattr(store, "results", None)  # graph.remote.SparqlStore
    if results is None:
        raise StoreError(f"{type(store).__name__} cannot answer SPARQL endpoint queries.")
    if default_graphs or named_graphs:
        raise QuerySyntaxError(
            "default-graph-uri / named-graph-uri are not supported with a remote store; "
            "use FROM / FROM NAMED in the query."
        )
    return results(sparql, timeout)


def run(
    store: Store,
    sparql: str,
    media: Sequence[str | None],
    max_bytes: int,
    timeout: float,
    default_graphs: Sequence[str] = (),
    named_graphs: Sequence[str] = (),
) -> tuple[int, bytes]:
    """Evaluate a query within ``timeout`` seconds and ``max_bytes`` of results, serialized in
    the media type ``media`` gives for its form: the form's index in ``FORMS`` and the results.
    Raise Unacceptable (no media type for the form), QuerySyntaxError, QueryTimeout or
    ResultTooLarge.

    pyoxigraph evaluates lazily and serializes in Rust, straight into the bounded sink."""
    result = _raw_results(store, sparql, default_graphs, named_graphs, timeout)
    sink = _Sink(max_bytes, timeout)
    try:
        form = 1 if isinstance(result, ox.QueryBoolean) else (
            0 if isinstance(result, ox.QuerySolutions) else 2)  # fmt: skip
        chosen = media[form]
        if chosen is None:
            raise Unacceptable(form)
        if form == 2:
            fmt = GRAPH_TYPES[chosen]
            prefixes = PREFIX_MAP if fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG) else None
            ox.serialize(result, sink, format=fmt, prefixes=prefixes)  # type: ignore[arg-type]
        else:
            result.serialize(sink, format=RESULTS_TYPES[chosen])
    except OSError as e:
        raise StoreError(f"Query failed: {e}") from None
    finally:
        # pyoxigraph's results may only be dropped by the thread that made them: an exception's
        # traceback keeps this frame alive, and would let another thread drop them later.
        del result
    if time.monotonic() > sink.deadline:
        raise timeout_error(timeout)
    return form, b"".join(sink.parts)
