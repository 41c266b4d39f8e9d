"""Every setting of legal-graph, read once from the ``LEGAL_GRAPH_*`` environment variables
(pydantic-settings) by the CLI or the app and passed down. README lists them with defaults.
An empty variable means the default.
"""

from __future__ import annotations

from functools import cached_property

from pydantic import Field, ValidationError
from pydantic_settings import BaseSettings, SettingsConfigDict

from graph.errors import Problem

DEFAULT_STORE = "data/store"
PREFIX = "LEGAL_GRAPH_"


class SettingsError(Problem):
    status, kind, title = 500, "bad-setting", "Bad setting"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix=PREFIX, env_ignore_empty=True, frozen=True, populate_by_name=True,
        extra="ignore",
    )  # fmt: skip

    store_path: str = Field(DEFAULT_STORE, validation_alias=PREFIX + "STORE",
                            description="directory of the embedded Oxigraph store")  # fmt: skip
    sparql_query: str | None = Field(None, description="URL of a remote SPARQL 1.1 query "
                                     "endpoint: every command reads and writes it instead")  # fmt: skip
    sparql_update: str | None = Field(None, description="its update endpoint (default: the "
                                      "query URL)")  # fmt: skip
    update_token: str | None = Field(None, description="bearer token: SPARQL Update through "
                                     "/sparql (and sent to a remote store's updates)")  # fmt: skip
    query_timeout: float = Field(10.0, ge=0, description="seconds a SPARQL query or an API "
                                 "question may take")  # fmt: skip
    read_model: bool = Field(True, description="answer the API's questions from the in-memory "
                             "read model (false: through SPARQL)")  # fmt: skip
    max_result_bytes: int = Field(64 << 20, gt=0, description="serialized SPARQL results, at "
                                  "most")  # fmt: skip
    sparql_workers: int = Field(16, gt=0, description="SPARQL queries evaluated at once (one "
                                "worker process each)")  # fmt: skip
    sparql_idle_workers: int = Field(4, ge=0, description="worker processes kept started")
    sparql_backlog: int = Field(64, ge=0, description="queries waiting for a worker before "
                                "503")  # fmt: skip
    sparql_memory_mb: int = Field(2048, gt=0, description="heap of one worker process")
    sparql_max_query_bytes: int = Field(1 << 20, gt=0, description="a query, and a request "
                                        "body without the update token")  # fmt: skip
    sparql_max_update_bytes: int = Field(256 << 20, gt=0, description="an update (with the "
                                         "token)")  # fmt: skip
    sparql_max_depth: int = Field(400, gt=0, description="nesting of a query (brackets, "
                                  "chained operators)")  # fmt: skip
    iri_base: str = Field("https://legal-graph.org/", pattern=r"^https?://\S+$",
                          description="address the documents' IRIs are published under "
                          "(the RDF of /eli/{key} names them so)")  # fmt: skip
    sparql_services: str = Field("", description="comma-separated IRIs SERVICE may call "
                                 "(default: none)")  # fmt: skip
    ocr_max_pages: int = Field(50, ge=0, description="PDF pages without a text layer read by "
                               "OCR (Tesseract, vie) in one file, at most: a file with more is "
                               "reported; 0: no OCR")  # fmt: skip
    access_log: bool = Field(False, description="a log line per request (uvicorn's access "
                             "log)")  # fmt: skip
    allowed_hosts: str = Field("localhost,127.0.0.1,::1", description="comma-separated host "
                               "names the server answers (* for any): DNS rebinding")  # fmt: skip

    @property
    def remote(self) -> bool:
        return bool(self.sparql_query)

    @cached_property  # read per query
    def services(self) -> tuple[str, ...]:
        return tuple(s.strip() for s in self.sparql_services.split(",") if s.strip())

    @property
    def hosts(self) -> tuple[str, ...]:
        return tuple(h.strip().lower() for h in self.allowed_hosts.split(",") if h.strip())

    @classmethod
    def from_env(cls) -> Settings:
        """The settings the environment gives; a bad value is a SettingsError naming it."""
        try:
            return cls()
        except ValidationError as e:
            names = {f: (info.validation_alias if isinstance(info.validation_alias, str)
                         else PREFIX + f.upper()) for f, info in cls.model_fields.items()}  # fmt: skip
            detail = "; ".join(
                f"{names.get(str(err['loc'][0]), err['loc'][0]) if err['loc'] else '?'}="
                f"{err.get('input')!r}: {err['msg']}" for err in e.errors())  # fmt: skip
            raise SettingsError(detail) from None

    def with_store(self, path: str | None) -> Settings:
        """These settings with the embedded store at ``path`` (a CLI ``--store`` option)."""
        return self if path is None else self.model_copy(update={"store_path": path})
