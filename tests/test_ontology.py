"""The ontology (terms, ELI alignment, SKOS document types) and the SHACL shapes of stored graphs."""

from __future__ import annotations

from pathlib import Path

import pyshacl
import pytest
import rdflib
from rdflib.namespace import OWL, RDF, RDFS, SKOS
from shared_support import SEEDS

from graph import vocab
from graph.ingest import ingest
from graph.rdf import DERIVED_GRAPH, META_GRAPH, SOURCE_GRAPH
from graph.store import OxigraphStore
from ingest.identity import TYPE_NAMES

ROOT = Path(__file__).resolve().parents[1]
ONTOLOGY = rdflib.Graph().parse(ROOT / "ontology" / "legal-graph.ttl")
SHAPES = rdflib.Graph().parse(ROOT / "ontology" / "shapes.ttl")
LG = rdflib.Namespace(vocab.LG)
ELI = rdflib.Namespace(vocab.ELI)
# Decree 30/2020 Appendix III abbreviations listed in DOMAIN.md
DECREE_30 = ["NQ", "QĐ", "CT", "QC", "QyĐ", "TC", "TB", "HD", "CTr", "KH", "PA", "ĐA", "DA", "BC", "BB", "TTr", "HĐ", "CĐ", "BGN", "BTT", "GUQ", "GM", "GGT", "GNP", "PG", "PC", "PB", "SY", "TrS", "SL"]  # fmt: skip


def labels(term: rdflib.term.Node, prop: rdflib.URIRef = RDFS.label) -> set[str | None]:
    return {o.language for o in ONTOLOGY.objects(term, prop) if isinstance(o, rdflib.Literal)}


@pytest.mark.parametrize(("name", "iri"), sorted(vocab.RELATION_IRI.items()))
def test_every_relation_is_defined_with_its_inverse(name: str, iri: str) -> None:
    p = rdflib.URIRef(iri)
    assert (p, RDF.type, OWL.ObjectProperty) in ONTOLOGY
    assert str(ONTOLOGY.value(p, LG.relationName)) == name
    assert labels(p) >= {"vi", "en"} and labels(p, RDFS.comment) >= {"vi", "en"}
    inverse = ONTOLOGY.value(p, OWL.inverseOf)
    assert inverse is not None and (inverse, OWL.inverseOf, p) in ONTOLOGY
    assert labels(inverse) >= {"vi", "en"}
    if iri.startswith(vocab.LG):  # project terms sit under an ELI term
        parent = ONTOLOGY.value(p, RDFS.subPropertyOf)
        assert parent is not None and str(parent).startswith(vocab.ELI)


def test_classes_align_to_eli() -> None:
    assert (LG.Document, RDFS.subClassOf, ELI.LegalResource) in ONTOLOGY
    for cls in (LG.Document, LG.IssuingBody, LG.Jurisdiction, LG.Evidence, LG.DocumentType):
        assert labels(cls) >= {"vi", "en"}, cls


def test_document_types_form_a_skos_scheme() -> None:
    concepts = set(ONTOLOGY.subjects(SKOS.inScheme, LG.DocumentTypes))
    notations = {str(ONTOLOGY.value(c, SKOS.notation)) for c in concepts}
    assert set(DECREE_30) <= notations
    assert set(TYPE_NAMES) <= notations  # every type the extractor can produce
    for c in concepts:
        assert str(c) == vocab.DOCTYPE + str(ONTOLOGY.value(c, SKOS.notation))
        assert labels(c, SKOS.prefLabel) == {"vi", "en"}
    nq = rdflib.URIRef(vocab.DOCTYPE + "NQ")
    assert ONTOLOGY.value(nq, SKOS.prefLabel, any=True) is not None
    assert rdflib.Literal("Nghị quyết", lang="vi") in set(ONTOLOGY.objects(nq, SKOS.prefLabel))


def test_levels_are_concepts_with_notations() -> None:
    levels = {
        str(ONTOLOGY.value(c, SKOS.notation)) for c in ONTOLOGY.subjects(SKOS.inScheme, LG.Levels)
    }
    assert levels == {"party", "national_assembly", "government", "ministry", "province",
                      "department", "district"}  # fmt: skip


def _validate(graph: rdflib.Graph) -> tuple[bool, str]:
    ok, _, text = pyshacl.validate(graph, shacl_graph=SHAPES, advanced=True)
    return bool(ok), str(text)


@pytest.fixture(scope="module")
def stored() -> rdflib.Dataset:
    """The store after ingesting the bundled samples and the seed documents (real extraction)."""
    store = OxigraphStore(None)
    ingest([ROOT / "samples", SEEDS], store, workers=1, progress=False)
    ds = rdflib.Dataset()
    ds.parse(data=store.dump("nq"), format="nquads")
    return ds


@pytest.mark.shared
def test_stored_union_conforms(stored: rdflib.Dataset) -> None:
    union = rdflib.Graph()
    for s, p, o, _ in stored.quads():
        union.add((s, p, o))
    assert len(union) > 500
    ok, text = _validate(union)
    assert ok, text


@pytest.mark.shared
def test_every_stored_graph_conforms_on_its_own(stored: rdflib.Dataset) -> None:
    graphs = [g for g in stored.graphs() if str(g.identifier).startswith(SOURCE_GRAPH)]
    assert len(graphs) >= 10
    for g in graphs + [stored.graph(rdflib.URIRef(x)) for x in (META_GRAPH, DERIVED_GRAPH)]:
        ok, text = _validate(g)
        assert ok, (g.identifier, text)


def test_shapes_reject_broken_graphs() -> None:
    doc = rdflib.URIRef(vocab.DOC + "vn/cp/2020/nq/50")
    ev = rdflib.URIRef(SOURCE_GRAPH + "0123456789abcdef#e0")
    g = rdflib.Graph()
    g.add((doc, RDF.type, LG.Document))
    g.add((doc, LG.key, rdflib.Literal("vn/cp/2020/nq/51")))  # key and IRI disagree
    g.add((ev, RDF.type, LG.Evidence))
    g.add((ev, RDF.subject, doc))
    g.add((ev, RDF.predicate, LG.implements))
    g.add((ev, RDF.object, doc))  # no quote, no offsets, and the link triple itself is missing
    ok, text = _validate(g)
    assert not ok
    assert "IRI is https://legal-graph.org/eli/ followed by its key" in text
    assert "plain triple" in text and "quote" in text
