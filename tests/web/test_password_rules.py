"""New passwords refuse the username (in any disguise), the product's name, the demo password
and, on a change, the current password — with the reason in the user's language."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from dealpilot.deals.demo.build import DEMO_PASSWORD
from tests.web.factories import make_user

CURRENT = "Qz8-current-long-pass"


@pytest.fixture
def rep7(client: Any, db: Any) -> Any:
    user = make_user("rep7", password=CURRENT)
    client.force_login(user)
    return user


def _change(client: Any, new: str, lang: str = "en") -> Any:
    return client.post(reverse("password_change"), {"old_password": CURRENT, "new_password1": new,
                                                    "new_password2": new}, HTTP_ACCEPT_LANGUAGE=lang)


@pytest.mark.parametrize("new, reason", [
    ("rep7rep7", "must not contain your username"),
    ("Rep7-Qz8-winter", "must not contain your username"),
    ("7per-Qz8-winter", "must not contain your username"),
    ("ｒｅｐ７-Qz8-winter", "must not contain your username"),
    ("dealpilot", "must not contain the product's name"),
    ("DealPilot-2026!", "must not contain the product's name"),
    ("Deal.Pilot.Qz8", "must not contain the product's name"),
    ("商机领航2026abc", "must not contain the product's name"),
    (DEMO_PASSWORD, "must not contain the product's name"),
    (CURRENT, "must differ from your current password"),
])
def test_a_weak_new_password_is_refused_with_the_reason(client: Any, rep7: Any, new: str, reason: str) -> None:
    response = _change(client, new)
    assert response.status_code == 400
    assert reason in response.content.decode().replace("&#x27;", "'").replace("&#39;", "'")
    rep7.refresh_from_db()
    assert rep7.check_password(CURRENT)


def test_the_reason_is_given_in_chinese(client: Any, rep7: Any) -> None:
    body = _change(client, "rep7rep7", lang="zh-CN").content.decode()
    assert "不能包含你的用户名" in body
    body = _change(client, CURRENT, lang="zh-CN").content.decode()
    assert "不能与当前密码相同" in body
    body = _change(client, "dealpilot-Qz8", lang="zh-CN").content.decode()
    assert "不能包含产品名称" in body


def test_a_good_new_password_is_accepted(client: Any, rep7: Any) -> None:
    assert _change(client, "Qz8-harbour-lantern").status_code == 302
    rep7.refresh_from_db()
    assert rep7.check_password("Qz8-harbour-lantern")


def test_a_short_username_only_refuses_itself(client: Any, db: Any) -> None:
    from django.contrib.auth.password_validation import validate_password

    user = make_user("li", password=CURRENT)
    validate_password("Qz8-lighthouse-lane", user)  # contains "li": a two-letter name is too common to ban
