"""Search with filters and paging: the search page and ``/api/search``.

What was typed goes to the resolver (graph/resolve.py: symbols, keys, "Nghị quyết 57", title
words), else to a plain match of symbols and titles; filters alone (no text) browse the whole
store (from the read model). The filters are the documents' type, issuer, province, year and
status today (graph/status.py: in force, not yet in force, partly ceased, wholly ceased,
unknown); each filter's choices are the values found among the hits before filtering (every
status is offered).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from graph import viz
from graph.query import QueryError
from graph.resolve import resolve
from graph.status import STATUSES, status_of, statuses, today
from graph.store import Store
from graph.summary import DocSummary, summaries

FILTERS = ("type", "issuer", "province", "year", "status")
POOL = 200  # candidates the resolver returns, then filtered and paged here
PAGE = 10


@dataclass(frozen=True)
class Hit:
    doc: DocSummary
    why: list[str]  # the resolver's reasons (English; api/i18n.py ``explain`` translates)
    cited_by: int
    status: str  # today's


@dataclass(frozen=True)
class Found:
    hits: list[Hit]  # the page asked for
    total: int  # hits passing the filters
    page: int
    pages: int
    facets: dict[str, list[str]]  # filter → values among the hits before filtering
    understood: str | None
    ambiguous: bool


def _status_lookup(store: Store, everything: bool) -> Callable[[DocSummary], str]:
    """Today's status of a document: from every document's status when the read model keeps
    them (graph/status.py ``statuses``, computed ahead after each build), or when every
    document is asked about (filters alone); else one document at a time."""
    model = store.read_model()
    if model is not None:
        memo = model.memo.get("statuses")
        if everything or (memo and memo[0] == (model.generation, today())):
            known = statuses(store)
            return lambda d: st.status if (st := known.get(d.key)) else "unknown"
    return lambda d: status_of(store, d.key).status


def _facet(d: DocSummary, status: str | None) -> dict[str, str]:
    return {"type": d.type or "", "issuer": d.issuer or "", "province": d.province_2025 or "",
            "year": str(d.year or ""), "status": status or ""}  # fmt: skip


def search(
    store: Store, text: str, wanted: dict[str, str], page: int = 1, size: int = PAGE
) -> Found:
    """Documents for ``text`` passing the filters ``wanted`` (filter → value; empty: any),
    the ``page``-th ``size`` of them. Raises ``EmptyQuery`` when there is neither text nor
    a filter, a QueryError naming an unknown status."""
    wanted = {k: (wanted.get(k) or "").strip() for k in FILTERS}
    if wanted["status"] and wanted["status"] not in STATUSES:
        raise QueryError(
            f"Unknown status {wanted['status']!r}; use {', '.join(STATUSES)}.", "status"
        )
    text = text.strip()
    understood, ambiguous = None, False
    found: list[tuple[DocSummary, list[str], int]] = []
    model = store.read_model()
    if not text and any(wanted.values()) and model is not None:  # filters alone: browse them
        found = [(d, [], 0) for d in model.docs.values()]
        found.sort(key=lambda r: (r[0].date or "", r[0].key), reverse=True)
    else:
        res = resolve(store, text, limit=POOL)  # EmptyQuery when there is nothing to read
        understood, ambiguous = res.understood, res.ambiguous
        found = [(c.doc, c.why, c.cited_by) for c in res.candidates]
        if not found:  # the resolver wants a symbol, a number or title words: a plain match
            nodes = viz.find_documents(store, text)
            docs = summaries(store, [n.iri for n in nodes])
            found = [(docs[n.iri], [], n.weight) for n in nodes if n.iri in docs]
    # statuses are read for every hit only to filter by one; else for the page shown
    status = _status_lookup(store, not text and bool(wanted["status"]))
    facets: dict[str, set[str]] = {k: set() for k in FILTERS}
    kept: list[Hit] = []
    for d, why, cited in found:
        facet = _facet(d, status(d) if wanted["status"] else None)
        for k, v in facet.items():
            if v:
                facets[k].add(v)
        if all(not want or facet[k] == want for k, want in wanted.items()):
            kept.append(Hit(d, why, cited, facet["status"]))
    pages = max(1, (len(kept) + size - 1) // size)
    page = min(max(page, 1), pages)
    shown = [h if h.status else Hit(h.doc, h.why, h.cited_by, status(h.doc))
             for h in kept[(page - 1) * size : page * size]]  # fmt: skip
    facets["status"] = set(STATUSES)  # every one offered: knowing which occur reads them all
    order: dict[str, int] = {s: i for i, s in enumerate(STATUSES)}
    return Found(
        shown, len(kept), page, pages,
        {k: sorted(v, key=lambda x: (order.get(x, 0), x)) if k == "status" else sorted(v)
         for k, v in facets.items()},
        understood, ambiguous,
    )  # fmt: skip
