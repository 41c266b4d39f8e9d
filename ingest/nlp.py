"""The extraction as a spaCy pipeline, for people and tools that want a ``Doc``.

A blank Vietnamese pipeline (whitespace tokens, pyvi off: word segmentation buys nothing for
citations, which are matched on characters) with one component, ``legal_references``, that runs
the same pure extractor as the bulk path and puts its findings in ``doc.spans``:

- ``doc.spans["references"]``: every citation, labelled by document type (``NQ``, ``KH`` …);
- ``doc.spans["relations"]``: the evidence of every link, labelled by relation;
- ``doc.spans["cues"]``: the cue phrases ("Thực hiện", "Căn cứ", "sửa đổi, bổ sung" …),
  labelled by the relation they signal;
- ``doc.spans["sc"]``: references and relations, for displaCy's span view.

``doc._.extraction`` keeps the full ``Extraction`` record.
"""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from ingest.extract import extract
from ingest.models import Extraction, Source
from ingest.relations import cue_hits

if not Doc.has_extension("extraction"):
    Doc.set_extension("extraction", default=None)
if not Doc.has_extension("source_path"):
    Doc.set_extension("source_path", default="<text>")


def _span(doc: Doc, start: int, end: int, label: str) -> Span | None:
    return doc.char_span(start, end, label=label, alignment_mode="expand")


@Language.component("legal_references")
def legal_references(doc: Doc) -> Doc:
    ex: Extraction = extract(Source(doc._.source_path, doc.text, "txt"))
    doc._.extraction = ex
    refs = [s for r in ex.references if (s := _span(doc, r.start, r.end, r.doc.type or "REF"))]
    rels = [
        s
        for link in ex.links
        if (s := _span(doc, link.evidence.start, link.evidence.end, link.relation.upper()))
    ]
    doc.spans["references"] = refs
    doc.spans["relations"] = rels
    doc.spans["cues"] = [
        sp
        for m in cue_hits(doc.text, 0, len(doc.text))
        if not m.rel.startswith("_") and (sp := _span(doc, m.start, m.end, m.rel.upper()))
    ]
    doc.spans["sc"] = refs + rels
    return doc


@lru_cache(maxsize=1)
def make_nlp() -> Language:
    nlp = spacy.blank("vi", config={"nlp": {"tokenizer": {"use_pyvi": False}}})
    nlp.add_pipe("legal_references")
    return nlp


def parse(source: Source) -> Doc:
    nlp = make_nlp()
    doc = nlp.make_doc(source.text)
    doc._.source_path = source.path
    return nlp.get_pipe("legal_references")(doc)


def render_html(sources: list[Source]) -> str:
    """A standalone HTML page with each document's references and relations highlighted."""
    from spacy import displacy

    colors = {
        "IMPLEMENTS": "#f4a261",
        "BASED_ON": "#8ecae6",
        "AMENDS": "#e76f51",
        "REPLACES": "#e9c46a",
        "REPEALS": "#d62828",
        "GUIDES": "#90be6d",
        "CORRECTS": "#b5838d",
        "CONSOLIDATES": "#6d6875",
        "PROMULGATES": "#43aa8b",
        "RESPONDS_TO": "#4d908e",
        "CITES": "#cccccc",
    }
    docs = [parse(s) for s in sources]
    for d in docs:
        d.user_data["title"] = d._.source_path
    return displacy.render(
        docs, style="span", page=True, options={"spans_key": "sc", "colors": colors}
    )
