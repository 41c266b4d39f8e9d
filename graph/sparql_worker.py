"""A SPARQL worker process (``python -m graph.sparql_worker MEMORY_BYTES``): evaluates the
queries graph/sparql_pool.py sends it, one at a time, over a read-only view of the store.

Frames on stdin/stdout: an 8-byte big-endian length, then a pickle (both ends are this
project). A request names the store view to read (``("embedded", snapshot_dir)`` or
``("remote", query_url)``), the query, and the media type to write per result form; the answer
is ``("ok", body, media)``, ``("unacceptable", form)`` or ``("error", kind, message)``. Anything
worse (a panic, a stack overflow, the memory cap) ends the process: the pool reads why from
its stderr and replaces it.
"""

from __future__ import annotations

import os
import pickle
import resource
import struct
import sys
from typing import IO, Any

FRAME = struct.Struct(">Q")


class _Unacceptable(Exception):
    pass


def read_frame(stream: IO[bytes]) -> Any:
    head = stream.read(FRAME.size)
    if len(head) < FRAME.size:
        return None
    (size,) = FRAME.unpack(head)
    return pickle.loads(stream.read(size))


def write_frame(stream: IO[bytes], message: Any) -> None:
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    # one write: past the buffer's size, two would reach the server as two wake-ups
    stream.write(FRAME.pack(len(data)) + data)
    stream.flush()


def _open(view: tuple[str, ...]) -> Any:
    from graph.store import OxigraphStore

    if view[0] == "embedded":
        return OxigraphStore(view[1], read_only=True)
    from graph.remote import SparqlStore

    return SparqlStore(view[1])


def _answer(store: Any, request: dict[str, Any]) -> tuple[Any, ...]:
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
        return ("ok", body, chosen)
    except _Unacceptable as e:
        return ("unacceptable", e.args[0])
    except QuerySyntaxError as e:
        return ("error", "syntax", str(e))
    except ResultTooLarge as e:
        return ("error", "too-large", str(e))
    except QueryTimeout as e:
        return ("error", "timeout", str(e))
    except StoreError as e:
        return ("error", "store", str(e))
    except MemoryError:
        return ("error", "memory", "")


def main() -> None:
    memory = int(sys.argv[1]) if len(sys.argv) > 1 else 0
    if memory > 0:  # the heap and anonymous mappings (what a query grows), not mapped files
        resource.setrlimit(resource.RLIMIT_DATA, (memory, memory))
    channel_in = os.fdopen(os.dup(0), "rb")
    channel_out = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)  # a stray print must not corrupt the frames
    write_frame(channel_out, ("ready",))
    store: Any = None
    opened: tuple[str, ...] | None = None
    while (request := read_frame(channel_in)) is not None:
        view = tuple(request["view"])
        if view != opened:
            if store is not None:
                store.close()
            store, opened = None, None
            try:
                store, opened = _open(view), view
            except Exception as e:  # noqa: BLE001 - reported to the request
                write_frame(channel_out, ("error", "store", str(e)))
                continue
        write_frame(channel_out, _answer(store, request))


if __name__ == "__main__":
    main()
