"""/docs: Swagger UI served by the app itself (vendored from npm by api/static/vendor-swagger-ui.sh,
as YASGUI is), so the API documentation works offline; FastAPI's own /docs loads it from a CDN.
Without the vendored files (no npm at install time) /docs says where the schema is."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse, Response

ASSETS = Path(__file__).resolve().parents[1] / "static" / "swagger-ui"
MEDIA = {"swagger-ui-bundle.js": "text/javascript", "swagger-ui.css": "text/css"}

router = APIRouter(include_in_schema=False)


@router.get("/docs", response_class=HTMLResponse)
def docs(request: Request) -> Response:
    root = request.scope.get("root_path", "").rstrip("/")
    schema = root + request.app.openapi_url
    if not all((ASSETS / name).is_file() for name in MEDIA):
        return HTMLResponse(
            "<!DOCTYPE html><title>legal-graph API</title><p>Swagger UI is not installed here "
            "(run <code>make install</code> with npm). The API schema is at "
            f'<a href="{schema}">{schema}</a>.</p>'
        )
    return get_swagger_ui_html(
        openapi_url=schema,
        title="legal-graph API",
        swagger_js_url=f"{root}/static/docs/swagger-ui-bundle.js",
        swagger_css_url=f"{root}/static/docs/swagger-ui.css",
        swagger_favicon_url="data:,",
        swagger_ui_parameters={"validatorUrl": None},  # no badge from validator.swagger.io
    )


@router.get("/static/docs/{name}")
def asset(name: str) -> Response:
    if name not in MEDIA or not (ASSETS / name).is_file():
        return Response(f"No asset {name!r}.", status_code=404, media_type="text/plain")
    return FileResponse(ASSETS / name, media_type=MEDIA[name],
                        headers={"Cache-Control": "max-age=86400"})  # fmt: skip
