"""The OpenAPI schema tells the truth: schemathesis draws requests from the live app's schema
(a bounded, derandomized number per operation, valid and invalid, over the bundled samples)
and checks that no answer is a 5xx, that every status code and content type answered is
documented for the operation, and that data the schema allows is not refused as invalid; a
method an operation's path does not take is a 405 naming those it does (``Allow``).

Skipped: the operations that write (POST /api/documents, and POST /sparql, which carries
SPARQL Update with the token; tests/test_live.py and tests/test_sparql_endpoint.py test them
with the token). The browser pages are not in the schema.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode, checks

from api.app import create_app
from graph.config import Settings
from graph.ingest import ingest
from graph.store import OxigraphStore

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
EXAMPLES = 50  # per operation


@schemathesis.check
def schema_allows_what_validation_allows(
    ctx: object, response: schemathesis.Response, case: schemathesis.Case
) -> None:
    """A request drawn as valid is not refused by the app's parameter validation (a 422 with
    the validator's ``errors``): the schema states the constraints the app checks. A value the
    schema allows may still be refused for what it means (a day that does not exist, a
    malformed SPARQL query): those answers are documented statuses."""
    if (
        case.meta is None
        or not case.meta.generation.mode.is_positive
        or response.status_code != 422
    ):
        return
    body = response.json()
    assert "errors" not in body, f"valid by the schema, refused by validation: {body['detail']}"


CHECKS = [
    checks.not_a_server_error,
    checks.status_code_conformance,
    checks.content_type_conformance,
    schema_allows_what_validation_allows,
]


@pytest.fixture(scope="module")
def api_schema(tmp_path_factory: pytest.TempPathFactory) -> Iterator[schemathesis.Schema]:
    where = tmp_path_factory.mktemp("fuzz") / "store"
    store = OxigraphStore(str(where))
    report = ingest(sorted(str(p) for p in SAMPLES.glob("*.txt")), store, workers=1, progress=False)
    assert report.ok, report.failed
    yield schemathesis.openapi.from_asgi("/openapi.json", create_app(Settings(), store=store))
    store.close()


def _reads(schema: schemathesis.Schema) -> list[schemathesis.APIOperation]:
    return [
        op for op in (r.ok() for r in schema.get_all_operations()) if op.method.upper() != "POST"
    ]


def test_answers_are_documented(api_schema: schemathesis.Schema) -> None:
    failures = []
    for op in _reads(api_schema):
        cases = st.one_of(op.as_strategy(GenerationMode.POSITIVE),
                          op.as_strategy(GenerationMode.NEGATIVE))  # fmt: skip

        @given(cases)
        @settings(max_examples=EXAMPLES, derandomize=True, deadline=None, database=None,
                  suppress_health_check=list(HealthCheck), report_multiple_bugs=False)  # fmt: skip
        def run(case: schemathesis.Case) -> None:
            case.call_and_validate(checks=CHECKS)

        try:
            run()
        except (Exception, BaseExceptionGroup) as e:  # every operation is tried
            failures.append(f"{op.label}: {e}")
    assert not failures, "\n\n".join(failures)


METHODS = ("GET", "POST", "PUT", "DELETE", "PATCH")


def test_other_methods_are_405_naming_the_allowed(api_schema: schemathesis.Schema) -> None:
    """Every path of the schema answers a method it does not take with a 405 whose ``Allow``
    lists exactly the methods the schema gives it."""
    client = TestClient(api_schema.app)
    wrong = {}
    for path, item in api_schema.raw_schema["paths"].items():
        declared = {m.upper() for m in item}
        url = path.replace("{key}", "vn/cp/2020/nq/50")
        for method in set(METHODS) - declared:
            r = client.request(method, url)
            got = (r.status_code, r.headers.get("allow"))
            if got != (405, ", ".join(sorted(declared))):
                wrong[f"{method} {url}"] = got
    assert wrong == {}
