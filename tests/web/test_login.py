"""Logging in and out, rate limiting, password change, and the language each user keeps."""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings
from django.urls import reverse

from dealpilot.accounts.models import LoginFailure
from tests.web.factories import make_user


@pytest.fixture
def rep(db: Any) -> Any:
    return make_user("rep1", password="dealpilot-demo")


def _login(client: Any, password: str, username: str = "rep1", **extra: Any) -> Any:
    return client.post(reverse("login"), {"username": username, "password": password}, **extra)


def test_login_page_speaks_chinese_to_a_chinese_browser(client: Any, db: Any) -> None:
    body = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="zh-CN,zh;q=0.9").content.decode()
    assert "登录" in body


def test_login_page_speaks_english_to_an_english_browser(client: Any, db: Any) -> None:
    body = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert "Log in to DealPilot" in body


def test_correct_password_logs_in_and_goes_to_the_deals(client: Any, rep: Any) -> None:
    response = _login(client, "dealpilot-demo")
    assert response.status_code == 302 and response["Location"] == "/deals/"
    assert client.get(reverse("deal_list")).status_code == 200


def test_login_follows_a_local_next_but_not_an_outside_one(client: Any, rep: Any) -> None:
    response = client.post(reverse("login"), {"username": "rep1", "password": "dealpilot-demo", "next": "/deals/7/"})
    assert response["Location"] == "/deals/7/"
    client.logout()
    response = client.post(reverse("login"), {"username": "rep1", "password": "dealpilot-demo",
                                              "next": "https://evil.example/"})
    assert response["Location"] == "/deals/"


def test_wrong_password_is_refused(client: Any, rep: Any) -> None:
    response = _login(client, "nope")
    assert response.status_code == 400
    assert client.get(reverse("deal_list")).status_code == 302


def test_too_many_failures_lock_the_login_even_with_the_right_password(client: Any, rep: Any) -> None:
    for _ in range(settings.LOGIN_MAX_FAILURES):
        assert _login(client, "wrong").status_code == 400
    response = _login(client, "dealpilot-demo", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 429
    assert "Too many failed attempts" in response.content.decode()
    assert client.get(reverse("deal_list")).status_code == 302


def test_the_lock_is_per_address(client: Any, rep: Any) -> None:
    for _ in range(settings.LOGIN_MAX_FAILURES):
        _login(client, "wrong", REMOTE_ADDR="10.0.0.1")
    assert _login(client, "dealpilot-demo", REMOTE_ADDR="10.0.0.2").status_code == 302


def test_a_successful_login_clears_earlier_failures(client: Any, rep: Any) -> None:
    _login(client, "wrong")
    _login(client, "dealpilot-demo")
    assert not LoginFailure.objects.filter(username="rep1").exists()


def test_logout_needs_post_and_ends_the_session(client: Any, rep: Any) -> None:
    client.force_login(rep)
    assert client.get(reverse("logout")).status_code == 405
    assert client.post(reverse("logout")).status_code == 302
    assert client.get(reverse("deal_list")).status_code == 302


def test_password_change_needs_the_old_password(client: Any, rep: Any) -> None:
    client.force_login(rep)
    bad = client.post(reverse("password_change"), {"old_password": "x", "new_password1": "Qz8-longer-pass",
                                                   "new_password2": "Qz8-longer-pass"})
    assert bad.status_code == 400
    good = client.post(reverse("password_change"), {"old_password": "dealpilot-demo",
                                                    "new_password1": "Qz8-longer-pass",
                                                    "new_password2": "Qz8-longer-pass"})
    assert good.status_code == 302
    rep.refresh_from_db()
    assert rep.check_password("Qz8-longer-pass")


def test_switching_language_is_remembered_for_the_next_login(client: Any, rep: Any) -> None:
    client.force_login(rep)
    response = client.post(reverse("set_language"), {"language": "en", "next": "/deals/"})
    assert response.status_code == 302 and response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    rep.profile.refresh_from_db()
    assert rep.profile.language == "en"
    client.post(reverse("logout"))
    client.cookies.clear()
    response = _login(client, "dealpilot-demo")
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    assert "Deals" in client.get(reverse("deal_list")).content.decode()


def test_an_unknown_language_is_refused(client: Any, rep: Any) -> None:
    client.force_login(rep)
    assert client.post(reverse("set_language"), {"language": "xx"}).status_code == 400
    rep.profile.refresh_from_db()
    assert rep.profile.language == ""


def test_failures_older_than_the_window_no_longer_lock(client: Any, rep: Any) -> None:
    import datetime as dt

    from django.utils import timezone

    for _ in range(settings.LOGIN_MAX_FAILURES):
        _login(client, "wrong")
    LoginFailure.objects.update(at=timezone.now() - dt.timedelta(seconds=settings.LOGIN_FAILURE_WINDOW + 1))
    assert _login(client, "dealpilot-demo").status_code == 302
