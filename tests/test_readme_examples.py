"""The README's console examples of extraction, the questions and the export still print what it
shows: each ``$ legal-graph …`` line of a console block, run on the store of the bundled samples
(what ``make run`` builds), prints the lines quoted under it, in a terminal as wide as its widest
quoted line. A quoted line ending in "…" is cut short by the README: the output line starts with
what it shows, and what follows it up to the next quoted line is left out. An example reading
../shared is marked ``shared``. Examples on other stores (the shared corpus ingested, a
synthetic graph), and the ingest report with its timings, are not run here."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys

import pytest
from shared_support import REPO

RUN = ("extract", "resolve", "impact", "lineage", "path", "coverage", "export")
HEAD = re.compile(r"\s*\|\s*head -(\d+)\s*$")


def examples() -> list[tuple[str, list[str]]]:
    """(command, quoted lines) of each ``$ legal-graph <RUN>`` line with output in a console block."""
    out: list[tuple[str, list[str]]] = []
    text = (REPO / "README.md").read_text("utf-8")
    for block in re.findall(r"^```console\n(.*?)^```", text, flags=re.M | re.S):
        for chunk in re.split(r"^\$ ", block, flags=re.M)[1:]:
            command, *shown = chunk.rstrip("\n").split("\n")
            words = command.split()
            if words[0] == "legal-graph" and words[1] in RUN and shown:
                out.append((command.split("  #")[0].strip(), shown))
    return out


def run(command: str, store: str, width: int = 80) -> list[str]:
    head = HEAD.search(command)
    args = shlex.split(HEAD.sub("", command))[1:]
    env = {**os.environ, "PYTHONPATH": str(REPO), "LEGAL_GRAPH_STORE": store,
           "COLUMNS": str(width), "LEGAL_GRAPH_SPARQL_QUERY": ""}  # fmt: skip
    done = subprocess.run([sys.executable, "-c", "from api.cli import main; main()", *args],
                          cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                          timeout=120, env=env)  # fmt: skip  # a console shows both streams
    assert done.returncode == 0, done.stdout
    lines = [line.rstrip() for line in done.stdout.splitlines()]
    return lines[: int(head.group(1))] if head else lines


def matches(shown: list[str], printed: list[str]) -> bool:
    """``printed`` is ``shown``, line by line, but for the README's cuts (see above)."""
    i = 0
    for n, line in enumerate(shown):
        if i < len(printed) and printed[i] == line:
            i += 1
        elif (
            line.endswith("…")
            and i < len(printed)
            and printed[i].startswith(line[:-1].rstrip(", "))
        ):
            following = shown[n + 1] if n + 1 < len(shown) else None
            while i < len(printed) and printed[i] != following:
                i += 1
        else:
            return False
    return i == len(printed)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> str:
    where = str(tmp_path_factory.mktemp("readme") / "store")
    run("legal-graph ingest samples --quiet", where)
    return where


def test_the_readme_has_examples_of_each_command() -> None:
    assert {command.split()[1] for command, _ in examples()} == set(RUN)


@pytest.mark.parametrize(
    ("command", "shown"),
    [pytest.param(c, s, id=c, marks=[pytest.mark.shared] if "../shared" in c else [])
     for c, s in examples()],
)  # fmt: skip
def test_readme_example_prints_what_it_shows(store: str, command: str, shown: list[str]) -> None:
    printed = run(command, store, width=max(80, *map(len, shown)))
    assert matches(shown, printed), "\n".join(["README:", *shown, "printed:", *printed])
