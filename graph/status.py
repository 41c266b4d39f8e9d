"""Whether a document is in force at a date, and what that rests on.

Statuses (vbpl.vn's, DOMAIN.md): ``in_force`` (Còn hiệu lực), ``not_yet_in_force`` (Chưa có
hiệu lực), ``partly_ceased`` (Hết hiệu lực một phần), ``wholly_ceased`` (Hết hiệu lực toàn bộ),
``unknown``. Derived, in this order, from:

1. the document's own dates (ingest/dates.py): before its first day in force it is not yet in
   force; after its last day (a temporary text) it has wholly ceased;
2. the links that end it: a document that ``repeals`` or ``replaces`` it, from the day that
   document enters into force (its own first day in force, else its date). A link touching
   only part of it (the provisions written before the citation: "bãi bỏ khoản 3 Điều 9a Nghị
   định số …", "thay thế Phụ lục II ban hành kèm theo Quyết định …") leaves it partly in force.
   ``amends`` changes wording and ends nothing: listed, the status unchanged. A consolidated
   text (VBHN) restates the changes of the texts it merges and makes none;
3. what a register states (Bình Dương's ``hieu_luc`` column), when the links say nothing more;
4. a document read from its own file, without a date of entry into force, is in force from
   its date (an administrative document takes effect when signed); a document known only from
   citations, with nothing ending it, is ``unknown``.

``facts`` reads what these rules need from a store in a few queries (all documents, or some);
``status_at`` is the pure rule; ``status_of`` the two together for one document.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date as Date
from datetime import timedelta
from typing import Literal

from graph import vocab
from graph.store import Store
from graph.summary import chunks, iri_values, key_of

Status = Literal["in_force", "not_yet_in_force", "partly_ceased", "wholly_ceased", "unknown"]
STATUSES: tuple[Status, ...] = (
    "in_force", "not_yet_in_force", "partly_ceased", "wholly_ceased", "unknown",
)  # fmt: skip
ENDING = ("repeals", "replaces")
CHANGING = ("repeals", "replaces", "amends")
ELI, LG, RDF = vocab.ELI, vocab.LG, vocab.RDF
_CHANGING_IRIS = tuple(vocab.RELATION_IRI[r] for r in CHANGING)
# ELI's values of eli:in_force
IN_FORCE_IRI = {
    "in_force": ELI + "InForce-inForce",
    "partly_ceased": ELI + "InForce-partiallyInForce",
    "wholly_ceased": ELI + "InForce-notInForce",
    "not_yet_in_force": ELI + "InForce-notInForce",
}

# ---------------------------------------------------------------------------------------------
# The part of a document a link touches


_PROVISION = (
    r"(?:điểm|khoản|điều|phụ\s+lục|chương|mục|tiết)\s+(?:\d+[a-zđ]?|[ivxlc]+|[a-zđ])\b"
    r"(?:\s*(?:,|và)\s*(?:\d+[a-zđ]?|[a-zđ])\b(?!\s*/))*"
)
# "một phần", "một số điều (của)": a part, not named
_SOME = (
    r"một\s+(?:phần|số\b[^.;:]{0,60}?(?:điều|khoản|điểm|nội\s+dung|quy\s+định|phụ\s+lục|"
    r"cụm\s+từ|biểu\s+mẫu|mẫu))|(?:biểu\s+)?mẫu\s+(?:số\s+)?[\w/.-]+"
)
_PART_BEFORE = re.compile(
    rf"((?:{_PROVISION})(?:(?:\s*,\s*|\s+và\s+|\s+(?:của\s+)?){_PROVISION})*|{_SOME})"
    r"\s+(?:của\s+|tại\s+|ban\s+hành\s+kèm\s+theo\s+|quy\s+định\s+tại\s+)?(?:các\s+)?"
    r"(?:[^\W\d_]+(?:\s+[^\W\d_]+){0,3}\s+)?(?:số\s*:?\s*)?$",
    re.I,
)


# A statement about a provision of the text it stands in, the text itself not named: an
# editorial note "[Phụ lục 5 ban hành kèm theo Khoản này bị bãi bỏ bởi Điều 2 Quyết định X]",
# "Điều này được sửa đổi, bổ sung bởi …"
_OWN_PART = re.compile(
    r"\s*((?:điểm|khoản|điều|phụ\s+lục|chương|mục|tiết)\s+(?:này|\d+[a-zđ]?|[ivxlc]+|[a-zđ])\b)"
    r"[^.;:\[\]]{0,80}?\s(?:đã\s+)?(?:bị|được)\s+(?:bãi\s+bỏ|hủy\s+bỏ|huỷ\s+bỏ|thay\s+thế|"
    r"sửa\s+đổi|bổ\s+sung|đính\s+chính|bãi\s+bỏ|hết\s+hiệu\s+lực)",
    re.I,
)


def touched_part(quote: str, symbol: str | None, title: str | None = None) -> str | None:
    """The provisions of the cited document a link's quote names right before it ("bãi bỏ
    khoản 3 Điều 9a Nghị định số 15/2018/NĐ-CP" → "khoản 3 Điều 9a"), or, when the quote does
    not name it (a note in its own text), the provision it begins with ("Phụ lục 5 ban hành
    kèm theo Khoản này bị bãi bỏ bởi …" → "Phụ lục 5"); None: the whole text.
    ``symbol``/``title``: how the cited document is written (its số ký hiệu, or a law's name)."""
    at = _mention(quote, symbol, title)
    m = _OWN_PART.match(quote) if at is None else _PART_BEFORE.search(quote, max(0, at - 200), at)
    return " ".join(m.group(1).split()) if m else None


def _mention(quote: str, symbol: str | None, title: str | None) -> int | None:
    if symbol:
        number = re.split(r"[/-]", symbol, maxsplit=1)[0]
        sep = symbol[len(number) : len(number) + 1]
        m = re.search(rf"(?<![\d.]){re.escape(number)}\s*{re.escape(sep)}", quote)
        if m:
            return m.start()
    if title:
        i = quote.lower().find(title.lower())
        if i >= 0:
            return i
    return None


# ---------------------------------------------------------------------------------------------
# Records


@dataclass(frozen=True)
class Change:
    """A link from another document that repeals, replaces or amends this one (or part of it)."""

    relation: str
    by: str  # key of the changing document
    part: str | None  # the provisions touched, as written; None: the whole document
    effective: str | None  # the day the change takes effect (the changer's entry into force)
    quote: str
    asserted_in: str  # key of the document whose text states it
    source_file: str | None = None
    evidence: str | None = None  # IRI of the evidence node


@dataclass(frozen=True)
class Dated:
    """The document's own first or last day in force, with its sentence."""

    date: str
    quote: str | None = None
    source_file: str | None = None


@dataclass
class Facts:
    """What the status of one document rests on."""

    key: str
    symbol: str | None = None
    title: str | None = None
    date: str | None = None  # its date (of signing), as far as known
    read: bool = False  # its own file was read
    since: Dated | None = None
    until: Dated | None = None
    stated: str | None = None  # a register's status
    stated_quote: str | None = None
    changes: list[Change] = field(default_factory=list)


@dataclass
class DocStatus:
    key: str
    at: str
    status: Status
    reason: str  # one sentence: why
    since: Dated | None = None
    until: Dated | None = None  # its own last day, else the day before a whole repeal
    until_own: bool = False  # ``until`` comes from its own text
    stated: str | None = None
    ceased_by: list[Change] = field(default_factory=list)  # in effect at ``at``
    pending: list[Change] = field(default_factory=list)  # taking effect after ``at``
    amended_by: list[Change] = field(default_factory=list)

    @property
    def ceased_parts(self) -> list[str]:
        return [c.part for c in self.ceased_by if c.part]


# ---------------------------------------------------------------------------------------------
# The rule


def _day(date: str | None) -> str | None:
    """A date as the first day it can mean (a year-only date: 1 January)."""
    if not date:
        return None
    return date if len(date) == 10 else (date + "-01-01")[:10]


def _day_before(day: str) -> str:
    return (Date.fromisoformat(day) - timedelta(days=1)).isoformat()


def status_at(f: Facts, at: str) -> DocStatus:
    """The status of the document ``f`` describes on day ``at`` (ISO), by the module's rules."""
    out = DocStatus(f.key, at, "unknown", "", since=f.since, until=f.until,
                    until_own=f.until is not None, stated=f.stated)  # fmt: skip
    for c in sorted(f.changes, key=lambda c: (c.effective or "", c.by, c.part or "")):
        if c.relation == "amends":
            out.amended_by.append(c)
        elif c.effective is None or _day(c.effective) <= at:  # type: ignore[operator]
            out.ceased_by.append(c)
        else:
            out.pending.append(c)
    whole = [c for c in out.ceased_by if c.part is None]
    if whole and out.until is None:
        first = min((d for c in whole if (d := _day(c.effective))), default=None)
        if first:
            out.until = Dated(_day_before(first), whole[0].quote, whole[0].source_file)
    since = _day(f.since.date) if f.since else None
    if since and at < since:
        out.status, out.reason = "not_yet_in_force", f"its own text puts it in force from {since}"
    elif f.until and f.until.date < at:
        out.status, out.reason = "wholly_ceased", f"its own text ends it after {f.until.date}"
    elif whole:
        c = whole[0]
        out.status = "wholly_ceased"
        out.reason = f"{c.by} {c.relation} it" + (f" from {c.effective}" if c.effective else "")
    elif f.stated == "wholly_ceased":
        out.status, out.reason = "wholly_ceased", "its register says it has ceased"
    elif out.ceased_by:
        parts = "; ".join(f"{c.part} ({c.relation} by {c.by})" for c in out.ceased_by)
        out.status, out.reason = "partly_ceased", f"parts have ceased: {parts}"
    elif f.stated == "partly_ceased":
        out.status, out.reason = "partly_ceased", "its register says it has partly ceased"
    elif since:
        out.status, out.reason = "in_force", f"its own text puts it in force from {since}"
    elif f.stated in ("in_force", "not_yet_in_force"):
        out.status, out.reason = f.stated, "its register says so"  # type: ignore[assignment]
    elif f.read and _day(f.date) and _day(f.date) <= at:  # type: ignore[operator]
        out.status = "in_force"
        out.reason = f"its text states no date of entry into force: in force from its date {f.date}"
    elif f.read and _day(f.date):
        out.status, out.reason = "not_yet_in_force", f"dated {f.date}, after {at}"
    else:
        out.reason = "known only from citations, and nothing read ends it"
    return out


def today() -> str:
    return Date.today().isoformat()


# ---------------------------------------------------------------------------------------------
# Reading the facts from a store


def _rows(store: Store, iris: Sequence[str] | None, select: str, where: str, order: str = ""
          ) -> list[dict[str, object]]:  # fmt: skip
    """Rows of ``where`` (``$D`` standing for the document, returned as ``d``) for every
    document, or for these: one query per document on the embedded store, where a VALUES block
    is joined by scanning the pattern's whole index (graph/summary.py), batches elsewhere."""
    if iris is None:
        return store.select(f"SELECT ?d {select} WHERE {{ {where.replace('$D', '?d')} }} {order}")
    if not store.embedded:
        out: list[dict[str, object]] = []
        for part in chunks(list(iris)):
            out += store.select(f"SELECT ?d {select} WHERE {{ VALUES ?d {{ {iri_values(part)} }} "
                                f"{where.replace('$D', '?d')} }} {order}")  # fmt: skip
        return out
    out = []
    for iri in iris:
        q = f"SELECT {select} WHERE {{ {where.replace('$D', f'<{iri}>')} }} {order}"
        out += [{**r, "d": iri} for r in store.select(q)]
    return out


def facts(
    store: Store, keys: Iterable[str] | None = None, changes: bool = True
) -> dict[str, Facts]:
    """The facts of these documents (all documents when ``keys`` is None), by key;
    ``changes``: with the links that change them. On the reader's read model (graph/index.py)
    a document's symbol, date and title are its summary's and the changing links are known,
    so only its in-force statements and those links' quotes are read from the store."""
    iris = None if keys is None else [vocab.doc_iri(k) for k in dict.fromkeys(keys)]
    if iris is not None and not iris:
        return {}
    out: dict[str, Facts] = {}

    def get(iri: str) -> Facts:
        k = key_of(iri)
        f = out.get(k)
        if f is None:
            f = out[k] = Facts(k)
        return f

    def rows(select: str, where: str, order: str = "") -> list[dict[str, object]]:
        return _rows(store, iris, select, where, order)

    model = store.read_model()
    if model is not None:
        for iri in model.docs if iris is None else iris:
            d = model.docs.get(iri)
            if d is not None:
                f = get(iri)
                f.symbol, f.title, f.date, f.read = d.symbol, d.title, d.date, not d.stub
    else:
        _described(rows, get)
    for r in rows(
        "?s ?kind ?date ?quote ?file ?stated",
        # the document first: Oxigraph joins in the written order
        f"?s <{LG}statementOf> $D ; a <{LG}InForceStatement> ; <{LG}inForceKind> ?kind ; "
        f"<{LG}quote> ?quote ; <{LG}sourceFile> ?file . OPTIONAL {{ ?s <{LG}part> ?part }} "
        f"OPTIONAL {{ ?s <{LG}date> ?date }} OPTIONAL {{ ?s <{LG}statedStatus> ?stated }} "
        f"FILTER(!BOUND(?part))",
        "ORDER BY ?s",
    ):
        if model is not None and str(r["d"]) not in model.docs:
            continue
        f = get(str(r["d"]))
        kind = str(r["kind"])
        if kind == "stated":
            f.stated, f.stated_quote = str(r.get("stated")), str(r["quote"])
        elif kind == "since" and "date" in r:
            f.since = f.since or Dated(str(r["date"]), str(r["quote"]), str(r["file"]))
        elif kind == "until" and "date" in r:
            f.until = f.until or Dated(str(r["date"]), str(r["quote"]), str(r["file"]))
    if changes:
        _changes(store, iris, get, out)
    return out


def _described(
    rows: Callable[[str, str], list[dict[str, object]]], get: Callable[[str], Facts]
) -> None:
    """Through SPARQL: every document, whether its own file was read, its symbol, date and
    title (its own file's value, else the most common one: graph/summary.py's rule)."""
    for r in rows("?k", f"$D <{LG}key> ?k"):
        get(str(r["d"]))
    own_graphs: dict[str, set[str]] = defaultdict(set)
    for r in rows("?g ?file", f"GRAPH ?g {{ $D <{LG}sourceFile> ?file ; <{LG}key> ?k }}"):
        get(str(r["d"])).read = True
        own_graphs[str(r["d"])].add(str(r["g"]))
    for name, pred in (("symbol", ELI + "id_local"), ("date", ELI + "date_document"),
                       ("title", ELI + "title")):  # fmt: skip
        said: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
        for r in rows("?v ?g", f"GRAPH ?g {{ $D <{pred}> ?v }}"):
            d, v = str(r["d"]), str(r["v"])
            said[d][v] += 1000000 if str(r["g"]) in own_graphs.get(d, ()) else 1
        for d, counts in said.items():
            if d.startswith(vocab.DOC):
                best = min(counts.items(), key=lambda kv: (-kv[1], len(kv[0]), kv[0]))[0]
                setattr(get(d), name, best)


def _changing_rows(store: Store, iris: Sequence[str] | None) -> list[dict[str, object]]:
    """The evidence of every link that repeals, replaces or amends these documents (all when
    ``iris`` is None): rows ``e s p o quote asserted file``. On the read model the links are
    known and each one's evidence is one lookup by its subject (a document cited by thousands
    is the object of as many evidence nodes, which a lookup by object would read)."""
    select = "?e ?quote ?asserted ?file"
    tail = f"<{LG}quote> ?quote ; <{LG}assertedIn> ?asserted ; <{LG}sourceFile> ?file"
    model = store.read_model()
    if model is None:
        preds = ", ".join(f"<{p}>" for p in _CHANGING_IRIS)
        return [
            {**r, "o": r["d"]}
            for r in _rows(store, iris, f"{select} ?s ?p",
                           f"?e <{RDF}object> $D ; <{RDF}predicate> ?p ; <{RDF}subject> ?s ; "
                           f"{tail} FILTER(?p IN ({preds}))")
        ]  # fmt: skip
    out: list[dict[str, object]] = []
    for p in _CHANGING_IRIS:
        if iris is None:  # every link of the relation: one query, the predicate bound
            out += [{**r, "p": p} for r in store.select(
                f"SELECT {select} ?s ?o WHERE {{ ?e <{RDF}predicate> <{p}> ; <{RDF}subject> ?s ; "
                f"<{RDF}object> ?o ; {tail} }}")]  # fmt: skip
            continue
        into = model.into.get(p, {})
        for o in iris:
            for s in into.get(o, ()):
                out += [{**r, "s": s, "p": p, "o": o} for r in store.select(
                    f"SELECT {select} WHERE {{ ?e <{RDF}subject> <{s}> ; <{RDF}object> <{o}> ; "
                    f"<{RDF}predicate> <{p}> ; {tail} }}")]  # fmt: skip
    return out


def _changes(
    store: Store, iris: Sequence[str] | None, get: Callable[[str], Facts], out: dict[str, Facts]
) -> None:
    rows = _changing_rows(store, iris)
    changers = sorted({str(r["s"]) for r in rows})
    when = {k: (f.since.date if f.since else None) or f.date for k, f in
            (facts(store, [key_of(s) for s in changers], changes=False) if iris is not None
             else out).items()}  # fmt: skip
    seen: set[tuple[str, str, str, str | None]] = set()
    for r in sorted(rows, key=lambda r: (str(r["o"]), str(r["s"]), str(r["e"]))):
        target = get(str(r["o"]))
        by = key_of(str(r["s"]))
        quote = str(r["quote"])
        part = touched_part(quote, target.symbol, target.title)
        relation = vocab.IRI_RELATION[str(r["p"])]
        if by.split("/")[3:4] == ["vbhn"]:
            continue  # a consolidated text restates the changes of the texts it merges
        if _day(when.get(by)) and _day(target.date) and _day(when.get(by)) < _day(target.date):  # type: ignore[operator]
            continue  # a text cannot end one issued after it (a table read the wrong way)
        if (by, relation, target.key, part) in seen:
            continue  # the same change stated again (reports, folds)
        seen.add((by, relation, target.key, part))
        target.changes.append(Change(relation, by, part, _day(when.get(by)), quote,
                                     key_of(str(r["asserted"])), str(r["file"]), str(r["e"])))  # fmt: skip


def check_day(at: str | None, param: str = "at") -> str:
    """``at`` as an ISO day (default today); a QueryError naming ``param`` otherwise."""
    from graph.query import QueryError

    if at is None:
        return today()
    try:
        return Date.fromisoformat(at).isoformat()
    except ValueError:
        raise QueryError(f"{param} must be an ISO day (YYYY-MM-DD), got {at!r}.", param) from None


def counts(store: Store, at: str | None = None) -> dict[str, dict[str, dict[str, int]]]:
    """How many documents have each status at ``at``, by type (the key's type part): for the
    documents read from their own files, and for those known only from citations."""
    day = at or today()
    out: dict[str, dict[str, dict[str, int]]] = {"read": {}, "cited": {}}
    for k, f in facts(store).items():
        kind = k.split("/")[3] if k.count("/") == 4 else "_"
        row = out["read" if f.read else "cited"].setdefault(kind, dict.fromkeys(STATUSES, 0))
        row[status_at(f, day).status] += 1
    return out


def status_of(store: Store, key: str, at: str | None = None) -> DocStatus:
    """The status of the document ``key`` at ``at`` (default today)."""
    f = facts(store, [key]).get(key) or Facts(key)
    return status_at(f, at or today())


def statuses(store: Store, at: str | None = None) -> dict[str, DocStatus]:
    """The status of every document at ``at`` (default today): on the read model, computed
    once per model generation and day, and kept with the model (search filters by it)."""
    day = at or today()
    model = store.read_model()
    if (
        model is not None
        and (memo := model.memo.get("statuses"))
        and memo[0] == (model.generation, day)
    ):
        return memo[1]  # type: ignore[no-any-return]
    found = {k: status_at(f, day) for k, f in facts(store).items()}
    if model is not None:
        model.memo["statuses"] = ((model.generation, day), found)
    return found


# ---------------------------------------------------------------------------------------------
# In the store, for SPARQL: eli:in_force as of the last ingest


STATUS_GRAPH = vocab.GRAPH + "status"
_XSD = vocab.XSD


def status_nquads(found: Iterable[DocStatus]) -> str:
    """The status graph's quads: per document its eli:in_force (as of ``lg:statusAt``), its
    status name, the day after which a whole repeal ends it (eli:date_no_longer_in_force,
    when its own text gives none), and the evidence of each change it rests on."""
    g = f" <{STATUS_GRAPH}> .\n"
    lines: list[str] = []
    for st in found:
        if st.status == "unknown":
            continue
        d = f"<{vocab.DOC}{st.key}>"
        lines.append(f"{d} <{ELI}in_force> <{IN_FORCE_IRI[st.status]}>")
        lines.append(f'{d} <{LG}status> "{st.status}"')
        lines.append(f'{d} <{LG}statusAt> "{st.at}"^^<{_XSD}date>')
        if st.until is not None and not st.until_own:
            lines.append(f'{d} <{ELI}date_no_longer_in_force> "{st.until.date}"^^<{_XSD}date>')
        for c in st.ceased_by:
            if c.evidence:
                lines.append(f"{d} <{LG}ceasedBy> <{c.evidence}>")
    return g.join(lines) + g if lines else ""


def restate(
    store: Store, keys: Iterable[str] | None = None, at: str | None = None
) -> tuple[int, int]:
    """Recompute the status graph (all documents, or these and nothing else): the number of
    documents with a known status, and of quads written."""
    day = at or today()
    if keys is None:
        found = list(statuses(store, day).values())
        text = status_nquads(found)
        store.commit_nquads(text, drop_graphs=[STATUS_GRAPH])
    else:
        wanted = sorted(set(keys))
        found = [status_at(f, day) for f in facts(store, wanted).values()]
        text = status_nquads(found)
        store.commit_nquads(text, drop_subjects=[(STATUS_GRAPH, vocab.DOC + k) for k in wanted])
    return sum(st.status != "unknown" for st in found), text.count("\n")
