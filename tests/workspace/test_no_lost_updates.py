"""Two people editing the same deal never silently overwrite each other: a save based on an
older version is refused (409) with the newer values shown and the user's input kept."""

from __future__ import annotations

from typing import Any

from dealpilot.deals import models as m
from tests.workspace.helpers import first_criterion, furnish, post, version


def test_second_tab_saving_the_same_field_is_refused_with_the_newer_value(cast: Any, login: Any) -> None:
    facts = furnish(cast.deal)
    client = login(cast.rep_a)
    based_on = version(cast.deal)
    pain = facts["pain"]
    first = post(client, "workspace_row", [cast.deal.pk, "pains", pain.pk],
                 {"version": based_on, "text": "交期延误导致罚款", "category": "save_money", "owner": facts["user"].pk})
    assert first.status_code == 200
    second = post(client, "workspace_row", [cast.deal.pk, "pains", pain.pk],
                  {"version": based_on, "text": "库存积压", "category": "make_money"}, HTTP_ACCEPT_LANGUAGE="en")
    assert second.status_code == 409
    body = second.content.decode()
    assert "交期延误导致罚款" in body  # their value, shown
    assert "库存积压" in body  # our input, kept in the form
    assert "Someone else saved this deal" in body
    assert f'name="version" value="{based_on + 1}"' in body  # saving again is a deliberate overwrite
    assert second["HX-Retarget"] == f"#form-pains-{pain.pk}"
    pain.refresh_from_db()
    assert pain.text == "交期延误导致罚款"
    assert version(cast.deal) == based_on + 1
    assert m.ChangeRecord.objects.filter(opportunity=cast.deal).count() == 1


def test_stale_answer_is_refused_and_shows_the_other_answer(cast: Any, login: Any) -> None:
    furnish(cast.deal)
    manager, rep = login(cast.manager_a), None
    based_on = version(cast.deal)
    cid = first_criterion(cast.deal)
    assert post(manager, "workspace_answer", [cast.deal.pk, cid],
                {"version": based_on, "status": "no", "evidence": "客户说今年不做"}).status_code == 200
    rep = login(cast.rep_a)
    response = post(rep, "workspace_answer", [cast.deal.pk, cid],
                    {"version": based_on, "status": "yes", "evidence": "我觉得能成"})
    assert response.status_code == 409
    body = response.content.decode()
    assert "客户说今年不做" in body and "我觉得能成" in body
    answer = m.Answer.objects.get(opportunity=cast.deal, criterion=cid)
    assert (answer.status, answer.evidence) == ("no", "客户说今年不做")


def test_stale_header_edit_changes_nothing(cast: Any, login: Any) -> None:
    client = login(cast.rep_a)
    based_on = version(cast.deal)
    base = {"amount": "1", "currency": "CNY", "stage": "develop", "owner": cast.rep_a.pk}
    assert post(client, "workspace_block", [cast.deal.pk, "header"],
                {**base, "version": based_on, "name": "甲"}).status_code == 200
    response = post(client, "workspace_block", [cast.deal.pk, "header"], {**base, "version": based_on, "name": "乙"})
    assert response.status_code == 409
    assert "甲" in response.content.decode()
    cast.deal.refresh_from_db()
    assert cast.deal.name == "甲"


def test_removing_a_row_someone_else_already_changed_is_refused(cast: Any, login: Any) -> None:
    facts = furnish(cast.deal)
    client = login(cast.rep_a)
    based_on = version(cast.deal)
    post(client, "workspace_row", [cast.deal.pk, "decision_chain", facts["step"].pk],
         {"version": based_on, "name": "总经理审批", "status": "pending"})
    response = post(client, "workspace_row_delete", [cast.deal.pk, "decision_chain", facts["step"].pk],
                    {"version": based_on})
    assert response.status_code == 409
    assert "总经理审批" in response.content.decode()
    assert m.DecisionStep.objects.filter(pk=facts["step"].pk).exists()


def test_stale_stakeholder_edit_keeps_the_input_and_saves_nothing(cast: Any, login: Any) -> None:
    facts = furnish(cast.deal)
    client = login(cast.rep_a)
    based_on = version(cast.deal)
    post(client, "workspace_stakeholder_delete", [cast.deal.pk, facts["boss"].pk], {"version": based_on})
    response = post(client, "workspace_stakeholder", [cast.deal.pk, facts["user"].pk],
                    {"version": based_on, "name": "李娜", "title": "生产总监", "influence": "high",
                     "attitude": "champion", "access": "regular"})
    assert response.status_code == 409
    assert "生产总监" in response.content.decode()
    assert m.DealStakeholder.objects.get(pk=facts["user"].pk).title == ""


def test_each_saved_change_is_recorded_with_who_and_what(cast: Any, login: Any) -> None:
    facts = furnish(cast.deal)
    client = login(cast.manager_a)
    post(client, "workspace_stakeholder", [cast.deal.pk, facts["boss"].pk],
         {"version": version(cast.deal), "name": "周建国", "influence": "high", "attitude": "opponent",
          "access": "met", "roles": ["decider"]})
    change = m.ChangeRecord.objects.get(opportunity=cast.deal)
    assert (change.user, change.field, change.old, change.new) == (cast.manager_a, "stakeholders[0].attitude",
                                                                    "neutral", "opponent")
    assert change.version == version(cast.deal)


def test_saving_without_changes_keeps_the_version(cast: Any, login: Any) -> None:
    facts = furnish(cast.deal)
    client = login(cast.rep_a)
    based_on = version(cast.deal)
    pain = facts["pain"]
    response = post(client, "workspace_row", [cast.deal.pk, "pains", pain.pk],
                    {"version": based_on, "text": pain.text, "category": pain.category, "owner": facts["user"].pk})
    assert response.status_code == 200
    assert version(cast.deal) == based_on
    assert not m.ChangeRecord.objects.filter(opportunity=cast.deal).exists()


def test_a_successful_save_tells_the_page_which_version_it_moved_to(cast: Any, login: Any) -> None:
    import json

    client = login(cast.rep_a)
    based_on = version(cast.deal)
    response = post(client, "workspace_row_new", [cast.deal.pk, "competitors"],
                    {"version": based_on, "name": "用友", "position": "incumbent"})
    assert json.loads(response["HX-Trigger"]) == {"dp-saved": {"from": based_on, "to": based_on + 1}}


def test_editing_a_row_someone_removed_says_so_and_keeps_the_input(cast: Any, login: Any) -> None:
    facts = furnish(cast.deal)
    other, mine = login(cast.manager_a), None
    based_on = version(cast.deal)
    assert post(other, "workspace_row_delete", [cast.deal.pk, "pains", facts["pain"].pk],
                {"version": based_on}).status_code == 200
    mine = login(cast.rep_a)
    response = post(mine, "workspace_row", [cast.deal.pk, "pains", facts["pain"].pk],
                    {"version": based_on, "text": "我的新描述", "category": "save_money"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 409
    body = response.content.decode()
    assert "removed this pain" in body and "我的新描述" in body
    assert not m.Pain.objects.filter(opportunity=cast.deal).exists()
