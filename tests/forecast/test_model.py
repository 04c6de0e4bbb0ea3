"""The workspace's win model: admins train it from the closed deals; the deal shows its source."""

from __future__ import annotations

import random
from typing import Any

from dealpilot.forecast.models import WinModel
from tests.web.factories import make_deal


def _closed(cast: Any, n: int) -> None:
    """Closed deals where a better budget and a larger amount win more often, but not always."""
    rng = random.Random(7)
    statuses = ["unknown", "none", "planned", "requested", "approved", "allocated"]
    for i in range(n):
        level = rng.randrange(6)
        won = rng.random() < 0.15 + 0.13 * level
        if i < 10:
            won = i % 2 == 0  # both outcomes, whatever the draw
        make_deal(owner=cast.rep_a if i % 3 else cast.teammate_a, stage="won" if won else "lost",
                  amount=rng.randrange(50_000, 900_000), budget_status=statuses[level])


def test_only_admins_reach_the_model_pages(cast: Any, login: Any) -> None:
    for who in (cast.rep_a, cast.manager_a):
        client = login(who)
        assert client.get("/forecast/model/").status_code == 403
        assert client.get("/forecast/model/chart.json").status_code == 403
        assert client.post("/forecast/model/train/").status_code == 403
    assert not WinModel.objects.exists()
    assert login(cast.admin).get("/forecast/model/").status_code == 200


def test_fewer_than_30_closed_deals_is_a_clear_message_and_no_model(cast: Any, login: Any) -> None:
    _closed(cast, 12)
    client = login(cast.admin)
    html = client.get("/forecast/model/").content.decode()
    assert "少于 30 个" in html
    r = client.post("/forecast/model/train/")
    assert r.status_code == 400 and "只有 12 个已关闭商机" in r.content.decode()
    assert not WinModel.objects.exists()
    odds = login(cast.rep_a).get(f"/forecast/deals/{cast.deal.pk}/odds/").content.decode()
    assert "规则估计" in odds


def test_training_on_the_closed_deals_puts_a_model_in_use_and_the_deal_shows_its_source(cast: Any, login: Any) -> None:
    _closed(cast, 40)
    client = login(cast.admin)
    r = client.post("/forecast/model/train/")
    assert r.status_code == 302
    model = WinModel.objects.get()
    assert model.active and model.n_closed == 40 and "ece" in model.metrics and model.reliability
    html = client.get("/forecast/model/").content.decode()
    assert "从 40 个已关闭商机学习" in html
    points = client.get("/forecast/model/chart.json").json()["points"]
    assert points and sum(p[2] for p in points) == 40
    odds = login(cast.rep_a).get(f"/forecast/deals/{cast.deal.pk}/odds/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "learned from 40 closed deals" in odds


def test_retraining_on_the_same_deals_keeps_the_model_in_use(cast: Any, login: Any) -> None:
    _closed(cast, 40)
    client = login(cast.admin)
    client.post("/forecast/model/train/")
    first = WinModel.objects.get()
    client.post("/forecast/model/train/")
    # The new model's held-out loss cannot beat the old one on deals the old one was fitted to.
    assert WinModel.objects.count() == 2
    assert WinModel.objects.get(active=True) == first


def test_a_history_with_nothing_to_learn_fails_the_job_with_the_reason_and_keeps_no_model(cast: Any, login: Any) -> None:
    from dealpilot.jobs.models import Job

    for i in range(34):  # identical deals but for the outcome: no column tells them apart
        make_deal(owner=cast.rep_a, stage="won" if i % 2 else "lost", amount=100_000)
    r = login(cast.admin).post("/forecast/model/train/")
    job = Job.objects.get()
    assert r.status_code == 302 and r["Location"] == f"/jobs/{job.pk}/"
    assert job.status == "failed" and job.error
    assert not WinModel.objects.exists()
