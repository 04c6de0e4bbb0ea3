"""Security headers: a Content-Security-Policy without inline script on every response, and
nothing behind the login kept by a browser or proxy cache."""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = sorted(ROOT.glob("dealpilot/**/jinja2/**/*.html"))


def _policy(response: Any) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


@pytest.mark.parametrize("path", ["/accounts/login/", "/admin/login/"])
def test_pages_before_login_carry_the_policy(client: Any, db: Any, path: str) -> None:
    policy = _policy(client.get(path))
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["form-action"] == ["'self'"]


def test_no_inline_script_is_allowed(cast: Any, login: Any) -> None:
    response = login(cast.rep_a).get(reverse("deal_page", args=[cast.deal.pk]))
    for directive in ("script-src", "default-src"):
        assert not {"'unsafe-inline'", "'unsafe-eval'"} & set(_policy(response)[directive])


def test_htmx_indicator_style_is_allowed_by_its_hash(cast: Any, login: Any) -> None:
    # htmx adds one fixed <style> for its request indicators; only that exact text is allowed.
    htmx = (ROOT / "dealpilot/web/static/vendor/htmx.min.js")
    if not htmx.exists():
        pytest.skip("front-end libraries not installed (make setup)")
    match = re.search(r'"<style"\+e\+">(.*?)</style>"', htmx.read_text())
    assert match, "htmx no longer injects its indicator style this way: check the policy"
    css = match.group(1).replace('."+Q.config.indicatorClass+"', ".htmx-indicator")
    css = css.replace('."+Q.config.requestClass+"', ".htmx-request")
    digest = base64.b64encode(hashlib.sha256(css.encode()).digest()).decode()
    policy = _policy(login(cast.rep_a).get(reverse("deal_list")))
    assert f"'sha256-{digest}'" in policy["style-src"]


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: str(p.relative_to(ROOT)))
def test_templates_hold_no_inline_script(template: Path) -> None:
    text = template.read_text()
    # A script file, or a JSON data block (never run: CSP's script-src does not apply to it).
    assert not re.search(r'<script(?![^>]*\b(?:src=|type="application/json"))[^>]*>', text), "inline <script>"
    assert not re.search(r"\son[a-z]+\s*=", text), "inline event handler"
    assert not re.search(r"\bhx-on", text) and "javascript:" not in text


def test_the_review_page_prints_from_a_static_script(cast: Any, login: Any) -> None:
    body = login(cast.rep_a).get(reverse("deal_review", args=[cast.deal.pk])).content.decode()
    assert "onclick" not in body and "data-print" in body and "review/print.js" in body


@pytest.mark.parametrize("name, kwargs", [
    ("deal_list", {}),
    ("deal_page", {"pk": "deal"}),
    ("workspace_section", {"pk": "deal", "name": "verdict"}),
    ("deal_chart_radar", {"pk": "deal"}),
    ("deal_review_markdown", {"pk": "deal"}),
    ("deal_document", {"pk": "deal", "fmt": "yaml"}),
    ("deal_document", {"pk": "deal", "fmt": "json"}),
    ("password_change", {}),
])
def test_nothing_behind_the_login_is_cached(cast: Any, login: Any, name: str, kwargs: dict[str, str]) -> None:
    args = {key: cast.deal.pk if value == "deal" else value for key, value in kwargs.items()}
    headers = {"HX-Request": "true"} if name == "workspace_section" else {}
    response = login(cast.rep_a).get(reverse(name, kwargs=args), headers=headers)
    assert response.status_code == 200
    assert set(response["Cache-Control"].replace(" ", "").split(",")) == {"private", "no-store"}


def test_static_files_keep_their_caching(client: Any, db: Any) -> None:
    response = client.get("/static/dealpilot.css")
    assert response.status_code == 200
    assert "max-age" in response["Cache-Control"] and "no-store" not in response["Cache-Control"]
