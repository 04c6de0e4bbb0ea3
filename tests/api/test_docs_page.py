"""/api/v1/docs and /api/v1/openapi.json: served by the app itself (no CDN), not to outsiders."""

from __future__ import annotations

import re
from typing import Any

from django.contrib.staticfiles import finders

from tests.web.conftest import Cast


def test_the_docs_page_loads_everything_from_the_app_itself(client: Any, cast: Cast) -> None:
    client.force_login(cast.rep_a)
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    html = response.content.decode()
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html), "the docs page names another host"
    assets = re.findall(r"""(?:src|href)="/static/([^"]+)\"""", html)
    assert {"vendor/swagger-ui/swagger-ui-bundle.js", "vendor/swagger-ui/swagger-ui.css", "api/docs.js"} <= set(assets)
    for asset in assets:
        assert finders.find(asset), f"{asset} is not among the static files (make setup copies swagger-ui-dist)"
    assert "<script>" not in html  # no inline script: the page keeps the site's CSP
    assert "script-src 'self'" in response["Content-Security-Policy"]


def test_the_schema_is_served_to_a_signed_in_user_or_a_token(client: Any, cast: Cast, api_as: Any) -> None:
    assert client.get("/api/v1/openapi.json").status_code == 302  # to the login page
    assert client.get("/api/v1/docs").status_code == 302
    schema = api_as("rep_a").get("/api/v1/openapi.json")
    assert schema.status_code == 200
    assert "/api/v1/deals/{deal_id}" in schema.json()["paths"]
    client.force_login(cast.rep_b)
    assert client.get("/api/v1/openapi.json").status_code == 200


def test_the_schema_checked_in_docs_matches_the_code(api_as: Any) -> None:
    """docs/api.md lists every operation; a new one must be added there."""
    from pathlib import Path

    from dealpilot.api.api import api

    text = (Path(__file__).resolve().parents[2] / "docs" / "api.md").read_text(encoding="utf-8")
    schema = api.get_openapi_schema()
    missing = [f"{m.upper()} {p}" for p, item in schema["paths"].items() for m in item
               if f"`{m.upper()} {p.removeprefix('/api/v1')}`" not in text]
    assert not missing, "docs/api.md does not list: " + ", ".join(missing)
