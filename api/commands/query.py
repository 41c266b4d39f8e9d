"""`legal-graph resolve|show|lineage|impact|path|coverage|timeline`, `serve` and `demo`.

Thin commands over graph/query.py and graph/resolve.py: rich tables for people, ``--json`` for
programs (the same JSON the HTTP API returns). A DOC argument is a key or what people type
("57-NQ/TW", "Nghị quyết 57"); when several documents fit, the candidates are listed and the
command exits with status 2 rather than guessing.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table
from rich.tree import Tree

from api.cli import app
from api.schemas import (
    CandidateOut,
    CoverageOut,
    DocumentOut,
    PathsOut,
    TimelineEntryOut,
    TraversalOut,
    dump,
)
from graph import query
from graph.config import Settings
from graph.query import AmbiguousDocument, DocumentNotFound, QueryError
from graph.resolve import Candidate, EmptyQuery, resolve
from graph.store import Store, StoreError, open_store
from graph.summary import DocSummary

SAMPLES = Path(__file__).resolve().parents[2] / "samples"

out = Console(soft_wrap=False)
err = Console(stderr=True)

StoreOption = Annotated[
    str | None,
    typer.Option("--store", help="Directory of the embedded store (default: $LEGAL_GRAPH_STORE "
                 "or data/store)."),
]  # fmt: skip
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON (as the HTTP API returns).")]
DocArg = Annotated[str, typer.Argument(help="A key or a reference: 57-NQ/TW, 'Nghị quyết 57' …")]
RelOption = Annotated[
    list[str] | None,
    typer.Option("--relation", "-r", help="Relation to follow (repeatable); default: "
                 + ", ".join(query.STRUCTURAL)),
]  # fmt: skip
DepthOption = Annotated[int | None, typer.Option("--depth", "-d", help="Maximum depth.", min=1)]


_OPTION = {"date_from": "--from", "date_to": "--to", "doc": "DOC", "key": "DOC", "source": "SOURCE",
           "target": "TARGET", "q": "TEXT"}  # fmt: skip


def _fail(message: str, code: int = 1) -> typer.Exit:
    err.print(f"[bold red]error:[/] {message}", highlight=False)
    return typer.Exit(code)


@contextmanager
def _session(store: str | None) -> Iterator[Store]:
    """The store opened read-only, and every error a user can cause as a message."""
    try:
        db = open_store(Settings.from_env().with_store(store), read_only=True)
    except StoreError as e:
        raise _fail(str(e), 2) from None
    try:
        yield db
    except AmbiguousDocument as e:
        _candidates(e.candidates, err, f"{e.ref!r} fits several documents; use a key:")
        raise typer.Exit(2) from None
    except DocumentNotFound as e:
        if e.suggestions:
            _candidates(e.suggestions, err, f"No document matches {e.ref!r}. Closest:")
            raise typer.Exit(1) from None
        raise _fail(f"No document matches {e.ref!r}.") from None
    except (QueryError, EmptyQuery) as e:
        param = getattr(e, "param", None)
        option = _OPTION.get(param or "", "--" + (param or "").replace("_", "-"))
        raise _fail(f"{option + ': ' if param else ''}{e}", 2) from None
    except StoreError as e:
        raise _fail(str(e), 2) from None
    finally:
        db.close()


def _print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def _name(d: DocSummary) -> str:
    """The symbol, else what kind of document and from where (drafts have no number)."""
    if d.symbol:
        return d.symbol
    kind = d.type_name or d.type or "document"
    where = d.jurisdiction_name if d.jurisdiction not in (None, "vn") else d.issuer
    return f"{kind} ({where})" if where else kind


def _short(text: str | None, n: int = 70) -> str:
    if not text:
        return ""
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def _candidates(cands: list[Candidate], console: Console, heading: str) -> None:
    table = Table(title=heading, title_justify="left", show_lines=False)
    widest = max((len(c.doc.key) for c in cands), default=10)
    for col in ("key", "symbol", "date", "title", "why (score)"):
        # keys stay whole (copyable) up to a point, long law-name keys fold
        table.add_column(col, overflow="fold", min_width=min(widest, 24) if col == "key" else None)
    for c in cands:
        d = c.doc
        table.add_row(d.key, d.symbol or "", d.date or "", _short(d.title, 50),
                      f"{'; '.join(c.why)} ({c.score:.0f})")  # fmt: skip
    console.print(table)


@app.command("resolve")
def resolve_command(
    text: Annotated[str, typer.Argument(help="What you would type: 'Resolution 57', '57-NQ/TW'…")],
    limit: Annotated[int, typer.Option("--limit", "-n", min=1)] = 10,
    store: StoreOption = None,
    as_json: JsonOption = False,
) -> None:
    """Ranked documents TEXT may name, each with why it matched (several when ambiguous)."""
    with _session(store) as db:
        res = resolve(db, text, limit=limit)
    if as_json:
        best = res.best
        _print_json({"query": res.query, "understood": res.understood, "ambiguous": res.ambiguous,
                     "best": best.key if best else None,
                     "candidates": [CandidateOut.of(c).model_dump(mode="json")
                                    for c in res.candidates]})  # fmt: skip
        return
    if not res.candidates:
        raise _fail(f"Nothing matches {text!r} (read as: {res.understood}).")
    verdict = "several fit (ambiguous)" if res.ambiguous else f"→ {res.candidates[0].doc.key}"
    _candidates(res.candidates, out, f"{text!r} read as {res.understood}: {verdict}")


@app.command("show")
def show_command(doc: DocArg, store: StoreOption = None, as_json: JsonOption = False) -> None:
    """A document: its metadata and its links out and in, each with the quote that states it."""
    with _session(store) as db:
        view = query.document(db, query.find(db, doc).key)
    if as_json:
        _print_json(dump(DocumentOut, view))
        return
    d = view.doc
    meta = Table.grid(padding=(0, 2))
    meta.add_column(style="bold")
    meta.add_column()
    for label, value in (
        ("key", d.key), ("symbol", d.symbol), ("type", d.type_name or d.type), ("date", d.date),
        ("issuer", d.issuer), ("jurisdiction", d.jurisdiction_name), ("title", d.title),
        ("file", d.file or "(not read: known from mentions)"),
        ("aliases", ", ".join(view.aliases)),
    ):  # fmt: skip
        if value:
            meta.add_row(label, str(value))
    out.print(meta)
    for heading, groups, arrow in (
        ("Links out", view.outgoing, "→"),
        ("Links in", view.incoming, "←"),
    ):
        if not groups:
            continue
        table = Table(title=heading, title_justify="left")
        for col in ("relation", "document", "date", "quote", "stated in"):
            table.add_column(col, overflow="fold")
        for rel, links in groups.items():
            for link in links:
                ev = link.evidence[0] if link.evidence else None
                table.add_row(f"{arrow} {rel}", f"{_name(link.doc)}\n[dim]{link.doc.key}[/]",
                              link.doc.date or "", _short(ev.quote if ev else "", 80),
                              (ev.asserted_in + (" (reported)" if ev.reported else "")) if ev
                              else "")  # fmt: skip
        out.print(table)


def _traversal(direction: str, doc: str, relation: list[str] | None, depth: int | None,
               issuer: str | None, type_: str | None, province: str | None,
               date_from: str | None, date_to: str | None, limit: int, flat: bool,
               store: str | None, as_json: bool) -> None:  # fmt: skip
    with _session(store) as db:
        root = query.find(db, doc)
        filters = query.Filters(issuer, type_, province, date_from, date_to)
        t = query.traverse(db, root.key, direction, relations=relation, max_depth=depth,
                           filters=filters, limit=limit)  # fmt: skip
    if as_json:
        _print_json(dump(TraversalOut, t))
        return
    title = (f"{direction} of {_name(t.root)} ({t.root.key}): {t.total} document(s)"
             f"{', first ' + str(len(t.nodes)) if t.truncated else ''}, depth {t.depth_reached}")  # fmt: skip
    if flat:
        table = Table(title=title, title_justify="left")
        for col in ("depth", "document", "date", "relation", "path", "quote"):
            table.add_column(col, overflow="fold")
        for n in t.nodes:
            table.add_row(str(n.depth), f"{_name(n.doc)}\n[dim]{n.doc.key}[/]", n.doc.date or "",
                          n.relation, " → ".join(n.path[1:-1]) or "(direct)",
                          _short(n.evidence.quote if n.evidence else "", 60))  # fmt: skip
        out.print(table)
        return
    tree = Tree(f"[bold]{_name(t.root)}[/] {t.root.date or ''} [dim]{t.root.key}[/]")

    def add(branch: Tree, node: query.TreeNode) -> None:
        for c in node.children:
            style = "" if c.matched else "dim"
            sub = branch.add(f"[{style or 'none'}]{c.relation} → [bold]{_name(c.doc)}[/] "
                             f"{c.doc.date or ''} [dim]{c.doc.key}[/][/]")  # fmt: skip
            add(sub, c)

    add(tree, t.tree)
    out.print(title, highlight=False)
    out.print(tree)


_FilterIssuer = Annotated[str | None, typer.Option("--issuer", help="Issuer code or name part.")]
_FilterType = Annotated[str | None, typer.Option("--type", help="Type abbreviation (NQ, KH …).")]
_FilterProvince = Annotated[
    str | None, typer.Option("--province", help="Province (a 2025 one includes merged ones).")
]
_From = Annotated[str | None, typer.Option("--from", help="Listed from this ISO date.")]
_To = Annotated[str | None, typer.Option("--to", help="Listed up to this ISO date.")]
_Limit = Annotated[int, typer.Option("--limit", "-n", min=1, help="Documents listed at most.")]
_Flat = Annotated[bool, typer.Option("--flat", help="A table with depth and path, not a tree.")]


@app.command("lineage")
def lineage_command(
    doc: DocArg, relation: RelOption = None, depth: DepthOption = None,
    issuer: _FilterIssuer = None, type_: _FilterType = None, province: _FilterProvince = None,
    date_from: _From = None, date_to: _To = None, limit: _Limit = 100, flat: _Flat = False,
    store: StoreOption = None, as_json: JsonOption = False,
) -> None:  # fmt: skip
    """What DOC carries out, transitively up to the roots (implements, based on …)."""
    _traversal("lineage", doc, relation, depth, issuer, type_, province, date_from, date_to,
               limit, flat, store, as_json)  # fmt: skip


@app.command("impact")
def impact_command(
    doc: DocArg, relation: RelOption = None, depth: DepthOption = None,
    issuer: _FilterIssuer = None, type_: _FilterType = None, province: _FilterProvince = None,
    date_from: _From = None, date_to: _To = None, limit: _Limit = 100, flat: _Flat = False,
    store: StoreOption = None, as_json: JsonOption = False,
) -> None:  # fmt: skip
    """What carries DOC out, transitively ("what implements Resolution 57?":
    `legal-graph impact 57-NQ/TW -r implements`)."""
    _traversal("impact", doc, relation, depth, issuer, type_, province, date_from, date_to,
               limit, flat, store, as_json)  # fmt: skip


@app.command("path")
def path_command(
    source: Annotated[str, typer.Argument(help="From this document.")],
    target: Annotated[str, typer.Argument(help="To this document.")],
    relation: Annotated[list[str] | None, typer.Option("--relation", "-r")] = None,
    max_depth: Annotated[int, typer.Option("--max-depth", min=1)] = 6,
    limit: _Limit = 10,
    store: StoreOption = None,
    as_json: JsonOption = False,
) -> None:
    """How SOURCE and TARGET are connected: paths along the links, shortest first."""
    with _session(store) as db:
        s, t = query.find(db, source, "source"), query.find(db, target, "target")
        res = query.paths(db, s.key, t.key, relations=relation, max_depth=max_depth, limit=limit)
    if as_json:
        _print_json(dump(PathsOut, res))
        return
    if not res.paths:
        raise _fail(f"No path of at most {max_depth} links between {s.key} and {t.key}.")
    kind = "following the links" if res.directed else "ignoring the links' direction"
    out.print(f"{len(res.paths)} path(s) {kind}:", highlight=False)
    for p in res.paths:
        cur = p[0].subject if p[0].forward else p[0].object
        text = _name(res.documents[cur]) if cur in res.documents else cur
        for st in p:
            nxt = st.object if st.forward else st.subject
            arrow = f" —{st.relation}→ " if st.forward else f" ←{st.relation}— "
            text += arrow + (_name(res.documents[nxt]) if nxt in res.documents else nxt)
        out.print("  " + text, highlight=False)


@app.command("coverage")
def coverage_command(
    doc: DocArg, relation: RelOption = None, depth: DepthOption = None,
    store: StoreOption = None, as_json: JsonOption = False,
) -> None:  # fmt: skip
    """Which of the 34 provinces carried DOC out, when, how long after; which have not."""
    with _session(store) as db:
        cov = query.coverage(db, query.find(db, doc).key, relations=relation, max_depth=depth)
    if as_json:
        _print_json(dump(CoverageOut, cov))
        return
    table = Table(title=f"Provinces carrying out {_name(cov.root)} ({cov.root.date or 'undated'}): "
                  f"{len(cov.covered)} of 34", title_justify="left")  # fmt: skip
    for col in ("province", "first document", "date", "lag (days)", "documents"):
        table.add_column(col, overflow="fold")
    for c in cov.covered:
        table.add_row(c.province, f"{_name(c.first)}\n[dim]{c.first.key}[/]", c.first_date or "",
                      "" if c.lag_days is None else str(c.lag_days), str(len(c.documents)))  # fmt: skip
    out.print(table)
    out.print(f"[bold]No document yet ({len(cov.missing)}):[/] " + ", ".join(cov.missing))
    out.print(f"Central bodies' documents carrying it out: {cov.central}", highlight=False)


@app.command("timeline")
def timeline_command(
    doc: DocArg, relation: RelOption = None, depth: DepthOption = None,
    direction: Annotated[str, typer.Option("--direction", help="lineage, impact or both")] = "both",
    limit: _Limit = 500, store: StoreOption = None, as_json: JsonOption = False,
) -> None:  # fmt: skip
    """DOC with its lineage and impact in date order."""
    with _session(store) as db:
        entries = query.timeline(db, query.find(db, doc).key, relations=relation,
                                 max_depth=depth, direction=direction, limit=limit)  # fmt: skip
    if as_json:
        _print_json([dump(TimelineEntryOut, e) for e in entries])
        return
    table = Table(title=f"Timeline of {doc}", title_justify="left")
    for col in ("date", "depth", "document", "relation", "title"):
        table.add_column(col, overflow="fold")
    for e in entries:
        table.add_row(e.date or "?", str(e.depth), f"{_name(e.doc)}\n[dim]{e.doc.key}[/]",
                      e.relation or "", _short(e.doc.title, 60))  # fmt: skip
    out.print(table)


# ---------------------------------------------------------------------------------------------
# Serving

HostOption = Annotated[str, typer.Option("--host", help="Interface to listen on.")]
PortOption = Annotated[int, typer.Option("--port", help="TCP port.", min=1, max=65535)]


def _check_address(host: str, port: int) -> None:
    """Fail with a message, before anything is ingested or "serving on" is printed, when the
    address cannot be listened on (uvicorn would only log it after that line)."""
    import socket

    try:
        family, kind, _, _, address = socket.getaddrinfo(
            host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
        )[0]
        with socket.socket(family, kind) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn binds
            probe.bind(address)
    except OSError as e:
        raise _fail(
            f"cannot listen on {host}:{port}: {e.strerror or e}. Is another server "
            "using it? Choose another port: --port 8765 (make run PORT=8765).",
            2,
        ) from None


def _serve(settings: Settings, store: Store | None, host: str, port: int,
           watch: str | None = None) -> None:  # fmt: skip
    import uvicorn

    from api.app import create_app

    err.print(f"serving on http://{host}:{port}/  (API docs: http://{host}:{port}/docs)",
              highlight=False)  # fmt: skip
    hosts = settings.hosts
    if host not in hosts and "*" not in hosts:  # e.g. --host 0.0.0.0: say who is answered
        err.print(f"answering the host names {', '.join(hosts)} only: set "
                  "LEGAL_GRAPH_ALLOWED_HOSTS to the names clients use", highlight=False)  # fmt: skip
    # plain uvicorn (uvloop and httptools when installed: dependencies); a log line per request
    # only when asked for (LEGAL_GRAPH_ACCESS_LOG)
    uvicorn.run(create_app(settings, store=store, watch=watch), host=host, port=port,
                log_level="info" if settings.access_log else "warning",
                access_log=settings.access_log)  # fmt: skip


@app.command("serve")
def serve_command(
    host: HostOption = "127.0.0.1", port: PortOption = 8000, store: StoreOption = None,
    watch: Annotated[Path | None, typer.Option(
        "--watch", help="Store this folder's files while serving: new, changed and deleted "
        "ones (graph/live.py).", exists=True, file_okay=False)] = None,
) -> None:  # fmt: skip
    """Serve the HTTP API (and the pages and SPARQL endpoint) over the store."""
    _check_address(host, port)
    settings = Settings.from_env().with_store(store)
    if not settings.remote and not Path(settings.store_path).is_dir():
        raise _fail(f"No store at {settings.store_path}: run `legal-graph ingest` or "
                    "`legal-graph demo` first.", 2)  # fmt: skip
    try:
        db = open_store(settings)
    except StoreError as e:
        raise _fail(str(e), 2) from None
    try:
        _serve(settings, db, host, port, str(watch) if watch else None)
    finally:
        db.close()


@app.command("demo")
def demo_command(
    host: HostOption = "127.0.0.1",
    port: PortOption = 8000,
    store: StoreOption = None,
    serve: Annotated[
        bool, typer.Option("--serve/--no-serve", help="Serve after ingesting.")
    ] = True,
) -> None:
    """Ingest the bundled samples/ into the store, show what implements Resolution 57, serve."""
    from graph.ingest import ingest

    if serve:
        _check_address(host, port)
    settings = Settings.from_env().with_store(store)
    files = sorted(str(p) for p in SAMPLES.glob("*.txt"))
    if not files:
        raise _fail(f"No sample documents in {SAMPLES}.", 2)
    try:
        db = open_store(settings)
    except StoreError as e:
        raise _fail(str(e), 2) from None
    try:
        report = ingest(files, db, progress=False)
        report.render(err)
        t = query.traverse(db, query.find(db, "57-NQ/TW").key, "impact", relations=["implements"])
        err.print(
            "What implements 57-NQ/TW: "
            + ", ".join(f"{_name(n.doc)} ({n.doc.key})" for n in t.nodes),
            highlight=False,
        )
        if serve:
            err.print(
                "Try: /api/impact?doc=57-NQ/TW&relation=implements · "
                "/api/lineage?doc=2039/KH-UBND · /api/coverage?doc=52-NQ/TW",
                highlight=False,
            )
            _serve(settings, db, host, port)
    except QueryError as e:
        raise _fail(str(e)) from None
    finally:
        db.close()
