"""`legal-graph synth N OUT_DIR`: write a synthetic corpus and the edges it planted."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from api.cli import app


@app.command("synth")
def synth_command(
    n: Annotated[int, typer.Argument(help="Number of documents to write (at least 1).")],
    out_dir: Annotated[Path, typer.Argument(help="Folder to write into (created if absent).")],
    seed: Annotated[int, typer.Option("--seed", help="Random seed; same seed, same corpus.")] = 0,
) -> None:
    """Write N synthetic documents (.txt) with a realistic citation structure, and
    OUT_DIR/truth.jsonl: the edges each text states, in the gold format of the scorer."""
    from ingest.synth import generate

    err = Console(stderr=True)
    if n < 1:
        err.print(f"[bold red]error:[/] N must be at least 1, got {n}", highlight=False)
        raise typer.Exit(2)
    if out_dir.exists() and not out_dir.is_dir():
        err.print(
            f"[bold red]error:[/] OUT_DIR {out_dir} exists and is not a folder", highlight=False
        )
        raise typer.Exit(2)
    t0 = time.perf_counter()
    try:
        report = generate(n, out_dir, seed=seed)
    except OSError as e:
        err.print(f"[bold red]error:[/] cannot write to {out_dir}: {e.strerror}", highlight=False)
        raise typer.Exit(2) from None
    dt = time.perf_counter() - t0
    Console().print(
        f"{report.documents} documents, {report.edges} gold edges, "
        f"{report.bytes / 1e6:.1f} MB in {dt:.1f} s → {out_dir} (truth: {out_dir / 'truth.jsonl'})",
        highlight=False,
        soft_wrap=True,
    )
