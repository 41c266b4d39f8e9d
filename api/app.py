"""The FastAPI application: thin routers over graph/ (no domain logic here)."""

from __future__ import annotations

from fastapi import FastAPI


def create_app() -> FastAPI:
    app = FastAPI(
        title="legal-graph",
        description="Lineage and impact of Vietnamese legal documents, with the sentences that prove each link.",
        version="0.1.0",
    )
    return app
