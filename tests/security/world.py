"""A small world to attack: team A's deal with every list filled (the example document), its
account and contacts, and a deal of team B's own; plus a dump of every row to prove nothing moved."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from dealpilot.deals import models as m
from dealpilot.deals.convert import save_document
from dealpilot.engine.document import loads_document
from dealpilot.pipeline.models import SavedView
from tests.web.conftest import Cast
from tests.web.factories import make_deal, make_stakeholder

EXAMPLES = Path(__file__).resolve().parents[2] / "dealpilot" / "engine" / "examples"
EXAMPLE = (EXAMPLES / "deal.zh.yaml").read_text(encoding="utf-8")

# The tables an attack could change: users and teams, deals and everything on them, the history.
DUMPED_APPS = ("auth", "accounts", "deals", "review", "pipeline", "activities")


@dataclass
class World:
    cast: Cast
    deal: m.Opportunity  # team A's: stakeholders, the eight lists, answers, account and contacts
    other: m.Opportunity  # rep B's own deal, for mixing its id with team A's row ids

    @property
    def account(self) -> m.Account:
        return self.deal.account

    @property
    def contact(self) -> m.Contact:
        return self.deal.stakeholders.order_by("pk").first().contact


def make_world(cast: Cast) -> World:
    deal = save_document(loads_document(EXAMPLE), cast.rep_a)
    empty = [name for name in ("decision_steps", "competitors", "milestones", "pains", "value_items",
                               "plan_steps", "objections", "answers", "stakeholders")
             if not getattr(deal, name).exists()]
    assert not empty, f"the example document leaves {empty} empty"
    SavedView.objects.create(owner=cast.rep_a, team=cast.team_a, name="本季度", query="period=quarter",
                             shared_with_team=True)
    from dealpilot.activities.models import Activity

    Activity.objects.create(opportunity=deal, kind="visit", date=deal.as_of or dt.date(2026, 11, 20),
                            stakeholder_ids=[deal.stakeholders.order_by("pk").first().pk],
                            note="陈静说预算还没批下来。周总认可我们的方案。听说友商鼎捷也在报价。")
    other = make_deal(owner=cast.rep_b, name="华南 B 队的商机")
    make_stakeholder(other, name="B 队联系人", key="b1")
    return World(cast=cast, deal=deal, other=other)


def dump() -> dict[str, list[dict[str, Any]]]:
    """Every row of every model of the dumped apps, in primary-key order."""
    return {model._meta.label: list(model.objects.order_by("pk").values())
            for label in DUMPED_APPS for model in apps.get_app_config(label).get_models()}


def browser(user: Any | None) -> Client:
    """A client that enforces CSRF like a browser does, holding a valid token."""
    client = Client(enforce_csrf_checks=True, raise_request_exception=False)
    if user is not None:
        client.force_login(user)
    client.get("/deals/" if user is not None else "/accounts/login/")  # a page with a form sets the cookie
    assert "csrftoken" in client.cookies, "no page handed out a CSRF token"
    return client


def csrf_post(client: Client, url: str, data: dict[str, Any], **extra: Any) -> Any:
    token = client.cookies["csrftoken"].value
    return client.post(url, {**data, "csrfmiddlewaretoken": token}, HTTP_X_CSRFTOKEN=token, **extra)


def document_file(text: str = EXAMPLE, name: str = "deal.yaml") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode("utf-8"))


def answer(response: Any) -> str:
    """The status, and for a server error the exception behind it (the client keeps it)."""
    exc = (getattr(response, "exc_info", None) or (None, None))[1]
    return f"{response.status_code} ({type(exc).__name__}: {str(exc)[:200]})" if exc else str(response.status_code)
