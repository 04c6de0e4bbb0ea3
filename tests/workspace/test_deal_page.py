"""The workspace page: every block in place, a bounded number of queries whatever the deal's
size, one engine call per request, empty states that say what to add first."""

from __future__ import annotations

from typing import Any
from unittest import mock

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dealpilot.deals import models as m
from tests.web.factories import make_stakeholder
from tests.workspace.helpers import HX, first_criterion, furnish


def _grow(deal: m.Opportunity, n: int, tag: str) -> None:
    people = [make_stakeholder(deal, name=f"联系人{tag}{i}", key=f"{tag}{i}", roles=["influencer"]) for i in range(n)]
    for i, person in enumerate(people):
        if i:
            m.DealStakeholder.objects.filter(pk=person.pk).update(reports_to=people[i - 1])
        m.Pain.objects.create(opportunity=deal, text=f"痛点{i}", category="save_money", owner=person, confirmed_with=person)
        m.DecisionStep.objects.create(opportunity=deal, name=f"步骤{i}", owner=person)
        m.PlanStep.objects.create(opportunity=deal, step=f"计划{i}", owner=person)
        m.Objection.objects.create(opportunity=deal, text=f"异议{i}", raised_by=person)
        m.ValueItem.objects.create(opportunity=deal, metric=f"指标{i}", for_stakeholder=person)
        m.Competitor.objects.create(opportunity=deal, name=f"对手{i}")
        m.Milestone.objects.create(opportunity=deal, name=f"里程碑{i}")
    m.Answer.objects.update_or_create(opportunity=deal, criterion=first_criterion(deal),
                                      defaults={"status": "yes", "evidence": "有", "source": people[0]})


def _queries(client: Any, deal: m.Opportunity) -> int:
    client.get(reverse("deal_page", args=[deal.pk]))  # the first view after a change caches the score
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(reverse("deal_page", args=[deal.pk])).status_code == 200
    return len(ctx.captured_queries)


def test_page_queries_do_not_grow_with_the_deal(cast: Any, login: Any) -> None:
    client = login(cast.rep_a)
    _grow(cast.deal, 2, "a")
    small = _queries(client, cast.deal)
    _grow(cast.deal, 12, "b")
    assert _queries(client, cast.deal) == small
    assert small <= 16  # session, user, profile, the deal, nine lists — and nothing per row


def test_a_contact_or_account_renamed_elsewhere_shows_at_once(cast: Any, login: Any) -> None:
    # Neither rename moves this deal's version: the page must still not show the old names.
    facts = furnish(cast.deal)
    client = login(cast.rep_a)
    url = reverse("deal_page", args=[cast.deal.pk])
    before = client.get(url).content.decode()
    assert "周建国" in before
    m.Contact.objects.filter(pk=facts["boss"].contact_id).update(name="周国强")
    m.Account.objects.filter(pk=cast.deal.account_id).update(name="新名字制造有限公司")
    after = client.get(url).content.decode()
    assert "周国强" in after and "周建国" not in after and "新名字制造有限公司" in after


def test_each_browser_and_language_gets_its_own_page_and_token(cast: Any, login: Any) -> None:
    import re

    from django.test import Client

    furnish(cast.deal)
    url = reverse("deal_page", args=[cast.deal.pk])
    browsers = []
    for user in (cast.rep_a, cast.manager_a):
        browser = Client(enforce_csrf_checks=True)
        browser.force_login(user)
        browsers.append((browser, browser.get(url, HTTP_ACCEPT_LANGUAGE="zh-CN").content.decode()))
    english = browsers[1][0].get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "添加关键人" in browsers[0][1] and "Add stakeholder" in english and "添加关键人" not in english
    # The second browser's page must carry its own CSRF token: a save with it is accepted.
    browser, page = browsers[1]
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    response = browser.post(reverse("workspace_row_new", args=[cast.deal.pk, "objections"]),
                            {"csrfmiddlewaretoken": token, "version": cast.deal.version, "text": "太贵",
                             "status": "raised"}, **HX)
    assert response.status_code == 200


def test_page_calls_the_engine_once(cast: Any, login: Any) -> None:
    furnish(cast.deal)
    from dealpilot.deals import verdict

    with mock.patch.object(verdict, "_assess", wraps=verdict._assess) as spy:
        login(cast.rep_a).get(reverse("deal_page", args=[cast.deal.pk]))
    assert spy.call_count == 1


def test_a_save_calls_the_engine_once(cast: Any, login: Any) -> None:
    facts = furnish(cast.deal)
    from dealpilot.deals import verdict

    with mock.patch.object(verdict, "_assess", wraps=verdict._assess) as spy:
        login(cast.rep_a).post(reverse("workspace_row", args=[cast.deal.pk, "pains", facts["pain"].pk]),
                               {"version": cast.deal.version, "text": "新", "category": "save_money"}, **HX)
    assert spy.call_count == 1


def test_page_holds_every_block_and_the_power_map_slot(cast: Any, login: Any) -> None:
    furnish(cast.deal)
    body = login(cast.rep_a).get(reverse("deal_page", args=[cast.deal.pk])).content.decode()
    for block in ("deal-header", "deal-power-map", "field-stakeholders", "field-decision_chain", "field-budget",
                  "field-competitors", "field-timeline", "field-pains", "field-value", "field-mutual_plan",
                  "field-objections", "field-answers", "deal-verdict", "deal-history-panel"):
        assert f'id="{block}"' in body, block
    assert body.index('id="deal-power-map"') < body.index('id="field-stakeholders"')
    # One version on the page, included by each checklist list and each Remove button.
    assert body.count('name="version"') == 1 and 'id="deal-version"' in body
    assert body.count('class="dp-checklist"') == body.count('class="dp-checklist" hx-boost="true" hx-push-url="false" hx-target="closest .dp-crit" hx-swap="outerHTML show:none" hx-include="#deal-version"') > 0


def test_empty_deal_teaches_what_to_add_first(cast: Any, login: Any) -> None:
    body = login(cast.rep_a).get(reverse("deal_page", args=[cast.deal.pk]),
                                 HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "No stakeholders yet" in body and "No pain recorded" in body and "No mutual plan" in body


def test_page_speaks_chinese_by_default(cast: Any, login: Any) -> None:
    body = login(cast.rep_a).get(reverse("deal_page", args=[cast.deal.pk]),
                                 HTTP_ACCEPT_LANGUAGE="zh-CN").content.decode()
    assert "还没有关键人" in body and "添加关键人" in body


def test_user_text_is_escaped_everywhere(cast: Any, login: Any) -> None:
    facts = furnish(cast.deal)
    m.Pain.objects.filter(pk=facts["pain"].pk).update(text="<img src=x onerror=alert(1)>")
    body = login(cast.rep_a).get(reverse("deal_page", args=[cast.deal.pk])).content.decode()
    assert "<img src=x" not in body and "&lt;img src=x" in body


def test_edit_forms_come_prefilled_with_the_current_version(cast: Any, login: Any) -> None:
    facts = furnish(cast.deal)
    client = login(cast.rep_a)
    for url in (reverse("workspace_stakeholder", args=[cast.deal.pk, facts["boss"].pk]),
                reverse("workspace_row", args=[cast.deal.pk, "pains", facts["pain"].pk]),
                reverse("workspace_block", args=[cast.deal.pk, "budget"])):
        body = client.get(url, **HX).content.decode()
        assert f'name="version" value="{cast.deal.version}"' in body and "<html" not in body


def test_stakeholder_edit_answers_with_the_row_and_the_verdict(cast: Any, login: Any) -> None:
    facts = furnish(cast.deal)
    response = login(cast.rep_a).post(
        reverse("workspace_stakeholder", args=[cast.deal.pk, facts["boss"].pk]),
        {"version": cast.deal.version, "name": "周建国", "title": "总经理", "influence": "high",
         "attitude": "supporter", "access": "regular", "roles": ["decider", "fund_approver"],
         "works_closely": [facts["user"].pk]}, **HX)
    body = response.content.decode()
    assert response.status_code == 200
    assert body.lstrip().startswith(f'<tr id="stakeholder-{facts["boss"].pk}"')
    assert 'id="deal-verdict"' in body and 'hx-swap-oob' in body
    boss = m.DealStakeholder.objects.get(pk=facts["boss"].pk)
    assert boss.relationships == [{"with": "li", "kind": "works_closely"}]
    assert boss.roles == ["decider", "fund_approver"] and boss.title == "总经理"


def test_adding_a_stakeholder_creates_the_contact_once_for_the_account(cast: Any, login: Any) -> None:
    client = login(cast.rep_a)
    for _ in range(2):
        deal = m.Opportunity.objects.get(pk=cast.deal.pk)
        client.post(reverse("workspace_stakeholder_new", args=[deal.pk]),
                    {"version": deal.version, "name": "王强", "influence": "low", "attitude": "unknown",
                     "access": "none"}, **HX)
    people = m.DealStakeholder.objects.filter(opportunity=cast.deal)
    assert people.count() == 2 and len({p.key for p in people}) == 2
    assert m.Contact.objects.filter(account=cast.deal.account, name="王强").count() == 1


def test_names_with_markup_are_escaped_in_every_table(cast: Any, login: Any) -> None:
    facts = furnish(cast.deal)
    m.Contact.objects.filter(pk=facts["user"].contact_id).update(name="<b>李娜</b>")
    m.DecisionStep.objects.filter(pk=facts["step"].pk).update(name="<script>x</script>")
    body = login(cast.rep_a).get(reverse("deal_page", args=[cast.deal.pk])).content.decode()
    assert "<b>李娜" not in body and "&lt;b&gt;李娜&lt;/b&gt;" in body
    assert "<script>x" not in body and "&lt;script&gt;x" in body


def test_a_saved_checklist_row_comes_back_as_the_page_shows_it(cast: Any, login: Any) -> None:
    import re

    furnish(cast.deal)
    client = login(cast.rep_a)
    cid = first_criterion(cast.deal)
    response = client.post(reverse("workspace_answer", args=[cast.deal.pk, cid]),
                           {"version": cast.deal.version, "status": "partly", "evidence": "口头提过"}, **HX)
    saved = response.content.decode().split('<header', 1)[0].strip()
    page = client.get(reverse("deal_page", args=[cast.deal.pk])).content.decode()
    shown = re.search(rf'<form class="dp-crit[^"]*" id="answer-{cid}".*?</form>', page, re.S).group(0)
    token = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')
    assert token.sub("", saved) == token.sub("", shown)
    assert 'value="partly" checked' in shown and "口头提过" in shown


def test_legend_and_add_buttons_are_markup_in_each_language(cast: Any, login: Any) -> None:
    client = login(cast.rep_a)
    page = reverse("deal_page", args=[cast.deal.pk])
    for language, legend, add in (("zh-CN", "权力地图图例", "+ 添加关键人"), ("en", "Power map legend", "+ Add stakeholder")):
        body = client.get(page, HTTP_ACCEPT_LANGUAGE=language).content.decode()
        assert f'<div class="dp-pm-legend" aria-label="{legend}">' in body
        assert body.count('<button class="dp-add"') == 9  # stakeholders, budget and the seven fact lists
        assert f'hx-swap="outerHTML">{add}</button>' in body
        assert "&lt;div" not in body and "&lt;button" not in body
