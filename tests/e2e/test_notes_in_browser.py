"""In the browser, as a new user would: log a visit on the example deal with a pasted note of a few
paragraphs (Chinese, then English), see the proposals beside the note with the sentences
highlighted — the right criteria and people, "还没批" / "not yet approved" read as no — accept
three, and the score, the flags and the people's last contact change."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from dealpilot.deals import models as m
from tests.e2e.conftest import SCREENSHOTS, SKIP_REASON, browser_available
from tests.review.conftest import example_document, write_example
from tests.web.factories import make_team, make_user

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True),
              pytest.mark.skipif(not browser_available(), reason=SKIP_REASON)]

NOTES = {
    "zh": ("今天上午到恒锐拜访了周总、林总监和陈静，在三楼会议室聊了一个多小时。\n\n"
           "周总亲口说，排产是他今年最头疼的事，这是集团的一号工程。陈静私下告诉我，预算还没批下来，要等下周三的总经理办公会。"
           "林总监关心的是投资回收期，要求不超过两年。\n\n"
           "赵主任不太认可我们的架构，担心和现有的MES对接不上。新来的采购经理张伟会负责后面的商务流程。\n\n"
           "中午一起吃了饭，聊了聊孩子上学的事。"),
    "en": ("Visited Zhou Jianguo, Lin Hui and Chen Jing this morning at their plant office.\n\n"
           "Zhou Jianguo told us himself that fixing scheduling across the three plants is the group's top priority "
           "this year. Chen Jing said the budget is not yet approved; it goes to the management meeting next "
           "Wednesday. Lin Hui cares about the payback period and wants it under two years.\n\n"
           "Zhao Lei is not really convinced by our architecture. We met Tom Brown, the new VP of Operations.\n\n"
           "We had lunch and talked about football."),
}
PEOPLE = {"zh": ("周建国", "林慧", "陈静"), "en": ("Zhou Jianguo", "Lin Hui", "Chen Jing")}
# criterion → (status, the sentence's words, the source's name) the proposals must show
EXPECTED = {
    "zh": {"pain_budget_in_place": ("no", "预算还没批下来", "陈静"), "value_releases_funds": ("yes", "投资回收期", "林慧"),
           "vision_key_people_back": ("partly", "不太认可", "赵磊")},
    "en": {"pain_budget_in_place": ("no", "not yet approved", "Chen Jing"),
           "value_releases_funds": ("yes", "payback period", "Lin Hui"),
           "vision_key_people_back": ("partly", "not really convinced", "Zhao Lei")},
}


@pytest.fixture
def rep() -> Any:
    return make_user("rep1", team=make_team("华东大区"))


def _flags(page: Any) -> list[str]:
    return page.locator("#deal-verdict [data-flag]").evaluate_all("els => els.map(e => e.dataset.flag)")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_visit_note_becomes_evidence_after_three_clicks(browser: Any, rep: Any, lang: str) -> None:
    deal = write_example(rep, example_document(lang))
    page = browser.open(lang)
    browser.login(page, "rep1")
    page.goto(f"{browser.base_url}/deals/{deal.pk}/")
    flags_before = _flags(page)
    score_before = m.Opportunity.objects.get(pk=deal.pk).score
    assert "no_fund_access" in flags_before  # the fund approver has never been met

    page.locator("#field-activities a.dp-add").click()
    page.wait_for_url("**/activities/new/")
    for name in PEOPLE[lang]:
        page.get_by_label(name, exact=True).check()
    page.fill("textarea[name=note]", NOTES[lang])
    page.locator("#activity-form button[type=submit]").click()
    page.wait_for_url("**/notes/")

    for cid, (status, words, source) in EXPECTED[lang].items():
        card = page.locator(f"article.dp-proposal[data-criterion={cid}]")
        assert card.get_attribute("data-status") == status
        assert words in card.locator("blockquote").inner_text()
        assert source in card.inner_text()
        sentence = card.get_attribute("id").removeprefix("proposal-")
        highlight = page.locator(f"#sentence-{sentence}")
        assert words in highlight.inner_text() and f"dp-status-{status}" in highlight.get_attribute("class")
    assert "孩子上学" not in page.locator("#proposals").inner_text() and "football" not in page.locator("#proposals").inner_text()
    assert ("张伟" if lang == "zh" else "Tom Brown") in page.locator("#note-extras").inner_text()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"notes-{lang}.png"), full_page=True)

    for cid in EXPECTED[lang]:
        page.locator(f"article.dp-proposal[data-criterion={cid}] button[value=accept]").click()
        page.wait_for_selector(f"article.dp-proposal.dp-accepted[data-criterion={cid}]")

    saved = {a.criterion: a for a in m.Answer.objects.filter(opportunity=deal, criterion__in=EXPECTED[lang])
             .select_related("source__contact")}
    today = timezone.localdate()
    for cid, (status, words, source) in EXPECTED[lang].items():
        assert (saved[cid].status, saved[cid].source.contact.name, saved[cid].date) == (status, source, today)
        assert words in saved[cid].evidence
    after = m.Opportunity.objects.get(pk=deal.pk)
    assert after.score != score_before
    for name in PEOPLE[lang]:
        assert m.DealStakeholder.objects.get(opportunity=deal, contact__name=name).last_contact == today
    page.goto(f"{browser.base_url}/deals/{deal.pk}/")
    flags_after = _flags(page)
    assert "no_fund_access" not in flags_after and flags_after != flags_before
    assert PEOPLE[lang][1] in page.locator("#field-activities").inner_text()
    assert not browser.errors, browser.errors
