"""Citations without a year or a place folded into the document they mean.

"Chỉ thị số 16/CT-TTg" names no year: its key is ``vn/ttg/_/ct/16``, a node apart from the
dated ``vn/ttg/2020/ct/16`` that lineage, impact and coverage follow. Numbers restart every
year (DOMAIN.md), so the year-less node is folded into a dated one only when issuer, type and
number leave exactly ONE document issued before each citing text, the same for all of them;
when several fit, the node is flagged ambiguous and lists them (``lg:candidate``), nothing is
guessed. A law kept by its name because its text gave no number ("Luật Khiếu nại", key
``vn/qh/_/l/khieu-nai``) folds the same way into the one numbered law of that name the store
knows, passed before each citing text.

Each year-less citation's fold has its own graph (``fold_graph``): the fold or the candidates,
and every link to or from the folded node again with the dated one in its place, its evidence
copied likewise, so every query sees the links of both.

A fold depends only on the documents of its symbol (issuer, type and number; for a law kept
by its name, the laws of that name), on the texts citing it and on their dates. ``Folds`` keeps
that index of the store's documents by symbol, so a change of a few documents recomputes the
folds of the symbols they name or carry only (``Folds.update``, graph/live.py), and rewrites
those graphs only; ``refold`` recomputes them all (after an ingest). The two give the same
graphs (tests/test_folds.py).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from graph import rdf, vocab
from graph.store import Row, Store, select_each
from ingest.laws import name_key

FOLD_GRAPH = vocab.GRAPH + "folds"  # the prefix of every fold graph (before: the one graph)
LG, ELI, RDF = vocab.LG, vocab.ELI, vocab.RDF
FOLDED_INTO = f"<{LG}foldedInto>"
CANDIDATE = f"<{LG}candidate>"
_RELATIONS = set(vocab.RELATION_IRI.values())

Link = tuple[str, str, str]  # subject, predicate, object IRIs


def fold_graph(key: str) -> str:
    """The graph of the fold of the year-less citation ``key``."""
    return f"{FOLD_GRAPH}/{rdf.iri_safe(key)}"


@dataclass
class FoldReport:
    candidates: int = 0  # citations without a year or place that some dated document may be
    folded: dict[str, str] = field(default_factory=dict)  # partial key → full key
    ambiguous: dict[str, list[str]] = field(default_factory=dict)  # partial key → candidates
    links: set[Link] = field(default_factory=set)  # relation triples of the graphs rewritten
    rewritten: set[str] = field(default_factory=set)  # the citations whose graph was rewritten


def refold(store: Store) -> FoldReport:
    """Recompute every fold from what the source graphs state; see the module docstring."""
    return Folds(store).refold_all()


def _symbol(key: str) -> tuple[str, str, str] | None:
    """Issuer, type and number of a numbered document's key."""
    parts = key.split("/")
    return (parts[1], parts[3], parts[4]) if len(parts) == 5 and parts[4][:1].isdigit() else None


def _dated(key: str) -> bool:
    """A numbered document with its place and year: what a citation may fold into."""
    jur, _, year, _, number = key.split("/")
    return jur != "_" and year != "_" and number[:1].isdigit()


class Folds:
    """The store's documents by what a fold matches on, and the folds stored, kept up to date
    by ``update`` after each change of a few documents."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.keys: set[str] = set()
        self.numbered: dict[tuple[str, str, str], set[str]] = defaultdict(set)
        self.names: dict[str, set[str]] = {}  # a National Assembly document → its name keys
        self.by_name: dict[str, set[str]] = defaultdict(set)  # name key → documents
        self.said: dict[str, str] = {}  # a National Assembly document → the day texts give
        for k in _keys(store):
            self._add(k)
        titles, self.said = _law_titles(store)
        for k, ts in titles.items():
            if k in self.keys:
                self._name(k, {name_key(t) for t in ts})
        self.dates = _own_dates(store)  # a document → the date its own file gives
        # what is stored now: partial key → full key, or its candidates
        self.folded: dict[str, str] = {}
        self.ambiguous: dict[str, list[str]] = {}
        for r in store.select(
            f"SELECT ?p ?x ?c WHERE {{ GRAPH ?g {{ {{ ?p {FOLDED_INTO} ?x }} UNION "
            f'{{ ?p {CANDIDATE} ?c }} }} FILTER(STRSTARTS(STR(?g), "{FOLD_GRAPH}")) }}'
        ):
            p = _key(str(r["p"]))
            if "x" in r:
                self.folded[p] = _key(str(r["x"]))
            else:
                self.ambiguous.setdefault(p, []).append(_key(str(r["c"])))
        self.legacy = store.ask(f"ASK {{ GRAPH <{FOLD_GRAPH}> {{ ?s ?p ?o }} }}")

    # -- the index ------------------------------------------------------------------------------

    def _add(self, k: str) -> None:
        if k.count("/") != 4:
            return
        self.keys.add(k)
        if (s := _symbol(k)) is not None:
            self.numbered[s].add(k)

    def _name(self, k: str, names: set[str]) -> None:
        for n in self.names.pop(k, ()):
            self.by_name[n].discard(k)
        if names:
            self.names[k] = names
            for n in names:
                self.by_name[n].add(k)

    def update(self, keys: Iterable[str], graphs: Iterable[str]) -> FoldReport:
        """After a change of these files' ``graphs`` (stored, changed or removed) and of the
        documents ``keys`` they stated before or now: read those documents again, and
        recompute and rewrite the folds that can depend on them: of their symbols, of their
        names, and the citations their texts make."""
        keys = {k for k in keys if k.count("/") == 4}
        if not keys:
            return FoldReport()
        before = {k: self.names.get(k, set()) for k in keys}
        present = _keys(self.store, keys)
        titles, said = _law_titles(self.store, [k for k in keys if k.split("/")[1] == "qh"])
        dates = _own_dates(self.store, keys)
        for k in keys:
            self.keys.discard(k)
            if (s := _symbol(k)) is not None:
                self.numbered[s].discard(k)
            self.said.pop(k, None)
            self.dates.pop(k, None)
            self._name(k, set())
            if k in present:
                self._add(k)
                self._name(k, {name_key(t) for t in titles.get(k, ())})
                if k in said:
                    self.said[k] = said[k]
                if k in dates:
                    self.dates[k] = dates[k]
        affected = set(keys) | _cited_by(self.store, keys)
        for k in keys:
            if (s := _symbol(k)) is not None:
                affected |= self.numbered.get(s, set())
            for n in before[k] | self.names.get(k, set()):
                affected |= self.by_name.get(n, set())
        if self.legacy:
            return self.refold_all()
        return self._refold(affected, keys, set(graphs))

    def refold_all(self) -> FoldReport:
        """Every fold recomputed, every fold graph rewritten."""
        every = set(self.keys) | set(self.folded) | set(self.ambiguous)
        return self._refold(every, set(), None, every=True)

    # -- folding ------------------------------------------------------------------------------

    def _date(self, key: str) -> str | None:
        """The date of a document: its own file's, else the year of its key."""
        year = key.split("/")[2] if key.count("/") == 4 else ""
        return self.dates.get(key) or (year if year.isdigit() else None)

    def _pool(self, k: str) -> list[str]:
        """The dated documents the citation ``k`` may mean (none: ``k`` is no such citation)."""
        if k not in self.keys:
            return []
        jur, issuer, year, typ, number = k.split("/")
        if "_" in (issuer, typ, number):
            return []
        if number[:1].isdigit() and "_" in (jur, year):
            return sorted(
                c
                for c in self.numbered.get((issuer, typ, number), ())
                if _dated(c) and jur in ("_", c.split("/")[0])
            )
        if issuer == "qh" and not number[:1].isdigit() and k in self.names:
            # a law by its name (and the day or year it was passed, when given)
            day = self.said.get(k)
            named = {c for n in self.names[k] for c in self.by_name.get(n, ()) if _dated(c)}
            return [
                c
                for c in sorted(named)
                if year in ("_", c.split("/")[2]) and (not day or _same_day(day, self.said.get(c)))
            ]
        return []

    def _refold(
        self, keys: set[str], touched: set[str], graphs: set[str] | None, every: bool = False
    ) -> FoldReport:
        """Decide the folds of these keys, and write what changed (``_write``)."""
        pools = {k: found for k in sorted(keys) if (found := self._pool(k))}
        citing = _citing(self.store, pools)
        report = FoldReport()
        changed: set[str] = set()
        unfolded: set[str] = set()
        for key in sorted(keys):
            pool, asserting = pools.get(key), citing.get(key)
            into: str | None = None
            candidates: list[str] | None = None
            if pool and asserting:
                report.candidates += 1
                # what each citing text can mean: the candidates issued before it
                meant = [
                    {c for c in pool if _before(self._date(c), self._date(a))}
                    for a in sorted(asserting)
                ]
                fits = set().union(*meant)
                if len(fits) == 1 and all(meant):
                    into = report.folded[key] = fits.pop()
                elif any(len(m) > 1 for m in meant):
                    candidates = report.ambiguous[key] = sorted(fits)
            if (into, candidates) != (self.folded.get(key), self.ambiguous.get(key)):
                changed.add(key)
                if key in self.folded:
                    unfolded.add(key)
            self.folded.pop(key, None)
            self.ambiguous.pop(key, None)
            if into:
                self.folded[key] = into
            elif candidates:
                self.ambiguous[key] = candidates
        return self._write(report, changed, unfolded, touched, graphs, every)

    def _write(
        self,
        report: FoldReport,
        changed: set[str],
        unfolded: set[str],
        touched: set[str],
        graphs: set[str] | None,
        every: bool,
    ) -> FoldReport:
        """Write the folds decided again. A citation whose fold changed: its decision and all
        its copies; one ``touched`` whose fold stands: its copies of what the changed files
        (``graphs``) state; a folded citation linked to one whose fold changed: its copies of
        the files stating those links. ``unfolded``: folded before, no longer."""
        changed_files = graphs or set()
        whole = set(report.folded) | set(report.ambiguous) | changed if every else changed
        # citation → the files whose copies are written again (None: all)
        parts: dict[str, set[str] | None] = {k: None for k in whole}
        parts.update({k: set(changed_files) for k in touched - whole if k in self.folded})
        found = _sources(
            self.store, {k: v for k, v in parts.items() if k in self.folded or k in unfolded}
        )
        for p in changed:  # the folded citations a citation whose fold changed is linked with
            for g, rows in list(found.get(p, {}).items()):
                for x in {_key(e) for s, _, o, _ in rows for e in (s, o)} & set(self.folded):
                    files = parts.setdefault(x, set())
                    if files is not None and g not in files:
                        files.add(g)
                        found[x].update(_sources(self.store, {x: {g}}).get(x, {}))
        report.rewritten = set(parts)
        # the graphs replaced: each decision, and each citation's copies from each file
        drop = {fold_graph(k) for k in whole}
        for k, files in parts.items():
            every_file = set(found.get(k, {})) | changed_files if files is None else files
            drop |= {_copies(k, g) for g in every_file}
        if every:
            drop |= _fold_graphs(self.store)
        report.links = _relations_in(self.store, sorted(drop))

        def moved(iri: str) -> str:
            target = self.folded.get(_key(iri))
            return rdf.doc_iri(target) if target else iri

        lines: list[str] = []
        for k in sorted(whole):
            g = f" <{fold_graph(k)}> .\n"
            if k in self.ambiguous:
                lines.append(f"{rdf.doc_term(k)} <{LG}ambiguous> {rdf.TRUE}{g}")
                lines += [f"{rdf.doc_term(k)} {CANDIDATE} {rdf.doc_term(c)}{g}"
                          for c in self.ambiguous[k]]  # fmt: skip
            elif k in self.folded:
                lines.append(f"{rdf.doc_term(k)} {FOLDED_INTO} {rdf.doc_term(self.folded[k])}{g}")
        copied = {k: found[k] for k in sorted(found) if k in self.folded}
        statements = _statements(
            self.store,
            {row[3] for by_file in copied.values() for rows in by_file.values() for row in rows},
        )
        for k, by_file in copied.items():
            for source, rows in sorted(by_file.items()):
                g = f" <{_copies(k, source)}> .\n"
                for s, p, o, e in sorted(rows):
                    link = (moved(s), p, moved(o))
                    report.links.add(link)
                    lines.append(f"<{link[0]}> <{p}> <{link[2]}>{g}")
                    for q, v in statements.get(e, ()):
                        value = f"<{moved(str(v))}>" if q in _IRI_VALUED else _literal(v)
                        lines.append(f"<{e}-folded> <{q}> {value}{g}")
        self.store.commit_nquads("".join(lines), drop_graphs=sorted(drop))
        self.legacy = False
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


def _keys(store: Store, among: Iterable[str] | None = None) -> set[str]:
    """The documents' keys (the derived graph states each document's stub status once): all,
    or those of ``among`` that are documents of the store."""
    where = f"GRAPH <{rdf.DERIVED_GRAPH}> {{ $X <{LG}isStub> ?s }}"
    if among is None:
        found = [
            str(r["d"]) for r in store.select(f"SELECT ?d WHERE {{ {where.replace('$X', '?d')} }}")
        ]
    else:
        found = [
            d
            for d, _ in select_each(
                store, map(rdf.doc_iri, among), f"SELECT ?s WHERE {{ {where} }}"
            )
        ]
    return {k for d in found if (k := _key(d)).count("/") == 4}


def _own_dates(store: Store, among: Iterable[str] | None = None) -> dict[str, str]:
    """The date each document's own file gives (all documents, or these)."""
    where = f"GRAPH ?g {{ $X <{LG}sourceFile> ?f ; <{ELI}date_document> ?date }}"
    rows: Iterable[tuple[str, Row]]
    if among is None:
        rows = (
            (str(r["d"]), r)
            for r in store.select(f"SELECT ?d ?date WHERE {{ {where.replace('$X', '?d')} }}")
        )
    else:
        rows = select_each(store, map(rdf.doc_iri, among), f"SELECT ?date WHERE {{ {where} }}")
    out: dict[str, str] = {}
    for d, r in rows:
        k = _key(d)
        out[k] = max(out.get(k, ""), str(r["date"]))
    return out


def _citing(store: Store, keys: Iterable[str]) -> dict[str, set[str]]:
    """For each of ``keys``: the documents asserting a link to or from it."""
    out: dict[str, set[str]] = defaultdict(set)
    for x, r in select_each(
        store, map(rdf.doc_iri, keys),
        f"SELECT DISTINCT ?a WHERE {{ {{ GRAPH ?g {{ ?e <{RDF}subject> $X ; <{LG}assertedIn> ?a }} }} "
        f"UNION {{ GRAPH ?g {{ ?e <{RDF}object> $X ; <{LG}assertedIn> ?a }} }} }}",
    ):  # fmt: skip
        out[_key(x)].add(_key(str(r["a"])))
    return out


def _cited_by(store: Store, keys: Iterable[str]) -> set[str]:
    """The documents at either end of the links these documents assert (their dates decide
    what those citations can mean)."""
    rows = select_each(
        store, map(rdf.doc_iri, keys),
        f"SELECT DISTINCT ?x WHERE {{ GRAPH ?g {{ ?e <{LG}assertedIn> $X ; "
        f"<{RDF}subject>|<{RDF}object> ?x }} }}",
    )  # fmt: skip
    return {_key(str(r["x"])) for _, r in rows}


def _law_titles(
    store: Store, among: list[str] | None = None
) -> tuple[dict[str, set[str]], dict[str, str]]:
    """Names the National Assembly's documents (all, or ``among``) are cited or known by, and
    the day (or year) texts give for each (the latest)."""
    prefix = vocab.DOC + "vn/qh/"
    titles: Iterable[tuple[str, Row]]
    days: Iterable[tuple[str, Row]]
    if among is None:
        scope = f'FILTER(STRSTARTS(STR(?d), "{prefix}"))'
        titles = ((str(r["d"]), r) for r in store.iter_select(
            f"SELECT DISTINCT ?d ?t WHERE {{ ?d <{ELI}title> ?t {scope} }}"))  # fmt: skip
        days = ((str(r["d"]), r) for r in store.iter_select(
            f"SELECT ?d ?date WHERE {{ ?d <{ELI}date_document> ?date {scope} }}"))  # fmt: skip
    else:
        iris = [rdf.doc_iri(k) for k in among]
        titles = select_each(store, iris, f"SELECT DISTINCT ?t WHERE {{ $X <{ELI}title> ?t }}")
        days = select_each(store, iris, f"SELECT ?date WHERE {{ $X <{ELI}date_document> ?date }}")
    named: dict[str, set[str]] = defaultdict(set)
    for d, r in titles:
        if (title := str(r["t"])).startswith(("Luật", "Bộ luật", "Pháp lệnh")):
            named[_key(d)].add(title)
    said: dict[str, str] = {}
    for d, r in days:
        said[_key(d)] = max(said.get(_key(d), ""), str(r["date"]))
    return named, said


def _key(iri: str) -> str:
    return iri.removeprefix(vocab.DOC)


def _sources(
    store: Store, wanted: dict[str, set[str] | None]
) -> dict[str, dict[str, set[tuple[str, str, str, str]]]]:
    """For each citation of ``wanted``: per file's graph (all, or those given), the links the
    file states with the citation at either end, each with its evidence node."""
    out: dict[str, dict[str, set[tuple[str, str, str, str]]]] = defaultdict(
        lambda: defaultdict(set)
    )
    where = (
        f"{{ GRAPH $G {{ ?e <{RDF}subject> $X ; <{RDF}predicate> ?p ; <{RDF}object> ?o }} "
        f"BIND($X AS ?s) }} UNION {{ GRAPH $G {{ ?e <{RDF}object> $X ; <{RDF}predicate> ?p ; "
        f"<{RDF}subject> ?s }} BIND($X AS ?o) }}"
    )
    source = f'FILTER(STRSTARTS(STR(?g), "{rdf.SOURCE_GRAPH}"))'
    everywhere = f"SELECT DISTINCT ?g ?s ?p ?o ?e WHERE {{ {where.replace('$G', '?g')} {source} }}"
    for x, r in select_each(
        store, [rdf.doc_iri(k) for k, g in wanted.items() if g is None], everywhere
    ):
        out[_key(x)][str(r["g"])].add((str(r["s"]), str(r["p"]), str(r["o"]), str(r["e"])))
    by_graph: dict[str, list[str]] = defaultdict(list)
    for k, graphs in wanted.items():
        for g in graphs or ():
            by_graph[g].append(rdf.doc_iri(k))
    for g, iris in sorted(by_graph.items()):
        query = f"SELECT DISTINCT ?s ?p ?o ?e WHERE {{ {where.replace('$G', f'<{g}>')} }}"
        for x, r in select_each(store, iris, query):
            out[_key(x)][g].add((str(r["s"]), str(r["p"]), str(r["o"]), str(r["e"])))
    return out


def _copies(key: str, source: str) -> str:
    """The graph of the copies of what the file of graph ``source`` states of citation ``key``."""
    return f"{fold_graph(key)}/from/{source.removeprefix(rdf.SOURCE_GRAPH)}"


def _fold_graphs(store: Store) -> set[str]:
    """Every fold graph of the store (from the list of named graphs: no statement is read)."""
    rows = store.select("SELECT ?g WHERE { GRAPH ?g { } }")
    if any("g" not in r for r in rows):  # Virtuoso leaves ?g unbound on an empty pattern
        rows = store.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
    return {g for r in rows if (g := str(r["g"])).startswith(FOLD_GRAPH)}


def _statements(store: Store, evidence: set[str]) -> dict[str, list[tuple[str, object]]]:
    """What the files state of these evidence nodes: (predicate, value)."""
    out: dict[str, list[tuple[str, object]]] = defaultdict(list)
    query = (
        f"SELECT DISTINCT ?p ?v WHERE {{ GRAPH ?g {{ $X ?p ?v }} "
        f'FILTER(STRSTARTS(STR(?g), "{rdf.SOURCE_GRAPH}")) }}'
    )
    for e, r in select_each(store, evidence, query):
        out[e].append((str(r["p"]), r["v"]))
    return out


def _relations_in(store: Store, graphs: Iterable[str]) -> set[Link]:
    """The relation triples these graphs hold."""
    rows = select_each(store, graphs, "SELECT ?s ?p ?o WHERE { GRAPH $X { ?s ?p ?o } }")
    return {(str(r["s"]), str(r["p"]), str(r["o"])) for _, r in rows if str(r["p"]) in _RELATIONS}


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
