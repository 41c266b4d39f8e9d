"""Pages for people: search (the resolver), a document with its links and their quotes, and an
interactive graph of a document's lineage, impact or neighbourhood (graph/viz.py).

Templates are Jinja2 with autoescape on: every title and quote taken from a document is text,
never markup. The graph's data travels as JSON (``tojson``) and is drawn by vis-network, served
from the pyvis package itself (no CDN: the pages work offline).
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Annotated, Any

import jinja2
from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response
from fastapi.templating import Jinja2Templates

from graph import viz, vocab
from graph.resolve import EmptyQuery, resolve
from graph.store import Store, StoreError

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
    "impact": "What implements or cites it",
    "lineage": "What it implements or rests on",
    "neighbourhood": "Both (neighbourhood)",
}
SECTIONS = (
    ("outgoing", True, "What this document implements, rests on or cites"),
    ("incoming", False, "Documents that refer to this one"),
)



def _store(request: Request) -> Store:  # until api/deps.py lands
    return request.app.state.store  # type: ignore[no-any-return]


StoreDep = Annotated[Store, Depends(_store)]

router = APIRouter(tags=["pages"], include_in_schema=False)


class PageError(Exception):
    """A request the pages cannot answer, with the HTTP status and a sentence for the reader."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def _error(request: Request, err: PageError) -> HTMLResponse:
    heading = {404: "Not found", 400: "Bad request"}.get(err.status, "Something went wrong")
    return templates.TemplateResponse(
        request,
        "error.html",
        {"status": err.status, "heading": heading, "message": err.message, "q": None},
        status_code=err.status,
    )


def _document(store: Store, key: str) -> viz.NodeInfo:
    iri = vocab.doc_iri(key)
    found = viz.node_info(store, [iri]).get(iri)
    if found is None or not store.ask(vocab.PREFIXES + f"ASK {{ <{iri}> a lg:Document }}"):
        raise PageError(404, f"No document with the key {key!r} in the graph.")
    return found


def _walk_params(mode: str, depth: str, rel: list[str]) -> tuple[str, int, tuple[str, ...]]:
    """Check the graph page's parameters, naming the one that is wrong."""
    if mode not in viz.MODES:
        raise PageError(400, f"Parameter mode={mode!r}: use one of {', '.join(viz.MODES)}.")
    try:
        d = int(depth)
    except ValueError:
        raise PageError(400, f"Parameter depth={depth!r}: a whole number is needed.") from None
    if not 0 <= d <= viz.MAX_DEPTH:
        raise PageError(400, f"Parameter depth={d}: use 0 to {viz.MAX_DEPTH}.")
    unknown = [r for r in rel if r not in viz.RELATIONS]
    if unknown:
        raise PageError(
            400, f"Parameter rel={unknown[0]!r}: use one of {', '.join(viz.RELATIONS)}."
        )
    return mode, d, tuple(rel) or viz.RELATIONS


@router.get("/", response_class=HTMLResponse, name="pages_home")
def home(request: Request, store: StoreDep) -> Response:
    rows = store.select(
        vocab.PREFIXES + "SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d a lg:Document }"
    )
    stats = {"documents": rows[0].get("n", 0) if rows else 0}
    links = store.select(
        "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o "
        f"VALUES ?p {{ {' '.join(f'<{p}>' for p in vocab.RELATION_IRI.values())} }} }} }}"
    )
    stats["links"] = links[0].get("n", 0) if links else 0
    return templates.TemplateResponse(request, "search.html", {"q": None, "stats": stats})


@router.get("/search", response_class=HTMLResponse, name="pages_search")
def search(
    request: Request, store: StoreDep, q: str = Query("", max_length=300)
) -> Response:
    text = q.strip()
    results: list[dict[str, Any]] = []
    error = understood = None
    ambiguous = False
    try:
        res = resolve(store, text)
        understood, ambiguous = res.understood, res.ambiguous
        found = [(viz.from_summary(c.doc, c.cited_by), "; ".join(c.why)) for c in res.candidates]
        if not found:  # the resolver wants a symbol, a number or title words: try a plain match
            found = [(n, "contains what you typed") for n in viz.find_documents(store, text)]
    except EmptyQuery:
        found, error = [], "Type a symbol, a number or words of a title."
    except StoreError as e:
        found, error = [], str(e)
    results = [
        {"node": n, "colour": viz.level_colour(n.level), "level_label": viz.level_label(n.level), "note": why}
        for n, why in found
    ]
    return templates.TemplateResponse(
        request,
        "search.html",
        {"q": q, "results": results, "error": error, "understood": understood, "ambiguous": ambiguous},
    )


def _sections(links: list[viz.LinkView]) -> list[dict[str, Any]]:
    """Links grouped by direction, then relation, then the other document, quotes gathered."""
    out = []
    for section_id, outgoing, heading in SECTIONS:
        by_rel: dict[str, dict[str, dict[str, Any]]] = defaultdict(dict)
        for link in links:
            if link.outgoing != outgoing:
                continue
            entry: dict[str, Any] = by_rel[link.relation].setdefault(
                link.other.iri, {"other": link.other, "evidence": []}
            )
            if link.quote is not None:
                ev = {"quote": link.quote, "by": link.asserted_in, "reported": link.reported}
                if ev not in entry["evidence"]:
                    entry["evidence"].append(ev)
        groups: list[dict[str, Any]] = [
            {
                "label": rel.replace("_", " "),
                "colour": viz.RELATION_COLOURS.get(rel, "#999"),
                "links": sorted(by_rel[rel].values(), key=lambda e: e["other"].label),
            }
            for rel in viz.RELATIONS
            if rel in by_rel
        ]
        out.append({"id": section_id, "heading": heading, "groups": groups})
    return out


@router.get("/doc/{key:path}", response_class=HTMLResponse, name="pages_document")
def document(request: Request, key: str, store: StoreDep) -> Response:
    try:
        doc = _document(store, key)
    except PageError as e:
        return _error(request, e)
    return templates.TemplateResponse(
        request,
        "document.html",
        {
            "q": None,
            "doc": doc,
            "colour": viz.level_colour(doc.level),
            "level_label": viz.level_label(doc.level),
            "extras": [],
            "sections": _sections(viz.document_links(store, doc.iri)),
        },
    )


@router.get("/graph/{key:path}", response_class=HTMLResponse, name="pages_graph")
def graph(
    request: Request,
    key: str,
    store: StoreDep,
    mode: str = "neighbourhood",
    depth: str = "2",
    rel: list[str] = Query(default=[]),  # noqa: B008
) -> Response:
    try:
        center = _document(store, key)
        m, d, rels = _walk_params(mode, depth, rel)
    except PageError as e:
        return _error(request, e)
    sub = viz.subgraph(store, center.iri, m, d, rels)
    data = viz.vis_data(viz.to_network(sub))
    return templates.TemplateResponse(
        request,
        "graph.html",
        {
            "q": None,
            "center": center,
            "mode": m,
            "depth": d,
            "relations": list(rels),
            "modes": list(MODE_TEXT.items()),
            "depths": range(1, viz.MAX_DEPTH + 1),
            "relation_choices": [
                (r, r.replace("_", " "), viz.RELATION_COLOURS[r]) for r in viz.RELATIONS
            ],
            "legend": viz.legend(),
            "data": data,
            "n_nodes": len(sub.nodes),
            "n_edges": len(sub.edges),
            "truncated": sub.truncated,
        },
    )


@router.get("/graph-data/{key:path}", name="pages_graph_data")
def graph_data(
    key: str,
    store: StoreDep,
    mode: str = "neighbourhood",
    depth: str = "1",
    rel: list[str] = Query(default=[]),  # noqa: B008
) -> Response:
    """The walk as vis-network data (what the graph page adds when a node is expanded)."""
    try:
        center = _document(store, key)
        m, d, rels = _walk_params(mode, depth, rel)
    except PageError as e:
        return JSONResponse({"detail": e.message}, status_code=e.status)
    data = viz.vis_data(viz.to_network(viz.subgraph(store, center.iri, m, d, rels)))
    return JSONResponse({"nodes": data["nodes"], "edges": data["edges"]})


@router.get("/static/pages/{name}", name="pages_static")
def static(name: str) -> Response:
    if name not in STATIC:
        return Response(f"No asset {name!r}.", status_code=404, media_type="text/plain")
    path, media = STATIC[name]
    return FileResponse(path, media_type=media, headers={"Cache-Control": "max-age=3600"})
