"""In a real Chromium, in Chinese: the deal page, its power map and the review use the glossary's
words (关键人, 风险预警, 痛点, the attitudes) and none of the words it replaced; each is photographed."""

from __future__ import annotations

from typing import Any

import pytest

from dealpilot.accounts.models import Role
from dealpilot.engine import glossary
from dealpilot.review.snapshots import seed_demo_history
from tests.e2e.conftest import SCREENSHOTS, SKIP_REASON, browser_available
from tests.review.conftest import example_document, write_example
from tests.web.factories import make_team, make_user

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True),
              pytest.mark.skipif(not browser_available(), reason=SKIP_REASON)]

DRAWN = "el => el.dataset.drawn && !['error', 'empty'].includes(el.dataset.drawn)"


def _wait_drawn(page: Any, selector: str) -> None:
    page.wait_for_function(f"() => {{ const el = document.querySelector({selector!r}); return el && ({DRAWN})(el); }}")


def _no_replaced_words(text: str) -> None:
    # 您 stays in the playbook's questions, which a rep reads out to the customer.
    found = [w for w in glossary.BANNED_ZH if w in text and w != "您"]
    assert not found, found


def test_deal_page_power_map_and_review_read_with_one_glossary(live_server: Any, browser: Any) -> None:
    team = make_team("华东大区")
    make_user("manager1", team=team, role=Role.MANAGER)
    doc = example_document("zh")
    deal = write_example(make_user("rep1", team=team), doc)
    seed_demo_history([deal], [doc])
    page = browser.open("zh")
    browser.login(page, "manager1")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    page.goto(f"{browser.base_url}/deals/{deal.pk}/")
    _wait_drawn(page, "[data-powermap]")
    body = page.inner_text("body")
    _no_replaced_words(body)
    assert glossary.TERMS["stakeholder"].zh in body and glossary.TERMS["red_flags"].zh in body
    assert glossary.DIMENSION["pain"].zh in body
    legend = page.inner_text(".dp-pm-legend")
    assert all(glossary.ATTITUDE[a].zh in legend for a in ("champion", "supporter", "neutral", "skeptic", "opponent"))
    page.screenshot(path=str(SCREENSHOTS / "glossary-deal-zh.png"), full_page=True)
    page.locator("[data-powermap]").screenshot(path=str(SCREENSHOTS / "glossary-powermap-zh.png"))

    page.goto(f"{browser.base_url}/deals/{deal.pk}/review/")
    _wait_drawn(page, "[data-powermap]")
    review = page.inner_text("body")
    _no_replaced_words(review)
    assert glossary.TERMS["red_flags"].zh in review and glossary.DIMENSION["pain"].zh in review
    page.screenshot(path=str(SCREENSHOTS / "glossary-review-zh.png"), full_page=True)
    assert browser.errors == []
