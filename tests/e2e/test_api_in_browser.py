"""In a real Chromium, as a new user would: make a token on the settings page (shown once), then
open /api/v1/docs with every request to another host refused — the docs draw from the app's own
files under its Content-Security-Policy, without a console error."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlparse

import pytest

from tests.e2e.conftest import SCREENSHOTS, SKIP_REASON, browser_available
from tests.web.factories import make_team, make_user

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True),
              pytest.mark.skipif(not browser_available(), reason=SKIP_REASON)]


def test_a_token_is_made_and_the_docs_open_with_no_internet(browser: Any) -> None:
    make_user("rep1", team=make_team("华东大区"))
    page = browser.open("zh")
    elsewhere: list[str] = []
    own = urlparse(browser.base_url).netloc

    def offline(route: Any) -> None:
        if urlparse(route.request.url).netloc != own:
            elsewhere.append(route.request.url)
            route.abort()
        else:
            route.continue_()

    page.route("**/*", offline)
    browser.login(page, "rep1")
    page.click("text=API 令牌")
    page.fill("input[name=name]", "企业微信机器人")
    page.click("text=创建令牌")
    token = page.text_content("#new-token code") or ""
    assert re.fullmatch(r"dp_[0-9a-f]{8}_[\w-]+", token.strip())
    page.goto(browser.base_url + "/api/v1/docs")
    page.wait_for_selector("text=List deals")
    assert page.is_visible("text=DealPilot API")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "api-docs.png"))
    assert elsewhere == [], f"the docs asked another host: {elsewhere}"
    assert browser.errors == []
