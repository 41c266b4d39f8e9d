"""Citations without a year or a place folded into the document they mean.

"Chỉ thị số 16/CT-TTg" names no year: its key is ``vn/ttg/_/ct/16``, a node apart from the
dated ``vn/ttg/2020/ct/16`` that lineage, impact and coverage follow. Numbers restart every
year (DOMAIN.md), so the year-less node is folded into a dated one only when issuer, type and
number leave exactly ONE document issued before each citing text, the same for all of them;
when several fit, the node is flagged ambiguous and lists them (``lg:candidate``), nothing is
guessed. A law kept by its name because its text gave no number ("Luật Khiếu nại", key
``vn/qh/_/l/khieu-nai``) folds the same way into the one numbered law of that name the store
knows, passed before each citing text.

A fold is written to its own graph (``FOLD_GRAPH``): every link to or from the folded node
again with the dated one in its place, and its evidence copied likewise, so every query sees
the links of both. The graph is recomputed from the source graphs after every ingest
(``refold``): a document that arrives later folds the citations that waited for it, and one
that makes a fold ambiguous undoes it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from graph import rdf, vocab
from graph.store import Store
from ingest.laws import name_key

FOLD_GRAPH = vocab.GRAPH + "folds"
LG, ELI, RDF = vocab.LG, vocab.ELI, vocab.RDF
FOLDED_INTO = f"<{LG}foldedInto>"
CANDIDATE = f"<{LG}candidate>"
_BATCH = 500


@dataclass
class FoldReport:
    candidates: int = 0  # citations without a year or place that some dated document may be
    folded: dict[str, str] = field(default_factory=dict)  # partial key → full key
    ambiguous: dict[str, list[str]] = field(default_factory=dict)  # partial key → candidates


def refold(store: Store) -> FoldReport:
    """Recompute the fold graph from what the source graphs state; see the module docstring."""
    keys = _keys(store)
    titles, said = _law_titles(store)
    by_number: dict[tuple[str, str, str], list[str]] = defaultdict(list)
    laws_by_name: dict[str, list[str]] = defaultdict(list)
    for k in keys:
        jur, issuer, year, typ, number = k.split("/")
        if jur != "_" and year != "_" and number[:1].isdigit():
            by_number[(issuer, typ, number)].append(k)
            for title in titles.get(k, ()):
                laws_by_name[name_key(title)].append(k)
    pools: dict[str, list[str]] = {}  # partial key → the dated documents it may be
    for k in keys:
        jur, issuer, year, typ, number = k.split("/")
        if "_" in (issuer, typ, number):
            continue
        if number[:1].isdigit() and "_" in (jur, year):
            pool = [c for c in by_number[(issuer, typ, number)] if jur in ("_", c.split("/")[0])]
        elif issuer == "qh" and not number[:1].isdigit() and k in titles:
            # a law by its name (and the day or year it was passed, when given)
            day = said.get(k)
            named = {c for t in titles[k] for c in laws_by_name[name_key(t)]}
            pool = [
                c
                for c in sorted(named)
                if year in ("_", c.split("/")[2]) and (not day or _same_day(day, said.get(c)))
            ]
        else:
            continue
        if pool:
            pools[k] = pool
    citing = _citing(store, sorted(pools))
    dates = _dates(
        store, {c for p in pools.values() for c in p} | {a for s in citing.values() for a in s}
    )
    report = FoldReport()
    for key, pool in sorted(pools.items()):
        asserting = citing.get(key)
        if not asserting:
            continue  # mentioned, never linked
        report.candidates += 1
        # what each citing text can mean: the candidates issued before it
        meant = [
            {c for c in pool if _before(dates.get(c), dates.get(a))} for a in sorted(asserting)
        ]
        fits = set().union(*meant)
        if len(fits) == 1 and all(meant):
            report.folded[key] = fits.pop()
        elif any(len(m) > 1 for m in meant):
            report.ambiguous[key] = sorted(fits)
    store.commit_nquads(_fold_nquads(store, report), drop_graphs=[FOLD_GRAPH])
    return report


def _same_day(day: str, other: str | None) -> bool:
    """Two dates that do not differ as far as both go."""
    n = min(len(day), len(other or ""))
    return not other or day[:n] == other[:n]


def _before(candidate: str | None, citing: str | None) -> bool:
    """Issued before the citing text (compared as far as both dates go; unknown: true)."""
    if not citing or not candidate:
        return True
    n = min(len(candidate), len(citing))
    return candidate[:n] <= citing[:n]


def _keys(store: Store) -> list[str]:
    """Every document's key (the derived graph states each document's stub status once)."""
    rows = store.select(
        f"SELECT ?d WHERE {{ GRAPH <{rdf.DERIVED_GRAPH}> {{ ?d <{LG}isStub> ?s }} }}"
    )
    return [k for r in rows if (k := _key(str(r["d"]))).count("/") == 4]


def _dates(store: Store, keys: set[str]) -> dict[str, str]:
    """The date of each document: its own file's, else the year of its key."""
    out = {k: k.split("/")[2] for k in keys if k.split("/")[2].isdigit()}
    for batch in _batches(sorted(keys)):
        values = " ".join(rdf.doc_term(k) for k in batch)
        for r in store.select(
            f"SELECT ?d ?date WHERE {{ VALUES ?d {{ {values} }} GRAPH ?g {{ ?d <{LG}sourceFile> ?f ; "
            f"<{ELI}date_document> ?date }} }}"
        ):
            out[_key(str(r["d"]))] = str(r["date"])
    return out


def _citing(store: Store, keys: list[str]) -> dict[str, set[str]]:
    """For each of ``keys``: the documents asserting a link to or from it."""
    out: dict[str, set[str]] = defaultdict(set)
    for batch in _batches(keys):
        values = " ".join(rdf.doc_term(k) for k in batch)
        for r in store.select(
            f"SELECT ?x ?a WHERE {{ VALUES ?x {{ {values} }} "
            f"{{ GRAPH ?g {{ ?e <{RDF}subject> ?x ; <{LG}assertedIn> ?a }} }} UNION "
            f"{{ GRAPH ?g {{ ?e <{RDF}object> ?x ; <{LG}assertedIn> ?a }} }} }}"
        ):
            out[_key(str(r["x"]))].add(_key(str(r["a"])))
    return out


def _law_titles(store: Store) -> tuple[dict[str, set[str]], dict[str, str]]:
    """Names the National Assembly's documents are cited or known by, and the day (or year)
    texts give for each."""
    titles: dict[str, set[str]] = defaultdict(set)
    prefix = vocab.DOC + "vn/qh/"
    for r in store.iter_select(
        f"SELECT DISTINCT ?d ?t WHERE {{ ?d <{ELI}title> ?t FILTER(STRSTARTS(STR(?d), "
        f'"{prefix}")) }}'
    ):
        title = str(r["t"])
        if title.startswith(("Luật", "Bộ luật", "Pháp lệnh")):
            titles[_key(str(r["d"]))].add(title)
    said = {
        _key(str(r["d"])): str(r["x"])
        for r in store.select(
            f"SELECT ?d (MAX(STR(?date)) AS ?x) WHERE {{ ?d <{ELI}date_document> ?date "
            f'FILTER(STRSTARTS(STR(?d), "{prefix}")) }} GROUP BY ?d'
        )
    }
    return titles, said


def _key(iri: str) -> str:
    return iri.removeprefix(vocab.DOC)


def _fold_nquads(store: Store, report: FoldReport) -> str:
    """The fold graph: the folds, the candidates, and the links and evidence of folded nodes
    again with the dated node in place of the partial one."""
    g = f" <{FOLD_GRAPH}> .\n"
    lines = [f"{rdf.doc_term(p)} {FOLDED_INTO} {rdf.doc_term(f)}" for p, f in report.folded.items()]
    for p, cands in report.ambiguous.items():
        lines.append(f"{rdf.doc_term(p)} <{LG}ambiguous> {rdf.TRUE}")
        lines += [f"{rdf.doc_term(p)} {CANDIDATE} {rdf.doc_term(c)}" for c in cands]
    into = {
        vocab.DOC + rdf.iri_safe(p): vocab.DOC + rdf.iri_safe(f) for p, f in report.folded.items()
    }
    if into:
        lines += _moved_links(store, into)
    return g.join(lines) + g if lines else ""


def _moved_links(store: Store, into: dict[str, str]) -> list[str]:
    """Links and evidence statements with a folded node at either end, moved to its target."""
    lines: list[str] = []
    preds = " ".join(f"<{p}>" for p in vocab.RELATION_IRI.values())
    for batch in _batches(sorted(into)):
        values = " ".join(f"<{i}>" for i in batch)
        for r in store.select(
            f"SELECT DISTINCT ?s ?p ?o WHERE {{ VALUES ?p {{ {preds} }} "
            f"{{ VALUES ?s {{ {values} }} GRAPH ?g {{ ?s ?p ?o }} }} UNION "
            f"{{ VALUES ?o {{ {values} }} GRAPH ?g {{ ?s ?p ?o }} }} }}"
        ):
            s, o = str(r["s"]), str(r["o"])
            lines.append(f"<{into.get(s, s)}> <{r['p']}> <{into.get(o, o)}>")
        evidence = {
            str(r["e"])
            for r in store.select(
                f"SELECT DISTINCT ?e WHERE {{ VALUES ?x {{ {values} }} "
                f"{{ GRAPH ?g {{ ?e <{RDF}subject> ?x }} }} UNION {{ GRAPH ?g {{ ?e <{RDF}object> ?x }} }} "
                f'FILTER(STRSTARTS(STR(?g), "{rdf.SOURCE_GRAPH}")) }}'
            )
        }
        lines += _moved_evidence(store, evidence, into)
    return lines


def _moved_evidence(store: Store, evidence: set[str], into: dict[str, str]) -> list[str]:
    lines: list[str] = []
    for batch in _batches(sorted(evidence)):
        values = " ".join(f"<{e}>" for e in batch)
        for r in store.select(
            f"SELECT ?e ?p ?v WHERE {{ GRAPH ?g {{ ?e ?p ?v }} VALUES ?e {{ {values} }} }}"
        ):
            e, p, v = str(r["e"]), str(r["p"]), r["v"]
            if p in _IRI_VALUED:
                lines.append(f"<{e}-folded> <{p}> <{into.get(str(v), str(v))}>")
            else:
                lines.append(f"<{e}-folded> <{p}> {_literal(v)}")
    return lines


# The evidence statements whose values are IRIs (graph/rdf.py link_triples); the others are
# literals: the quote, its offsets and file, whether it is reported.
_IRI_VALUED = {RDF + "type", RDF + "subject", RDF + "predicate", RDF + "object", LG + "assertedIn"}


def _literal(value: object) -> str:
    """A literal read back from the store, as N-Triples text."""
    if isinstance(value, bool):
        return rdf.TRUE if value else rdf.FALSE
    if isinstance(value, int):
        return rdf.integer(value)
    return rdf.lit(str(value))


def _batches(items: list[str]) -> Iterable[list[str]]:
    for i in range(0, len(items), _BATCH):
        yield items[i : i + _BATCH]
