"""On a phone (390 × 844) no page scrolls sideways: the navigation folds behind a toggler, tables
become stacked rows and the power map fits the width. Screenshots go to artifacts/screenshots."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from dealpilot.deals.models import ChangeRecord
from dealpilot.review.snapshots import seed_demo_history
from tests.e2e.conftest import SCREENSHOTS, SKIP_REASON, browser_available
from tests.review.conftest import example_document, write_example
from tests.web.factories import make_team, make_user

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True),
              pytest.mark.skipif(not browser_available(), reason=SKIP_REASON)]

PHONE = {"width": 390, "height": 844}
WIDE = "() => document.documentElement.scrollWidth <= window.innerWidth"


@pytest.fixture
def deal() -> Any:
    rep = make_user("rep1", team=make_team("华东大区"))
    rep.first_name, rep.last_name = "磊", "王"
    rep.save()
    opp = write_example(rep)
    seed_demo_history([opp], [example_document()], timezone.localdate())
    ChangeRecord.objects.create(opportunity=opp, user=rep, version=2, field="budget.status",
                                old="planned", new="approved")
    return opp


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_page_scrolls_sideways_on_a_phone(browser: Any, deal: Any, lang: str) -> None:
    page = browser.open(lang)
    page.set_viewport_size(PHONE)
    browser.login(page, "rep1")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for name, url in (("list", "/deals/"), ("deal", f"/deals/{deal.pk}/"),
                      ("review", f"/deals/{deal.pk}/review/"), ("history", f"/deals/{deal.pk}/history/")):
        page.goto(browser.base_url + url)
        page.wait_for_load_state("networkidle")
        if name in ("deal", "review"):
            page.wait_for_function("() => { const el = document.querySelector('[data-powermap]'); "
                                   "return el && el.dataset.drawn && el.dataset.drawn !== 'error'; }")
            box = page.evaluate("() => { const r = document.querySelector('[data-powermap]').getBoundingClientRect();"
                                " return [r.left, r.right]; }")
            assert box[0] >= 0 and box[1] <= PHONE["width"], (name, box)
        widths = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
        page.screenshot(path=str(SCREENSHOTS / f"phone-{lang}-{name}.png"), full_page=True)
        assert page.evaluate(WIDE), (name, widths)
    assert not browser.errors, browser.errors


def test_the_navigation_folds_behind_a_toggler(browser: Any, deal: Any) -> None:
    page = browser.open("zh")
    page.set_viewport_size(PHONE)
    browser.login(page, "rep1")
    logout = page.locator("#dp-nav-menu button", has_text="退出")
    assert page.locator(".navbar-toggler").is_visible()
    assert not logout.is_visible()
    page.click(".navbar-toggler")
    logout.wait_for(state="visible")
    assert page.locator("#dp-nav-menu", has_text="王磊").is_visible()
    page.set_viewport_size({"width": 1440, "height": 900})
    assert not page.locator(".navbar-toggler").is_visible()


def test_tables_become_stacked_rows(browser: Any, deal: Any) -> None:
    page = browser.open("en")
    page.set_viewport_size(PHONE)
    browser.login(page, "rep1")
    page.goto(browser.base_url + f"/deals/{deal.pk}/history/")
    cell = page.locator("#deal-history tbody td").first
    assert cell.evaluate("td => getComputedStyle(td).display") == "block"
    label = cell.evaluate("td => getComputedStyle(td, '::before').content")
    assert "When" in label
    assert not page.locator("#deal-history thead").is_visible() or \
        page.locator("#deal-history thead").bounding_box()["width"] <= 1
