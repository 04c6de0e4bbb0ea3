"""The demo company reads as a sales manager expects: nothing in a deal contradicts itself.

The first thing a prospective team sees. Over the whole demo: coaches are on our side and
reached, decision chains run in date order, won and lost deals closed in the past with nothing
dated after, evidence comes from people we reached and says what its answer says, deal names
are in one language, team names in Chinese, state-owned customers tender, banks are not asked
about factories."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from dealpilot.accounts.models import Team
from dealpilot.deals.convert import deal_to_document
from dealpilot.deals.demo import build_demo
from dealpilot.deals.demo import names as n
from dealpilot.deals.models import Opportunity
from dealpilot.engine import assess

pytestmark = pytest.mark.django_db


def cjk(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


@pytest.fixture(scope="module")
def demo(django_db_setup: Any, django_db_blocker: Any) -> Any:
    with django_db_blocker.unblock():
        build_demo()
        docs = [deal_to_document(o) for o in Opportunity.objects.order_by("pk")]
        teams = list(Team.objects.values_list("name", flat=True))
        yield docs, teams
        from dealpilot.deals.demo import reset_data

        reset_data()


def dated(doc: Any) -> list[tuple[str, dt.date]]:
    out = [(f"answers.{cid}", a.date) for cid, a in doc.answers.items() if a.date]
    out += [(f"pains[{i}].confirmed_on", p.confirmed_on) for i, p in enumerate(doc.pains) if p.confirmed_on]
    out += [(f"stakeholders[{i}].last_contact", s.last_contact) for i, s in enumerate(doc.stakeholders) if s.last_contact]
    out += [(f"decision_chain[{i}].due", s.due) for i, s in enumerate(doc.decision_chain) if s.due]
    out += [(f"mutual_plan[{i}].due", s.due) for i, s in enumerate(doc.mutual_plan) if s.due]
    out += [(f"timeline.milestones[{i}].date", m.date) for i, m in enumerate(doc.timeline.milestones) if m.date]
    return out


def test_no_demo_deal_raises_the_flags_of_a_self_contradicting_record(demo: Any) -> None:
    docs, _teams = demo
    bad = {(d.opportunity.name, f.id) for d in docs for f in assess(d).flags
           if f.id in ("coach_not_supporter", "decision_chain_out_of_order")}
    assert bad == set()
    assert [d.opportunity.name for d in docs if assess(d).record_problems] == []


def test_closed_deals_closed_in_the_past_with_nothing_dated_after(demo: Any) -> None:
    docs, _teams = demo
    today = timezone.localdate()
    closed = [d for d in docs if d.opportunity.stage in ("won", "lost")]
    assert closed
    for d in closed:
        close = d.opportunity.close_date
        assert close < today, d.opportunity.name
        assert [path for path, day in dated(d) if day > close] == [], d.opportunity.name


def test_evidence_comes_from_people_we_reached_dated_before_today_and_says_what_its_answer_says(demo: Any) -> None:
    docs, _teams = demo
    today = timezone.localdate()
    for d in docs:
        reached = {s.id for s in d.stakeholders if s.access in ("met", "regular")}
        for cid, a in d.answers.items():
            assert a.source is None or a.source in reached, (d.opportunity.name, cid)
            assert a.date is None or a.date <= today
            if a.evidence and a.source:
                assert ("还谈不上" in a.evidence or "尚未做到" in a.evidence) == (a.status == "no"), a.evidence
                assert ("部分" in a.evidence) == (a.status == "partly"), a.evidence


def test_deal_names_are_in_one_language_and_team_names_in_chinese(demo: Any) -> None:
    docs, teams = demo
    for d in docs:
        assert cjk(d.opportunity.name) == cjk(d.opportunity.account), d.opportunity.name
    assert teams and all(cjk(t) for t in teams)


def test_state_owned_customers_tender_and_banks_are_not_asked_about_factories(demo: Any) -> None:
    docs, _teams = demo
    sectors = {name: n.SECTOR.get(industry) for name, industry, _c in n.ACCOUNTS}
    factory_words = ("工厂", "计划员", "出口资质", "能源成本", "新产品上市")
    soe = [d for d in docs if d.opportunity.account in n.STATE_OWNED and d.decision_chain]
    assert soe and all({"公开招标", "党委会前置审议"} <= {s.name for s in d.decision_chain} for d in soe)
    banks = [d for d in docs if sectors.get(d.opportunity.account) == "finance"]
    assert banks and not [p.text for d in banks for p in d.pains if any(w in p.text for w in factory_words)]
