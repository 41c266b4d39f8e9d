"""The `legal-graph` command line: one thin command per library call.

Each command group lives in api/commands/<group>.py and registers itself on ``app``.
"""

from __future__ import annotations

import typer

app = typer.Typer(
    name="legal-graph",
    help="Knowledge graph of cross-references between Vietnamese legal documents.",
    no_args_is_help=True,
    add_completion=False,
)


def _register() -> None:
    # Imported for their side effect of adding commands to ``app``.
    from api.commands import (
        extract,  # noqa: F401
        query,  # noqa: F401
        status,  # noqa: F401
        store,  # noqa: F401
        synth,  # noqa: F401
    )


def main() -> None:
    from rich.console import Console

    from graph.config import SettingsError

    _register()
    try:
        app()
    except SettingsError as e:  # a bad LEGAL_GRAPH_* variable: named, no traceback
        Console(stderr=True).print(f"[bold red]error:[/] {e}", highlight=False)
        raise SystemExit(2) from None


if __name__ == "__main__":
    # `python -m api.cli`: the command modules register on the importable api.cli, not __main__
    from api.cli import main as _main

    _main()
