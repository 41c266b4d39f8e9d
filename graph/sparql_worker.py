"""A SPARQL worker process (``python -m graph.sparql_worker MEMORY_BYTES``): evaluates the
queries graph/sparql_pool.py sends it, one at a time, over a read-only view of the store.

Frames on stdin/stdout (both ends are this project), read and written on the raw pipes (no
buffered layers: one read and one write a query). A request: an 8-byte big-endian length, then
a pickle naming the store view to read (``("embedded", snapshot_dir)`` or ``("remote",
query_url)``), the query, and the media type to write per result form. An answer (``HEAD``):
the lengths of its header and of its body, the header (a pickle: ``("ok", media)``,
``("unacceptable", form)``, ``("error", kind, message)``), then the body: the results as
pyoxigraph serialized them, which the server sends on untouched. Anything worse (a panic, a
stack overflow, the memory cap) ends the process: the pool reads why from its stderr and
replaces it.
"""

from __future__ import annotations

import os
import pickle
import resource
import struct
import sys
from typing import Any

FRAME = struct.Struct(">Q")  # a request's length
HEAD = struct.Struct(">IQ")  # an answer's header length and body length


class _Unacceptable(Exception):
    pass


def read_request(fd: int) -> Any:
    """The next request, or None when the pool has closed the pipe: one read for most (a
    request is one write, and nothing follows it until it is answered)."""
    data = os.read(fd, 1 << 16)
    while data and (len(data) < FRAME.size or len(data) < FRAME.size + FRAME.unpack_from(data)[0]):
        more = os.read(fd, 1 << 16)
        if not more:
            return None
        data += more
    return pickle.loads(memoryview(data)[FRAME.size :]) if data else None


def write_answer(fd: int, header: tuple[Any, ...], body: bytes = b"") -> None:
    meta = pickle.dumps(header, protocol=pickle.HIGHEST_PROTOCOL)
    # one write of all three parts, the body not copied: the server wakes once per answer
    parts = [memoryview(HEAD.pack(len(meta), len(body)) + meta), memoryview(body)]
    while parts:
        sent = os.writev(fd, parts)
        while parts and sent >= len(parts[0]):
            sent -= len(parts.pop(0))
        if parts:
            parts[0] = parts[0][sent:]


def _open(view: tuple[str, ...]) -> Any:
    from graph.store import OxigraphStore

    if view[0] == "embedded":
        return OxigraphStore(view[1], read_only=True)
    from graph.remote import SparqlStore

    return SparqlStore(view[1])


def _answer(store: Any, request: dict[str, Any]) -> tuple[tuple[Any, ...], bytes]:
    from graph.endpoint import Limits, ResultTooLarge, run
    from graph.store import QuerySyntaxError, QueryTimeout, StoreError

    media: dict[str, str] = request["media"]

    def choose(form: str) -> str:
        if form not in media:
            raise _Unacceptable(form)
        return media[form]

    limits = Limits(timeout=request["timeout"], max_bytes=request["max_bytes"])
    try:
        body, chosen = run(store, request["query"], limits, choose, None,
                           request["default_graphs"], request["named_graphs"])  # fmt: skip
        return ("ok", chosen), body
    except _Unacceptable as e:
        return ("unacceptable", e.args[0]), b""
    except QuerySyntaxError as e:
        return ("error", "syntax", str(e)), b""
    except ResultTooLarge as e:
        return ("error", "too-large", str(e)), b""
    except QueryTimeout as e:
        return ("error", "timeout", str(e)), b""
    except StoreError as e:
        return ("error", "store", str(e)), b""
    except MemoryError:
        return ("error", "memory", ""), b""


def main() -> None:
    memory = int(sys.argv[1]) if len(sys.argv) > 1 else 0
    if memory > 0:  # the heap and anonymous mappings (what a query grows), not mapped files
        resource.setrlimit(resource.RLIMIT_DATA, (memory, memory))
    channel_in, channel_out = os.dup(0), os.dup(1)
    os.dup2(2, 1)  # a stray print must not corrupt the frames
    write_answer(channel_out, ("ready",))
    store: Any = None
    opened: tuple[str, ...] | None = None
    while (request := read_request(channel_in)) is not None:
        view = tuple(request["view"])
        if view != opened:
            if store is not None:
                store.close()
            store, opened = None, None
            try:
                store, opened = _open(view), view
            except Exception as e:  # noqa: BLE001 - reported to the request
                write_answer(channel_out, ("error", "store", str(e)))
                continue
        write_answer(channel_out, *_answer(store, request))


if __name__ == "__main__":
    main()
