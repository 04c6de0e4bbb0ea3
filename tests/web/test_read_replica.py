"""Deal pages and the deal list read where the database router says: with reads sent to a
replica, every deal, fact and list query runs there and none on the primary."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connections
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dealpilot.deals import models as m
from tests.web.factories import make_deal, make_stakeholder, make_team, make_user


class ReadsFromReplica:
    """Reads from `replica`, writes to `default`, as a primary/replica set-up routes them."""

    def db_for_read(self, model: Any, **hints: Any) -> str:
        return "replica"

    def db_for_write(self, model: Any, **hints: Any) -> str:
        return "default"

    def allow_relation(self, *objects: Any, **hints: Any) -> bool:
        return True


def _deal_reads(queries: list[dict[str, Any]]) -> list[str]:
    return [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith("SELECT") and '"deals_' in q["sql"]]


@pytest.mark.django_db(transaction=True, databases=["default", "replica"])
def test_the_deal_page_and_the_list_read_from_the_replica_the_router_names(settings: Any) -> None:
    team = make_team("华东大区")
    rep = make_user("rep_router", team=team)
    deal = make_deal(owner=rep, name="路由测试商机")
    person = make_stakeholder(deal, name="周建国", key="zhou")
    m.Pain.objects.create(opportunity=deal, text="交期常延误", category="save_money", owner=person)
    client = Client()
    client.force_login(rep)
    client.get(reverse("deal_page", args=[deal.pk]))  # the first view stores the verdict (a write)
    settings.DATABASE_ROUTERS = [f"{__name__}.ReadsFromReplica"]
    with CaptureQueriesContext(connections["replica"]) as replica, \
            CaptureQueriesContext(connections["default"]) as primary:
        page = client.get(reverse("deal_page", args=[deal.pk]))
        listed = client.get(reverse("deal_list"))
    assert page.status_code == listed.status_code == 200
    assert "交期常延误" in page.content.decode() and "路由测试商机" in listed.content.decode()
    read = " ".join(_deal_reads(replica.captured_queries))
    for table in ("deals_opportunity", "deals_dealstakeholder", "deals_pain", "deals_answer", "deals_contact"):
        assert f'"{table}"' in read, table
    assert _deal_reads(primary.captured_queries) == []
