"""What an import writes: deals, accounts, people, history — all of it or none of it, and only
where the importing user may write."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from django.utils import translation

from dealpilot.deals.models import Account, ChangeRecord, Opportunity
from dealpilot.imports.importing import run_import
from dealpilot.imports.mapping import Mapping, auto_map
from dealpilot.imports.models import ExternalKey, ImportRun, Status
from dealpilot.imports.reading import open_table
from dealpilot.imports.reverting import revert
from tests.web.conftest import Cast
from tests.web.factories import make_deal


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    with translation.override("en"):
        yield


GOOD = ["HR-1,恒锐精密,排产系统,120,方案制定,2026/3/4,{owner},李娜,采购经理,用友、金蝶,约高层演示",
        "HR-2,恒锐精密,设备联网,35.5,赢单,2026年1月15日,{owner},,,,",
        "YC-1,远舟物流,运输管理,80,商务谈判,46100,{owner},,,,"]


def lines(owner: str = "rep_a", *extra: str) -> list[str]:
    return [line.format(owner=owner) for line in GOOD] + list(extra)


def do(path: Path, user: object, mapping: Mapping | None = None, **kw: object):
    table = open_table(path)
    mapping = mapping or auto_map(table.headers, "zh-crm")
    for name, value in kw.pop("set", {}).items():  # type: ignore[attr-defined]
        setattr(mapping, name, value)
    run = ImportRun.objects.create(owner=user, filename=path.name, data=path.read_bytes())
    out = run_import(table, mapping, user, run=run, **kw)  # type: ignore[arg-type]
    run.status, run.created, run.updated = Status.DONE, out.created, out.updated
    from django.utils import timezone

    run.finished_at = timezone.now()
    run.save()
    return out, run


def test_a_gbk_sheet_with_wan_amounts_creates_deals_accounts_people(cast: Cast, csv_file: Callable[..., Path]) -> None:
    out, _run = do(csv_file(*lines()), cast.rep_a)
    assert (out.created, out.problems, out.written) == (3, [], True)
    deal = Opportunity.objects.get(name="排产系统")
    assert (deal.amount, deal.stage, str(deal.close_date), deal.owner, deal.team) == (
        Decimal("1200000.00"), "develop", "2026-03-04", cast.rep_a, cast.team_a)
    assert Opportunity.objects.get(name="设备联网").stage == "won"
    assert str(Opportunity.objects.get(name="运输管理").close_date) == "2026-03-19"
    assert Account.objects.filter(name="恒锐精密").count() == 1
    person = deal.stakeholders.get()
    assert (person.contact.name, person.title) == ("李娜", "采购经理")
    assert list(deal.competitors.values_list("name", flat=True)) == ["用友", "金蝶"]
    assert list(deal.plan_steps.values_list("step", flat=True)) == ["约高层演示"]
    assert ChangeRecord.objects.filter(opportunity=deal, field="created", user=cast.rep_a).exists()
    assert ExternalKey.objects.get(key="HR-1").opportunity == deal


def test_owner_by_display_name_through_the_value_table(cast: Cast, csv_file: Callable[..., Path]) -> None:
    cast.teammate_a.last_name, cast.teammate_a.first_name = "张", "伟"
    cast.teammate_a.save()
    out, _ = do(csv_file(*lines("张伟")), cast.manager_a)
    assert out.problems == [] and Opportunity.objects.filter(owner=cast.teammate_a).count() == 3
    mapping = auto_map(open_table(csv_file(*lines("Zhang Wei"))).headers)
    mapping.values = {"owner": {"Zhang Wei": "teammate_a"}}
    out, _ = do(csv_file(*[line.replace("HR-", "X-").replace("YC-", "Y-") for line in lines("Zhang Wei")]),
                cast.manager_a, mapping, set={"mode": "both"})
    assert out.problems == [] and out.updated + out.skipped + out.created == 3


def test_one_bad_row_and_nothing_is_written(cast: Cast, csv_file: Callable[..., Path]) -> None:
    before = (Opportunity.objects.count(), Account.objects.count(), ChangeRecord.objects.count())
    bad = "ZZ-1,某公司,某项目,50,方案制定,2026/13/45,nobody,,,,"
    out, _ = do(csv_file(*lines(), bad), cast.manager_a)
    assert not out.written and out.created == 0
    assert [(p.row, p.column) for p in out.problems] == [(5, "预计成交日期"), (5, "负责人")]
    assert (Opportunity.objects.count(), Account.objects.count(), ChangeRecord.objects.count()) == before


def test_skip_bad_rows_writes_the_good_ones_and_lists_the_bad(cast: Cast, csv_file: Callable[..., Path]) -> None:
    out, _ = do(csv_file(*lines(), "ZZ-1,某公司,某项目,很多,方案制定,2026/3/4,rep_a,,,,",
                         "ZZ-2,某公司,另一个,5,方案制定,2026/3/4,nobody,,,,"),
                cast.rep_a, set={"skip_bad": True})
    assert (out.created, out.skipped, out.written) == (3, 2, True)
    assert [(p.row, p.column) for p in out.problems] == [(5, "金额（万元）"), (6, "负责人")]
    assert not Opportunity.objects.filter(account__name="某公司").exists()


def test_dry_run_counts_and_writes_nothing(cast: Cast, csv_file: Callable[..., Path]) -> None:
    count = Opportunity.objects.count()
    out, _ = do(csv_file(*lines()), cast.rep_a, dry_run=True)
    assert (out.created, out.written, len(out.preview)) == (3, False, 3)
    assert Opportunity.objects.count() == count


def test_a_rep_imports_only_own_deals_a_manager_only_the_team(cast: Cast, csv_file: Callable[..., Path]) -> None:
    out, _ = do(csv_file(*lines("teammate_a")), cast.rep_a)
    assert not out.written and {p.column for p in out.problems} == {"负责人"}
    assert "own deals" in out.problems[0].text()
    out, _ = do(csv_file(*lines("rep_b")), cast.manager_a)
    assert not out.written and "not in your team" in out.problems[0].text()
    out, _ = do(csv_file(*lines("rep_b")), cast.admin)
    assert out.written and Opportunity.objects.filter(owner=cast.rep_b, team=cast.team_b).count() == 3


def test_update_by_external_id_goes_through_the_versioned_save(cast: Cast, csv_file: Callable[..., Path]) -> None:
    do(csv_file(*lines()), cast.rep_a)
    deal = Opportunity.objects.get(name="排产系统")
    changed = GOOD[0].format(owner="rep_a").replace(",120,方案制定,", ",150,商务谈判,")
    out, _ = do(csv_file(changed), cast.rep_a, set={"mode": "update"})
    assert (out.updated, out.created) == (1, 0)
    deal.refresh_from_db()
    assert (deal.amount, deal.stage, deal.version) == (Decimal("1500000.00"), "negotiate", 2)
    fields = set(ChangeRecord.objects.filter(opportunity=deal, version=2).values_list("field", flat=True))
    assert fields == {"opportunity.amount", "opportunity.stage"}


def test_an_update_cannot_touch_a_deal_the_user_may_not_see(cast: Cast, csv_file: Callable[..., Path]) -> None:
    hidden = make_deal(owner=cast.rep_b, name="华南的商机", amount=1000)
    ExternalKey.objects.create(opportunity=hidden, key="HR-1")
    out, _ = do(csv_file(GOOD[0].format(owner="rep_a")), cast.rep_a, set={"mode": "both"})
    assert not out.written and out.problems[0].column == "商机编号"
    assert "HR-1" in out.problems[0].text() and "华南" not in out.problems[0].text()
    hidden.refresh_from_db()
    assert (hidden.amount, hidden.version, hidden.name) == (Decimal("1000.00"), 1, "华南的商机")


def test_a_new_deal_cannot_land_in_another_teams_account(cast: Cast, csv_file: Callable[..., Path]) -> None:
    other = make_deal(owner=cast.rep_b, name="华南的商机")
    line = f"N-1,{other.account.name},新项目,10,方案制定,2026/3/4,rep_a,,,,"
    out, _ = do(csv_file(line), cast.rep_a)
    assert not out.written and out.problems[0].column == "客户名称"


def test_the_same_deal_twice_in_one_file_is_a_problem(cast: Cast, csv_file: Callable[..., Path]) -> None:
    out, _ = do(csv_file(*lines(), lines()[0]), cast.rep_a)
    assert not out.written and out.problems[0].row == 5 and "row 2" in out.problems[0].text()


def test_revert_removes_created_deals_and_restores_updated_ones(cast: Cast, csv_file: Callable[..., Path]) -> None:
    _, first = do(csv_file(*lines()), cast.rep_a)
    deal = Opportunity.objects.get(name="排产系统")
    changed = GOOD[0].format(owner="rep_a").replace(",120,方案制定,", ",150,商务谈判,")
    _, second = do(csv_file(changed, "NEW-1,新客户,新项目,10,方案制定,2026/3/4,rep_a,,,,"), cast.rep_a,
                   set={"mode": "both"})
    assert Opportunity.objects.filter(name="新项目").exists()
    assert revert(second, cast.rep_a) == {"removed": 1, "restored": 1}
    deal.refresh_from_db()
    assert (deal.amount, deal.stage) == (Decimal("1200000.00"), "develop")
    assert not Opportunity.objects.filter(name="新项目").exists()
    assert not Account.objects.filter(name="新客户").exists()
    assert ChangeRecord.objects.filter(opportunity=deal, field="opportunity.amount").count() == 2
    revert(first, cast.rep_a)
    assert not Opportunity.objects.filter(account__name="恒锐精密").exists()


def test_team_column_admin_may_choose_a_manager_only_their_own(cast: Cast, csv_file: Callable[..., Path]) -> None:
    header = "客户名称,商机名称,负责人,所属团队"
    out, _ = do(csv_file("恒锐精密,新项目,rep_b,华东大区", header=header), cast.admin)
    assert out.written and Opportunity.objects.get(name="新项目").team == cast.team_a
    out, _ = do(csv_file("恒锐精密,另一个,teammate_a,华南大区", header=header), cast.manager_a)
    assert not out.written and out.problems[0].column == "所属团队"
    out, _ = do(csv_file("恒锐精密,第三个,teammate_a,没有这个团队", header=header), cast.admin)
    assert not out.written and "没有这个团队" in out.problems[0].text()


def test_an_import_older_than_30_days_cannot_be_reverted(cast: Cast, csv_file: Callable[..., Path]) -> None:
    import datetime as dt

    from dealpilot.imports.reverting import NotRevertible

    _, run = do(csv_file(*lines()), cast.rep_a)
    run.finished_at -= dt.timedelta(days=31)
    run.save()
    with pytest.raises(NotRevertible):
        revert(run, cast.rep_a)
    assert Opportunity.objects.filter(account__name="恒锐精密", name="排产系统").count() == 1


def test_revert_keeps_what_someone_changed_after_the_import(cast: Cast, csv_file: Callable[..., Path]) -> None:
    from dealpilot.workspace import editing

    do(csv_file(*lines()), cast.rep_a)
    deal = Opportunity.objects.get(name="排产系统")
    changed = GOOD[0].format(owner="rep_a").replace(",120,方案制定,", ",150,商务谈判,")
    _, second = do(csv_file(changed), cast.rep_a, set={"mode": "update"})
    deal.refresh_from_db()
    editing.save(deal, cast.rep_a, deal.version, lambda: [("opportunity.stage", "negotiate", "commit")],
                 stage="commit")
    revert(second, cast.rep_a)
    deal.refresh_from_db()
    assert (deal.amount, deal.stage) == (Decimal("1200000.00"), "commit")
