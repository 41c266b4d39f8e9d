"""What the SPARQL endpoint does below HTTP: evaluate a query within a time and size budget, and
write its results in the standard formats. No HTTP here (api/routes/sparql.py is the protocol).

Rows are pulled one by one from the store, so a query stops as soon as it passes the result
limit or its deadline, or when the endpoint gives up on it (``cancel``); the results are then
written by this module (SELECT) or by pyoxigraph (graphs, ASK).
"""

from __future__ import annotations

import csv
import io
import json
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

from graph.store import (
    GRAPH_TYPES,
    PREFIX_MAP,
    OxigraphStore,
    QuerySyntaxError,
    QueryTimeout,
    Store,
    StoreError,
)

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"

# Media types the endpoint writes, per query form (first = default).
SOLUTION_TYPES = (
    "application/sparql-results+json",
    "application/sparql-results+xml",
    "text/csv",
    "text/tab-separated-values",
)
BOOLEAN_TYPES = ("application/sparql-results+json", "application/sparql-results+xml",
                 "text/csv", "text/tab-separated-values")
RDF_TYPES = (
    "text/turtle",
    "application/n-triples",
    "application/ld+json",
    "application/rdf+xml",
    "application/trig",
    "application/n-quads",
)
ALIASES = {"application/json": "application/sparql-results+json",
           "application/xml": "application/sparql-results+xml",
           "text/xml": "application/sparql-results+xml",
           "application/x-turtle": "text/turtle",
           "text/plain": "application/n-triples"}


class ResultTooLarge(StoreError):
    """The query produced more results than the endpoint's limit."""


@dataclass(frozen=True)
class Limits:
    """The budget of one query: seconds of evaluation and rows (or triples) of results."""

    timeout: float = 30.0
    max_results: int = 100_000


@dataclass
class Outcome:
    """An evaluated query: ``form`` is ``select``, ``ask`` or ``graph``."""

    form: str
    variables: list[str] = field(default_factory=list)
    rows: list[Sequence[Any]] = field(default_factory=list)
    boolean: bool = False
    triples: list[ox.Triple] = field(default_factory=list)
    seconds: float = 0.0


def _stopped(cancel: threading.Event | None, deadline: float, limits: Limits) -> None:
    if (cancel is not None and cancel.is_set()) or time.monotonic() > deadline:
        raise QueryTimeout(
            f"The query ran longer than the endpoint's limit of {limits.timeout:g} s."
        )


def _raw_results(
    store: Store, sparql: str, default_graphs: Sequence[str], named_graphs: Sequence[str],
    timeout: float,
) -> Any:
    if isinstance(store, OxigraphStore):
        options: dict[str, Any] = {}
        if default_graphs:
            options["default_graph"] = [ox.NamedNode(g) for g in default_graphs]
        else:
            options["use_default_graph_as_union"] = True
        if named_graphs:
            options["named_graphs"] = [ox.NamedNode(g) for g in named_graphs]
        try:
            return store.raw.query(sparql, **options)
        except SyntaxError as e:
            raise QuerySyntaxError(f"Invalid SPARQL query: {e}") from None
        except ValueError as e:  # e.g. a malformed graph IRI
            raise QuerySyntaxError(str(e)) from None
    results = getattr(store, "results", None)
    if results is None:
        raise StoreError(f"{type(store).__name__} cannot answer SPARQL endpoint queries.")
    if default_graphs or named_graphs:
        raise QuerySyntaxError(
            "default-graph-uri / named-graph-uri are not supported with a remote store; "
            "use FROM / FROM NAMED in the query."
        )
    return results(sparql, timeout)


def evaluate(
    store: Store,
    sparql: str,
    limits: Limits,
    cancel: threading.Event | None = None,
    default_graphs: Sequence[str] = (),
    named_graphs: Sequence[str] = (),
) -> Outcome:
    """Run a query within ``limits``; raise QuerySyntaxError, QueryTimeout or ResultTooLarge."""
    start = time.monotonic()
    deadline = start + limits.timeout
    result = _raw_results(store, sparql, default_graphs, named_graphs, limits.timeout)
    try:
        if isinstance(result, ox.QueryBoolean):
            outcome = Outcome("ask", boolean=bool(result))
        elif isinstance(result, ox.QuerySolutions):
            names = [v.value for v in result.variables]
            rows: list[Sequence[Any]] = []
            for sol in result:
                rows.append(tuple(sol[n] for n in names))
                if len(rows) % 512 == 0:
                    _stopped(cancel, deadline, limits)
                if len(rows) > limits.max_results:
                    raise _too_large(limits, "rows")
            outcome = Outcome("select", variables=names, rows=rows)
        else:
            triples: list[ox.Triple] = []
            for t in result:
                triples.append(t)
                if len(triples) % 512 == 0:
                    _stopped(cancel, deadline, limits)
                if len(triples) > limits.max_results:
                    raise _too_large(limits, "triples")
            outcome = Outcome("graph", triples=triples)
    except OSError as e:
        raise StoreError(f"Query failed: {e}") from None
    _stopped(cancel, deadline, limits)
    outcome.seconds = time.monotonic() - start
    return outcome


def _too_large(limits: Limits, what: str) -> ResultTooLarge:
    return ResultTooLarge(
        f"The query returns more than the endpoint's limit of {limits.max_results} {what}; "
        "add a LIMIT (and OFFSET to page) or narrow the pattern."
    )


# ---------------------------------------------------------------------------------------------
# Writers


def _json_term(term: Any) -> dict[str, Any]:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out: dict[str, Any] = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != XSD_STRING:
            out["datatype"] = term.datatype.value
        return out
    if isinstance(term, ox.Triple):  # RDF-star quoted triple
        return {"type": "triple", "value": {
            "subject": _json_term(term.subject),
            "predicate": _json_term(term.predicate),
            "object": _json_term(term.object),
        }}
    raise TypeError(f"not an RDF term: {term!r}")


def _json(outcome: Outcome) -> bytes:
    if outcome.form == "ask":
        return json.dumps({"head": {}, "boolean": outcome.boolean}).encode()
    names = outcome.variables
    bindings = [
        {n: _json_term(t) for n, t in zip(names, row, strict=True) if t is not None}
        for row in outcome.rows
    ]
    doc = {"head": {"vars": names}, "results": {"bindings": bindings}}
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _xml_term(term: Any) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    if isinstance(term, ox.Literal):
        if term.language:
            return f"<literal xml:lang={quoteattr(term.language)}>{escape(term.value)}</literal>"
        if term.datatype.value != XSD_STRING:
            return f"<literal datatype={quoteattr(term.datatype.value)}>{escape(term.value)}</literal>"
        return f"<literal>{escape(term.value)}</literal>"
    if isinstance(term, ox.Triple):
        return (f"<triple><subject>{_xml_term(term.subject)}</subject>"
                f"<predicate>{_xml_term(term.predicate)}</predicate>"
                f"<object>{_xml_term(term.object)}</object></triple>")
    raise TypeError(f"not an RDF term: {term!r}")


def _xml(outcome: Outcome) -> bytes:
    out = ['<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">']
    if outcome.form == "ask":
        out.append(f"<head/><boolean>{'true' if outcome.boolean else 'false'}</boolean></sparql>")
        return "".join(out).encode("utf-8")
    out.append("<head>")
    out.extend(f"<variable name={quoteattr(n)}/>" for n in outcome.variables)
    out.append("</head><results>")
    for row in outcome.rows:
        out.append("<result>")
        for name, term in zip(outcome.variables, row, strict=True):
            if term is not None:
                out.append(f"<binding name={quoteattr(name)}>{_xml_term(term)}</binding>")
        out.append("</result>")
    out.append("</results></sparql>")
    return "\n".join(out).encode("utf-8")


def _csv_value(term: Any) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.BlankNode):
        return "_:" + term.value
    if isinstance(term, ox.NamedNode | ox.Literal):
        return term.value
    return str(term)


def _csv(outcome: Outcome) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    if outcome.form == "ask":
        writer.writerow(["_askResult"])
        writer.writerow(["true" if outcome.boolean else "false"])
    else:
        writer.writerow(outcome.variables)
        writer.writerows([_csv_value(t) for t in row] for row in outcome.rows)
    return buf.getvalue().encode("utf-8")


def _tsv_value(term: Any) -> str:
    if term is None:
        return ""
    # Terms in Turtle/N-Triples syntax; a raw tab or newline would break the row.
    return str(term).replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def _tsv(outcome: Outcome) -> bytes:
    if outcome.form == "ask":
        return f"?_askResult\n{'true' if outcome.boolean else 'false'}\n".encode()
    lines = ["\t".join("?" + n for n in outcome.variables)]
    lines.extend("\t".join(_tsv_value(t) for t in row) for row in outcome.rows)
    return ("\n".join(lines) + "\n").encode("utf-8")


_WRITERS = {
    "application/sparql-results+json": _json,
    "application/sparql-results+xml": _xml,
    "text/csv": _csv,
    "text/tab-separated-values": _tsv,
}


def media_types(form: str) -> tuple[str, ...]:
    """The media types a result of this form can be written in (first = default)."""
    return RDF_TYPES if form == "graph" else SOLUTION_TYPES


def write(outcome: Outcome, media: str) -> bytes:
    """The outcome serialized as ``media`` (one of ``media_types(outcome.form)``)."""
    if outcome.form == "graph":
        fmt = GRAPH_TYPES[media]
        prefixes = PREFIX_MAP if fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG) else None
        return bytes(ox.serialize(outcome.triples, format=fmt, prefixes=prefixes) or b"")
    return _WRITERS[media](outcome)
