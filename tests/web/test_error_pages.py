"""404, 403 and 500 come in the site's frame and the visitor's language, with DEBUG off."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client


@pytest.fixture
def failing_site(settings: Any) -> Any:
    settings.DEBUG = False
    settings.ROOT_URLCONF = "tests.web.urls_errors"
    return settings


@pytest.mark.parametrize(("lang", "words"), [("zh-hans", "找不到页面"), ("en", "Page not found")])
def test_404_is_framed_and_translated(cast: Any, login: Any, failing_site: Any, lang: str, words: str) -> None:
    response = login(cast.rep_a).get("/deals/987654/", HTTP_ACCEPT_LANGUAGE=lang)
    html = response.content.decode()
    assert response.status_code == 404
    assert words in html and 'class="dp-nav' in html and "/accounts/logout/" in html
    assert ('lang="en"' if lang == "en" else 'lang="zh-Hans"') in html


def test_404_for_a_visitor_who_is_not_logged_in(db: Any, failing_site: Any) -> None:
    response = Client().get("/no-such-page/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 404 and "Page not found" in response.content.decode()


@pytest.mark.parametrize(("lang", "words"), [("zh-hans", "没有权限"), ("en", "Not allowed")])
def test_403_is_framed_and_translated(cast: Any, login: Any, failing_site: Any, lang: str, words: str) -> None:
    response = login(cast.rep_a).get("/forbidden/", HTTP_ACCEPT_LANGUAGE=lang)
    assert response.status_code == 403
    assert words in response.content.decode() and 'class="dp-nav' in response.content.decode()


@pytest.mark.parametrize(("lang", "words"), [("zh-hans", "出错了"), ("en", "Something went wrong")])
def test_500_renders_in_the_frame_without_the_request(cast: Any, failing_site: Any, lang: str, words: str) -> None:
    client = Client(raise_request_exception=False)
    client.force_login(cast.rep_a)
    response = client.get("/boom/", HTTP_ACCEPT_LANGUAGE=lang)
    html = response.content.decode()
    assert response.status_code == 500
    assert words in html and 'class="dp-nav' in html and "dealpilot.css" in html
    assert "the database went away" not in html  # no details for the visitor
