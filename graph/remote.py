"""A store kept in any SPARQL 1.1 query + update endpoint (Oxigraph server, Virtuoso, Fuseki, …).

Reads go to the query URL (SPARQL 1.1 Protocol, POST url-encoded), writes to the update URL.
The endpoint must query the union of its named graphs by default (docs/data-model.md): Oxigraph
server with ``--union-default-graph``, Virtuoso does so out of the box, Fuseki with
``tdb2:unionDefaultGraph``.

A named graph is replaced by one update request (``DROP SILENT GRAPH`` then ``INSERT DATA``), so
readers never see it half-written. A commit of more than ``max_update_quads`` quads (only ingest's
batches of many files get that big) is split into several requests, the drops travelling with the
first: a crash between them leaves part of the batch unwritten, but the meta record of a file is
written with its graph, so the next ingest finds what is missing and redoes it. For big loads the
bulk path is faster: ``legal-graph export --format nq`` and the server's own loader (README).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import httpx
import pyoxigraph as ox

from graph import vocab
from graph.store import (
    DUMP_FORMATS,
    GRAPH_TYPES,
    PREFIX_MAP,
    RESULTS_TYPES,
    QuerySyntaxError,
    QueryTimeout,
    Row,
    Store,
    StoreError,
    _media,
    to_python,
    update_text,
)

_JSON = "application/sparql-results+json"
_NT = "application/n-triples"
# Only the graphs this project writes: a server may hold its own system graphs (Virtuoso does).
_OUR_GRAPHS = f'FILTER(STRSTARTS(STR(?g), "{vocab.GRAPH}"))'


class SparqlStore(Store):
    """Read and write the graph through a remote SPARQL 1.1 endpoint.

    ``token`` is sent as ``Authorization: Bearer`` on updates (another legal-graph server);
    ``auth`` is any httpx auth, e.g. ``httpx.DigestAuth(user, password)`` for Virtuoso's
    ``/sparql-auth``.
    """

    def __init__(
        self,
        query_url: str | None,
        update_url: str | None = None,
        token: str | None = None,
        *,
        auth: httpx.Auth | None = None,
        timeout: float = 120.0,
        max_update_quads: int = 20_000,
    ) -> None:
        if not query_url:
            raise StoreError("A remote store needs a query URL (LEGAL_GRAPH_SPARQL_QUERY).")
        self.query_url = query_url
        self.update_url = update_url or query_url
        self.token = token
        self.auth = auth
        self.timeout = timeout
        self.max_update_quads = max_update_quads
        self._client: httpx.Client | None = httpx.Client(timeout=timeout)

    # -- HTTP ----------------------------------------------------------------------------------

    @property
    def client(self) -> httpx.Client:
        if self._client is None:
            raise StoreError("The store is closed.")
        return self._client

    def _post(
        self,
        url: str,
        form: dict[str, str],
        accept: str | None,
        timeout: float | None,
        auth: bool = False,
    ) -> httpx.Response:
        headers = {"Accept": accept} if accept else {}
        if auth and self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        try:
            response = self.client.post(
                url,
                data=form,
                headers=headers,
                timeout=timeout if timeout is not None else self.timeout,
                auth=self.auth if auth and self.auth else httpx.USE_CLIENT_DEFAULT,
            )
        except httpx.TimeoutException:
            raise QueryTimeout(
                f"{url} did not answer within {timeout or self.timeout:g} s."
            ) from None
        except httpx.HTTPError as e:
            raise StoreError(f"Cannot reach the SPARQL endpoint {url}: {e}") from None
        if response.status_code >= 400:
            detail = " ".join(response.text.split())[:500]
            if response.status_code == 400:
                raise QuerySyntaxError(f"{url} rejected the request: {detail}")
            raise StoreError(f"{url} answered {response.status_code}: {detail}")
        # Virtuoso silently cuts results at ResultSetMaxRows and says so only in this header.
        if response.headers.get("X-SPARQL-MaxRows"):
            raise StoreError(
                f"{url} truncated the result at {response.headers['X-SPARQL-MaxRows']} rows "
                "(raise the server's ResultSetMaxRows)."
            )
        return response

    def _query(self, sparql: str, accept: str, timeout: float | None = None) -> httpx.Response:
        return self._post(self.query_url, {"query": sparql}, accept, timeout)

    def results(self, sparql: str, timeout: float | None = None) -> Any:
        """The query's results as pyoxigraph objects, like ``pyoxigraph.Store.query`` returns:
        QuerySolutions, QueryBoolean, or a list of Triple (what the SPARQL endpoint streams)."""
        response = self._query(sparql, f"{_JSON}, {_NT};q=0.9, text/turtle;q=0.8", timeout)
        media = _media(response.headers.get("content-type", _JSON))
        if media in GRAPH_TYPES:
            return list(ox.parse(response.content, format=GRAPH_TYPES[media]))
        fmt = RESULTS_TYPES.get(media)
        if fmt is None:
            raise StoreError(f"{self.query_url} answered with unsupported type {media!r}.")
        return ox.parse_query_results(response.content, format=fmt)

    # -- Store ---------------------------------------------------------------------------------

    def select(self, sparql: str, timeout: float | None = None) -> list[Row]:
        result = self.results(sparql, timeout)
        if not isinstance(result, ox.QuerySolutions):
            raise QuerySyntaxError("select() needs a SELECT query.")
        names = [v.value for v in result.variables]
        rows: list[Row] = []
        for sol in result:
            row: Row = {}
            for name in names:
                term = sol[name]
                if term is not None:
                    row[name] = to_python(term)
            rows.append(row)
        return rows

    def query_raw(self, sparql: str, media_type: str) -> tuple[bytes, str]:
        media = _media(media_type)
        response = self._query(sparql, media)
        return response.content, _media(response.headers.get("content-type", media))

    def update(self, sparql: str) -> None:
        self._post(self.update_url, {"update": sparql}, None, None, auth=True)

    def commit(
        self,
        add: Iterable[ox.Quad],
        drop_graphs: Sequence[str] = (),
        drop_subjects: Sequence[tuple[str, str]] = (),
        remove: Sequence[ox.Quad] = (),
    ) -> None:
        quads = list(add)
        step = self.max_update_quads
        first = update_text(quads[:step], drop_graphs, drop_subjects, remove)
        if first:
            self.update(first)
        for i in range(step, len(quads), step):
            self.update(update_text(quads[i : i + step]))

    def _quads(self) -> list[ox.Quad]:
        result = self.results(
            f"SELECT ?s ?p ?o ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {_OUR_GRAPHS} }}"
        )
        return [ox.Quad(s["s"], s["p"], s["o"], s["g"]) for s in result]

    def dump(self, fmt: str) -> bytes:
        if fmt not in DUMP_FORMATS:
            raise StoreError(f"Unknown format {fmt!r}; use one of {', '.join(DUMP_FORMATS)}.")
        rdf_format = DUMP_FORMATS[fmt]
        prefixes = PREFIX_MAP if rdf_format in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG) else None
        quads = self._quads()
        if rdf_format.supports_datasets:
            return bytes(ox.serialize(quads, format=rdf_format, prefixes=prefixes) or b"")
        triples = {ox.Triple(q.subject, q.predicate, q.object) for q in quads}
        return bytes(ox.serialize(triples, format=rdf_format, prefixes=prefixes) or b"")

    def count(self) -> int:
        """Quads in this project's graphs (a server's own system graphs are not counted)."""
        rows = self.select(
            f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {_OUR_GRAPHS} }}"
        )
        return int(str(rows[0]["n"])) if rows else 0

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None
