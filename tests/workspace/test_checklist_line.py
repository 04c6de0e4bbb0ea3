"""The checklist shows each criterion on one line (status control, evidence with its source and
date); the evidence editor opens in place on demand; the page of a big deal stays small."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.urls import reverse

from dealpilot.deals import models as m
from tests.web.factories import make_stakeholder
from tests.workspace.helpers import HX, first_criterion, furnish, post, version


def _row(body: str, cid: str) -> str:
    return re.search(rf'<form class="dp-crit[^"]*" id="answer-{cid}".*?</form>', body, re.S).group(0)


def test_a_criterion_reads_as_one_line_with_its_evidence_source_and_date(cast: Any, login: Any) -> None:
    facts = furnish(cast.deal)
    cid = first_criterion(cast.deal)
    m.Answer.objects.create(opportunity=cast.deal, criterion=cid, status="yes", evidence="总经理会上确认",
                            source=facts["boss"], date=dt.date(2026, 3, 4))
    body = login(cast.rep_a).get(reverse("deal_page", args=[cast.deal.pk]), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    row = _row(body, cid)
    assert 'value="yes" checked' in row and row.count('type="radio"') == 4
    assert "总经理会上确认" in row and "周建国" in row and "03/04/2026" in row
    assert "<textarea" not in row and "<select" not in row  # the editor is not on the page
    url = reverse("workspace_answer", args=[cast.deal.pk, cid])
    assert f'href="{url}?edit"' in row  # boosted by the list
    assert row.startswith(f'<form class="dp-crit dp-crit-yes" id="answer-{cid}" method="post" action="{url}">')
    assert 'hx-boost="true"' in body


def test_the_evidence_editor_opens_in_place_and_cancel_closes_it(cast: Any, login: Any) -> None:
    facts = furnish(cast.deal)
    cid = first_criterion(cast.deal)
    client = login(cast.rep_a)
    editor = client.get(reverse("workspace_answer", args=[cast.deal.pk, cid]) + "?edit", **HX).content.decode()
    assert editor.lstrip().startswith(f'<form class="dp-crit dp-crit-unknown dp-crit-editing" id="answer-{cid}"')
    assert "<textarea" in editor and f'<option value="{facts["boss"].pk}">周建国</option>' in editor
    assert f'name="version" value="{version(cast.deal)}"' in editor and "<html" not in editor
    shown = client.get(reverse("workspace_answer", args=[cast.deal.pk, cid]), **HX).content.decode()
    assert "<textarea" not in shown and f'id="answer-{cid}"' in shown


def test_changing_only_the_status_keeps_the_evidence(cast: Any, login: Any) -> None:
    facts = furnish(cast.deal)
    cid = first_criterion(cast.deal)
    m.Answer.objects.create(opportunity=cast.deal, criterion=cid, status="partly", evidence="口头提过",
                            source=facts["user"], date=dt.date(2026, 3, 4))
    response = post(login(cast.rep_a), "workspace_answer", [cast.deal.pk, cid],
                    {"version": version(cast.deal), "status": "yes"})
    assert response.status_code == 200
    answer = m.Answer.objects.get(opportunity=cast.deal, criterion=cid)
    assert (answer.status, answer.evidence, answer.source_id, answer.date) == (
        "yes", "口头提过", facts["user"].pk, dt.date(2026, 3, 4))


def test_a_bad_status_is_refused_and_changes_nothing(cast: Any, login: Any) -> None:
    furnish(cast.deal)
    cid = first_criterion(cast.deal)
    before = version(cast.deal)
    response = post(login(cast.rep_a), "workspace_answer", [cast.deal.pk, cid], {"version": before, "status": "maybe"})
    assert response.status_code == 422 and "<textarea" in response.content.decode()
    assert not m.Answer.objects.filter(opportunity=cast.deal, criterion=cid).exists() and version(cast.deal) == before


def test_without_javascript_the_evidence_editor_is_a_page_with_a_plain_form(cast: Any, login: Any) -> None:
    furnish(cast.deal)
    cid = first_criterion(cast.deal)
    body = login(cast.rep_a).get(reverse("workspace_answer", args=[cast.deal.pk, cid]) + "?edit").content.decode()
    assert "<html" in body and "<textarea" in body and 'name="csrfmiddlewaretoken"' in body
    assert f'action="{reverse("workspace_answer", args=[cast.deal.pk, cid])}"' in body


def _ten_person_page(cast: Any, login: Any) -> bytes:
    """Ten people, three of each list and a third of the checklist answered with evidence."""
    from dealpilot.engine.playbook import get_playbook

    furnish(cast.deal)
    people = [make_stakeholder(cast.deal, name=f"联系人{i}", key=f"p{i}", roles=["influencer"], title="采购经理")
              for i in range(8)]
    for i, person in enumerate(people[:3]):
        m.Pain.objects.create(opportunity=cast.deal, text=f"排产靠人工，交期常延误{i}", category="save_money",
                              owner=person, confirmed_with=person)
        m.DecisionStep.objects.create(opportunity=cast.deal, name=f"部门评估{i}", owner=person)
        m.PlanStep.objects.create(opportunity=cast.deal, step=f"技术交流{i}", owner=person)
        m.Competitor.objects.create(opportunity=cast.deal, name=f"对手{i}")
        m.Objection.objects.create(opportunity=cast.deal, text=f"价格偏高{i}", raised_by=person)
        m.Milestone.objects.create(opportunity=cast.deal, name=f"里程碑{i}", date=dt.date(2026, 12, 1))
        m.ValueItem.objects.create(opportunity=cast.deal, metric=f"交期缩短{i}", for_stakeholder=person)
    criteria = [c.id for d in get_playbook(cast.deal.playbook).dimensions for c in d.criteria]
    for cid in criteria[::3]:
        m.Answer.objects.create(opportunity=cast.deal, criterion=cid, status="yes", evidence="客户在会上明确说过",
                                source=people[0], date=dt.date(2026, 11, 2))
    assert m.DealStakeholder.objects.filter(opportunity=cast.deal).count() == 10
    return login(cast.rep_a).get(reverse("deal_page", args=[cast.deal.pk])).content


@pytest.mark.xfail(strict=True, reason="59 KB today: the checklist's 37 one-line forms are 27.5 KB, 12 KB "
                                       "of it the four radios each row must carry, the 33 rows' Edit and Remove 8.5 KB "
                                       "(see docs/web.md, Performance)")
def test_the_page_of_a_ten_person_deal_is_at_most_50_kb(cast: Any, login: Any) -> None:
    body = _ten_person_page(cast, login)
    assert len(body) <= 50 * 1024, len(body)


def test_the_page_of_a_ten_person_deal_stays_under_its_current_size(cast: Any, login: Any) -> None:
    body = _ten_person_page(cast, login)
    # 57 KB before the page gained the activity timeline, the forecast box, what each coach question
    # is for, and four entries in the menu (~3 KB). Lower this as the page shrinks; the goal is 50 KB.
    assert len(body) <= 60 * 1024, len(body)


def test_the_status_words_are_in_the_language_of_each_page(cast: Any, login: Any) -> None:
    furnish(cast.deal)
    cid = first_criterion(cast.deal)
    client = login(cast.rep_a)
    url = reverse("deal_page", args=[cast.deal.pk])
    for lang, words in (("en", ("Partly", "Unknown", "no evidence yet")), ("zh-CN", ("部分", "未知", "尚无证据")),
                        ("en", ("Partly", "Unknown", "no evidence yet"))):
        row = _row(client.get(url, HTTP_ACCEPT_LANGUAGE=lang).content.decode(), cid)
        assert all(w in row for w in words), (lang, row)
