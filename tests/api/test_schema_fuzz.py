"""schemathesis against the live schema with a token: every operation, generated parameters and
bodies, bounded (a few examples each, well under 90 s in all): no 5xx, and every response has a
status, content type and body the schema declares."""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from dealpilot.api.api import api
from tests.api.conftest import token_for
from tests.security.world import make_world
from tests.web.conftest import Cast

# The fuzzing phase only (the coverage phase alone sends hundreds of requests per operation),
# a few examples each: bounded in count, so the whole run stays well under 90 s.
CONFIG = schemathesis.Config.from_dict({"phases": {"coverage": {"enabled": False}, "stateful": {"enabled": False},
                                                   "examples": {"enabled": False}}})
schema = schemathesis.openapi.from_dict(api.get_openapi_schema(), config=CONFIG)
_django = get_wsgi_application()


def app(environ: Any, start_response: Any) -> Any:
    """The WSGI app as Django's test client calls it: the start and end of a request must not close the
    test's database connection (its transaction holds the test's data, and on PostgreSQL a closed
    connection fails every query after it)."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        return list(_django(environ, start_response))
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


schema.app = app
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


@pytest.fixture
def token(cast: Cast, settings: Any) -> str:  # noqa: F811 (pytest's settings fixture, not hypothesis')
    settings.ALLOWED_HOSTS = ["*"]
    settings.API_RATE_LIMIT = 10**6
    make_world(cast)
    return token_for(cast.admin)


@schema.parametrize()
@settings(max_examples=4, deadline=None, derandomize=True, database=None,
          suppress_health_check=list(HealthCheck))
def test_every_operation_answers_as_its_schema_says(case: Any, token: str) -> None:
    case.call_and_validate(headers={"Authorization": f"Bearer {token}"}, checks=CHECKS)
