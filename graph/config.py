"""Settings read from the environment, so the CLI, the API and the tests share one configuration.

``LEGAL_GRAPH_STORE``          on-disk directory of the embedded Oxigraph store (default ``data/store``)
``LEGAL_GRAPH_SPARQL_QUERY``   URL of a remote SPARQL 1.1 query endpoint (selects the remote store)
``LEGAL_GRAPH_SPARQL_UPDATE``  URL of its update endpoint (defaults to the query URL)
``LEGAL_GRAPH_UPDATE_TOKEN``   bearer token for updates through this project's own endpoint
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, replace

DEFAULT_STORE = "data/store"


@dataclass(frozen=True)
class Settings:
    store_path: str = DEFAULT_STORE
    sparql_query: str | None = None
    sparql_update: str | None = None
    update_token: str | None = None

    @property
    def remote(self) -> bool:
        return bool(self.sparql_query)

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if env is None else env
        return cls(
            store_path=env.get("LEGAL_GRAPH_STORE") or DEFAULT_STORE,
            sparql_query=env.get("LEGAL_GRAPH_SPARQL_QUERY") or None,
            sparql_update=env.get("LEGAL_GRAPH_SPARQL_UPDATE") or None,
            update_token=env.get("LEGAL_GRAPH_UPDATE_TOKEN") or None,
        )

    def with_store(self, path: str | None) -> Settings:
        """These settings with the embedded store at ``path`` (a CLI ``--store`` option)."""
        return self if path is None else replace(self, store_path=path)
