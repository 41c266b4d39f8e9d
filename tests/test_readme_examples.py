"""The README's console examples of the questions and the export still print what it shows: each
``$ legal-graph …`` line of a console block, run on the store of the bundled samples (what
``make run`` builds), prints the lines quoted under it. A quoted line ending in "…" is cut short
by the README: the output line starts with what it shows, and what follows it up to the next
quoted line is left out. Examples on other stores (the shared corpus, a synthetic graph), and
the ingest report with its timings, are not run here."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
RUN = ("resolve", "impact", "lineage", "path", "coverage", "export")
WIDTH = "104"  # the terminal width of the README's tables
HEAD = re.compile(r"\s*\|\s*head -(\d+)\s*$")


def examples() -> list[tuple[str, list[str]]]:
    """(command, quoted lines) of each ``$ legal-graph <RUN>`` line with output in a console block."""
    out: list[tuple[str, list[str]]] = []
    for block in re.findall(r"^```console\n(.*?)^```", (REPO / "README.md").read_text("utf-8"),
                            flags=re.M | re.S):  # fmt: skip
        for chunk in re.split(r"^\$ ", block, flags=re.M)[1:]:
            command, *shown = chunk.rstrip("\n").split("\n")
            words = command.split()
            if words[0] == "legal-graph" and words[1] in RUN and shown:
                out.append((command.split("  #")[0].strip(), shown))
    return out


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> str:
    where = str(tmp_path_factory.mktemp("readme") / "store")
    run(f"legal-graph ingest samples --quiet --store {where}", where)
    return where


def run(command: str, store: str) -> list[str]:
    head = HEAD.search(command)
    args = shlex.split(HEAD.sub("", command))[1:]
    done = subprocess.run([sys.executable, "-c", "from api.cli import main; main()", *args],
                          cwd=REPO, capture_output=True, text=True, timeout=120,
                          env={**os.environ, "PYTHONPATH": str(REPO), "LEGAL_GRAPH_STORE": store,
                               "COLUMNS": WIDTH, "LEGAL_GRAPH_SPARQL_QUERY": ""})  # fmt: skip
    assert done.returncode == 0, done.stderr
    lines = [line.rstrip() for line in done.stdout.splitlines()]
    return lines[: int(head.group(1))] if head else lines


def matches(shown: list[str], printed: list[str]) -> bool:
    i = 0
    for n, line in enumerate(shown):
        if i < len(printed) and printed[i] == line:
            i += 1
        elif (
            line.endswith("…")
            and i < len(printed)
            and printed[i].startswith(line[:-1].rstrip(" ,"))
        ):
            following = shown[n + 1] if n + 1 < len(shown) else None
            while i < len(printed) and printed[i] != following:
                i += 1
        else:
            return False
    return i == len(printed)


def test_the_readme_has_examples_of_every_question() -> None:
    assert {command.split()[1] for command, _ in examples()} == set(RUN)


@pytest.mark.parametrize(("command", "shown"), examples(), ids=[c for c, _ in examples()])
def test_readme_example_prints_what_it_shows(store: str, command: str, shown: list[str]) -> None:
    printed = run(command, store)
    assert matches(shown, printed), "\n".join(["README:", *shown, "printed:", *printed])
