"""How a document is being carried out: the question civil servants report on.

One answer for the implementation page and its CSV: every document below it along the
implementation links (graph/query.py ``impact`` over ``COVERAGE_RELATIONS``), each with the
document it carries out and the quote of that step, ordered down the hierarchy (Party →
National Assembly → Government → ministries → provinces → departments → districts) and by date;
the coverage of the 34 provinces (``coverage``); and how many documents each year brought.
Both walks answer from the read model when the reader has one (graph/index.py).
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from dataclasses import dataclass

from graph import query, vocab
from graph.export import safe_cell
from graph.labels import ddmmyyyy, display_name, labels
from graph.query import Coverage, EvidenceItem
from graph.store import Store
from graph.summary import DocSummary, key_of, summary_from_key

LEVEL_ORDER = ("party", "national_assembly", "government", "ministry", "province", "department",
               "district")  # fmt: skip
LIMIT = 5000  # documents listed (the count above it is still exact)
KEEP_FROM = 1000  # reports of this many documents or more are kept with the read model
KEEP = 16  # of them at most


@dataclass(frozen=True)
class Step:
    doc: DocSummary
    depth: int  # links from the document asked about
    relation: str  # of the step to ``parent``
    parent: DocSummary  # the document it carries out, one step nearer
    evidence: EvidenceItem | None


@dataclass(frozen=True)
class Implementation:
    root: DocSummary
    relations: list[str]
    steps: list[Step]  # down the hierarchy, then by date
    total: int  # documents carrying it out (``steps`` lists at most LIMIT)
    coverage: Coverage
    years: list[tuple[str, int]]  # year → documents dated in it, over ``steps``
    truncated: bool
    timed_out: bool = False


def _level_rank(d: DocSummary) -> int:
    return LEVEL_ORDER.index(d.level) if d.level in LEVEL_ORDER else len(LEVEL_ORDER)


def implementation(
    store: Store, key: str, limit: int = LIMIT, budget: float | None = None
) -> Implementation:
    """The implementation report of the document ``key`` (a key: resolve first). On the read
    model a large one (a hub: tens of thousands of documents below it) is kept with the model
    and its generation, so it is computed once per generation and never stale after a write."""
    model = store.read_model()
    if model is None:
        return _report(store, key, limit, budget)
    memo = model.memo.get("implementation")
    if memo is None or memo[0] != model.generation:
        memo = model.memo["implementation"] = (model.generation, {})
    kept: dict[tuple[str, int], Implementation] = memo[1]
    found = kept.get((key, limit))
    if found is None:
        found = _report(store, key, limit, budget)
        if found.total >= KEEP_FROM and not found.timed_out:
            if len(kept) >= KEEP:
                del kept[next(iter(kept))]  # the oldest
            kept[(key, limit)] = found
    return found


def _report(store: Store, key: str, limit: int, budget: float | None) -> Implementation:
    rels = query.COVERAGE_RELATIONS
    preds = [vocab.RELATION_IRI[r] for r in rels]
    w = query.walk(store, vocab.doc_iri(key), preds, False, None, budget)  # one walk for both
    t = query.impact(store, key, relations=rels, limit=limit, walked=w)
    cov = query.coverage(store, key, relations=rels, walked=w)
    docs = {n.doc.key: n.doc for n in t.nodes}
    docs[t.root.key] = t.root
    steps = [
        Step(
            n.doc,
            n.depth,
            n.relation,
            docs.get(n.path[-2]) or summary_from_key(n.path[-2]),
            n.evidence,
        )  # fmt: skip
        for n in t.nodes
    ]
    steps.sort(key=lambda s: (_level_rank(s.doc), s.doc.date or "9999", s.doc.key))
    years = Counter((s.doc.date or "")[:4] for s in steps if s.doc.date)
    return Implementation(t.root, list(rels), steps, t.total, cov, sorted(years.items()),
                          t.truncated, t.timed_out)  # fmt: skip


def level_groups(report: Implementation) -> list[tuple[str | None, list[Step]]]:
    """The steps by level, top of the hierarchy first (None: level unknown)."""
    groups: dict[str | None, list[Step]] = {}
    for s in report.steps:
        groups.setdefault(s.doc.level if s.doc.level in LEVEL_ORDER else None, []).append(s)
    return list(groups.items())


CSV_COLUMNS = ("level", "document", "key", "date", "issuer", "province", "relation",
               "carries_out", "carries_out_key", "depth", "quote", "cue", "stated_in")  # fmt: skip


def to_csv(report: Implementation, lang: str = "vi") -> str:
    """One row per document carrying it out (dates as dd/mm/yyyy, names as on the page)."""
    lab = labels(lang)
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\r\n")  # RFC 4180, as graph/export.py
    w.writerow(CSV_COLUMNS)
    for s in report.steps:
        ev = s.evidence
        w.writerow([safe_cell(v) for v in [
            lab.level.get(s.doc.level or "", ""), display_name(s.doc), s.doc.key,
            ddmmyyyy(s.doc.date), s.doc.issuer or "", s.doc.province_2025 or "",
            lab.relation.get(s.relation, s.relation), display_name(s.parent), s.parent.key,
            s.depth, ev.quote if ev else "", (ev.cue or "") if ev else "",
            key_of(ev.asserted_in) if ev else "",
        ]])  # fmt: skip
    return out.getvalue()
