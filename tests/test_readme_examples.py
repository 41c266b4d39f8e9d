"""The README's console examples still print what it shows, run on the store of the bundled
samples (what ``make run`` builds and serves):

- each ``$ legal-graph …`` line of extraction, the questions and the export, in a terminal as
  wide as its widest quoted line (an example reading ../shared is marked ``shared``);
- each ``$ curl …`` line of a block that starts no server of its own, against ``legal-graph
  serve`` on that store (curl is pointed at it, so the answers name the README's address).

The lines quoted under a command are compared with what it prints, line by line. A quoted line
ending in "…" is cut short by the README: the printed line starts with what it shows; a cut
line, or a line "(… and …)", leaves out what follows up to the next quoted line. Not run: the
ingest report (it times itself), examples on other stores (the shared corpus ingested, a
synthetic graph, a server started with its own settings) and the benchmarks.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from shared_support import REPO
from sparql_support import free_port, stop, wait_http

CLI = ("extract", "resolve", "impact", "lineage", "path", "coverage", "export")
HEAD = re.compile(r"\s*\|\s*head -(\d+)\s*$")


def blocks() -> list[list[tuple[str, list[str]]]]:
    """The README's console blocks, each as (command, quoted lines) pairs; a command whose
    quotes are still open goes on over the next lines."""
    out = []
    text = (REPO / "README.md").read_text("utf-8")
    for block in re.findall(r"^```console\n(.*?)^```", text, flags=re.M | re.S):
        pairs = []
        for chunk in re.split(r"^\$ ", block, flags=re.M)[1:]:
            lines = chunk.rstrip("\n").split("\n")
            command, n = lines[0], 1
            while n < len(lines) and not _complete(command):
                command, n = command + "\n" + lines[n], n + 1
            pairs.append((command, lines[n:]))
        out.append(pairs)
    return out


def _complete(command: str) -> bool:
    try:
        shlex.split(command)
    except ValueError:  # no closing quotation
        return False
    return True


def cli_examples() -> list[tuple[str, list[str]]]:
    return [(c.split("  #")[0].strip(), shown) for block in blocks() for c, shown in block
            if c.split()[:1] == ["legal-graph"] and c.split()[1] in CLI and shown]  # fmt: skip


def http_examples() -> list[tuple[str, list[str]]]:
    return [(c, shown) for block in blocks()
            if not any("legal-graph serve" in c for c, _ in block)
            for c, shown in block if c.startswith("curl ") and shown]  # fmt: skip


def matches(shown: list[str], printed: list[str]) -> bool:
    """``printed`` is ``shown``, line by line, but for the README's cuts (see above)."""
    i = 0
    for n, line in enumerate(shown):
        cut = line.startswith("(…") and line.endswith(")")
        if not cut and i < len(printed) and printed[i] == line:
            i += 1
        elif cut or (line.endswith("…") and i < len(printed)
                     and printed[i].startswith(line[:-1].rstrip(", "))):  # fmt: skip
            following = shown[n + 1] if n + 1 < len(shown) else None
            while i < len(printed) and printed[i] != following:
                i += 1
        else:
            return False
    return i == len(printed)


def cli(command: str, store: str, width: int = 80) -> list[str]:
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


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> str:
    where = str(tmp_path_factory.mktemp("readme") / "store")
    cli("legal-graph ingest samples --quiet", where)
    return where


@pytest.fixture(scope="module")
def curl_env(store: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """The environment of the README's curl lines: every request goes to `legal-graph serve`
    over the samples, on a free port (a .curlrc's connect-to), with its Host unchanged."""
    missing = [tool for tool in ("curl", "jq") if shutil.which(tool) is None]
    if missing:
        pytest.skip(f"needs {' and '.join(missing)} (.ci/system-deps installs them)")
    home = tmp_path_factory.mktemp("curl")
    port = free_port()
    (home / ".curlrc").write_text(f'connect-to = "::127.0.0.1:{port}"\n')
    log = home / "server.log"
    with log.open("wb") as out:
        server = subprocess.Popen(
            [sys.executable, "-c", "from api.cli import main; main()", "serve", "--store", store,
             "--port", str(port)], cwd=REPO, stdout=out, stderr=subprocess.STDOUT,
            env={**os.environ, "PYTHONPATH": str(REPO), "LEGAL_GRAPH_SPARQL_QUERY": "",
                 "LEGAL_GRAPH_UPDATE_TOKEN": ""})  # fmt: skip
    try:
        wait_http(f"http://127.0.0.1:{port}/api/status", server, 60, log)
        python = str(Path(sys.executable).parent)
        yield {
            **os.environ,
            "CURL_HOME": str(home),
            "PATH": python + os.pathsep + os.environ["PATH"],
        }
    finally:
        stop(server)


def test_the_readme_has_examples_of_each_command_and_route() -> None:
    assert {command.split()[1] for command, _ in cli_examples()} == set(CLI)
    paths = {m.group(1) for c, _ in http_examples() if (m := re.search(r":8000(/[a-z-]*)", c))}
    assert paths == {"/api", "/sparql", "/eli", "/implementation", "/search", "/graph-data"}


@pytest.mark.parametrize(
    ("command", "shown"),
    [pytest.param(c, s, id=c, marks=[pytest.mark.shared] if "../shared" in c else [])
     for c, s in cli_examples()],
)  # fmt: skip
def test_readme_command_prints_what_it_shows(store: str, command: str, shown: list[str]) -> None:
    printed = cli(command, store, width=max(80, *map(len, shown)))
    assert matches(shown, printed), "\n".join(["README:", *shown, "printed:", *printed])


@pytest.mark.parametrize(("command", "shown"), http_examples(), ids=[c for c, _ in http_examples()])
def test_readme_request_answers_what_it_shows(curl_env: dict[str, str], command: str,
                                              shown: list[str]) -> None:  # fmt: skip
    done = subprocess.run(["bash", "-c", command], cwd=REPO, capture_output=True,
                          text=True, timeout=60, env=curl_env)  # fmt: skip
    printed = [line.rstrip() for line in done.stdout.replace("\r\n", "\n").splitlines()]
    assert matches(shown, printed), "\n".join(
        ["README:", *shown, "printed:", *printed, done.stderr]
    )
