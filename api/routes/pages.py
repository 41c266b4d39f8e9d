"""Pages for people: search (the resolver), a document with its links and their quotes, and an
interactive graph of a document's lineage, impact or neighbourhood (graph/viz.py).

Templates are Jinja2 with autoescape on: every title and quote taken from a document is text,
never markup. The graph's data travels as JSON (``tojson``) and is drawn by vis-network, served
from the pyvis package itself (no CDN: the pages work offline).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jinja2
from fastapi import APIRouter, Query, Request
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response
from fastapi.templating import Jinja2Templates

from api.deps import ReaderDep
from graph import query, viz, vocab
from graph.query import QueryError
from graph.resolve import EmptyQuery, resolve
from graph.store import Store, StoreError
from graph.summary import DocSummary, summaries

HERE = Path(__file__).resolve().parents[1]
templates = Jinja2Templates(
    env=jinja2.Environment(
        loader=jinja2.FileSystemLoader(HERE / "templates"),
        autoescape=True,  # titles and quotes come from documents: always text
    )
)
STATIC: dict[str, tuple[Path, str]] = {
    "pages.css": (HERE / "static" / "pages.css", "text/css"),
    "graph.js": (HERE / "static" / "graph.js", "text/javascript"),
    "vis-network.min.js": (viz.VIS_DIR / "vis-network.min.js", "text/javascript"),
    "vis-network.css": (viz.VIS_DIR / "vis-network.css", "text/css"),
}
MODE_TEXT = {
    "impact": "What carries it out (impact)",
    "lineage": "What it carries out (lineage)",
    "neighbourhood": "Both (neighbourhood)",
}
MAX_KEY = 300  # characters of a key (as /api/documents/{key}): checked before anything reads it
SECTIONS = (
    ("outgoing", True, "What this document implements, rests on or cites"),
    ("incoming", False, "Documents that refer to this one"),
)


router = APIRouter(tags=["pages"], include_in_schema=False)


def error_page(request: Request, status: int, heading: str, message: str) -> HTMLResponse:
    """The page api/problems.py renders for a failure of a page route."""
    return templates.TemplateResponse(
        request,
        "error.html",
        {"status": status, "heading": heading, "message": message, "q": None},
        status_code=status,
    )


def _checked_key(key: str) -> str:
    if len(key) > MAX_KEY:
        raise QueryError(f"Parameter key: at most {MAX_KEY} characters, not {len(key):,}.", "key")
    return key


def _walk(store: Store, key: str, mode: str, depth: str, rel: list[str]) -> viz.Subgraph:
    _checked_key(key)
    try:
        number = int(depth)
    except ValueError:
        raise QueryError(f"Parameter depth={depth!r}: a whole number is needed.", "depth") from None
    return viz.subgraph(store, key, mode, number, rel)


def _node(doc: DocSummary) -> viz.NodeInfo:
    return viz.from_summary(doc)


@router.get("/", response_class=HTMLResponse, name="pages_home")
def home(request: Request) -> Response:
    return templates.TemplateResponse(request, "search.html", {"q": None})


@router.get("/search", response_class=HTMLResponse, name="pages_search")
def search(request: Request, store: ReaderDep, q: str = "") -> Response:
    text = q.strip()[:300]
    error = understood = None
    ambiguous = False
    found: list[tuple[viz.NodeInfo, str]] = []
    try:
        res = resolve(store, text)
        understood, ambiguous = res.understood, res.ambiguous
        found = [(viz.from_summary(c.doc, c.cited_by), "; ".join(c.why)) for c in res.candidates]
        if not found:  # the resolver wants a symbol, a number or title words: try a plain match
            found = [(n, "contains what you typed") for n in viz.find_documents(store, text)]
    except EmptyQuery:
        error = "Type a symbol, a number or words of a title."
    except StoreError as e:
        error = str(e)
    results = [
        {"node": n, "colour": viz.level_colour(n.level), "level_label": viz.level_label(n.level), "note": why}
        for n, why in found
    ]
    return templates.TemplateResponse(
        request,
        "search.html",
        {"q": q, "results": results, "error": error, "understood": understood, "ambiguous": ambiguous},
    )


def _sections(store: Store, view: query.DocumentView) -> list[dict[str, Any]]:
    """Links grouped by direction then relation, each with its quotes and who states them."""
    asserting = {ev.asserted_in for side in (view.outgoing, view.incoming)
                 for links in side.values() for link in links for ev in link.evidence}  # fmt: skip
    by = {d.key: _node(d) for d in summaries(store, [vocab.doc_iri(k) for k in asserting]).values()}
    out = []
    for section_id, outgoing, heading in SECTIONS:
        side = view.outgoing if outgoing else view.incoming
        groups = [
            {
                "label": rel.replace("_", " "),
                "colour": viz.RELATION_COLOURS.get(rel, "#999"),
                "links": [
                    {
                        "other": _node(link.doc),
                        "evidence": [
                            {"quote": ev.quote, "by": by.get(ev.asserted_in), "reported": ev.reported,
                             "cue": ev.cue}  # fmt: skip
                            for ev in link.evidence
                        ],
                    }
                    for link in sorted(side[rel], key=lambda link: link.doc.label)
                ],
            }
            for rel in viz.RELATIONS
            if side.get(rel)
        ]
        out.append({"id": section_id, "heading": heading, "groups": groups})
    return out


@router.get("/doc/{key:path}", response_class=HTMLResponse, name="pages_document")
def document(request: Request, key: str, store: ReaderDep) -> Response:
    view = query.document(store, _checked_key(key))
    doc = _node(view.doc)
    extras = [(f"Other {name}s stated", "; ".join(v for v in values if v != getattr(view.doc, name, None)))
              for name, values in view.variants.items() if len(values) > 1]  # fmt: skip
    if view.aliases:
        extras.append(("Mentions that may be this document", ", ".join(view.aliases)))
    if view.doc.file:
        extras.append(("Source file", view.doc.file))
    return templates.TemplateResponse(
        request,
        "document.html",
        {
            "q": None,
            "doc": doc,
            "colour": viz.level_colour(doc.level),
            "level_label": viz.level_label(doc.level),
            "extras": extras,
            "sections": _sections(store, view),
        },
    )


@router.get("/graph/{key:path}", response_class=HTMLResponse, name="pages_graph")
def graph(
    request: Request,
    key: str,
    store: ReaderDep,
    mode: str = "neighbourhood",
    depth: str = "2",
    rel: list[str] = Query(default=[]),  # noqa: B008
) -> Response:
    sub = _walk(store, key, mode, depth, rel)
    center = sub.nodes[sub.center]
    return templates.TemplateResponse(
        request,
        "graph.html",
        {
            "q": None,
            "center": center,
            "mode": sub.mode,
            "depth": sub.depth,
            "relations": list(sub.relations),
            "modes": list(MODE_TEXT.items()),
            "depths": range(1, viz.MAX_DEPTH + 1),
            "relation_choices": [
                (r, r.replace("_", " "), viz.RELATION_COLOURS[r]) for r in viz.RELATIONS
            ],
            "legend": viz.legend(),
            "data": viz.vis_data(viz.to_network(sub)),
            "n_nodes": len(sub.nodes),
            "n_edges": len(sub.edges),
            "truncated": sub.truncated,
        },
    )


@router.get("/graph-data/{key:path}", name="pages_graph_data")
def graph_data(
    key: str,
    store: ReaderDep,
    mode: str = "neighbourhood",
    depth: str = "1",
    rel: list[str] = Query(default=[]),  # noqa: B008
) -> Response:
    """The walk as vis-network data (what the graph page adds when a node is expanded)."""
    sub = _walk(store, key, mode, depth, rel)
    data = viz.vis_data(viz.to_network(sub))
    return JSONResponse({"nodes": data["nodes"], "edges": data["edges"]})


@router.get("/static/pages/{name}", name="pages_static")
def static(name: str) -> Response:
    if name not in STATIC:
        return Response(f"No asset {name!r}.", status_code=404, media_type="text/plain")
    path, media = STATIC[name]
    return FileResponse(path, media_type=media, headers={"Cache-Control": "max-age=3600"})
