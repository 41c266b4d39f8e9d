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
        store,  # noqa: F401
        synth,  # noqa: F401
    )


def main() -> None:
    _register()
    app()


if __name__ == "__main__":
    # `python -m api.cli`: the command modules register on the importable api.cli, not __main__
    from api.cli import main as _main

    _main()
