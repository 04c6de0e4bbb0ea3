"""The demo company: its three teams and thirteen logins, a realistic pipeline, the same every time."""

from __future__ import annotations

from typing import Any

import pytest
from click.testing import CliRunner
from django.contrib.auth.models import User
from django.utils import timezone

from dealpilot.cli.demo import demo
from dealpilot.deals.convert import deal_to_document, load_deal
from dealpilot.deals.demo import DEMO_PASSWORD, build_demo, reset_data
from dealpilot.deals.models import Account, DealStakeholder, Opportunity
from dealpilot.engine.assess import assess
from dealpilot.engine.playbook import get_playbook

TEAMS = {"华东大区": ("manager1", "rep1", "rep2", "rep3"), "华南大区": ("manager2", "rep4", "rep5", "rep6"),
         "大客户部": ("manager3", "rep7", "rep8", "rep9")}


@pytest.fixture
def company(db: Any) -> dict[str, int]:
    return build_demo()


def test_demo_has_the_issues_teams_roles_and_logins(company: dict[str, int], client: Any) -> None:
    for team, (manager, *reps) in TEAMS.items():
        assert User.objects.get(username=manager).profile.role == "manager"
        assert User.objects.get(username=manager).profile.team.name == team
        for rep in reps:
            assert User.objects.get(username=rep).profile.team.name == team
    assert User.objects.get(username="admin").profile.role == "admin"
    assert client.login(username="rep4", password=DEMO_PASSWORD)


def test_demo_pipeline_is_big_enough_and_spans_every_stage(company: dict[str, int]) -> None:
    assert Account.objects.count() >= 60 and Opportunity.objects.count() >= 200
    assert set(Opportunity.objects.values_list("stage", flat=True)) == set(get_playbook("ppvvcc").stage_ids())
    assert DealStakeholder.objects.filter(contact__name__regex=r"^[\u4e00-\u9fff]").exists()
    scores = list(Opportunity.objects.values_list("score", flat=True))
    assert None not in scores and max(scores) - min(scores) >= 40  # qualification varies


def test_each_rep_owns_deals_of_their_own_team(company: dict[str, int]) -> None:
    for team, (_manager, *reps) in TEAMS.items():
        for rep in reps:
            owned = Opportunity.objects.filter(owner__username=rep)
            assert owned.exists() and not owned.exclude(team__name=team).exists()


def test_cached_scores_are_what_the_engine_says_of_the_stored_deals(company: dict[str, int]) -> None:
    for opp in Opportunity.objects.order_by("pk")[::25]:
        result = assess(deal_to_document(load_deal(opp.pk)), as_of=timezone.localdate())
        assert (opp.score, opp.flag_count) == (result.score, len(result.flags))


def test_demo_is_the_same_every_time(db: Any) -> None:
    def fingerprint() -> list[tuple[Any, ...]]:
        return list(Opportunity.objects.order_by("pk").values_list(
            "name", "account__name", "owner__username", "stage", "amount", "close_date", "score"))

    build_demo(deals=40)
    first = fingerprint()
    reset_data()
    assert not Opportunity.objects.exists()
    build_demo(deals=40)
    assert fingerprint() == first


def test_demo_command_refuses_to_overwrite_without_reset(db: Any) -> None:
    runner = CliRunner()
    first = runner.invoke(demo, ["--deals", "20"])
    assert first.exit_code == 0, first.output
    assert "rep9" in first.output and DEMO_PASSWORD in first.output
    again = runner.invoke(demo, ["--deals", "20"])
    assert again.exit_code != 0 and "--reset" in again.output
    quiet = runner.invoke(demo, ["--if-empty"])
    assert quiet.exit_code == 0 and Opportunity.objects.count() == 20
    rebuilt = runner.invoke(demo, ["--reset", "--deals", "30"])
    assert rebuilt.exit_code == 0 and Opportunity.objects.count() == 30


def test_dry_run_changes_nothing(company: dict[str, int]) -> None:
    before = Opportunity.objects.count()
    result = CliRunner().invoke(demo, ["--reset", "--dry-run", "--deals", "5"])
    assert result.exit_code == 0 and f"would delete {before} deals" in result.output
    assert Opportunity.objects.count() == before


def test_every_demo_user_has_a_chinese_name_and_keeps_the_login(company: dict[str, int]) -> None:
    from dealpilot.accounts.models import display_name
    from dealpilot.deals.demo import demo_logins

    logins = [u for u, _r, _t in demo_logins()]
    names = {}
    for user in User.objects.filter(username__in=logins):
        assert user.first_name and user.last_name, user.username
        assert all("\u4e00" <= ch <= "\u9fff" for ch in user.last_name + user.first_name), user.username
        names[user.username] = display_name(user)
    assert sorted(names) == sorted(logins)
    assert names["rep1"] == "王磊" and len(set(names.values())) == len(logins)


def test_the_demo_load_is_the_author_of_the_demo_deals(company: dict[str, int], client: Any) -> None:
    deal = Opportunity.objects.filter(owner__username="rep1").first()
    client.login(username="rep1", password=DEMO_PASSWORD)
    html = client.get(f"/deals/{deal.pk}/history/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    main = html.split("<main", 1)[1]
    assert "示例数据" in main and "王磊" not in main and "rep1" not in main


def test_the_demo_written_a_chunk_at_a_time_is_the_same_company(db: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """Memory stays flat because deals are generated and written in chunks; the company must not
    depend on the chunk size (same seed, same deals, same people)."""
    from dealpilot.deals.demo import build as demo_build

    def company() -> list[tuple[str, str, str, Any, int, int]]:
        return [(o.account.name, o.name, o.owner.username, o.amount, o.stakeholders.count(), o.answers.count())
                for o in Opportunity.objects.select_related("account", "owner").order_by("pk")]

    build_demo(deals=23, seed=7)
    whole = company()
    reset_data()
    monkeypatch.setattr(demo_build, "CHUNK", 5)
    build_demo(deals=23, seed=7)
    assert company() == whole and len(whole) == 23
