"""`legal-graph extract`: read documents, print or export their links (no store needed)."""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from api.cli import app
from ingest.extract import extract
from ingest.identity import display_symbol
from ingest.models import DocRef, ReadError, Source
from ingest.read import iter_paths, read_path


@app.command("extract")
def extract_command(
    paths: Annotated[list[str], typer.Argument(help="Files, folders (recursive) or globs.")],
    edges: Annotated[
        Path | None,
        typer.Option("--edges", help="Write one JSON object per link to this file (JSONL)."),
    ] = None,
    html: Annotated[
        Path | None,
        typer.Option("--html", help="Write a page with references and relations highlighted."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the links as JSONL.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print only errors.")] = False,
) -> None:
    """Extract every link stated by the documents at PATH….

    Unreadable files are reported by name with the reason and the batch goes on; the exit
    status is 1 when any file failed.
    """
    out = Console()
    err = Console(stderr=True)
    failed = 0
    sources: list[Source] = []
    per_relation: Counter[str] = Counter()
    n_docs = 0
    sink = edges.open("w", encoding="utf-8") if edges else None
    try:
        for path in iter_paths(paths):
            got = read_path(path)
            if isinstance(got, ReadError):
                failed += 1
                err.print(f"[bold red]error:[/] {got.path}: {got.reason}", highlight=False)
                continue
            for source in got:
                try:
                    ex = extract(source)
                except Exception as e:  # the batch boundary: one bad document must not stop it
                    failed += 1
                    where = f"{source.path} ({source.locator})" if source.locator else source.path
                    err.print(
                        f"[bold red]error:[/] {where}: extraction failed: {e!r}", highlight=False
                    )
                    continue
                n_docs += 1
                if html is not None:
                    sources.append(source)
                for link in ex.links:
                    per_relation[link.relation] += 1
                    line = json.dumps(link.as_json(), ensure_ascii=False)
                    if sink:
                        sink.write(line + "\n")
                    if as_json:
                        sys.stdout.write(line + "\n")
                if not (quiet or as_json or edges):
                    _print_links(out, ex)
    finally:
        if sink:
            sink.close()
    if html is not None and sources:
        from ingest.nlp import render_html

        html.write_text(render_html(sources), encoding="utf-8")
    if not (quiet or as_json):
        summary = ", ".join(f"{r} {n}" for r, n in per_relation.most_common())
        err.print(
            f"{n_docs} documents, {sum(per_relation.values())} links ({summary or 'none'})"
            + (f", {failed} files failed" if failed else ""),
            highlight=False,
        )
    if failed:
        raise typer.Exit(1)


def _shown(doc: DocRef) -> str | None:
    """A document as people write it: its symbol (``QĐ-TTg``, not ``QĐ-TTG``), else its title."""
    return display_symbol(doc.symbol) if doc.symbol else doc.title


def _print_links(console: Console, ex: object) -> None:
    from ingest.models import Extraction

    assert isinstance(ex, Extraction)
    me = ex.document
    name = _shown(me) or ex.source.path
    table = Table(title=f"{name}  ({ex.source.path})", title_justify="left", show_lines=False)
    table.add_column("subject")
    table.add_column("relation")
    table.add_column("object")
    table.add_column("cue")
    table.add_column("evidence", overflow="fold", max_width=70)
    for link in ex.links:
        s = "this document" if link.subject.key == me.key else (_shown(link.subject) or "?")
        o = _shown(link.object) or "?"
        table.add_row(s, link.relation, o, link.cue, link.evidence.quote[:160])
    console.print(table)
