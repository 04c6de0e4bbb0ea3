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


def test_correct_password_logs_in_and_goes_home(client: Any, rep: Any) -> None:
    response = _login(client, "dealpilot-demo")
    assert response.status_code == 302 and response["Location"] == "/home/"
    assert client.get(reverse("deal_list")).status_code == 200


def test_login_follows_a_local_next_but_not_an_outside_one(client: Any, rep: Any) -> None:
    response = client.post(reverse("login"), {"username": "rep1", "password": "dealpilot-demo", "next": "/deals/7/"})
    assert response["Location"] == "/deals/7/"
    client.logout()
    response = client.post(reverse("login"), {"username": "rep1", "password": "dealpilot-demo",
                                              "next": "https://evil.example/"})
    assert response["Location"] == "/home/"


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


@pytest.fixture
def rep6(db: Any) -> Any:
    return make_user("rep6", password="dealpilot-demo")


def _lock_out(client: Any, username: str, address: str = "10.0.0.1") -> None:
    for _ in range(settings.LOGIN_MAX_FAILURES):
        assert _login(client, "wrong", username=username, REMOTE_ADDR=address).status_code == 400


@pytest.mark.parametrize("variant", [" rep6", "rep6 ", "\trep6", "ｒｅｐ６", "REP6"])
def test_a_padded_or_fullwidth_username_is_the_same_locked_user(client: Any, rep6: Any, variant: str) -> None:
    _lock_out(client, "rep6")
    response = _login(client, "dealpilot-demo", username=variant, REMOTE_ADDR="10.0.0.1", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 429
    assert "Too many failed attempts" in response.content.decode()
    assert client.get(reverse("deal_list")).status_code == 302


def test_failures_through_variants_add_up_to_one_lock(client: Any, rep6: Any) -> None:
    for variant in ["rep6", " rep6", "rep6 ", "\trep6", "ｒｅｐ６"][: settings.LOGIN_MAX_FAILURES]:
        assert _login(client, "wrong", username=variant, REMOTE_ADDR="10.0.0.1").status_code == 400
    assert _login(client, "dealpilot-demo", username="rep6", REMOTE_ADDR="10.0.0.1").status_code == 429


def test_the_locked_message_is_translated(client: Any, rep6: Any) -> None:
    _lock_out(client, "rep6")
    response = _login(client, "dealpilot-demo", username="rep6", REMOTE_ADDR="10.0.0.1", HTTP_ACCEPT_LANGUAGE="zh-CN")
    assert response.status_code == 429 and "失败次数过多。请等待 15 分钟后再试" in response.content.decode()


def test_the_locked_message_names_the_configured_wait(client: Any, rep6: Any, settings: Any) -> None:
    settings.LOGIN_FAILURE_WINDOW = 1800
    _lock_out(client, "rep6")
    response = _login(client, "dealpilot-demo", username="rep6", REMOTE_ADDR="10.0.0.1", HTTP_ACCEPT_LANGUAGE="en")
    assert "Wait 30 minutes" in response.content.decode()


def test_the_admin_login_is_locked_by_the_same_failures(client: Any, db: Any) -> None:
    make_user("boss", password="dealpilot-demo", role="admin")
    _lock_out(client, "boss")
    response = client.post("/admin/login/?next=/admin/", {"username": "boss", "password": "dealpilot-demo"},
                           REMOTE_ADDR="10.0.0.1", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 429 and "Too many failed attempts" in response.content.decode()
    assert client.get("/admin/").status_code == 302


def test_failures_on_the_admin_login_lock_the_site_login(client: Any, db: Any) -> None:
    make_user("boss", password="dealpilot-demo", role="admin")
    for _ in range(settings.LOGIN_MAX_FAILURES):
        response = client.post("/admin/login/", {"username": "boss", "password": "wrong"}, REMOTE_ADDR="10.0.0.1")
        assert response.status_code == 200
    assert _login(client, "dealpilot-demo", username="boss", REMOTE_ADDR="10.0.0.1").status_code == 429


def test_one_address_spraying_every_user_is_stopped(client: Any, db: Any) -> None:
    users = [make_user(f"rep{n}", password="dealpilot-demo").username for n in range(1, 14)]
    statuses = []
    for attempt in range(settings.LOGIN_MAX_FAILURES_PER_ADDRESS + 5):
        statuses.append(_login(client, "guess", username=users[attempt % 13], REMOTE_ADDR="10.0.0.9").status_code)
    assert statuses[: settings.LOGIN_MAX_FAILURES_PER_ADDRESS] == [400] * settings.LOGIN_MAX_FAILURES_PER_ADDRESS
    assert set(statuses[settings.LOGIN_MAX_FAILURES_PER_ADDRESS:]) == {429}
    # Even the right password for a user this address never guessed at is not checked any more.
    assert _login(client, "dealpilot-demo", username="rep13", REMOTE_ADDR="10.0.0.9").status_code == 429
    assert _login(client, "dealpilot-demo", username="rep13", REMOTE_ADDR="10.0.0.10").status_code == 302


def test_another_address_can_still_log_in_as_the_victim(client: Any, rep6: Any) -> None:
    _lock_out(client, "rep6", address="203.0.113.5")
    assert _login(client, "dealpilot-demo", username="rep6", REMOTE_ADDR="198.51.100.7").status_code == 302


def test_guesses_at_one_user_from_many_addresses_are_stopped_at_a_higher_limit(client: Any, rep6: Any) -> None:
    for n in range(settings.LOGIN_MAX_FAILURES_PER_USERNAME):
        address = f"10.1.{n // 4}.{n % 4}"  # four guesses each: under the per-address limits
        assert _login(client, "wrong", username="rep6", REMOTE_ADDR=address).status_code == 400
    assert _login(client, "dealpilot-demo", username="rep6", REMOTE_ADDR="10.2.0.1").status_code == 429


def test_behind_a_trusted_proxy_the_client_address_comes_from_its_header(client: Any, rep6: Any,
                                                                        settings: Any) -> None:
    settings.TRUSTED_PROXY_HEADER, settings.TRUSTED_PROXY_COUNT = "HTTP_X_FORWARDED_FOR", 1
    for _ in range(settings.LOGIN_MAX_FAILURES):
        _login(client, "wrong", username="rep6", REMOTE_ADDR="127.0.0.1",
               HTTP_X_FORWARDED_FOR="1.1.1.1, 203.0.113.5")
    # The same proxy, another client: not locked out by the attacker behind the same proxy.
    assert _login(client, "dealpilot-demo", username="rep6", REMOTE_ADDR="127.0.0.1",
                  HTTP_X_FORWARDED_FOR="198.51.100.7").status_code == 302
    client.logout()
    # The attacker cannot escape by writing another address in front of the proxy's entry.
    assert _login(client, "dealpilot-demo", username="rep6", REMOTE_ADDR="127.0.0.1",
                  HTTP_X_FORWARDED_FOR="9.9.9.9, 203.0.113.5").status_code == 429


def test_without_a_trusted_proxy_the_forwarded_header_is_ignored(client: Any, rep6: Any) -> None:
    for n in range(settings.LOGIN_MAX_FAILURES):
        _login(client, "wrong", username="rep6", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=f"10.9.9.{n}")
    assert _login(client, "dealpilot-demo", username="rep6", REMOTE_ADDR="10.0.0.1",
                  HTTP_X_FORWARDED_FOR="10.8.8.8").status_code == 429


@pytest.mark.parametrize("door", ["/accounts/login/", "/admin/login/"])
def test_a_locked_login_does_not_even_check_the_password(client: Any, rep6: Any, door: str) -> None:
    from unittest import mock

    _lock_out(client, "rep6")
    with mock.patch("django.contrib.auth.base_user.check_password") as checked:
        response = client.post(door, {"username": "rep6", "password": "dealpilot-demo"}, REMOTE_ADDR="10.0.0.1")
    assert response.status_code == 429 and not checked.called
