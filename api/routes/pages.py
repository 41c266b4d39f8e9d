"""Pages for people, Vietnamese first (``?lang=en`` switches; api/i18n.py): a home page that
teaches, search with filters and paging, a document's relation diagram (graph/diagram.py), its
implementation report with CSV (graph/implementation.py), the interactive graph
(graph/viz.py), and the documents' IRIs, dereferenceable (``/eli/{key}``: this page for a
browser, Turtle or JSON-LD by content negotiation).

Templates are Jinja2 with autoescape on: every title and quote taken from a document is text,
never markup. The graph's data travels as JSON (``tojson``) and is drawn by vis-network, served
from the pyvis package itself (no CDN: the pages work offline).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import jinja2
from fastapi import APIRouter, Query, Request
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response
from fastapi.templating import Jinja2Templates

from api import i18n
from api.deps import ReaderDep, SettingsDep
from graph import diagram as lucdo
from graph import implementation as impl
from graph import query, viz, vocab
from graph.describe import describe
from graph.index import ModelReader
from graph.labels import ddmmyyyy, display_name, labels
from graph.orphans import orphans
from graph.overview import overview
from graph.query import QueryError
from graph.resolve import EmptyQuery
from graph.search import Found
from graph.search import search as find
from graph.source import source
from graph.status import status_of, statuses
from graph.store import Store, StoreError
from graph.summary import DocSummary, summaries

HERE = Path(__file__).resolve().parents[1]
templates = Jinja2Templates(
    env=jinja2.Environment(
        loader=jinja2.FileSystemLoader(HERE / "templates"),
        autoescape=True,  # titles and quotes come from documents: always text
    )
)
templates.env.filters["ddmmyyyy"] = ddmmyyyy
templates.env.filters["name"] = display_name
STATIC: dict[str, tuple[Path, str]] = {
    "pages.css": (HERE / "static" / "pages.css", "text/css"),
    "graph.js": (HERE / "static" / "graph.js", "text/javascript"),
    "vis-network.min.js": (viz.VIS_DIR / "vis-network.min.js", "text/javascript"),
    "vis-network.css": (viz.VIS_DIR / "vis-network.css", "text/css"),
}
EXAMPLES = ("Nghị quyết 57", "52-NQ/TW", "Kế hoạch 2039 Kon Tum", "Resolution 50", "2039")
MAX_KEY = 300  # characters of a key (as /api/documents/{key}): checked before anything reads it
IMPL_ROWS = 50  # documents of each level on the implementation page; "show more" quadruples it
GRAPH_NODES = 300  # a first picture; "show more" triples it, up to viz.MAX_NODES
RDF_TYPES = ("text/turtle", "application/ld+json", "application/n-triples", "application/rdf+xml")

router = APIRouter(tags=["pages"], include_in_schema=False)


def render(request: Request, name: str, ctx: dict[str, Any], status: int = 200) -> HTMLResponse:
    """A page in the request's language; a ``?lang=`` choice is kept in a cookie."""
    lang = i18n.lang_of(request)
    other = "en" if lang == "vi" else "vi"
    params = dict(request.query_params) | {"lang": other}
    page = templates.TemplateResponse(
        request, name,
        {"q": None, **ctx, "lang": lang, "t": i18n.WORDS[lang], "L": labels(lang),
         "switch_url": f"{request.url.path}?{urlencode(params, doseq=True)}", "other_lang": other},
        status_code=status,
    )  # fmt: skip
    if request.query_params.get("lang") in i18n.LANGS:
        page.set_cookie("lang", lang, max_age=365 * 86400, samesite="lax")
    return page


def error_page(request: Request, status: int, heading: str, message: str) -> HTMLResponse:
    """The page api/problems.py renders for a failure of a page route."""
    return render(
        request, "error.html", {"status": status, "heading": heading, "message": message}, status
    )


def _checked_key(key: str) -> str:
    if len(key) > MAX_KEY:
        raise QueryError(f"Parameter key: at most {MAX_KEY} characters, not {len(key):,}.", "key")
    return key


def level_colour(doc: DocSummary) -> str:
    return viz.level_colour(doc.level)


templates.env.filters["colour"] = level_colour


def building(store: Store) -> str | None:
    """While the first read model builds (graph/index.py), answers over the whole store (the
    home page's figures, filters alone) would read all of it through SPARQL for minutes: the
    page says so instead (how long the last build took, else "—"); None when it is ready."""
    if not isinstance(store, ModelReader) or store.read_model() is not None or not store.building:
        return None
    return f"{store.last_seconds:.0f} s" if store.last_seconds else "—"


def warm(reader: Store) -> None:
    """After a read model is built (graph/index.py ``ModelReader``, in its own thread): what the
    pages keep with it, computed ahead: the home page's figures, every document's status (the
    search's filter) and the implementation report of the most implemented documents (a hub
    has tens of thousands below it). Stops when the model is no longer current."""
    try:
        if reader.read_model() is None:
            return
        top = overview(reader).most_implemented
        statuses(reader)
        for doc, _ in top:
            if reader.read_model() is None:
                return
            impl.implementation(reader, doc.key)
    except StoreError:  # closed meanwhile (the app stopped)
        return


@router.get("/", response_class=HTMLResponse, name="pages_home")
def home(request: Request, store: ReaderDep) -> Response:
    wait = building(store)
    return render(request, "home.html", {"overview": None if wait else overview(store),
                                         "examples": EXAMPLES, "building": wait})  # fmt: skip


@router.get("/search", response_class=HTMLResponse, name="pages_search")
def search(
    request: Request, store: ReaderDep, q: str = "", type: str = "", issuer: str = "",
    province: str = "", year: str = "", status: str = "", page: int = Query(1, ge=1, le=1000),
) -> Response:  # fmt: skip
    lang = i18n.lang_of(request)
    wanted = {"type": type, "issuer": issuer, "province": province, "year": year, "status": status}
    wait = building(store) if not q.strip() else None
    try:
        found: Found | None = None if wait else find(store, q[:300], wanted, page)
    except EmptyQuery:
        found = None

    def page_url(n: int) -> str:
        return "?" + urlencode({"q": q, **{k: v for k, v in wanted.items() if v}, "page": n})

    return render(request, "search.html", {
        "q": q, "found": found, "error": None if found or wait else i18n.WORDS[lang]["type_something"],
        "results": [(h.doc, i18n.explain("; ".join(h.why), lang), h.cited_by, h.status)
                    for h in found.hits] if found else [],
        "understood": i18n.explain(found.understood, lang, ", ") if found and found.understood else None,
        "wanted": wanted, "page_url": page_url, "building": wait,
    })  # fmt: skip


def _stated_by(store: Store, keys: set[str]) -> dict[str, DocSummary]:
    return {d.key: d for d in summaries(store, [vocab.doc_iri(k) for k in keys]).values()}


@router.get("/doc/{key:path}", response_class=HTMLResponse, name="pages_document")
def document(request: Request, key: str, store: ReaderDep) -> Response:
    wanted = {k.removeprefix("p-"): int(v) for k, v in request.query_params.items()
              if k.startswith("p-") and v.isdigit()}  # fmt: skip
    d = lucdo.diagram(store, _checked_key(key), wanted)
    by = _stated_by(
        store, {k for g in d.groups for link in g.links for q in link.quotes for k in q.by}
    )
    rows: dict[str, dict[str, lucdo.Group]] = {}
    for g in d.groups:
        rows.setdefault(g.relation, {})["out" if g.outgoing else "in"] = g

    def page_url(group: lucdo.Group, n: int) -> str:
        params = dict(request.query_params) | {f"p-{group.id}": str(n)}
        return f"?{urlencode(params)}#{group.id}"

    st = status_of(store, d.doc.key)
    changes = [*st.ceased_by, *st.pending, *st.amended_by]
    by |= _stated_by(store, {c.by for c in changes} - set(by))
    return render(request, "document.html", {
        "doc": d.doc, "st": st, "parts_in_force": [f for f in d.in_force if f.part], "rows": list(rows.items()), "by": by, "page_url": page_url,
        "n_links": sum(g.total for g in d.groups), "colours": viz.RELATION_COLOURS,
    })  # fmt: skip


@router.get("/implementation/{key:path}", name="pages_implementation")
def implementation(request: Request, key: str, store: ReaderDep, settings: SettingsDep,
                   format: str = "html", orphans_wanted: bool = Query(False, alias="orphans"),
                   rows: int = Query(IMPL_ROWS, ge=1, le=impl.LIMIT)) -> Response:  # fmt: skip
    if format not in ("html", "csv"):
        raise QueryError(f"Unknown format {format!r}; use html or csv.", "format")
    doc = query.find(store, _checked_key(key), "key")
    report = impl.implementation(store, doc.key, budget=settings.query_timeout or None)
    if format == "csv":
        name = doc.key.replace("/", "_")
        return Response(impl.to_csv(report, i18n.lang_of(request)), media_type="text/csv; charset=utf-8",
                        headers={"Content-Disposition": f'attachment; filename="implementation_{name}.csv"'})  # fmt: skip
    groups = [(level, steps[:rows], len(steps)) for level, steps in impl.level_groups(report)]
    more = urlencode(dict(request.query_params) | {"rows": min(rows * 4, impl.LIMIT)})
    st = status_of(store, doc.key)
    # plans still carrying it out though it has ceased (whole, or the part they carry out): a
    # question that reads the whole store (seconds at 100,000 documents), so asked on request
    ceased = st.status in ("wholly_ceased", "partly_ceased")
    stale = orphans(store, doc.key) if ceased and orphans_wanted else []
    stale_docs = _stated_by(
        store, {o.doc for o in stale} | {k for o in stale for k in o.successors}
    )
    top = max((n for _, n in report.years), default=0)
    return render(request, "implementation.html", {
        "doc": report.root, "report": report, "groups": groups, "cov": report.coverage, "top_year": top,
        "missing": report.coverage.missing, "st": st, "orphans": stale, "orphan_docs": stale_docs,
        "ask_orphans": ceased and not orphans_wanted, "more_url": f"?{more}#chain" if rows < impl.LIMIT else None,
    })  # fmt: skip


@router.get("/source/{key:path}", response_class=HTMLResponse, name="pages_source")
def source_page(request: Request, key: str, store: ReaderDep) -> Response:
    return render(
        request,
        "source.html",
        {"src": source(store, _checked_key(key)), "colours": viz.RELATION_COLOURS},
    )


@router.get("/eli/{key:path}", name="pages_iri")
def dereference(request: Request, key: str, store: ReaderDep, settings: SettingsDep) -> Response:
    """A document's IRI: its page for a browser, its RDF for a client asking for it."""
    accept = request.headers.get("accept", "")
    media = next((m for m in RDF_TYPES if m in accept), None)
    if media is None:  # a browser, or a client naming no RDF type
        page = document(request, key, store)
        page.headers["Vary"] = "Accept"
        return page
    doc = query.find(store, _checked_key(key), "key")
    body = describe(store, doc.key, media, settings.iri_base)
    return Response(
        body,
        media_type=media,
        headers={
            "Vary": "Accept",
            "Link": f'<{request.url_for("pages_document", key=doc.key)}>; rel="alternate"; type="text/html"',
        },
    )


def _walk(
    store: Store, key: str, mode: str, depth: str, rel: list[str], limit: int = viz.MAX_NODES
) -> viz.Subgraph:
    _checked_key(key)
    try:
        number = int(depth)
    except ValueError:
        raise QueryError(f"Parameter depth={depth!r}: a whole number is needed.", "depth") from None
    return viz.subgraph(store, key, mode, number, rel, max_nodes=limit)


@router.get("/graph/{key:path}", response_class=HTMLResponse, name="pages_graph")
def graph(
    request: Request,
    key: str,
    store: ReaderDep,
    mode: str = "neighbourhood",
    depth: str = "2",
    rel: list[str] = Query(default=[]),  # noqa: B008
    limit: int = Query(GRAPH_NODES, ge=2, le=viz.MAX_NODES),
) -> Response:
    sub = _walk(store, key, mode, depth, rel, limit)
    lang = i18n.lang_of(request)
    t, lab = i18n.WORDS[lang], labels(lang)
    center = sub.nodes[sub.center]
    names = {iri: n.label for iri, n in sub.nodes.items()}
    return render(request, "graph.html", {
        "center": center,
        "mode": sub.mode,
        "depth": sub.depth,
        "relations": list(sub.relations),
        "modes": [(m, t["mode_" + m]) for m in viz.MODES],
        "depths": range(1, viz.MAX_DEPTH + 1),
        "relation_choices": [(r, lab.relation[r], viz.RELATION_COLOURS[r]) for r in viz.RELATIONS],
        "legend": [(lab.level.get(level, label), colour) for level, (label, colour) in viz.LEVELS.items()]
        + [(t["unknown"], viz.UNKNOWN_LEVEL[1])],
        "data": viz.vis_data(viz.to_network(sub, lang=lang)),
        "table": sorted((names[e.source], lab.relation[e.relation], names[e.target], e.source, e.target, e.relation)
                        for e in sub.edges),  # fmt: skip
        "n_nodes": len(sub.nodes),
        "n_edges": len(sub.edges),
        "truncated": sub.truncated,
        "more_url": f"{request.url.path}?{urlencode(dict(request.query_params) | {'limit': min(limit * 3, viz.MAX_NODES)})}"
        if sub.truncated and limit < viz.MAX_NODES else None,
    })  # fmt: skip


@router.get("/graph-data/{key:path}", name="pages_graph_data")
def graph_data(
    request: Request,
    key: str,
    store: ReaderDep,
    mode: str = "neighbourhood",
    depth: str = "1",
    rel: list[str] = Query(default=[]),  # noqa: B008
) -> Response:
    """The walk as vis-network data (what the graph page adds when a node is expanded)."""
    sub = _walk(store, key, mode, depth, rel)
    data = viz.vis_data(viz.to_network(sub, lang=i18n.lang_of(request)))
    return JSONResponse({"nodes": data["nodes"], "edges": data["edges"]})


@router.get("/link-quotes", name="pages_link_quotes")
def link_quotes(store: ReaderDep, subject: str, relation: str, object: str) -> Response:
    """The quotes of one link (the graph page shows them when an edge is clicked)."""
    if relation not in vocab.RELATION_IRI:
        raise QueryError(f"Unknown relation {relation!r}.", "relation")
    edge = query.Edge(subject, relation, object)
    quotes = lucdo.fold(query.evidence(store, [edge]).get(edge, []))
    return JSONResponse(
        [{"quote": q.text, "cue": q.cue, "by": q.by, "reported": q.reported} for q in quotes]
    )


@router.get("/static/pages/{name}", name="pages_static")
def static(name: str) -> Response:
    if name not in STATIC:
        return Response(f"No asset {name!r}.", status_code=404, media_type="text/plain")
    path, media = STATIC[name]
    return FileResponse(path, media_type=media, headers={"Cache-Control": "max-age=3600"})
