"""Bad input gets a clear message and a 4xx, and changes nothing — never a 500."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from dealpilot.deals import models as m
from tests.web.factories import make_deal, make_stakeholder
from tests.workspace.helpers import HX, first_criterion, furnish, post, version


def _unchanged(deal: m.Opportunity, based_on: int) -> None:
    assert version(deal) == based_on
    assert not m.ChangeRecord.objects.filter(opportunity=deal).exists()


@pytest.mark.parametrize("data,field", [
    ({"name": "", "currency": "CNY", "stage": "lead"}, "name"),
    ({"name": "甲", "currency": "人民币", "stage": "lead"}, "currency"),
    ({"name": "甲", "currency": "CNY", "stage": "sold"}, "stage"),
    ({"name": "甲", "currency": "CNY", "stage": "lead", "amount": "-5"}, "amount"),
    ({"name": "甲", "currency": "CNY", "stage": "lead", "amount": "1e40"}, "amount"),
    ({"name": "甲", "currency": "CNY", "stage": "lead", "close_date": "2026-02-30"}, "close_date"),
    ({"name": "x" * 201, "currency": "CNY", "stage": "lead"}, "name"),
])
def test_bad_header_input_is_shown_inline_and_saves_nothing(cast: Any, login: Any, data: dict[str, Any],
                                                            field: str) -> None:
    based_on = version(cast.deal)
    response = post(login(cast.rep_a), "workspace_block", [cast.deal.pk, "header"],
                    {"version": based_on, "owner": cast.rep_a.pk, **data})
    assert response.status_code == 422
    assert response["HX-Retarget"] == "#deal-header-form"
    assert 'class="dp-field dp-field-error"' in response.content.decode()
    _unchanged(cast.deal, based_on)
    cast.deal.refresh_from_db()
    assert cast.deal.name == "恒锐精密 排产系统"


def test_handing_the_deal_to_someone_outside_the_team_is_refused(cast: Any, login: Any) -> None:
    based_on = version(cast.deal)
    response = post(login(cast.rep_a), "workspace_block", [cast.deal.pk, "header"],
                    {"version": based_on, "name": "甲", "currency": "CNY", "stage": "lead", "owner": cast.rep_b.pk})
    assert response.status_code == 422
    _unchanged(cast.deal, based_on)


def test_a_stakeholder_of_another_deal_is_an_invalid_choice(cast: Any, login: Any) -> None:
    facts = furnish(cast.deal)
    elsewhere = make_stakeholder(make_deal(owner=cast.rep_b), name="外人")
    client = login(cast.rep_a)
    based_on = version(cast.deal)
    for name, args, data in [
        ("workspace_row", [cast.deal.pk, "pains", facts["pain"].pk],
         {"text": "x", "category": "save_money", "owner": elsewhere.pk}),
        ("workspace_answer", [cast.deal.pk, first_criterion(cast.deal)], {"status": "yes", "source": elsewhere.pk}),
        ("workspace_block", [cast.deal.pk, "budget"], {"budget_status": "planned", "budget_approver": elsewhere.pk}),
        ("workspace_stakeholder", [cast.deal.pk, facts["user"].pk],
         {"name": "李娜", "influence": "low", "attitude": "unknown", "access": "none", "reports_to": elsewhere.pk}),
        ("workspace_stakeholder", [cast.deal.pk, facts["user"].pk],
         {"name": "李娜", "influence": "low", "attitude": "unknown", "access": "none", "knows": [elsewhere.pk]}),
    ]:
        response = post(client, name, args, {"version": based_on, **data})
        assert response.status_code == 422, name
    _unchanged(cast.deal, based_on)


def test_ids_of_other_deals_or_nothing_answer_404(cast: Any, login: Any) -> None:
    furnish(cast.deal)
    theirs = make_deal(owner=cast.rep_b)
    their_person = make_stakeholder(theirs, name="外人")
    their_pain = m.Pain.objects.create(opportunity=theirs, text="别人的痛", category="save_money")
    client = login(cast.rep_a)
    v = version(cast.deal)
    pk = cast.deal.pk
    for method, url in [
        ("get", reverse("workspace_stakeholder", args=[pk, their_person.pk])),
        ("post", reverse("workspace_stakeholder_delete", args=[pk, their_person.pk])),
        ("get", reverse("workspace_row", args=[pk, "pains", their_pain.pk])),
        ("post", reverse("workspace_row", args=[pk, "pains", their_pain.pk])),
        ("post", reverse("workspace_row_delete", args=[pk, "pains", their_pain.pk])),
        ("get", reverse("workspace_row_new", args=[pk, "invoices"])),
        ("get", reverse("workspace_block", args=[pk, "password"])),
        ("post", reverse("workspace_answer", args=[pk, "no_such_criterion"])),
        ("get", reverse("workspace_section", args=[pk, "secrets"])),
        ("get", reverse("workspace_row", args=[99999999, "pains", their_pain.pk])),
        ("get", "/deals/9223372036854775808/rows/pains/1/"),
        ("get", f"/deals/{pk}/stakeholders/99999999999999999999999/"),
    ]:
        response = getattr(client, method)(url, {"version": v, "text": "x", "category": "save_money"}, **HX)
        assert response.status_code == 404, url
    assert m.Pain.objects.get(pk=their_pain.pk).text == "别人的痛"
    assert m.DealStakeholder.objects.filter(pk=their_person.pk).exists()
    _unchanged(cast.deal, v)


@pytest.mark.parametrize("raw", ["", "abc", "-1", "0", "99999999999999999999"])
def test_a_missing_or_mangled_version_is_a_400(cast: Any, login: Any, raw: str) -> None:
    based_on = version(cast.deal)
    response = post(login(cast.rep_a), "workspace_row_new", [cast.deal.pk, "objections"],
                    {"version": raw, "text": "太贵", "status": "raised"})
    assert response.status_code == 400
    _unchanged(cast.deal, based_on)


def test_bad_answer_status_and_date_keep_the_input(cast: Any, login: Any) -> None:
    based_on = version(cast.deal)
    cid = first_criterion(cast.deal)
    response = post(login(cast.rep_a), "workspace_answer", [cast.deal.pk, cid],
                    {"version": based_on, "status": "maybe", "evidence": "客户口头答应", "date": "昨天"})
    assert response.status_code == 422
    assert "客户口头答应" in response.content.decode()
    assert not m.Answer.objects.filter(opportunity=cast.deal).exists()
    _unchanged(cast.deal, based_on)


def test_a_reporting_loop_is_refused(cast: Any, login: Any) -> None:
    facts = furnish(cast.deal)
    m.DealStakeholder.objects.filter(pk=facts["user"].pk).update(reports_to=facts["boss"])
    based_on = version(cast.deal)
    response = post(login(cast.rep_a), "workspace_stakeholder", [cast.deal.pk, facts["boss"].pk],
                    {"version": based_on, "name": "周建国", "influence": "high", "attitude": "neutral",
                     "access": "met", "reports_to": facts["user"].pk}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 422 and "reporting loop" in response.content.decode()
    _unchanged(cast.deal, based_on)


def test_get_is_not_allowed_to_remove(cast: Any, login: Any) -> None:
    facts = furnish(cast.deal)
    response = login(cast.rep_a).get(reverse("workspace_row_delete", args=[cast.deal.pk, "pains", facts["pain"].pk]))
    assert response.status_code == 405
    assert m.Pain.objects.filter(pk=facts["pain"].pk).exists()


def test_removing_a_stakeholder_clears_every_reference_to_them(cast: Any, login: Any) -> None:
    facts = furnish(cast.deal)
    m.DealStakeholder.objects.filter(pk=facts["boss"].pk).update(relationships=[{"with": "li", "kind": "knows"}])
    m.DealStakeholder.objects.filter(pk=facts["user"].pk).update(
        relationships=[{"with": "zhou", "kind": "works_closely"}], reports_to=facts["boss"])
    response = post(login(cast.rep_a), "workspace_stakeholder_delete", [cast.deal.pk, facts["boss"].pk],
                    {"version": version(cast.deal)})
    assert response.status_code == 200
    user = m.DealStakeholder.objects.get(pk=facts["user"].pk)
    assert user.relationships == [] and user.reports_to_id is None
    download = login(cast.rep_a).get(reverse("deal_document", args=[cast.deal.pk, "json"]))
    assert download.status_code == 200 and "zhou" not in download.content.decode()
