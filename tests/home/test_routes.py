"""After login everyone lands on the home page; `/` is the home page; the deal list stays where it was."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from tests.web.factories import make_user

pytestmark = pytest.mark.django_db


def test_logging_in_lands_on_the_home_page(client: Client) -> None:
    make_user("rep1", password="s3cret-pass-word")
    response = client.post("/accounts/login/", {"username": "rep1", "password": "s3cret-pass-word"})
    assert (response.status_code, response["Location"]) == (302, "/home/")
    assert client.get("/home/").status_code == 200


def test_someone_logged_in_who_opens_the_login_page_goes_home(client: Client) -> None:
    client.force_login(make_user("rep1"))
    assert client.get("/accounts/login/")["Location"] == "/home/"


def test_the_root_is_the_home_page_and_the_deal_list_still_works(client: Client) -> None:
    client.force_login(make_user("rep1"))
    assert client.get("/")["Location"] == "/home/"
    assert client.get("/deals/").status_code == 200


def test_anonymous_users_are_sent_to_log_in_and_come_back_home(client: Client) -> None:
    response = client.get("/home/")
    assert response.status_code == 302 and response["Location"] == "/accounts/login/?next=/home/"


def test_the_home_page_answers_only_get(cast: Any, login: Any) -> None:
    assert login(cast.rep_a).post("/home/").status_code == 405
