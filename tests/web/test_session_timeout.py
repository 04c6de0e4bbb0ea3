"""Sessions end after SESSION_IDLE_TIMEOUT without a request, and after SESSION_COOKIE_AGE in all."""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings
from django.urls import reverse

from tests.web.factories import make_user


@pytest.fixture
def signed_in(client: Any, db: Any) -> Any:
    client.force_login(make_user("rep1"))
    assert client.get(reverse("deal_list")).status_code == 200
    return client


def _shift(client: Any, key: str, seconds: int) -> None:
    session = client.session
    session[key] = session[key] - seconds
    session.save()


def test_the_idle_timeout_defaults_to_eight_hours() -> None:
    assert settings.SESSION_IDLE_TIMEOUT == 8 * 3600


def test_a_session_unused_for_longer_than_the_idle_timeout_is_logged_out(signed_in: Any) -> None:
    _shift(signed_in, "last_seen", settings.SESSION_IDLE_TIMEOUT + 1)
    response = signed_in.get(reverse("deal_list"))
    assert response.status_code == 302 and reverse("login") in response["Location"]
    assert signed_in.get(reverse("deal_list")).status_code == 302


def test_a_session_in_use_stays(signed_in: Any) -> None:
    _shift(signed_in, "last_seen", settings.SESSION_IDLE_TIMEOUT - 60)
    before = signed_in.session["last_seen"]
    assert signed_in.get(reverse("deal_list")).status_code == 200
    assert signed_in.session["last_seen"] > before  # the request counted as use
    assert signed_in.get(reverse("deal_list")).status_code == 200


def test_an_idle_htmx_fragment_is_logged_out_too(signed_in: Any) -> None:
    _shift(signed_in, "last_seen", settings.SESSION_IDLE_TIMEOUT + 1)
    response = signed_in.get(reverse("deal_list"), headers={"HX-Request": "true"})
    assert response.status_code != 200


def test_the_absolute_session_age_still_applies_to_a_busy_session(signed_in: Any) -> None:
    _shift(signed_in, "signed_in_at", settings.SESSION_COOKIE_AGE + 1)
    assert signed_in.get(reverse("deal_list")).status_code == 302


def test_the_idle_timeout_is_a_setting(signed_in: Any, settings: Any) -> None:
    settings.SESSION_IDLE_TIMEOUT = 600
    _shift(signed_in, "last_seen", 601)
    assert signed_in.get(reverse("deal_list")).status_code == 302
