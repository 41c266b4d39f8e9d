"""Helpers for the store and ingest tests: Extraction records built by hand.

``json_extractor`` reads a tiny JSON description of a document and its links, so the tests can
state exactly what a file asserts without depending on the text extractor.
"""

from __future__ import annotations

import json
from pathlib import Path

from graph import index
from graph.index import ModelReader
from graph.store import OxigraphStore
from ingest.models import DocRef, Evidence, Extraction, Link, Reference, Source


def ref(key: str, **facts: object) -> DocRef:
    """A DocRef whose parts come from the key ``jurisdiction/issuer/year/type/number``."""
    jur, issuer, year, typ, number = key.split("/")
    defaults: dict[str, object] = {
        "type": typ.upper() if typ != "_" else None,
        "number": number if number != "_" else None,
        "year": int(year) if year.isdigit() else None,
        "issuer_code": issuer.upper() if issuer != "_" else None,
        "ambiguous": "_" in key.split("/"),
    }
    defaults.update(facts)
    return DocRef(key=key, **defaults)  # type: ignore[arg-type]


def json_extractor(source: Source) -> Extraction:
    """{"doc": {"key": …, facts…}, "links": [[subject|null, relation, {"key": …, facts…}, quote]]}"""
    data = json.loads(source.text)
    doc = ref(**data["doc"])
    links, refs = [], []
    pos = 0
    for subject, relation, obj, quote in data.get("links", []):
        s = ref(**subject) if subject else doc
        o = ref(**obj)
        links.append(
            Link(
                s, relation, o, doc.key, Evidence(quote, pos, pos + len(quote)), subject is not None
            )
        )
        refs.append(Reference(pos, pos + len(quote), quote, o))
        pos += len(quote) + 1
    return Extraction(
        source=source,
        document=doc,
        references=refs,
        links=links,
        unresolved=data.get("unresolved", []),
    )


def write_doc(folder: Path, name: str, doc: dict, links: list | None = None) -> Path:
    path = folder / name
    path.write_text(json.dumps({"doc": doc, "links": links or []}, ensure_ascii=False), "utf-8")
    return path


def scanned_pages(pages: int) -> str:
    """What pdftotext gives of a gazette issue's scanned pages: the running header and page
    number of each page, the e-signature stamp, the signer."""
    stamp = "Ký bởi: CÔNG BÁO\nCơ quan: VĂN PHÒNG CHÍNH PHỦ\nNgày ký: 2026-05-08 16:42:19 +07:00\n"
    head = "CÔNG BÁO/Số 271/Ngày 12-05-2026 \n{}\n \n \n"
    body = "".join(head.format(86 + i) + (stamp if i == 0 else "") for i in range(pages))
    return body + "TM. CHÍNH PHỦ \nKT. THỦ TƯỚNG \nPHÓ THỦ TƯỚNG \n \nHồ Quốc Dũng \n"


def same_as_a_build(reader: ModelReader, store: OxigraphStore) -> None:
    """The reader's model, patched after writes, is what a build of the store makes now."""
    model = reader.read_model()
    assert model is not None and model.generation == store.generation
    fresh = index.build(store)
    assert model.docs == fresh.docs
    assert model.out == fresh.out and model.into == fresh.into and model.links == fresh.links
    assert model.best == fresh.best
