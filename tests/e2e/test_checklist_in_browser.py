"""In the browser, the deal page's one-line checklist and Remove buttons save with the page's one
version input: pick a status, then a second one, then remove a pain, and each save lands (none is
refused as a conflict). Screenshots of the page at 1440 × 900 and 390 × 844 go to
artifacts/screenshots."""

from __future__ import annotations

from typing import Any

import pytest

from dealpilot.deals import models as m
from tests.e2e.conftest import SCREENSHOTS, SKIP_REASON, browser_available
from tests.review.conftest import write_example
from tests.web.factories import make_team, make_user

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True),
              pytest.mark.skipif(not browser_available(), reason=SKIP_REASON)]


@pytest.fixture
def deal() -> Any:
    rep = make_user("rep1", team=make_team("华东大区"))
    return write_example(rep)


def _criteria(deal: Any) -> list[str]:
    from dealpilot.engine.playbook import get_playbook

    return [c.id for d in get_playbook(deal.playbook).dimensions for c in d.criteria]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_two_status_picks_and_a_removal_each_save(browser: Any, deal: Any, lang: str) -> None:
    page = browser.open(lang)
    browser.login(page, "rep1")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for name, size in (("wide", {"width": 1440, "height": 900}), ("phone", {"width": 390, "height": 844})):
        page.set_viewport_size(size)
        page.goto(f"{browser.base_url}/deals/{deal.pk}/")
        page.wait_for_load_state("networkidle")
        page.screenshot(path=str(SCREENSHOTS / f"deal-{name}-{lang}.png"), full_page=name == "phone")
        page.locator("#field-answers .dp-checklist").first.screenshot(path=str(SCREENSHOTS / f"deal-{name}-{lang}-checklist.png"))
    page.set_viewport_size({"width": 1440, "height": 900})
    first, second = _criteria(deal)[:2]
    for cid, status in ((first, "no"), (second, "partly")):
        with page.expect_response(lambda r, cid=cid: f"/answers/{cid}/" in r.url and r.request.method == "POST") as saved:
            page.locator(f"#answer-{cid} label:has(input[value={status}])").click()
        assert saved.value.status == 200
        page.wait_for_selector(f"#answer-{cid}.dp-crit-{status}")
    assert dict(m.Answer.objects.filter(opportunity=deal, criterion__in=[first, second])
                .values_list("criterion", "status")) == {first: "no", second: "partly"}
    pain = m.Pain.objects.filter(opportunity=deal).first()
    page.once("dialog", lambda dialog: dialog.accept())
    with page.expect_response(lambda r: r.url.endswith("/delete/")) as removed:
        page.locator(f"#pains-{pain.pk} .dp-danger").click()
    assert removed.value.status == 200
    page.wait_for_selector(f"#pains-{pain.pk}", state="detached")
    assert not m.Pain.objects.filter(pk=pain.pk).exists()
    assert not browser.errors, browser.errors
