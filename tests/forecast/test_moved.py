"""What moved since a date, from the change history, and the waterfall's data."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from dealpilot.deals.models import ChangeRecord
from dealpilot.forecast.periods import quarter_of
from tests.forecast.conftest import forecast_deal


def _record(deal: Any, user: Any, field: str, old: str, new: str, days_ago: int = 2) -> None:
    c = ChangeRecord.objects.create(opportunity=deal, user=user, version=2, field=field, old=old, new=new)
    ChangeRecord.objects.filter(pk=c.pk).update(at=timezone.now() - dt.timedelta(days=days_ago))


def _world(cast: Any) -> tuple[Any, Any]:
    q = quarter_of(timezone.localdate())
    later = (q.end + dt.timedelta(days=20)).isoformat()
    pushed = forecast_deal(cast.rep_a, amount=80_000, name="推迟 项目", close_date=q.end + dt.timedelta(days=20))
    _record(pushed, cast.rep_a, "opportunity.close_date", q.start.isoformat(), later)
    grown = forecast_deal(cast.teammate_a, amount=150_000, name="增加 项目")
    _record(grown, cast.manager_a, "opportunity.amount", "100000.00", "150000.00")
    old = forecast_deal(cast.rep_a, amount=5_000, name="旧的 项目")
    _record(old, cast.rep_a, "opportunity.amount", "1000", "5000", days_ago=30)
    secret = forecast_deal(cast.rep_b, amount=9_000, name="华南 变化", stage="lost", evidence="lost")
    _record(secret, cast.rep_b, "opportunity.stage", "develop", "lost")
    return pushed, grown


def test_the_manager_reads_what_moved_since_last_week_with_who_and_before_after(cast: Any, login: Any) -> None:
    _world(cast)
    r = login(cast.manager_a).get("/forecast/moved/")
    assert r.status_code == 200
    html = r.content.decode()
    assert "推迟 项目" in html and "推迟到本期之后" in html
    assert "增加 项目" in html and "金额增加" in html and "100000.00" in html and "150000.00" in html
    assert "manager_a" in html
    assert "旧的 项目" not in html  # before the date
    assert "华南 变化" not in html  # another team's


def test_an_earlier_date_shows_older_moves(cast: Any, login: Any) -> None:
    _world(cast)
    since = (timezone.localdate() - dt.timedelta(days=40)).isoformat()
    html = login(cast.manager_a).get(f"/forecast/moved/?since={since}").content.decode()
    assert "旧的 项目" in html


def test_the_waterfall_data_adds_up_to_todays_total(cast: Any, login: Any) -> None:
    _world(cast)
    r = login(cast.manager_a).get("/forecast/moved/chart.json")
    assert r.status_code == 200
    d = r.json()
    start, now = d["up"][0], d["up"][-1]
    net = sum(d["up"][1:-1]) - sum(d["down"][1:-1])
    assert round(start + net, 2) == round(now, 2)
    # today's total in the period (team A): 150,000 + 5,000 (the pushed deal is outside it)
    assert now == 155000.0
    assert net == 50000.0 - 80000.0


def test_a_rep_sees_only_their_own_moves_and_bad_dates_are_400(cast: Any, login: Any) -> None:
    _world(cast)
    client = login(cast.rep_b)
    html = client.get("/forecast/moved/").content.decode()
    assert "推迟 项目" not in html and "华南 变化" in html
    assert client.get("/forecast/moved/chart.json").json()["up"][-1] == 0.0  # rep_b's lost deal is out
    for bad in ("2026-02-30", "tomorrow", (timezone.localdate() + dt.timedelta(days=3)).isoformat()):
        assert client.get(f"/forecast/moved/?since={bad}").status_code == 400
        assert client.get(f"/forecast/moved/chart.json?since={bad}").status_code == 400


def test_what_moved_takes_a_bounded_number_of_queries(cast: Any, login: Any,
                                                     django_assert_max_num_queries: Any) -> None:
    for n in range(20):
        d = forecast_deal(cast.rep_a, amount=1000 + n)
        _record(d, cast.rep_a, "opportunity.amount", "1000", str(1000 + n + 1))
    client = login(cast.manager_a)
    client.get("/forecast/moved/")
    with django_assert_max_num_queries(8):
        assert client.get("/forecast/moved/").status_code == 200


def _mixed(cast: Any) -> Any:
    """Moves and non-moves of every kind, for deals in this quarter and out of it."""
    q = quarter_of(timezone.localdate())
    inside, before, after = q.start.isoformat(), (q.start - dt.timedelta(days=3)).isoformat(), \
        (q.end + dt.timedelta(days=3)).isoformat()
    here = forecast_deal(cast.rep_a, name="本期 项目")
    later = forecast_deal(cast.rep_a, name="下期 项目", close_date=q.end + dt.timedelta(days=40))
    for deal in (here, later):
        for fld, old, new in [
            ("opportunity.stage", "qualify", "develop"), ("opportunity.stage", "propose", "qualify"),
            ("opportunity.stage", "negotiate", "won"), ("opportunity.stage", "develop", "lost"),
            ("opportunity.stage", "", "lead"),
            ("opportunity.close_date", inside, after), ("opportunity.close_date", "", after),
            ("opportunity.close_date", after, inside), ("opportunity.close_date", before, inside),
            ("opportunity.close_date", inside, q.end.isoformat()), ("opportunity.close_date", after, after + "x"),
            ("opportunity.close_date", inside, ""),
            ("opportunity.amount", "100000", "150000"), ("opportunity.amount", "250000", "250000.00"),
            ("opportunity.amount", "9", "9"), ("opportunity.amount", "", "5"),
            ("forecast.call", "", "commit"), ("created", "", "new"), ("opportunity.name", "a", "b"),
        ]:
            _record(deal, cast.rep_a, fld, old, new)
    return q


def test_the_sql_filter_reads_only_records_that_can_move_and_finds_the_same_moves(cast: Any, monkeypatch: Any) -> None:
    from django.db.models import Q

    from dealpilot.forecast import moved
    from dealpilot.forecast.access import forecast_deals

    q = _mixed(cast)
    deals, since, today = forecast_deals(cast.manager_a), timezone.now() - dt.timedelta(days=7), timezone.localdate()
    kept = [(m.deal_name, m.kind, m.before, m.after) for m in moved.moves(deals, q, since, today)]
    read = moved.changes(deals, since, q).count()
    monkeypatch.setattr(moved, "may_move", lambda p, deals: Q())  # every record read, the engine alone decides
    everything = [(m.deal_name, m.kind, m.before, m.after) for m in moved.moves(deals, q, since, today)]
    assert kept == everything
    assert {(name, kind) for name, kind, _b, _a in kept} == {
        ("本期 项目", k) for k in ("stage_back", "won", "lost", "pushed_out", "amount_up", "category_changed", "new")
    } | {("本期 项目", "pulled_in"), ("下期 项目", "pushed_out"), ("下期 项目", "pulled_in")}
    assert read < moved.changes(deals, since).count() / 2  # most of the 38 records are never read
    assert read - len(kept) <= 1  # only "250000" → "250000.00" is read and found no move
