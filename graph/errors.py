"""The one family of errors a person can cause: each knows its HTTP status and problem type.

The HTTP layer renders any ``Problem`` the same way (api/problems.py: RFC 9457 problem details
for /api and /sparql, an HTML page for the browser pages); the CLI prints ``str(e)``. So a
malformed query, say, is a 400 ``malformed-query`` wherever it is asked.
"""

from __future__ import annotations

from typing import Any

PROBLEM_TYPES = "https://legal-graph.org/problems/"


class Problem(Exception):
    """An error with its HTTP status, problem type (``kind``), title and the detail for a
    person. Subclasses set the class defaults; an instance may override them (one-off
    refusals). ``extra`` becomes extension members of the problem; ``headers`` HTTP headers."""

    status: int = 500
    kind: str = "internal-error"
    title: str = "Internal error"

    def __init__(
        self,
        detail: str,
        *,
        status: int | None = None,
        kind: str | None = None,
        title: str | None = None,
        headers: dict[str, str] | None = None,
        **extra: Any,
    ) -> None:
        super().__init__(detail)
        self.detail = detail
        if status is not None:
            self.status = status
        if kind is not None:
            self.kind = kind
        if title is not None:
            self.title = title
        self.headers = headers or {}
        self.extra = extra

    @property
    def type(self) -> str:
        return PROBLEM_TYPES + self.kind
