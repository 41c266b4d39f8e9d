"""The RDF vocabulary shared by the store, the queries and the SPARQL examples.

Document IRIs are derived from the canonical key (ingest/identity.py), never from file paths:
``https://legal-graph.org/eli/{key}`` where key = ``{jurisdiction}/{issuer}/{year}/{type}/{number}``
e.g. ``https://legal-graph.org/eli/vn/cp/2020/nq/50`` or ``…/eli/kon-tum/ubnd/2020/kh/2039``.
"""

from __future__ import annotations

BASE = "https://legal-graph.org/"
ELI = "http://data.europa.eu/eli/ontology#"
LG = BASE + "ontology#"
DOC = BASE + "eli/"
DOCTYPE = BASE + "doctype/"
AGENT = BASE + "agent/"
PLACE = BASE + "jurisdiction/"
GRAPH = BASE + "graph/"
XSD = "http://www.w3.org/2001/XMLSchema#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"

# relation name (the extraction contract) → predicate IRI. ELI terms where ELI has one,
# project terms (lg:) for what ELI lacks.
RELATION_IRI: dict[str, str] = {
    "implements": LG + "implements",
    "based_on": ELI + "based_on",
    "amends": ELI + "amends",
    "replaces": LG + "replaces",
    "repeals": ELI + "repeals",
    "guides": LG + "guides",
    "corrects": ELI + "corrects",
    "consolidates": ELI + "consolidates",
    "promulgates": LG + "promulgates",
    "responds_to": LG + "respondsTo",
    "cites": ELI + "cites",
}
IRI_RELATION: dict[str, str] = {v: k for k, v in RELATION_IRI.items()}

PREFIXES = f"""PREFIX eli: <{ELI}>
PREFIX lg: <{LG}>
PREFIX rdf: <{RDF}>
PREFIX rdfs: <{RDFS}>
PREFIX xsd: <{XSD}>
PREFIX skos: <{SKOS}>
"""


def doc_iri(key: str) -> str:
    return DOC + key
