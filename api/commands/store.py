"""`legal-graph ingest` and `legal-graph export`: thin commands over graph.ingest and graph.export."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from api.cli import app
from graph.config import Settings
from graph.store import OxigraphStore, Store, StoreError, open_store

StoreOption = Annotated[
    str | None,
    typer.Option(
        "--store",
        help="Directory of the embedded store (default: $LEGAL_GRAPH_STORE or data/store).",
    ),
]


class ExportFormat(StrEnum):
    ttl = "ttl"
    trig = "trig"
    nq = "nq"
    jsonld = "jsonld"
    edges = "edges"
    csv = "csv"


def _open(store: str | None, read_only: bool = False) -> Store:
    try:
        return open_store(Settings.from_env().with_store(store), read_only=read_only)
    except StoreError as e:
        Console(stderr=True, soft_wrap=True).print(f"[bold red]error:[/] {e}", highlight=False)
        raise typer.Exit(2) from None


@app.command("snapshot")
def snapshot_command(
    target: Annotated[Path, typer.Argument(help="New directory for the copy (must not exist).")],
    store: StoreOption = None,
) -> None:
    """A consistent copy of the embedded store (RocksDB checkpoint: hard links where it can), to
    serve read-only elsewhere, e.g. `oxigraph serve-read-only --location TARGET`."""
    if target.exists():
        Console(stderr=True).print(f"[bold red]error:[/] {target} exists; name a new directory.",
                                   highlight=False)  # fmt: skip
        raise typer.Exit(2)
    db = _open(store, read_only=True)
    try:
        if not isinstance(db, OxigraphStore):
            raise StoreError("snapshot copies the embedded store; a remote store has its own "
                             "backups.")  # fmt: skip
        db.raw.backup(str(target))
    except (StoreError, OSError) as e:
        Console(stderr=True).print(f"[bold red]error:[/] {e}", highlight=False)
        raise typer.Exit(2) from None
    finally:
        db.close()
    Console(stderr=True).print(f"snapshot of {db.path} in {target}", highlight=False)


@app.command("ingest")
def ingest_command(
    paths: Annotated[list[str], typer.Argument(help="Files, folders (recursive) or globs.")],
    store: StoreOption = None,
    workers: Annotated[
        int | None, typer.Option("--workers", "-w", help="Worker processes (default: all cores).")
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Re-extract files whose content is unchanged.")
    ] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
    batch: Annotated[
        int,
        typer.Option(
            "--batch",
            min=1,
            help="Files per commit, at least (batches grow to half the files the store holds, "
            "within 96 MB); a crash loses at most the batch being written.",
        ),
    ] = 1000,
    log: Annotated[bool, typer.Option("--log", help="Print a line after every commit.")] = False,
    province: Annotated[
        str | None,
        typer.Option(
            "--province",
            help="Province of the registers (.csv) read, when their columns do not name one "
            "(else their folder or file name does).",
        ),
    ] = None,
) -> None:
    """Extract the links of PATH… and store them; unchanged files are skipped.

    Exit status 1 when any file failed (the others are stored), 2 when the store cannot be opened.
    """
    from graph.ingest import ingest
    from ingest.ocr import Ocr

    err = Console(stderr=True)
    committed = 0

    def log_commit(n: int) -> None:
        nonlocal committed
        committed += n
        err.print(f"committed {n} files ({committed} in all)", highlight=False)

    with _open(store) as db:
        try:
            report = ingest(
                paths,
                db,
                workers=workers,
                progress=not quiet,
                force=force,
                batch_files=batch,
                on_commit=log_commit if log else None,
                province=province,
                ocr=Ocr(max_pages=Settings.from_env().ocr_max_pages),
            )
        except StoreError as e:
            Console(stderr=True, soft_wrap=True).print(f"[bold red]error:[/] {e}", highlight=False)
            raise typer.Exit(2) from None
    report.render(Console())
    if not report.ok:
        raise typer.Exit(1)


@app.command("export")
def export_command(
    fmt: Annotated[
        ExportFormat,
        typer.Option(
            "--format",
            "-f",
            help="ttl (union of graphs), trig / nq (with named graphs), jsonld, "
            "edges (the JSONL edge contract), csv (one row per document).",
        ),
    ] = ExportFormat.trig,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="File to write (default: stdout).")
    ] = None,
    store: StoreOption = None,
) -> None:
    """Write the whole graph in one format."""
    from graph.export import documents_csv, edges_jsonl

    with _open(store, read_only=True) as db:
        if fmt is ExportFormat.edges:
            data = edges_jsonl(db).encode("utf-8")
        elif fmt is ExportFormat.csv:
            data = documents_csv(db).encode("utf-8")
        elif output is not None:  # streamed to the file, never whole in memory
            db.dump_to(fmt.value, str(output))
            Console(stderr=True).print(f"wrote {output}", highlight=False)
            return
        else:
            data = db.dump(fmt.value)
    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    else:
        output.write_bytes(data)
        Console(stderr=True).print(f"wrote {output} ({len(data)} bytes)", highlight=False)
