"""The API's cast: the web cast (rep A, teammate, manager A, rep B, admin) each with a token,
and a client that sends one."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from dealpilot.api.models import ApiToken
from tests.web.conftest import Cast, cast, fast_passwords  # noqa: F401


class ApiClient:
    """Requests to /api/v1/ with `Authorization: Bearer <token>` (or none)."""

    def __init__(self, token: str | None) -> None:
        self.client = Client(enforce_csrf_checks=True)
        self.headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}

    def call(self, method: str, path: str, body: Any = None, **extra: Any) -> Any:
        url = path if path.startswith("/") else f"/api/v1/{path}"
        kwargs: dict[str, Any] = {**self.headers, **extra}
        if body is not None:
            kwargs["data"] = body if isinstance(body, (str, bytes)) else json.dumps(body)
            kwargs["content_type"] = "application/json"
        return getattr(self.client, method.lower())(url, **kwargs)

    def get(self, path: str, **extra: Any) -> Any:
        return self.call("GET", path, **extra)

    def post(self, path: str, body: Any = None, **extra: Any) -> Any:
        return self.call("POST", path, body, **extra)

    def put(self, path: str, body: Any = None, **extra: Any) -> Any:
        return self.call("PUT", path, body, **extra)

    def patch(self, path: str, body: Any = None, **extra: Any) -> Any:
        return self.call("PATCH", path, body, **extra)

    def delete(self, path: str, **extra: Any) -> Any:
        return self.call("DELETE", path, **extra)


def token_for(user: Any, **kw: Any) -> str:
    kw.setdefault("name", "tests")
    return ApiToken.issue(user, kw.pop("name"), **kw)[1]


@pytest.fixture
def api_as(cast: Cast) -> Any:  # noqa: F811
    """`api_as("rep_a")` / `api_as(user)` / `api_as(None)` (no token); `read_only=True`."""
    def make(who: Any, **kw: Any) -> ApiClient:
        if who is None:
            return ApiClient(None)
        user = cast.member(who) if isinstance(who, str) else who
        return ApiClient(token_for(user, **kw))
    return make


@pytest.fixture(autouse=True)
def fresh_rate_claims() -> Any:
    """Each test starts as a fresh app server: no requests claimed from an earlier test's rows."""
    from dealpilot.api.ratelimit import forget_claims

    forget_claims()
    yield
    forget_claims()
