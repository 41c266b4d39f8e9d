"""POST /api/documents: new documents while serving (graph/live.py), with the update token.

The files are kept in the store's upload folder (``<store>.uploads``, one file per name: a
file sent again under its name replaces what it stated), extracted and stored off the event
loop; the answer says what each became. The next answer of every route, /sparql included,
sees them.
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, File, Request, UploadFile
from fastapi.responses import Response
from pydantic import TypeAdapter
from starlette.concurrency import run_in_threadpool

from api.deps import SettingsDep, StoreDep
from api.problems import responses
from api.routes.sparql import TooLarge, _authorize
from graph.errors import Problem
from graph.live import Live, LiveReport
from graph.store import OxigraphStore, Store

router = APIRouter(prefix="/api", tags=["documents"])
_REPORT = TypeAdapter(LiveReport)
_UNSAFE = re.compile(r"[^\w.\- ]+")


def uploads_of(store: Store) -> Path:
    """Where uploaded files are kept: beside the store."""
    assert isinstance(store, OxigraphStore) and store.path
    return Path(f"{os.path.abspath(store.path)}.uploads")


def safe_name(name: str | None) -> str:
    """The file's own name, without folders or characters a path may not hold."""
    base = _UNSAFE.sub("_", os.path.basename((name or "").replace("\\", "/"))).strip(" .")
    if not base:
        raise Problem("A file needs a name (its extension says how to read it).", status=422,
                      kind="invalid-parameter", title="Invalid parameter files", param="files")  # fmt: skip
    return base[:200]


@router.post("/documents", summary="Add or replace documents while serving",
             response_model=LiveReport,
             responses=responses(422, 503))  # fmt: skip
async def add_documents(
    request: Request,
    settings: SettingsDep,
    store: StoreDep,
    files: Annotated[list[UploadFile], File(description="Documents: .txt .md .html .docx .pdf "
                                            "or registers (.csv)")],
) -> Response:  # fmt: skip
    """Extract and store the files (`Authorization: Bearer <token>`, the server's
    LEGAL_GRAPH_UPDATE_TOKEN, as for SPARQL Update). Each file is reported: stored (its
    documents and links), unchanged, duplicate (the same bytes as a stored file) or failed (the
    reason); a store that could not be written is a 503 and keeps what it had."""
    _authorize(request, settings)
    live: Live | None = request.app.state.live
    if live is None or not isinstance(store, OxigraphStore) or not store.path:
        raise Problem("Documents are added to an embedded store on disk; a remote store is "
                      "written with `legal-graph ingest`.", status=503, kind="store-unavailable",
                      title="The store cannot answer")  # fmt: skip
    folder = uploads_of(store)
    folder.mkdir(parents=True, exist_ok=True)
    limit, paths = settings.sparql_max_update_bytes, []
    for upload in files:
        target = folder / safe_name(upload.filename)
        data = await upload.read(limit + 1)
        if len(data) > limit:
            raise TooLarge(f"{upload.filename} has more than {limit} bytes "
                           "(LEGAL_GRAPH_SPARQL_MAX_UPDATE_BYTES).", limit=limit)  # fmt: skip
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".upload-")
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, target)  # whole or not at all: a watcher never reads half a file
        paths.append(str(target))
    report = await run_in_threadpool(live.write, paths)
    return Response(_REPORT.dump_json(report), media_type="application/json")
