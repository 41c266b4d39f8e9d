"""`legal-graph status [DOC]` and `legal-graph orphans [DOC]`: thin commands over graph/status.py
and graph/orphans.py (``--json`` prints what the API returns)."""

from __future__ import annotations

from typing import Annotated

import typer
from pydantic import TypeAdapter
from rich.table import Table

from api.cli import app
from api.commands.query import JsonOption, StoreOption, _name, _print_json, _session, _short, out
from api.routes.status import status_json
from graph import query
from graph.orphans import Orphan, orphans
from graph.status import STATUSES, check_day, counts, status_of

AtOption = Annotated[
    str | None, typer.Option("--at", help="The day asked about (ISO; default today).")
]


@app.command("status")
def status_command(
    doc: Annotated[
        str | None, typer.Argument(help="A key or a reference; none: counts by type.")
    ] = None,
    at: AtOption = None,
    store: StoreOption = None,
    as_json: JsonOption = False,
) -> None:
    """Is DOC in force at a date (default today), and why: its own dates, the repeals and
    replacements in effect (with the part each touches and its quote). Without DOC: how many
    documents have each status, by type."""
    with _session(store) as db:
        day = check_day(at, "at")
        if doc is None:
            table_counts = counts(db, day)
        else:
            found = query.find(db, doc)
            st = status_of(db, found.key, day)
    if doc is None:
        if as_json:
            _print_json({"at": day, **table_counts})
            return
        for group, rows in table_counts.items():
            table = Table(title=f"Documents {group} ({'their own text' if group == 'read' else 'known from citations'}), status at {day}",
                          title_justify="left")  # fmt: skip
            table.add_column("type")
            for name in STATUSES:
                table.add_column(name, justify="right")
            for kind, row in sorted(rows.items(), key=lambda kv: -sum(kv[1].values())):
                table.add_row(kind, *(str(row[s]) for s in STATUSES))
            table.add_row("all", *(str(sum(r[s] for r in rows.values())) for s in STATUSES),
                          style="bold")  # fmt: skip
            out.print(table)
        return
    if as_json:
        _print_json(status_json(st))
        return
    out.print(f"[bold]{_name(found)}[/] ({found.key}) on {day}: [bold]{st.status}[/] — {st.reason}",
              highlight=False)  # fmt: skip
    for label, dated in (("in force from", st.since), ("last day in force", st.until)):
        if dated is not None:
            quote = f"  «{_short(dated.quote, 100)}»" if dated.quote else ""
            out.print(f"  {label}: {dated.date}{quote}", highlight=False)
    if st.stated:
        out.print(f"  its register says: {st.stated}", highlight=False)
    for title, changes in (("Ended by", st.ceased_by), ("To come", st.pending),
                           ("Amended by", st.amended_by)):  # fmt: skip
        if not changes:
            continue
        table = Table(title=title, title_justify="left")
        for col in ("relation", "by", "from", "part", "quote"):
            table.add_column(col, overflow="fold")
        for c in changes:
            table.add_row(
                c.relation, c.by, c.effective or "?", c.part or "(all)", _short(c.quote, 90)
            )
        out.print(table)


@app.command("orphans")
def orphans_command(
    doc: Annotated[
        str | None, typer.Argument(help="Only implementations of this ceased document.")
    ] = None,
    province: Annotated[
        str | None, typer.Option("--province", help="Only implementing documents of this province.")
    ] = None,
    at: AtOption = None,
    store: StoreOption = None,
    as_json: JsonOption = False,
) -> None:
    """Plans, programmes and letters implementing a document that has since ceased (wholly, or
    in the part they implement) that no later document of their issuer replaces: who must update
    what, with the chain and its quotes."""
    with _session(store) as db:
        day = check_day(at, "at")
        key = query.find(db, doc).key if doc else None
        found = orphans(db, key, province, day)
    if as_json:
        _print_json(TypeAdapter(list[Orphan]).dump_python(found, mode="json"))
        return
    out.print(f"{len(found)} orphaned implementation(s) on {day}", highlight=False)
    for o in found:
        out.print(f"[bold]{o.symbol or o.doc}[/] ({o.doc}, {o.date or 'undated'}) implements "
                  f"[bold]{o.implements_symbol or o.implements}[/] ({o.implements}), "
                  f"{o.status.status}: {o.status.reason}", highlight=False)  # fmt: skip
        part = f" (its {o.link.part})" if o.link.part else ""
        out.print(f"  implements{part}: «{_short(o.link.quote, 110)}»", highlight=False)
        for c in o.ended_by:
            out.print(f"  {c.relation} by {c.by} from {c.effective or '?'}"
                      f"{' (' + c.part + ')' if c.part else ''}: «{_short(c.quote, 110)}»",
                      highlight=False)  # fmt: skip
        if o.successors:
            out.print(f"  → {o.issuer} to update it to: {', '.join(o.successors)}", highlight=False)
