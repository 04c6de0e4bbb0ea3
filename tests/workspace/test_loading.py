"""The deal page's loader reads every list of the registry as the ORM reads it, ready to save,
and every stakeholder reference points at the deal's own person."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.db.models.signals import post_init
from django.test import RequestFactory

from dealpilot.deals import models as m
from dealpilot.deals.rowkinds import ALL
from dealpilot.workspace.context import load_deal
from tests.workspace.helpers import furnish

pytestmark = pytest.mark.django_db


def _rich(deal: m.Opportunity) -> dict[str, Any]:
    made = furnish(deal)
    m.ValueItem.objects.create(opportunity=deal, metric="交期缩短", amount=Decimal("125000.50"),
                               for_stakeholder=made["boss"], agreed=True)
    m.Milestone.objects.create(opportunity=deal, name="POC", date=dt.date(2026, 12, 1))
    m.Answer.objects.create(opportunity=deal, criterion="pain_top_priority", status="yes", evidence="会上说的",
                            source=made["user"], date=dt.date(2026, 11, 2))
    from dealpilot.activities.models import Activity

    Activity.objects.create(opportunity=deal, kind="call", date=dt.date(2026, 11, 3), stakeholder_ids=[made["boss"].pk])
    return made


def _load(user: Any, deal: m.Opportunity) -> m.Opportunity:
    request = RequestFactory().get("/")
    request.user = user
    return load_deal(request, deal.pk)


def _values(row: Any) -> dict[str, Any]:
    return {f.attname: getattr(row, f.attname) for f in type(row)._meta.concrete_fields}


def test_every_list_holds_what_the_orm_reads(cast: Any) -> None:
    _rich(cast.deal)
    opp = _load(cast.rep_a, cast.deal)
    assert len(ALL) == 10  # the nine lists and the activities
    for related, model in ((k.related, k.model) for k in ALL):
        ours = list(getattr(opp, related).all())
        orm = list(model.objects.filter(opportunity=cast.deal).order_by(*model._meta.ordering))
        assert [_values(r) for r in ours] == [_values(r) for r in orm], related
        assert all(type(r) is model and not r._state.adding and r._state.db == "default" for r in ours)
    person = opp.stakeholders.all()[0]
    assert person.contact == m.Contact.objects.get(pk=person.contact_id)
    assert person.contact.name == m.Contact.objects.get(pk=person.contact_id).name


def test_references_point_at_the_deals_own_people(cast: Any) -> None:
    made = _rich(cast.deal)
    opp = _load(cast.rep_a, cast.deal)
    people = {p.pk: p for p in opp.stakeholders.all()}
    pain = opp.pains.all()[0]
    answer = opp.answers.all()[0]
    value = opp.value_items.all()[0]
    assert pain.owner is people[made["user"].pk] and answer.source is people[made["user"].pk]
    assert value.for_stakeholder is people[made["boss"].pk]
    assert pain.opportunity is opp


def test_a_loaded_row_saves_as_an_update(cast: Any) -> None:
    _rich(cast.deal)
    opp = _load(cast.rep_a, cast.deal)
    value = opp.value_items.all()[0]
    value.metric = "库存周转天数"
    value.save()
    assert m.ValueItem.objects.filter(opportunity=cast.deal).count() == 1
    assert m.ValueItem.objects.get(pk=value.pk).metric == "库存周转天数"
    assert m.ValueItem.objects.get(pk=value.pk).amount == Decimal("125000.50")


def test_models_with_init_receivers_still_get_them(cast: Any) -> None:
    _rich(cast.deal)
    seen: list[Any] = []

    def receiver(sender: Any, instance: Any, **kwargs: Any) -> None:
        seen.append(instance)

    post_init.connect(receiver, sender=m.Pain)
    try:
        opp = _load(cast.rep_a, cast.deal)
    finally:
        post_init.disconnect(receiver, sender=m.Pain)
    assert seen and seen[0] is opp.pains.all()[0]


def test_the_deal_its_account_and_owner_are_what_the_orm_reads(cast: Any) -> None:
    opp = _load(cast.rep_a, cast.deal)
    orm = m.Opportunity.objects.select_related("account", "owner").get(pk=cast.deal.pk)
    assert _values(opp) == _values(orm)
    assert _values(opp.account) == _values(orm.account) and _values(opp.owner) == _values(orm.owner)
    assert not opp._state.adding and not opp.account._state.adding
    opp.name = "改过的名字"
    opp.save(update_fields=["name"])
    assert m.Opportunity.objects.get(pk=cast.deal.pk).name == "改过的名字"
    assert m.Opportunity.objects.count() == 1
