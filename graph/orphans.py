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
from collections.abc import Iterable
from dataclasses import dataclass, field

from graph import vocab
from graph.provinces import jurisdiction_slugs
from graph.status import Change, DocStatus, Facts, facts, status_at, today, touched_part
from graph.store import Store, select_each
from graph.summary import key_of

IMPLEMENTING = frozenset({"kh", "ctr", "cv", "pa", "da", "đa"})  # key type parts
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
        shown = " ".join(v for v in (x, y) if v.startswith("?"))
        return (
            f"SELECT DISTINCT {shown} ?quote ?asserted ?file WHERE {{ ?e <{RDF}predicate> "
            f"<{LG}implements> ; <{RDF}subject> {x} ; <{RDF}object> {y} ; <{LG}quote> ?quote ; "
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
    of the ceased document), of implementing documents of ``province`` only. Reads the whole
    store (a served store keeps them: ``OrphanIndex``)."""
    return find(implementations(store), facts(store), doc, province, at)


def find(
    links: Iterable[Implementation],
    known: dict[str, Facts],
    doc: str | None = None,
    province: str | None = None,
    at: str | None = None,
) -> list[Orphan]:
    """``orphans`` over these implementations and the facts of every document."""
    day = at or today()
    every = list(links)
    links = every
    if doc is not None:
        links = [i for i in links if i.implements == doc]
    if province:
        places = jurisdiction_slugs(province)
        links = [i for i in links if i.doc.split("/")[0] in places]
    if not links:
        return []
    by_issuer: dict[str, list[tuple[str, Facts]]] = defaultdict(list)
    for k, f in known.items():
        by_issuer["/".join(k.split("/")[:2])].append((k, f))
    implemented: dict[str, set[str]] = defaultdict(set)  # X → Ys
    for i in every:
        implemented[i.doc].add(i.implements)
    out: dict[tuple[str, str], Orphan] = {}
    for i in sorted(links, key=lambda i: (i.doc, i.implements, i.asserted_in != i.doc, i.quote)):
        y, x = known.get(i.implements), known.get(i.doc)
        if y is None or x is None or (i.doc, i.implements) in out:
            continue
        st = status_at(y, day)
        part = touched_part(i.quote, y.symbol, y.title)
        # what ended the part X carries out, else the whole of Y
        ended = [c for c in st.ceased_by if part and c.part and _same_part(part, c.part)]
        if st.status == "wholly_ceased":
            ended = ended or [c for c in st.ceased_by if c.part is None] or st.ceased_by
        elif st.status != "partly_ceased" or not ended:
            continue
        if status_at(x, day).status == "wholly_ceased":
            continue  # the implementation itself was ended
        successors = sorted({c.by for c in ended if c.relation == "replaces"} | {
            c.by for c in ended if c.part is None})  # fmt: skip
        if _updated(i.doc, x, successors, by_issuer, implemented, day):
            continue
        out[(i.doc, i.implements)] = Orphan(
            i.doc, x.symbol, x.date, i.implements, y.symbol,
            Implementation(i.doc, i.implements, part, i.quote, i.asserted_in, i.source_file),
            st, ended, successors,
        )  # fmt: skip
    return sorted(out.values(), key=lambda o: (o.implements, o.date or "", o.doc))


def _updated(
    key: str,
    x: Facts,
    successors: list[str],
    by_issuer: dict[str, list[tuple[str, Facts]]],
    implemented: dict[str, set[str]],
    day: str,
) -> bool:
    """A later document of X's issuer (issued by ``day``) replaces or amends X, or carries out
    a successor."""
    issuer = "/".join(key.split("/")[:2])
    for other, f in by_issuer.get(issuer, ()):
        if other == key or (x.date and f.date and f.date <= x.date) or (f.date or "") > day:
            continue
        if any(c.by == other for c in x.changes):
            return True
        if implemented.get(other, set()) & set(successors):
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
        self.links: set[Implementation] | None = None
        self.known: dict[str, Facts] = {}
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
        """``orphans`` of the store as it is now."""
        with self.lock:
            with self._guard:
                reload = self.links is None or self.generation != self.store.generation
                if reload:  # writes from now on are told relative to this generation
                    self.generation = self.store.generation
                keys, self.pending = self.pending, set()
            if reload:
                self.links, self.known = implementations(self.store), facts(self.store)
            elif keys:
                self._refresh(keys)
            assert self.links is not None
            return find(self.links, self.known, doc, province, at)

    def _refresh(self, keys: set[str]) -> None:
        """Read these documents again, and those their changes' dates reach (a document's
        facts hold the day each change of it takes effect: the changer's)."""
        assert self.links is not None
        keys = keys | {k for k, f in self.known.items() if any(c.by in keys for c in f.changes)}
        fresh = facts(self.store, keys)
        for k in keys:
            if k in fresh:
                self.known[k] = fresh[k]
            else:
                self.known.pop(k, None)
        self.links = {i for i in self.links if i.doc not in keys and i.implements not in keys}
        self.links |= implementations(self.store, keys)
