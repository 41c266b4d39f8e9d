"""/api/documents/{key}: one document, its metadata and its links with their evidence."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path
from fastapi.responses import Response

from api.deps import ReaderDep
from api.problems import responses
from api.schemas import DocumentOut, json_response
from graph import query

router = APIRouter(prefix="/api/documents", tags=["documents"])


@router.get(
    "/{key:path}",
    response_model=DocumentOut,
    summary="A document and its links",
    responses=responses(404, 422, 503),
)
def get_document(
    key: Annotated[
        str,
        Path(
            description="Canonical key, e.g. vn/tw/2024/nq/57",
            examples=["vn/cp/2020/nq/50"],
            max_length=300,
        ),
    ],
    store: ReaderDep,
) -> Response:
    """Metadata of the document, and its links out and in grouped by relation; each link carries
    every quote that states it and the document asserting it. An unknown key is a 404 whose
    `suggestions` name the closest documents."""
    return json_response(DocumentOut, query.document(store, key.strip("/")))
