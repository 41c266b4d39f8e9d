"""Orphaned implementations: plans, programmes and letters that still carry out a document
which has since ceased, and that nobody has updated.

A document X of an implementing kind (Kế hoạch, Chương trình, Công văn, Phương án, Đề án)
``implements`` Y (its own words, or a text reporting it), and on the day asked:

- Y has wholly ceased, or has ceased in the part X carries out (the provisions X's quote
  names: "Thực hiện khoản 3 Điều 9a Nghị định số …"; X carrying out the whole of a partly
  ceased Y is not orphaned: the rest of Y stands);
- X itself is still standing (nothing repeals or replaces it);
- no later document of X's own issuer (same jurisdiction and body) replaces or amends X, or
  carries out a document that replaced Y.

Each orphan comes with the chain it rests on: X's link to Y and its quote, the change that ended
Y (or its part) and its quote, and the documents that took Y's place: what X's issuer must
update and to what.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from graph import vocab
from graph.provinces import jurisdiction_slugs
from graph.status import (
    STATUS_GRAPH,
    Change,
    DocStatus,
    Facts,
    facts,
    status_at,
    today,
    touched_part,
)
from graph.store import Store, select_each
from graph.summary import key_of

IMPLEMENTING = frozenset({"kh", "ctr", "cv", "pa", "da", "đa"})  # key type parts
_CEASED = ("wholly_ceased", "partly_ceased")
LG, RDF = vocab.LG, vocab.RDF


@dataclass(frozen=True)
class Implementation:
    """X implements Y, with the quote that says so."""

    doc: str  # X
    implements: str  # Y
    part: str | None  # the provisions of Y it names; None: all of Y
    quote: str
    asserted_in: str
    source_file: str | None


@dataclass
class Orphan:
    doc: str  # the implementing document, key
    symbol: str | None
    date: str | None
    implements: str  # the ceased document, key
    implements_symbol: str | None
    link: Implementation
    status: DocStatus  # of the implemented document, on the day asked
    ended_by: list[Change]  # the changes that ended it (or the part X carries out)
    successors: list[str] = field(default_factory=list)  # documents that replaced it

    @property
    def issuer(self) -> str:
        """The body that must update it: jurisdiction/issuer of its key."""
        return "/".join(self.doc.split("/")[:2])


def _same_part(a: str, b: str) -> bool:
    x, y = " ".join(a.lower().split()), " ".join(b.lower().split())
    return x == y or x in y or y in x


def implementations(store: Store, keys: Iterable[str] | None = None) -> set[Implementation]:
    """Every implements link from a document of an implementing kind, with its quote; or only
    those with one of these documents at either end."""

    def select(x: str, y: str) -> str:
        # the document given first: the store joins in the order written (0.2 ms, where
        # starting from every implements statement costs 150 ms at 10,000 documents)
        ends = f"<{RDF}subject> {x} ; <{RDF}object> {y}"
        if y == "$X":
            ends = f"<{RDF}object> {y} ; <{RDF}subject> {x}"
        shown = " ".join(v for v in (x, y) if v.startswith("?"))
        return (
            f"SELECT DISTINCT {shown} ?quote ?asserted ?file WHERE {{ ?e {ends} ; "
            f"<{RDF}predicate> <{LG}implements> ; <{LG}quote> ?quote ; "
            f"<{LG}assertedIn> ?asserted ; <{LG}sourceFile> ?file }}"
        )

    if keys is None:
        rows = store.select(select("?x", "?y"))
    else:
        iris = [vocab.doc_iri(k) for k in keys]
        rows = [{**r, "x": t} for t, r in select_each(store, iris, select("$X", "?y"))]
        rows += [{**r, "y": t} for t, r in select_each(store, iris, select("?x", "$X"))]
    return {
        Implementation(
            key_of(str(r["x"])),
            key_of(str(r["y"])),
            None,
            str(r["quote"]),
            key_of(str(r["asserted"])),
            str(r["file"]),
        )  # fmt: skip
        for r in rows
        if key_of(str(r["x"])).split("/")[3:4] and key_of(str(r["x"])).split("/")[3] in IMPLEMENTING
    }


def orphans(
    store: Store, doc: str | None = None, province: str | None = None, at: str | None = None
) -> list[Orphan]:
    """Orphaned implementations on ``at`` (default today); of the document ``doc`` only (key
    of the ceased document), of implementing documents of ``province`` only.

    Only the documents that can take part are read: the ceased ones (``doc``, else those the
    status graph, graph/status.py, holds as ceased when it was stated for that very day),
    their implementations, and what can show them updated (the implementers' changers, the
    implementers of what replaced them). Otherwise the whole store is read. A served store
    keeps them in memory: ``OrphanIndex``."""
    day = at or today()
    ceased = {doc} if doc is not None else _ceased(store, day)
    if ceased is None:
        return find(by_implemented(implementations(store)), facts(store), doc, province, day)
    links = {i for i in implementations(store, ceased) if i.implements in ceased}
    if province:
        places = jurisdiction_slugs(province)
        links = {i for i in links if i.doc.split("/")[0] in places}
    known = facts(store, ceased | {i.doc for i in links})
    successors = {c.by for k in ceased if k in known for c in status_at(known[k], day).ceased_by}
    links |= implementations(store, successors)
    others = {c.by for i in links if i.doc in known for c in known[i.doc].changes}
    others |= {i.doc for i in links}
    known |= facts(store, others - set(known))
    return find(by_implemented(links), known, doc, province, day)


def _ceased(store: Store, day: str) -> set[str] | None:
    """The documents ceased (wholly or in part) on ``day`` by the status graph, when it was
    stated for that day; else None."""
    graph = f"GRAPH <{STATUS_GRAPH}>"
    stated = store.select(f"SELECT DISTINCT ?at WHERE {{ {graph} {{ ?d <{LG}statusAt> ?at }} }}")
    if [str(r["at"]) for r in stated] != [day]:
        return None
    rows = store.select(
        f'SELECT ?d WHERE {{ {graph} {{ ?d <{LG}status> ?s }} FILTER(?s IN ("wholly_ceased", '
        f'"partly_ceased")) }}'
    )
    return {key_of(str(r["d"])) for r in rows}


def find(
    links: Mapping[str, Iterable[Implementation]],
    known: dict[str, Facts],
    doc: str | None = None,
    province: str | None = None,
    at: str | None = None,
    statuses: dict[str, DocStatus] | None = None,
) -> list[Orphan]:
    """``orphans`` over the implementations (by the document they implement) and the facts of
    the documents; ``statuses``: those already known on that day (filled in here)."""
    day = at or today()
    statuses = {} if statuses is None else statuses

    def status(k: str) -> DocStatus:
        st = statuses.get(k)
        if st is None:
            st = statuses[k] = status_at(known[k], day)
        return st

    implemented = [doc] if doc is not None else list(links)
    chosen = [i for y in implemented if y in known and status(y).status in _CEASED
              for i in links.get(y, ()) if i.doc in known]  # fmt: skip
    if province:
        places = jurisdiction_slugs(province)
        chosen = [i for i in chosen if i.doc.split("/")[0] in places]
    out: dict[tuple[str, str], Orphan] = {}
    for i in sorted(chosen, key=lambda i: (i.doc, i.implements, i.asserted_in != i.doc, i.quote)):
        y, x = known[i.implements], known[i.doc]
        if (i.doc, i.implements) in out:
            continue
        st = status(i.implements)
        part = touched_part(i.quote, y.symbol, y.title)
        # what ended the part X carries out, else the whole of Y
        ended = [c for c in st.ceased_by if part and c.part and _same_part(part, c.part)]
        if st.status == "wholly_ceased":
            ended = ended or [c for c in st.ceased_by if c.part is None] or st.ceased_by
        elif st.status != "partly_ceased" or not ended:
            continue
        if status(i.doc).status == "wholly_ceased":
            continue  # the implementation itself was ended
        successors = sorted({c.by for c in ended if c.relation == "replaces"} | {
            c.by for c in ended if c.part is None})  # fmt: skip
        if _updated(i.doc, x, successors, known, links, day):
            continue
        out[(i.doc, i.implements)] = Orphan(
            i.doc, x.symbol, x.date, i.implements, y.symbol,
            Implementation(i.doc, i.implements, part, i.quote, i.asserted_in, i.source_file),
            st, ended, successors,
        )  # fmt: skip
    return sorted(out.values(), key=lambda o: (o.implements, o.date or "", o.doc))


def by_implemented(links: Iterable[Implementation]) -> dict[str, set[Implementation]]:
    """Implementations by the document they implement (what ``find`` takes)."""
    out: dict[str, set[Implementation]] = defaultdict(set)
    for i in links:
        out[i.implements].add(i)
    return out


def _updated(
    key: str,
    x: Facts,
    successors: list[str],
    known: dict[str, Facts],
    links: Mapping[str, Iterable[Implementation]],
    day: str,
) -> bool:
    """A later document of X's issuer (issued by ``day``) replaces or amends X, or carries out
    a successor."""
    issuer = "/".join(key.split("/")[:2])
    later = {c.by for c in x.changes} | {i.doc for s in successors for i in links.get(s, ())}
    for other in later:
        f = known.get(other)
        if f is None or other == key or "/".join(other.split("/")[:2]) != issuer:
            continue
        if (x.date and f.date and f.date <= x.date) or (f.date or "") > day:
            continue
        return True
    return False


class OrphanIndex:
    """The implementations and the facts of every document of a served store, read once (the
    first question) and kept up to date by its writer (graph/live.py calls ``written`` after
    each write, with the documents it touched): a question reads again only the documents
    written since the last one, then answers from memory (``find``). A write it was not told
    of (a SPARQL Update) makes it read everything again."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.lock = threading.Lock()  # one question reads and refreshes at a time
        self._guard = threading.Lock()  # ``pending`` and ``generation``, shared with the writer
        self.links: dict[str, set[Implementation]] | None = None  # by the document implemented
        self.by_doc: dict[str, set[Implementation]] = {}  # by the implementing document
        self.known: dict[str, Facts] = {}
        self.statuses: dict[str, DocStatus] = {}  # on ``day``, of the documents read since
        self.day = ""
        self.pending: set[str] = set()
        self.generation = -1  # the store's generation that ``pending`` brings it up to

    def written(self, before: int, keys: Iterable[str]) -> None:
        """After a write that began at store generation ``before`` and touched these documents."""
        with self._guard:
            if self.generation == before:
                self.pending.update(keys)
                self.generation = self.store.generation

    def orphans(
        self, doc: str | None = None, province: str | None = None, at: str | None = None
    ) -> list[Orphan]:
        """``orphans`` of the store as it is now; while another question (or the first load,
        ``refresh`` at the server's start) holds the index, read from the store instead."""
        if not self.lock.acquire(blocking=False):
            return orphans(self.store, doc, province, at)
        try:
            self._update()
            assert self.links is not None
            day = at or today()
            if day != self.day:
                self.day, self.statuses = day, {}
            return find(self.links, self.known, doc, province, day, self.statuses)
        finally:
            self.lock.release()

    def refresh(self) -> None:
        """Bring the index up to date now (a server at start: the first question is quick)."""
        with self.lock:
            self._update()

    def _update(self) -> None:
        """Read everything (first, or after a write it was not told of), else the documents
        written since (the caller holds ``lock``)."""
        with self._guard:
            reload = self.links is None or self.generation != self.store.generation
            if reload:  # writes from now on are told relative to this generation
                self.generation = self.store.generation
            keys, self.pending = self.pending, set()
        if reload:
            links = implementations(self.store)
            self.links, self.known, self.statuses = by_implemented(links), facts(self.store), {}
            self.by_doc = defaultdict(set)
            for i in links:
                self.by_doc[i.doc].add(i)
        elif keys:
            self._refresh(keys)

    def _refresh(self, keys: set[str]) -> None:
        """Read these documents again, and those their changes' dates reach (a document's
        facts hold the day each change of it takes effect: the changer's)."""
        assert self.links is not None
        keys = keys | {k for k, f in self.known.items() if any(c.by in keys for c in f.changes)}
        fresh = facts(self.store, keys)
        for k in keys:
            self.statuses.pop(k, None)
            if k in fresh:
                self.known[k] = fresh[k]
            else:
                self.known.pop(k, None)
        # the links with one of them at either end, read again
        for k in keys:
            for i in self.links.pop(k, set()) | self.by_doc.pop(k, set()):
                self.links.get(i.implements, set()).discard(i)
                self.by_doc.get(i.doc, set()).discard(i)
        for i in implementations(self.store, keys):
            self.links.setdefault(i.implements, set()).add(i)
            self.by_doc.setdefault(i.doc, set()).add(i)
