"""A SPARQL worker process (``python -m graph.sparql_worker MEMORY_BYTES MAX_RESULT_BYTES``):
evaluates the queries graph/sparql_pool.py sends it, one at a time, over a read-only view of the
store.

Frames on stdin/stdout (both ends are this project), read and written on the raw pipes (no
buffered layers: one read and one write a query), with fixed binary headers (no pickle on the
common path). A request (``REQUEST``): the seconds left, the media type to write per result form
(its index in ``MEDIA``; ``NONE``: that form is refused), the lengths of the query and of the
extras; then the query (UTF-8) and the extras: empty, or a pickle of the store view to read
(``("embedded", snapshot_dir)`` or ``("remote", query_url)``; sent when it changes) and the
default and named graphs. An answer (``ANSWER``): its status, a code (the media type written,
or the form refused) and its body's length, then the body: the results as pyoxigraph serialized
them, which the server sends on untouched, or an error's message. Anything worse (a panic, a
stack overflow, the memory cap) ends the process: the pool reads why from its stderr and
replaces it.
"""

from __future__ import annotations

import os
import pickle
import resource
import struct
import sys
from collections.abc import Sequence
from typing import Any

from graph.endpoint import ResultTooLarge, Unacceptable, run
from graph.store import GRAPH_TYPES, RESULTS_TYPES, QuerySyntaxError, QueryTimeout, StoreError

REQUEST = struct.Struct(">dBBBII")  # seconds left, media per form, query and extras lengths
ANSWER = struct.Struct(">BBQ")  # status, code, body length
MEDIA = (*RESULTS_TYPES, *GRAPH_TYPES)  # the media types a worker writes, by code
NONE = 255  # no media type: the form is refused
# An answer's status; an error's body is its message.
OK, READY, UNACCEPTABLE, SYNTAX, TOO_LARGE, TIMEOUT, STORE, MEMORY = range(8)
_ERRORS = ((QuerySyntaxError, SYNTAX), (ResultTooLarge, TOO_LARGE), (QueryTimeout, TIMEOUT),
           (StoreError, STORE))  # fmt: skip


def answer(store: Any, query: str, media: Sequence[int], max_bytes: int, timeout: float,
           default_graphs: Sequence[str] = (), named_graphs: Sequence[str] = ()
           ) -> tuple[int, int, bytes]:  # fmt: skip
    """The answer to a request: (status, code, body)."""
    try:
        form, body = run(store, query, [None if m == NONE else MEDIA[m] for m in media],
                         max_bytes, timeout, default_graphs, named_graphs)  # fmt: skip
        return OK, media[form], body
    except Unacceptable as e:
        return UNACCEPTABLE, e.args[0], b""
    except MemoryError:
        return MEMORY, 0, b""
    except StoreError as e:
        status = next(s for kind, s in _ERRORS if isinstance(e, kind))
        return status, 0, str(e).encode()


class Channel:
    """The worker's end of the pipes: requests in, answers out."""

    def __init__(self, fd_in: int, fd_out: int) -> None:
        self.fd_in, self.fd_out = fd_in, fd_out

    def read(self) -> tuple[tuple[Any, ...], bytes, bytes] | None:
        """The next request (its header, query and extras), or None when the pool has closed
        the pipe: one read for most (a request is one write, and nothing follows it until it
        is answered)."""
        data = os.read(self.fd_in, 1 << 16)
        while data:
            if len(data) >= REQUEST.size:
                head = REQUEST.unpack_from(data)
                end = REQUEST.size + head[4]
                if len(data) >= end + head[5]:
                    return head, data[REQUEST.size : end], data[end : end + head[5]]
            more = os.read(self.fd_in, 1 << 16)
            if not more:
                return None
            data += more
        return None

    def write(self, status: int, code: int = 0, body: bytes = b"") -> None:
        # one write of header and body, the body not copied: the server wakes once per answer
        parts = [memoryview(ANSWER.pack(status, code, len(body))), memoryview(body)]
        while parts:
            sent = os.writev(self.fd_out, parts)
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


def main() -> None:
    memory = int(sys.argv[1]) if len(sys.argv) > 1 else 0
    max_bytes = int(sys.argv[2]) if len(sys.argv) > 2 else 64 << 20
    if memory > 0:  # the heap and anonymous mappings (what a query grows), not mapped files
        resource.setrlimit(resource.RLIMIT_DATA, (memory, memory))
    channel = Channel(os.dup(0), os.dup(1))
    os.dup2(2, 1)  # a stray print must not corrupt the frames
    channel.write(READY)
    store: Any = None
    wanted: tuple[str, ...] | None = None  # the view to read
    failed = "No store view was sent."
    while (request := channel.read()) is not None:
        (timeout, *media, _, _), query, extras = request
        view, graphs = None, ((), ())
        if extras:
            view, *graphs = pickle.loads(extras)
        if view is not None:
            if store is not None:
                store.close()
            store, wanted = None, tuple(view)
        if store is None and wanted is not None:  # tried again by each request until it opens
            try:
                store = _open(wanted)
            except Exception as e:  # noqa: BLE001 - reported to the requests
                failed = str(e)
        if store is None:
            channel.write(STORE, 0, failed.encode())
            continue
        channel.write(*answer(store, query.decode(), media, max_bytes, timeout, *graphs))


if __name__ == "__main__":
    main()
