"""The one rule for tests that need ../shared (the real corpus, gold labels and scorer): they
carry the ``shared`` marker and are skipped, all with the same reason, in a clone without it."""

from __future__ import annotations

import os

import pytest
from shared_support import PRESENT, REASON

# The tests' clients make up host names (TestClient's "testserver", raw requests' "x"): any
# is answered here. The rule itself (loopback names by default) is tests/test_security.py's.
os.environ.setdefault("LEGAL_GRAPH_ALLOWED_HOSTS", "*")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if PRESENT:
        return
    skip = pytest.mark.skip(reason=REASON)
    for item in items:
        if item.get_closest_marker("shared") is not None:
            item.add_marker(skip)
