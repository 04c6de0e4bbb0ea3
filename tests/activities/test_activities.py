"""Logging an activity and turning its note into answers, as a rep does it in the browser's
forms (no JavaScript needed): who may, what changes, what does not, and bad input."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from dealpilot.activities.models import Activity, NoteDecision
from dealpilot.deals import models as m
from dealpilot.deals.convert import deal_to_document, load_deal
from tests.web.factories import make_stakeholder

pytestmark = pytest.mark.django_db

NOTE = """今天拜访了周总和李娜。
周总说排产打通是集团今年的一号工程。
李娜私下告诉我，预算还没批下来，要等下周三的总经理办公会。
中午一起吃了饭，聊了聊孩子上学的事。"""


@pytest.fixture
def people(cast: Any) -> dict[str, m.DealStakeholder]:
    boss = make_stakeholder(cast.deal, name="周建国", key="s1", title="总经理", roles=["decider"], access="none")
    coach = make_stakeholder(cast.deal, name="李娜", key="s2", title="计划部经理", roles=["coach"], access="regular",
                             last_contact=dt.date(2030, 1, 1))
    other = make_stakeholder(cast.deal, name="王强", key="s3", access="none")
    return {"boss": boss, "coach": coach, "other": other}


def version(deal: m.Opportunity) -> int:
    return m.Opportunity.objects.values_list("version", flat=True).get(pk=deal.pk)


def log(client: Any, deal: m.Opportunity, who: list[m.DealStakeholder], **data: Any) -> Any:
    form = {"kind": "visit", "date": timezone.localdate().isoformat(), "ours": "李明, 张工",
            "stakeholders": [str(p.pk) for p in who], "note": NOTE, "next_step": "", "next_step_due": "",
            "version": version(deal), **data}
    return client.post(reverse("activity_new", args=[deal.pk]), form)


def test_logging_a_visit_updates_last_contact_and_raises_access_but_never_lowers_it(cast, login, people):
    client = login(cast.rep_a)
    before = version(cast.deal)
    response = log(client, cast.deal, [people["boss"], people["coach"]])
    activity = Activity.objects.get(opportunity=cast.deal)
    assert response.status_code == 302
    assert response["Location"] == reverse("activity_notes", args=[cast.deal.pk, activity.pk])
    boss, coach, other = (m.DealStakeholder.objects.get(pk=p.pk) for p in people.values())
    today = timezone.localdate()
    assert (boss.last_contact, boss.access) == (today, "met")
    assert (coach.last_contact, coach.access) == (dt.date(2030, 1, 1), "regular")  # later contact and access kept
    assert (other.last_contact, other.access) == (None, "none")
    assert activity.ours == ["李明", "张工"] and activity.stakeholder_ids == [boss.pk, coach.pk]
    assert version(cast.deal) == before + 1
    fields = set(m.ChangeRecord.objects.filter(opportunity=cast.deal).values_list("field", flat=True))
    assert {"activities[0]", "stakeholders[0].last_contact", "stakeholders[0].access"} <= fields


def test_a_next_step_can_become_a_mutual_plan_step(cast, login, people):
    log(login(cast.rep_a), cast.deal, [people["boss"]], next_step="提交接口方案", next_step_due="2030-02-01",
        plan_step="on", note="")
    step = m.PlanStep.objects.get(opportunity=cast.deal)
    assert (step.step, step.due, step.status) == ("提交接口方案", dt.date(2030, 2, 1), "pending")


def test_the_timeline_shows_on_the_deal_page_and_the_review(cast, login, people):
    client = login(cast.rep_a)
    log(client, cast.deal, [people["boss"]], next_step="提交接口方案")
    page = client.get(reverse("deal_page", args=[cast.deal.pk])).content.decode()
    assert 'id="field-activities"' in page and "提交接口方案" in page and "周建国" in page
    review = client.get(reverse("deal_review", args=[cast.deal.pk])).content.decode()
    assert 'id="field-activities"' in review and "提交接口方案" in review


def test_the_notes_page_proposes_and_writes_nothing(cast, login, people):
    client = login(cast.rep_a)
    log(client, cast.deal, [people["boss"], people["coach"]])
    activity = Activity.objects.get(opportunity=cast.deal)
    at = version(cast.deal)
    page = client.get(reverse("activity_notes", args=[cast.deal.pk, activity.pk])).content.decode()
    assert 'data-criterion="pain_budget_in_place" data-status="no"' in page
    assert 'data-criterion="pain_top_priority" data-status="yes"' in page
    assert 'class="dp-note-s dp-status-no"' in page  # the sentence highlighted in the note
    assert page.count("孩子上学") == 1  # in the note, and in no proposal: small talk proposes nothing
    assert version(cast.deal) == at and not m.Answer.objects.filter(opportunity=cast.deal).exists()


def _sentence(cast: Any, text: str) -> tuple[Activity, int]:
    from dealpilot.activities.proposing import read_note
    from dealpilot.engine.playbook import get_playbook

    activity = Activity.objects.get(opportunity=cast.deal)
    found, _deal = read_note(load_deal(cast.deal.pk), activity, get_playbook("ppvvcc"))
    return activity, next(p.sentence for p in found.proposals if text in p.evidence)


def decide(client: Any, cast: Any, activity: Activity, sentence: int, **data: Any) -> Any:
    return client.post(reverse("activity_decide", args=[cast.deal.pk, activity.pk, sentence]),
                       {"version": version(cast.deal), **data})


def test_accepting_saves_the_answer_with_evidence_source_and_date_and_the_verdict_moves(cast, login, people):
    client = login(cast.rep_a)
    log(client, cast.deal, [people["boss"], people["coach"]])
    activity, n = _sentence(cast, "一号工程")
    score = m.Opportunity.objects.get(pk=cast.deal.pk).score
    assert decide(client, cast, activity, n, action="accept").status_code == 302
    answer = m.Answer.objects.get(opportunity=cast.deal, criterion="pain_top_priority")
    assert (answer.status, answer.source_id, answer.date) == ("yes", people["boss"].pk, activity.date)
    assert answer.evidence == "周总说排产打通是集团今年的一号工程。"
    assert m.Opportunity.objects.get(pk=cast.deal.pk).score > score
    d = NoteDecision.objects.get(activity=activity, sentence=n)
    assert (d.decision, d.proposed_criterion, d.criterion, d.status) == ("accepted", "pain_top_priority",
                                                                         "pain_top_priority", "yes")


def test_rejecting_keeps_the_decision_and_changes_nothing_on_the_deal(cast, login, people):
    client = login(cast.rep_a)
    log(client, cast.deal, [people["boss"]])
    activity, n = _sentence(cast, "预算还没批")
    at = version(cast.deal)
    assert decide(client, cast, activity, n, action="reject").status_code == 302
    assert version(cast.deal) == at and not m.Answer.objects.filter(opportunity=cast.deal).exists()
    assert NoteDecision.objects.get(activity=activity, sentence=n).decision == "rejected"
    decide(client, cast, activity, n, action="accept")  # a second click: the first decision stands
    assert not m.Answer.objects.filter(opportunity=cast.deal).exists()


def test_editing_saves_what_the_rep_corrected(cast, login, people):
    client = login(cast.rep_a)
    log(client, cast.deal, [people["boss"]])
    activity, n = _sentence(cast, "预算还没批")
    p = f"p{n}-"
    response = decide(client, cast, activity, n, action="edit", **{
        p + "criterion": "power_fund_contact", p + "status": "partly", p + "evidence": "预算没批，财务还没见到",
        p + "source": str(people["coach"].pk), p + "date": "2030-01-02"})
    assert response.status_code == 302
    answer = m.Answer.objects.get(opportunity=cast.deal, criterion="power_fund_contact")
    assert (answer.status, answer.evidence, answer.source_id, answer.date) == (
        "partly", "预算没批，财务还没见到", people["coach"].pk, dt.date(2030, 1, 2))
    assert NoteDecision.objects.get(activity=activity, sentence=n).decision == "edited"


def test_a_bad_edit_is_refused_and_nothing_changes(cast, login, people):
    client = login(cast.rep_a)
    log(client, cast.deal, [people["boss"]])
    activity, n = _sentence(cast, "预算还没批")
    at = version(cast.deal)
    response = decide(client, cast, activity, n, action="edit", **{f"p{n}-criterion": "no_such", f"p{n}-status": "yes",
                                                                  f"p{n}-evidence": "x", f"p{n}-date": "2030-01-02"})
    assert response.status_code == 422
    assert version(cast.deal) == at and not NoteDecision.objects.exists()


def test_a_decision_on_an_old_version_saves_nothing(cast, login, people):
    client = login(cast.rep_a)
    log(client, cast.deal, [people["boss"]])
    activity, n = _sentence(cast, "一号工程")
    response = client.post(reverse("activity_decide", args=[cast.deal.pk, activity.pk, n]),
                           {"version": version(cast.deal) - 1, "action": "accept"})
    assert response.status_code == 409
    assert not m.Answer.objects.exists() and not NoteDecision.objects.exists()


@pytest.mark.parametrize("change,status", [
    ({"date": "2999-01-01"}, 422), ({"kind": "lunch"}, 422), ({"stakeholders": ["999999"]}, 422),
    ({"plan_step": "on", "next_step": ""}, 422), ({"version": ""}, 400), ({"note": "长" * 20_001}, 422),
])
def test_bad_activity_input_is_refused_and_changes_nothing(cast, login, people, change, status):
    client = login(cast.rep_a)
    at = version(cast.deal)
    assert log(client, cast.deal, [people["boss"]], **change).status_code == status
    assert version(cast.deal) == at and not Activity.objects.exists()
    assert m.DealStakeholder.objects.get(pk=people["boss"].pk).access == "none"


def test_an_activity_on_an_old_version_is_not_saved(cast, login, people):
    response = log(login(cast.rep_a), cast.deal, [people["boss"]], version=version(cast.deal) + 5)
    assert response.status_code == 409 and not Activity.objects.exists()


def test_bad_decisions_are_refused(cast, login, people):
    client = login(cast.rep_a)
    log(client, cast.deal, [people["boss"]])
    activity, n = _sentence(cast, "一号工程")
    assert decide(client, cast, activity, n, action="maybe").status_code == 400
    assert decide(client, cast, activity, 999, action="accept").status_code == 404
    assert client.post(reverse("activity_decide", args=[cast.deal.pk, activity.pk, n]), {"action": "accept"}).status_code == 400
    assert not m.Answer.objects.exists() and not NoteDecision.objects.exists()


@pytest.mark.parametrize("who,code", [("rep_a", 200), ("teammate_a", 404), ("manager_a", 200), ("rep_b", 404),
                                      ("admin", 200)])
def test_who_may_log_and_read_notes(cast, login, people, who, code):
    log(login(cast.rep_a), cast.deal, [people["boss"]])
    activity = Activity.objects.get(opportunity=cast.deal)
    client = login(cast.member(who))
    assert client.get(reverse("activity_new", args=[cast.deal.pk])).status_code == code
    assert client.get(reverse("activity_notes", args=[cast.deal.pk, activity.pk])).status_code == code
    if code == 404:
        assert log(client, cast.deal, [people["boss"]]).status_code == 404
        assert decide(client, cast, activity, 1, action="accept").status_code == 404
        assert Activity.objects.count() == 1 and not m.Answer.objects.exists()


def test_an_activity_of_another_deal_is_not_found_through_this_one(cast, login, people):
    from tests.web.factories import make_deal

    other = make_deal(owner=cast.rep_a)
    log(login(cast.rep_a), cast.deal, [people["boss"]])
    activity = Activity.objects.get(opportunity=cast.deal)
    assert login(cast.rep_a).get(reverse("activity_notes", args=[other.pk, activity.pk])).status_code == 404


def test_activities_are_in_the_deal_document_and_survive_replacing_the_deal(cast, login, people):
    from dealpilot.deals.convert import save_document

    log(login(cast.rep_a), cast.deal, [people["boss"], people["coach"]], next_step="演示", next_step_due="2030-03-01")
    doc = deal_to_document(load_deal(cast.deal.pk))
    assert [(a.kind.value, a.stakeholders, a.next_step) for a in doc.activities] == [("visit", ["s1", "s2"], "演示")]
    changed = doc.model_copy(update={"opportunity": doc.opportunity.model_copy(update={"name": "改名"})})
    save_document(changed, cast.rep_a, load_deal(cast.deal.pk))
    again = deal_to_document(load_deal(cast.deal.pk))
    assert again.activities == doc.activities and again.opportunity.name == "改名"


def test_people_pains_competitors_and_objections_the_note_names_can_be_added(cast, login, people):
    client = login(cast.rep_a)
    log(client, cast.deal, [people["boss"]], note="新来的采购经理张伟也参加了。听说友商鼎捷也在报价。"
                                                  "库存积压严重，每年多占用资金上千万。周总担心实施周期太长。")
    activity = Activity.objects.get(opportunity=cast.deal)
    url = lambda kind, i=0: reverse("activity_add", args=[cast.deal.pk, activity.pk, kind, i])  # noqa: E731
    expect = {"people": "张伟", "competitors": "鼎捷", "pains": "库存积压严重，每年多占用资金上千万。",
              "objections": "周总担心实施周期太长。"}
    for kind, label in expect.items():
        assert client.post(url(kind), {"version": version(cast.deal), "expect": label}).status_code == 302
    person = m.DealStakeholder.objects.get(opportunity=cast.deal, contact__name="张伟")
    assert person.title == "采购经理"
    assert m.Competitor.objects.get(opportunity=cast.deal).name == "鼎捷"
    assert m.Pain.objects.get(opportunity=cast.deal).category == "save_money"
    assert m.Objection.objects.get(opportunity=cast.deal).raised_by_id == people["boss"].pk
    page = client.get(reverse("activity_notes", args=[cast.deal.pk, activity.pk])).content.decode()
    assert page.count("已在商机中") == 3  # and 张伟, now on the deal, is no longer a new person
    assert "新出现的人" not in page
    at = version(cast.deal)
    assert client.post(url("competitors", 5), {"version": at}).status_code == 404
    assert client.post(url("secrets"), {"version": at}).status_code == 404
    assert client.post(url("pains"), {"expect": expect["pains"]}).status_code == 400
    # a stale list (the item at that place is not the one the page showed) adds nothing
    assert client.post(url("pains"), {"version": at, "expect": "别的痛点"}).status_code == 302
    assert version(cast.deal) == at and m.Pain.objects.filter(opportunity=cast.deal).count() == 1


def test_the_history_words_a_logged_activity(cast, login, people):
    client = login(cast.rep_a)
    log(client, cast.deal, [people["boss"]], note="", next_step="提交接口方案")
    from dealpilot.deals.history_text import saves

    lines = [(line.label, line.new) for save in saves(cast.deal, list(m.ChangeRecord.objects.filter(
        opportunity=cast.deal).select_related("user").order_by("-pk"))) for line in save.lines]
    activity = next(new for label, new in lines if label.startswith("跟进活动") or label.startswith("Activity"))
    assert "周建国" in activity and "提交接口方案" in activity
