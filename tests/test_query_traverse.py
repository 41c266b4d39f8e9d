"""Lineage, impact, paths, coverage and timeline answer the questions users ask, on the real
seed documents (and the bundled samples) ingested by the real pipeline."""

from __future__ import annotations

from datetime import date

import pytest
from query_support import full_store, seeds_store

from graph import query
from graph.provinces import PROVINCES_2025
from graph.query import Filters, QueryError
from graph.summary import DocSummary

pytestmark = pytest.mark.shared


def key(store: query.Store, text: str) -> str:
    return query.find(store, text).key


def is_kon_tum_plan(d: DocSummary) -> bool:
    """Seed 002: the (unnumbered) 2025 plan of UBND Kon Tum carrying out 03/NQ-CP."""
    return (
        d.type == "KH"
        and d.jurisdiction == "kon-tum"
        and (d.file or "").endswith("002_22cd2849f6c7996c.txt")
    )


def test_what_implements_resolution_57_in_one_call() -> None:
    s = seeds_store()
    t = query.impact(s, key(s, "Resolution 57"), relations=["implements"])
    docs = [n.doc for n in t.nodes]
    assert "03/NQ-CP" in {(d.symbol or "").replace("/2025", "") for d in docs}
    assert any(is_kon_tum_plan(d) for d in docs)
    for n in t.nodes:
        assert n.relation == "implements"
        assert n.path[0] == t.root.key and n.path[-1] == n.doc.key
        assert n.depth == len(n.path) - 1
        assert n.evidence is not None and n.evidence.quote


def test_lineage_of_2039_reaches_52_through_50_and_123() -> None:
    s = seeds_store()
    t = query.lineage(s, key(s, "2039/KH-UBND"))
    by_symbol = {n.doc.symbol: n for n in t.nodes}
    assert by_symbol["50/NQ-CP"].depth == 1
    assert by_symbol["123-KH/TU"].depth == 1
    top = by_symbol["52-NQ/TW"]
    assert top.depth == 2
    assert top.path[1] in {by_symbol["50/NQ-CP"].doc.key, by_symbol["123-KH/TU"].doc.key}
    links = {(e.subject, e.relation, e.object) for e in t.edges}
    assert (by_symbol["50/NQ-CP"].doc.key, "implements", top.doc.key) in links
    assert (by_symbol["123-KH/TU"].doc.key, "implements", top.doc.key) in links
    # the quote proving the step 2039 → 50/NQ-CP is one a person can read in seed 003
    ev = by_symbol["50/NQ-CP"].evidence
    assert ev is not None and "50/NQ-CP" in ev.quote and "2039/KH-UBND" in ev.quote


def test_tree_and_flat_list_agree() -> None:
    s = seeds_store()
    t = query.lineage(s, key(s, "2039/KH-UBND"))
    seen: dict[str, int] = {}

    def walk(node: query.TreeNode, depth: int) -> None:
        assert node.depth == depth
        seen[node.doc.key] = depth
        for c in node.children:
            walk(c, depth + 1)

    walk(t.tree, 0)
    for n in t.nodes:
        assert seen[n.doc.key] == n.depth


def test_depth_limit_stops_the_walk() -> None:
    s = seeds_store()
    t = query.lineage(s, key(s, "2039/KH-UBND"), max_depth=1)
    assert {n.depth for n in t.nodes} == {1}
    assert "52-NQ/TW" not in {n.doc.symbol for n in t.nodes}


def test_relation_filter_follows_only_those_relations() -> None:
    s = full_store()
    root = key(s, "57-NQ/TW")
    every = query.impact(s, root, relations=["implements", "based_on", "cites"])
    only = query.impact(s, root, relations=["based_on"])
    assert {n.relation for n in only.nodes} == {"based_on"}
    assert only.total < every.total


def test_province_filter_counts_merged_provinces() -> None:
    s = seeds_store()
    root = key(s, "52-NQ/TW")
    tq = query.impact(s, root, filters=Filters(province="Tuyên Quang"))
    assert tq.nodes and {n.doc.jurisdiction for n in tq.nodes} == {"tuyen-quang"}
    assert "119/KH-UBND" in {n.doc.symbol for n in tq.nodes}
    # Kon Tum joined Quảng Ngãi in 2025: asking for Quảng Ngãi lists the Kon Tum documents
    qn = query.impact(s, root, filters=Filters(province="Quảng Ngãi"))
    assert "2039/KH-UBND" in {n.doc.symbol for n in qn.nodes}


def test_type_issuer_and_date_filters() -> None:
    s = seeds_store()
    root = key(s, "52-NQ/TW")
    plans = query.impact(s, root, filters=Filters(type="KH"))
    assert plans.nodes and {n.doc.type for n in plans.nodes} == {"KH"}
    ubnd = query.impact(s, root, filters=Filters(issuer="UBND"))
    assert ubnd.nodes and {n.doc.issuer_code for n in ubnd.nodes} == {"UBND"}
    late = query.impact(s, root, filters=Filters(date_from="2021"))
    assert late.nodes and all((n.doc.date or "") >= "2021" for n in late.nodes)
    every = query.impact(s, root)
    assert late.total < every.total


def test_paths_between_2039_and_52() -> None:
    s = seeds_store()
    a, b = key(s, "2039/KH-UBND"), key(s, "52-NQ/TW")
    res = query.paths(s, a, b)
    assert res.directed and res.paths
    middles = set()
    for p in res.paths:
        assert p[0].subject == a and p[-1].object == b
        for x, y in zip(p, p[1:], strict=False):
            assert x.object == y.subject
        middles |= {st.object for st in p[:-1]}
    assert {res.documents[k].symbol for k in middles} >= {"50/NQ-CP", "123-KH/TU"}
    # the other way round the same links are walked backwards
    back = query.paths(s, b, a)
    assert back.directed and all(not st.forward for p in back.paths for st in p)


def test_paths_between_siblings_ignore_direction() -> None:
    s = seeds_store()
    res = query.paths(s, key(s, "2039/KH-UBND"), key(s, "119/KH-UBND"))
    assert res.paths and not res.directed


def test_coverage_of_52_over_the_34_provinces() -> None:
    s = seeds_store()
    cov = query.coverage(s, key(s, "52-NQ/TW"))
    covered = {c.province: c for c in cov.covered}
    assert {"Quảng Ngãi", "Tuyên Quang"} <= set(covered)  # Kon Tum is in Quảng Ngãi since 2025
    assert set(covered) | set(cov.missing) == set(PROVINCES_2025) and len(PROVINCES_2025) == 34
    assert not set(covered) & set(cov.missing)
    tq = covered["Tuyên Quang"]
    assert tq.first_date == min(d.date for d in tq.documents if d.date)
    expected = (date.fromisoformat(tq.first_date or "") - date(2019, 9, 27)).days
    assert tq.lag_days == expected


def test_timeline_is_in_date_order_around_the_document() -> None:
    s = seeds_store()
    root = key(s, "50/NQ-CP")
    entries = query.timeline(s, root)
    dated = [e.date for e in entries if e.date]
    assert dated == sorted(dated)
    assert [e.doc.key for e in entries if e.depth == 0] == [root]
    assert any(e.depth < 0 for e in entries) and any(e.depth > 0 for e in entries)


def test_document_groups_links_with_evidence_and_asserting_document() -> None:
    s = seeds_store()
    view = query.document(s, key(s, "50/NQ-CP"))
    implementers = {link.doc.symbol: link for link in view.incoming["implements"]}
    link = implementers["2039/KH-UBND"]
    # nobody has 2039's text here: seed 003 (1070/UBND-KGVX) reports the link
    assert any(e.reported and e.asserted_in.endswith("/cv/1070") for e in link.evidence)
    assert all(e.quote for links in view.incoming.values() for li in links for e in li.evidence)


@pytest.mark.parametrize(
    ("call", "param"),
    [
        (lambda s, k: query.impact(s, k, relations=["bogus"]), "relation"),
        (lambda s, k: query.impact(s, k, max_depth=0), "depth"),
        (lambda s, k: query.impact(s, k, filters=Filters(date_from="2020-13-01")), "date_from"),
        (lambda s, k: query.traverse(s, k, "sideways"), "direction"),
        (lambda s, k: query.paths(s, k, k, max_depth=0), "max_depth"),
    ],
)
def test_bad_parameters_name_themselves(call: object, param: str) -> None:
    s = seeds_store()
    with pytest.raises(QueryError) as info:
        call(s, key(s, "52-NQ/TW"))  # type: ignore[operator]
    assert info.value.param == param


def test_unknown_and_ambiguous_documents() -> None:
    s = full_store()
    with pytest.raises(query.DocumentNotFound) as nf:
        query.document(s, "vn/tw/2024/nq/58")
    assert "vn/tw/2024/nq/57" in [c.doc.key for c in nf.value.suggestions]
    with pytest.raises(query.AmbiguousDocument) as amb:
        query.find(s, "Luật Tổ chức Chính phủ")
    assert len(amb.value.candidates) >= 2
