"""Someone already logged in who opens the login page is sent on: to a local `next`, taken as
a path exactly as written (never looked up as a view name), or to the home page."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from tests.web.factories import make_user


@pytest.fixture
def logged_in(db: Any) -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(make_user("rep1"))
    return client


@pytest.mark.parametrize("target", ["deal_list", "1e400", "logout", "x"])
def test_a_next_that_is_a_bare_word_is_a_relative_path_not_a_view_name(logged_in: Client, target: str) -> None:
    response = logged_in.get(reverse("login"), {"next": target})
    assert (response.status_code, response["Location"]) == (302, target)


def test_a_local_next_is_followed_and_an_outside_one_is_not(logged_in: Client) -> None:
    assert logged_in.get(reverse("login"), {"next": "/deals/7/"})["Location"] == "/deals/7/"
    assert logged_in.get(reverse("login"), {"next": "https://evil.example/"})["Location"] == "/home/"
