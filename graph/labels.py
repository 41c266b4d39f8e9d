"""How documents and relations are named for people, in Vietnamese (first) and English: relation
names in both directions, levels and document types from the ontology's own labels, readable
document names, and dates as people write them here (dd/mm/yyyy).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import rdflib
from rdflib.namespace import OWL, RDFS, SKOS

from graph import vocab
from graph.summary import DocSummary

LANGS = ("vi", "en")
DEFAULT = "vi"
ONTOLOGY = Path(__file__).resolve().parents[1] / "ontology" / "legal-graph.ttl"
# The Lược đồ order of vbpl.vn and thuvienphapluat.vn: what changes the text first, then what it
# rests on and carries out.
LUOC_DO_ORDER = ("guides", "amends", "replaces", "repeals", "corrects", "consolidates",
                 "based_on", "implements", "promulgates", "responds_to", "cites")  # fmt: skip


@dataclass(frozen=True)
class Labels:
    """The ontology's labels in one language."""

    relation: dict[str, str]  # relation name → label ("thực hiện")
    inverse: dict[str, str]  # relation name → label of its inverse ("được thực hiện bởi")
    level: dict[str, str]  # lg:level notation → label
    doctype: dict[str, str]  # type notation → label
    fact: dict[str, str]  # date, issuer, level, stub → the label of the property stating it


@cache
def _graph() -> rdflib.Graph:
    return rdflib.Graph().parse(ONTOLOGY, format="turtle")


@cache
def labels(lang: str) -> Labels:
    g = _graph()

    def label(node: rdflib.term.Node, pred: rdflib.term.Node = RDFS.label) -> str | None:
        for value in g.objects(node, pred):
            if isinstance(value, rdflib.Literal) and value.language == lang:
                return str(value)
        return None

    relation, inverse = {}, {}
    for name, iri in vocab.RELATION_IRI.items():
        node = rdflib.URIRef(iri)
        relation[name] = label(node) or name.replace("_", " ")
        inv = next(iter(g.objects(node, OWL.inverseOf)), None)
        inverse[name] = (label(inv) if inv is not None else None) or f"← {relation[name]}"
    notations: dict[str, dict[str, str]] = {"level": {}, "doctype": {}}
    for concept, notation in g.subject_objects(SKOS.notation):
        kind = "level" if str(concept).startswith(vocab.BASE + "level/") else "doctype"
        text = label(concept, SKOS.prefLabel)
        if text:
            notations[kind][str(notation)] = text
    facts = {"date": vocab.ELI + "date_document", "issuer": vocab.LG + "issuerName",
             "level": vocab.LG + "level", "stub": vocab.LG + "isStub"}  # fmt: skip
    fact = {name: label(rdflib.URIRef(iri)) or name for name, iri in facts.items()}
    return Labels(relation, inverse, notations["level"], notations["doctype"], fact)


def ddmmyyyy(value: str | None) -> str:
    """2024-12-22 → 22/12/2024; a month or a year alone stays as precise as it is."""
    if not value:
        return ""
    parts = value[:10].split("-")
    return "/".join(reversed(parts))


def short_title(title: str, limit: int = 60) -> str:
    return title if len(title) <= limit else title[: limit - 1].rstrip() + "…"


def display_name(doc: DocSummary) -> str:
    """What people call a document (the same in both languages: names are Vietnamese): its
    symbol; a law by its name and year ("Luật Đất đai 2024"); else its type and short title
    ("Kế hoạch: Triển khai thực hiện Nghị quyết số 03/NQ-CP…"), else its type and date, with
    the province for a local document; else its key."""
    if doc.symbol:
        return doc.symbol
    kind = doc.type_name
    year = str(doc.year) if doc.year else ""
    if doc.title:
        title = doc.title.removeprefix("V/v ").removeprefix("v/v ")
        if kind and title.lower().startswith(kind.lower()):  # a law's title is its name
            name = short_title(title)
            return f"{name} {year}" if year and year not in name else name
        name = short_title(f"{kind}: {title}" if kind else title)
    elif kind:
        name = f"{kind} {ddmmyyyy(doc.date) or year}".strip()
    else:
        return doc.key
    if doc.jurisdiction and doc.jurisdiction != "vn" and doc.jurisdiction_name:
        name += f" ({doc.jurisdiction_name})"
    return name
