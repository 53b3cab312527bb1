"""Property-based conformance: schemathesis generates requests from the document; the server must agree.

Bounded for CI: ``DEVSERVER_SCHEMATHESIS_EXAMPLES`` (default 25) examples per operation.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.core.mutations import OperatorKind
from schemathesis.generation.meta import CoverageScenario
from schemathesis.specs.openapi.checks import (
    negative_data_rejection,
    positive_data_acceptance,
    response_schema_conformance,
    status_code_conformance,
)

from synapse_sdk.devserver import DevServer
from synapse_sdk.devserver.validation import load_document

from .conftest import AUTH

schema = schemathesis.openapi.from_dict(load_document())
MAX_EXAMPLES = int(os.environ.get("DEVSERVER_SCHEMATHESIS_EXAMPLES", "25"))

# Status codes the server rightly sends but the document does not list yet: none today. Add an
# entry here only together with a change requested to openapi.yaml.
PENDING_STATUS_CODES: dict[tuple[str, str], frozenset[int]] = {}


# The console-log stream of a job that never ends is read for this long (schemathesis cuts it at
# the first chunk after the timeout, hence the short heartbeat).
STREAM_SECONDS = 0.5
STREAM = ("GET", "/jobs/{pk}/tail_console_logs/")


@pytest.fixture(scope="module")
def backend() -> Iterator[DevServer]:
    with DevServer(job_duration=0.5, heartbeat=0.1) as server:
        yield server


# Bodies that must name an existing object (a release its plugin, a serve application its job).
MUST_EXIST = {"/plugin_releases/": "plugin", "/serve_applications/": "job"}


def _names_a_missing_object(case: schemathesis.Case, response: schemathesis.Response) -> bool:
    """A body must name an existing object, which a schema cannot say: the 400 is right."""
    field = MUST_EXIST.get(case.operation.path)
    if field is None or response.status_code != 400:
        return False
    body = response.json()
    return set(body) == {field} and body[field][0].endswith("object does not exist.")


def _only_form_field_types_changed(case: schemathesis.Case) -> bool:
    """Whether the case's only violation is a field's type in a multipart body.

    Multipart sends every field as text, so an integer `version` arrives as the valid string
    "871632392": the server cannot see the violation. (Schemathesis already allows for this in
    path and query parameters, not yet in form bodies.)
    """
    if case.media_type != "multipart/form-data" or case.meta is None:
        return False
    data = case.meta.phase.data
    if getattr(data, "scenario", None) == CoverageScenario.INCORRECT_TYPE:
        return True
    mutations = getattr(data, "mutations", ())
    return bool(mutations) and all(m.operator == OperatorKind.CHANGE_TYPE for m in mutations)


@pytest.mark.slow
@schema.parametrize()
@settings(max_examples=MAX_EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
def test_server_conforms_to_the_document(case: schemathesis.Case, backend: DevServer) -> None:
    # Checks with known, justified exceptions run after the call, on the responses they apply to.
    pending = PENDING_STATUS_CODES.get((case.method.upper(), case.operation.path), frozenset())
    deferred = {status_code_conformance: lambda r: r.status_code in pending} if pending else {}
    if case.operation.path in MUST_EXIST:
        deferred[positive_data_acceptance] = lambda r: _names_a_missing_object(case, r)
    excluded = list(deferred)
    if _only_form_field_types_changed(case):
        excluded.append(negative_data_rejection)
    # A reply that never comes is a failure, not a hung suite.
    extra: dict[str, float] = {"timeout": 60}
    if (case.method.upper(), case.operation.path) == STREAM:
        extra["timeout"] = STREAM_SECONDS
        # The document's event-stream schema is `type: string`, which schemathesis applies to each
        # event (an object): reported to the document's owner (an `itemSchema` for the events);
        # the events themselves are checked in test_streams.py.
        excluded.append(response_schema_conformance)
    response = case.call_and_validate(
        base_url=backend.url.rstrip("/"), headers=AUTH, excluded_checks=excluded, **extra
    )
    remaining = [check for check, tolerated in deferred.items() if not tolerated(response)]
    if remaining:
        case.validate_response(response, checks=remaining, headers=AUTH)
