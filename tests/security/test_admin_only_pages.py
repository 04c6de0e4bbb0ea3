"""The admin-only pages outside Django's admin (the audit trail): admins get in; reps, managers
and another team get 404; anonymous users are sent to log in. A new route under an admin-only
prefix that is not listed in ADMIN_ONLY fails here by name."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from tests.security.doors import (
    ADMIN_ONLY,
    ADMIN_ONLY_DOORS,
    ADMIN_ONLY_PREFIXES,
    is_login_redirect,
)
from tests.security.routes import all_routes
from tests.security.world import browser


def test_every_route_under_an_admin_only_prefix_is_listed() -> None:
    found = {r.name for r in all_routes() if r.text.startswith(ADMIN_ONLY_PREFIXES)}
    assert found == ADMIN_ONLY | ADMIN_ONLY_DOORS


@pytest.mark.parametrize("name", sorted(ADMIN_ONLY))
def test_only_admins_open_the_admin_only_pages(cast: Any, name: str) -> None:
    url = reverse(name)
    assert browser(cast.admin).get(url).status_code == 200
    for who in ("rep_a", "teammate_a", "manager_a", "rep_b"):
        assert browser(cast.member(who)).get(url).status_code == 404, f"{who} got into {url}"
    assert is_login_redirect(browser(None).get(url))
