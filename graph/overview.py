"""What the store holds, for the home page: counts, the most implemented documents, the
provinces and the types. From the read model when the reader has one (one pass over its dicts,
then kept with the model: 130 ms at 100,000 documents), else with a few SPARQL aggregates."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from graph import vocab
from graph.provinces import PROVINCES_2025, province_2025
from graph.store import Store
from graph.summary import DocSummary, key_of, key_parts, summaries, summary_from_key

TOP = 8


@dataclass(frozen=True)
class Overview:
    documents: int
    read: int  # documents whose own text was read
    links: int
    most_implemented: list[tuple[DocSummary, int]]  # by documents implementing it directly
    provinces: list[tuple[str, int]]  # the 34 provinces and the documents issued in each
    types: list[tuple[str, int]]  # type notation → documents


def overview(store: Store) -> Overview:
    implements = vocab.RELATION_IRI["implements"]
    model = store.read_model()
    if model is not None and (memo := model.memo.get("overview")) and memo[0] == model.generation:
        return memo[1]  # type: ignore[no-any-return]
    if model is not None:
        docs = model.docs.values()
        counts = Counter({o: len(s) for o, s in model.into.get(implements, {}).items()})
        top = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP]  # ties by IRI
        read = sum(1 for d in docs if not d.stub)
        provinces = Counter(d.province_2025 for d in docs if d.province_2025)
        types = Counter(d.type for d in docs if d.type)
        n_docs, links = len(model.docs), model.links
    else:
        rows = store.select(
            f"SELECT ?o (COUNT(DISTINCT ?s) AS ?n) WHERE {{ ?s <{implements}> ?o }} "
            f"GROUP BY ?o ORDER BY DESC(?n) ?o LIMIT {TOP}"
        )
        top = [(str(r["o"]), int(str(r["n"]))) for r in rows]
        keys = [
            str(r["k"])
            for r in store.select(f"SELECT DISTINCT ?k WHERE {{ ?d <{vocab.LG}key> ?k }}")
        ]
        n_docs = len(keys)
        read = int(
            str(
                store.select(
                    f"SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE {{ ?d <{vocab.LG}key> ?k ; "
                    f"<{vocab.LG}sourceFile> ?f }}"
                )[0]["n"]
            )
        )  # fmt: skip  (evidence has a file too)
        preds = " ".join(f"<{p}>" for p in vocab.RELATION_IRI.values())
        links = int(str(store.select(
            f"SELECT (COUNT(*) AS ?n) WHERE {{ SELECT DISTINCT ?s ?p ?o WHERE {{ VALUES ?p {{ {preds} }} ?s ?p ?o }} }}"
        )[0]["n"]))  # fmt: skip
        parts = [p for k in keys if (p := key_parts(k))]
        provinces = Counter(prov for p in parts if (prov := province_2025(p[0])))
        types = Counter({
            str(r["t"])[len(vocab.DOCTYPE):]: int(str(r["n"])) for r in store.select(
                f"SELECT ?t (COUNT(DISTINCT ?d) AS ?n) WHERE {{ ?d <{vocab.ELI}type_document> ?t }} GROUP BY ?t")
        })  # fmt: skip
    named = summaries(store, [iri for iri, _ in top])
    found = Overview(
        documents=n_docs,
        read=read,
        links=links,
        most_implemented=[(named.get(iri) or summary_from_key(key_of(iri)), n) for iri, n in top],
        provinces=[(p, provinces.get(p, 0)) for p in PROVINCES_2025],
        types=sorted(types.items(), key=lambda kv: (-kv[1], kv[0])),
    )
    if model is not None:
        model.memo["overview"] = (model.generation, found)  # a patched model moves on
    return found
