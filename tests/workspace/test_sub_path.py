"""Served under a sub-path (FORCE_SCRIPT_NAME), every link, form and htmx target on the deal page
and the deal list starts with it and leads to one of the app's own views."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import override_settings
from django.urls import resolve, set_script_prefix

from tests.workspace.helpers import furnish

PREFIX = "/sales"
ATTRIBUTES = re.compile(r'\s(href|hx-get|hx-post|action)="([^"]*)"')


def _targets(body: str) -> list[tuple[str, str]]:
    # "#anchor" links stay on the page and "?sort=" links on the list itself
    return [(a, v) for a, v in ATTRIBUTES.findall(body) if not v.startswith(("#", "?"))]


@pytest.mark.parametrize("page", ["deal_page", "deal_list"])
def test_every_link_and_htmx_target_starts_with_the_sub_path_and_resolves(cast: Any, login: Any, page: str) -> None:
    furnish(cast.deal)
    client = login(cast.rep_a)
    path = f"/deals/{cast.deal.pk}/" if page == "deal_page" else "/deals/"
    # STATIC_URL gets the prefix when settings are first read, as in a server started with it
    # The test client does not set the script prefix as the WSGI handler does: set it here.
    # STATIC_URL gets the prefix when settings are first read, as in a server started with it.
    with override_settings(FORCE_SCRIPT_NAME=PREFIX, STATIC_URL=f"{PREFIX}/static/"):
        set_script_prefix(f"{PREFIX}/")
        try:
            response = client.get(path, SCRIPT_NAME=PREFIX)
        finally:
            set_script_prefix("/")
    assert response.status_code == 200
    targets = _targets(response.content.decode())
    assert len(targets) > (40 if page == "deal_page" else 5)
    for attribute, value in targets:
        assert value.startswith(f"{PREFIX}/"), (attribute, value)
        local = value[len(PREFIX):].split("?", 1)[0]
        if local.startswith("/static/"):
            continue  # files served beside the app, not by a view
        resolve(local)  # raises Resolver404 for a link to nowhere
