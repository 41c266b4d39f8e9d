"""One document's relation diagram, in the manner of the "Lược đồ" of vbpl.vn and
thuvienphapluat.vn: its links grouped by relation and direction (hướng dẫn / được hướng dẫn bởi,
sửa đổi / được sửa đổi bởi …), each group in date order and paged, each link with its quotes,
identical quotes folded into one with the documents stating it.

A resolution implemented by thousands of documents stays one screen: only the shown page of each
group is summarised in full and has its quotes read (graph/query.py ``evidence``).
"""

from __future__ import annotations

from dataclasses import dataclass

from graph import query, vocab
from graph.labels import LUOC_DO_ORDER
from graph.provision import provision
from graph.query import Edge, EvidenceItem
from graph.store import Store
from graph.summary import DocSummary, summaries, summary_from_key

PAGE = 20
STATEMENTS = 50  # statements read per link shown: a link between two central documents may be
# reported by thousands of texts; the count says how many there are
SORTED_MAX = 500  # statements of a link read and ordered; past it, its shown statement only


@dataclass(frozen=True)
class Quote:
    """One wording, and every statement of it (``by``: keys of the documents stating it)."""

    text: str
    cue: str | None
    by: list[str]
    reported: bool
    provision: str | None  # the article or part of the first statement (graph/provision.py)
    at: int | None  # offset of the first statement in its document's text (its source page)


@dataclass(frozen=True)
class Link:
    doc: DocSummary  # the document at the other end
    quotes: list[Quote]
    read: int  # statements read and folded into ``quotes`` (at most STATEMENTS)
    statements: int  # statements of the link in the store


@dataclass(frozen=True)
class Group:
    id: str  # "out-implements", "in-implements"
    relation: str
    outgoing: bool  # this document acts on the others (else they act on it)
    total: int
    page: int  # 1-based
    pages: int
    links: list[Link]


@dataclass(frozen=True)
class InForce:
    """What the document's own text (or its register) says of its force (graph/rdf.py
    ``in_force_triples``): ``kind`` since / until / stated, for the whole text or a ``part``."""

    kind: str
    date: str | None
    part: str | None
    status: str | None  # a register's stated status (kind "stated")
    quote: str


@dataclass(frozen=True)
class Diagram:
    doc: DocSummary
    groups: list[Group]  # in LUOC_DO_ORDER, outgoing before incoming; only non-empty ones
    in_force: list[InForce]  # whole text first, then parts, each by date


def in_force(store: Store, iri: str) -> list[InForce]:
    lg = vocab.LG
    rows = store.select(
        f"SELECT DISTINCT ?kind ?date ?part ?status ?quote WHERE {{ ?st <{lg}statementOf> <{iri}> ; "
        f"<{lg}inForceKind> ?kind ; <{lg}quote> ?quote . OPTIONAL {{ ?st <{lg}date> ?date }} "
        f"OPTIONAL {{ ?st <{lg}part> ?part }} OPTIONAL {{ ?st <{lg}statedStatus> ?status }} }}"
    )

    def opt(r: dict[str, object], name: str) -> str | None:
        return None if r.get(name) is None else str(r[name])

    found = [InForce(str(r["kind"]), opt(r, "date"), opt(r, "part"), opt(r, "status"), str(r["quote"]))
             for r in rows]  # fmt: skip
    return sorted(found, key=lambda f: (f.part is not None, f.part or "", f.date or "", f.kind))


def fold(items: list[EvidenceItem]) -> list[Quote]:
    """Statements of one link with the same wording and cue as one quote, in the order of their
    first statement (the subject's own first, graph/query.py)."""
    folded: dict[tuple[str, str | None], list[EvidenceItem]] = {}
    for ev in items:
        folded.setdefault((" ".join(ev.quote.split()), ev.cue), []).append(ev)
    return [
        Quote(
            text,
            cue,
            list(dict.fromkeys(e.asserted_in for e in evs)),
            all(e.reported for e in evs),
            provision(evs[0].source_file, evs[0].start, evs[0].end, evs[0].quote),
            evs[0].start,
        )
        for (text, cue), evs in folded.items()
    ]


def group_id(relation: str, outgoing: bool) -> str:
    return ("out-" if outgoing else "in-") + relation


def diagram(
    store: Store, key: str, pages: dict[str, int] | None = None, size: int = PAGE
) -> Diagram:
    """The diagram of the document ``key``; ``pages``: group id → page wanted (default 1)."""
    pages = pages or {}
    root = query.find(store, key, "key")
    key = root.key
    sides: dict[tuple[str, bool], list[Edge]] = {}
    for e in query.links_of(store, key):
        out = e.subject == key
        sides.setdefault((e.relation, out), []).append(e)
    others = summaries(store, [vocab.doc_iri(e.object if out else e.subject)
                               for (_, out), es in sides.items() for e in es])  # fmt: skip

    def other(e: Edge, out: bool) -> DocSummary:
        k = e.object if out else e.subject
        return others.get(vocab.doc_iri(k)) or summary_from_key(k)

    groups: list[tuple[Group, list[Edge]]] = []
    for rel in LUOC_DO_ORDER:
        for out in (True, False):
            edges = sides.get((rel, out))
            if not edges:
                continue
            gid = group_id(rel, out)
            edges.sort(key=lambda e, o=out: (other(e, o).date or "9999", other(e, o).key))  # type: ignore[misc]
            n_pages = (len(edges) + size - 1) // size
            page = min(max(pages.get(gid, 1), 1), n_pages)
            shown = edges[(page - 1) * size : page * size]
            groups.append((Group(gid, rel, out, len(edges), page, n_pages, []), shown))
    shown_edges = [e for _, shown in groups for e in shown]
    counts = query.statement_counts(store, shown_edges)
    # a link stated by thousands of texts (a hub and the resolution it carries out, reported
    # by every plan below it) would have all its statements read to order them: its shown one
    few = [e for e in shown_edges if counts.get(e, 0) <= SORTED_MAX]
    proofs = query.evidence(store, few, per_link=STATEMENTS)
    proofs.update(query.evidence(store, [e for e in shown_edges if e not in proofs and
                                         counts.get(e, 0) > SORTED_MAX], best_only=True))  # fmt: skip
    return Diagram(root, [
        Group(g.id, g.relation, g.outgoing, g.total, g.page, g.pages,
              [Link(other(e, g.outgoing), fold(proofs.get(e, [])), len(proofs.get(e, [])), counts.get(e, 0))
               for e in shown])
        for g, shown in groups
    ], in_force(store, root.iri))  # fmt: skip
