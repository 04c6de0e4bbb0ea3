"""How the security tests reach every door: each route argument made from its name, with
plausible form data for the POSTs, and the requests themselves (with a valid CSRF token)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.urls import reverse

from dealpilot.deals import models as m
from dealpilot.deals.rowkinds import FACTS_BY_KEY as KINDS
from dealpilot.jobs.models import Job
from dealpilot.pipeline.models import SavedView
from dealpilot.workspace.views.opportunity import BLOCKS
from dealpilot.workspace.views.page import SECTIONS
from tests.security.routes import Route, all_routes
from tests.security.world import EXAMPLE, World, csrf_post, document_file

# Form fields of every edit form, with values a real user could send. Forms ignore fields they
# do not have, so each POST carries all of them (and a document, for the uploads).
PLAUSIBLE: dict[str, Any] = {
    "name": "王强", "text": "价格太高", "step": "联合试点", "metric": "准时交付率", "category": "save_money",
    "status": "pending", "position": "mentioned", "influence": "low", "attitude": "unknown",
    "access": "none", "title": "经理", "amount": "100", "currency": "CNY", "stage": "qualify",
    "budget_status": "planned", "compelling_event": "新产线投产", "compelling_event_date": "2027-03-01",
    "evidence": "会上亲口说的", "account": "某某精密有限公司", "language": "en", "period": "每年",
    "kind": "visit", "date": "2026-11-20",
    "call": "commit",  # the forecast call on a deal
}

Value = tuple[Any, dict[str, Any]]  # an argument's value and the form fields that go with it
Source = Callable[[World, dict[str, Any]], list[Value]]


def _first_row(w: World, kwargs: dict[str, Any]) -> list[Value]:
    row = getattr(w.deal, KINDS[kwargs["kind"]].related).order_by("pk").first()
    return [(row.pk, {})]


def _token_of(user: Any) -> Any:
    from dealpilot.api.models import ApiToken

    return ApiToken.objects.filter(user=user).first() or ApiToken.issue(user, "door walk")[0]


def _kind(slug: str) -> dict[str, Any]:
    return {"status": "raised"} if slug == "objections" else {}


def _import_run(w: World, kwargs: dict[str, Any]) -> list[Value]:
    from dealpilot.imports.models import ImportRun

    run, _created = ImportRun.objects.get_or_create(
        owner=w.cast.rep_a, filename="商机.csv", defaults={"data": "客户名称,商机名称\n恒锐精密,新项目\n".encode()})
    return [(run.pk, {})]


# (noun, argument) → the values of team A's objects for it; ("*", argument) matches any noun.
# The noun is the path segment before the argument: `accounts/<int:pk>/` names an account.
ARGUMENTS: dict[tuple[str, str], Source] = {
    ("deals", "pk"): lambda w, kw: [(w.deal.pk, {"version": w.deal.version})],
    ("accounts", "pk"): lambda w, kw: [(w.account.pk, {})],
    ("board", "pk"): lambda w, kw: [(w.deal.pk, {"version": w.deal.version, "stage": "negotiate"})],
    ("views", "pk"): lambda w, kw: [(v.pk, {}) for v in SavedView.objects.filter(owner=w.deal.owner)],
    ("contacts", "pk"): lambda w, kw: [(w.contact.pk, {})],
    ("tokens", "pk"): lambda w, kw: [(_token_of(w.cast.rep_a).pk, {})],
    ("jobs", "pk"): lambda w, kw: [(Job.objects.get_or_create(kind="import", owner=w.deal.owner)[0].pk, {})],
    ("section", "name"): lambda w, kw: [(name, {}) for name in SECTIONS],
    ("edit", "block"): lambda w, kw: [(slug, {"owner": w.deal.owner_id}) for slug in BLOCKS],
    ("stakeholders", "sid"): lambda w, kw: [(w.deal.stakeholders.order_by("pk").first().pk, {})],
    ("rows", "kind"): lambda w, kw: [(slug, _kind(slug)) for slug in KINDS],
    ("rows", "row_id"): _first_row,
    ("answers", "cid"): lambda w, kw: [(a.criterion, {"status": "yes"})
                                       for a in w.deal.answers.order_by("pk")[:2]],
    ("activities", "aid"): lambda w, kw: [(a.pk, {"kind": "call", "date": "2026-11-20"})
                                          for a in w.deal.activities.order_by("pk")[:1]],
    ("notes", "sentence"): lambda w, kw: [(0, {"action": "reject"}), (1, {"action": "accept"})],
    ("add", "kind"): lambda w, kw: [("competitors", {"expect": "鼎捷"})],
    ("add", "index"): lambda w, kw: [(0, {})],
    ("*", "fmt"): lambda w, kw: [("yaml", {}), ("json", {})],
    ("import", "pk"): _import_run,
    # A playbook id: the admin's pages (ADMIN_ONLY_DOORS); the walk only sends anonymous users here.
    ("playbooks", "ref"): lambda w, kw: [("ppvvcc", {})],
    # The admin's: any value will do, the rep must be refused before it is looked at.
    ("*", "object_id"): lambda w, kw: [(w.cast.rep_a.pk, {})],
    ("*", "id"): lambda w, kw: [(w.cast.rep_a.pk, {})],
    ("*", "content_type_id"): lambda w, kw: [(ContentType.objects.get_for_model(m.Opportunity).pk, {})],
    ("*", "app_label"): lambda w, kw: [("auth", {})],
    ("*", "url"): lambda w, kw: [("no-such-page/", {})],
}

# Arguments naming a row of the deal in the URL: with team B's own deal id in front they must
# still be refused (a row id is checked against the deal, not only the deal against the user).
ROW_ARGUMENTS = {("stakeholders", "sid"), ("rows", "row_id"), ("activities", "aid")}

# Pages for admins only, outside Django's admin: everyone else gets 404 (tests/security/
# test_admin_only_pages.py). Every route under these prefixes must be listed.
ADMIN_ONLY = {"audit_list", "audit_csv", "playbook_list"}
# Admin-only doors that take a playbook id or a POST: the walk's objects are deals, so these are
# left out of it; tests/playbooks/test_playbook_pages.py refuses everyone else at each of them.
ADMIN_ONLY_DOORS = {"playbook_copy", "playbook_import", "playbook_edit", "playbook_preview",
                    "playbook_publish", "playbook_export"}
ADMIN_ONLY_PREFIXES = ("audit/", "playbooks/")


def _source(route: Route, noun: str, kwarg: str) -> Source:
    source = ARGUMENTS.get((noun, kwarg)) or ARGUMENTS.get(("*", kwarg))
    if source is None:
        pytest.fail(f"route {route.name!r} ({route.text}) takes <{kwarg}> after {noun!r}, which this "
                    f"test cannot fill: add ({noun!r}, {kwarg!r}) to ARGUMENTS in tests/security/doors.py")
    return source


def expand(w: World, route: Route) -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
    """Every (kwargs, form data) the route is tried with."""
    def step(todo: list[tuple[str, str]], kwargs: dict[str, Any], data: dict[str, Any]) -> Iterator[Any]:
        if not todo:
            yield kwargs, data
            return
        noun, kwarg = todo[0]
        for value, extra in _source(route, noun, kwarg)(w, kwargs):
            yield from step(todo[1:], {**kwargs, kwarg: value}, {**data, **extra})

    yield from step(route.kwargs(), {}, {})


def doors(w: World, routes: list[Route]) -> list[tuple[Route, str, dict[str, Any]]]:
    return [(r, r.url(kwargs), data) for r in routes for kwargs, data in expand(w, r)]


def mixed_doors(w: World) -> list[tuple[Route, str, dict[str, Any]]]:
    """Team B's own deal in front of team A's row ids."""
    out = []
    for r in object_routes():
        names = r.kwargs()
        if ("deals", "pk") in names and ROW_ARGUMENTS & set(names):
            for kwargs, data in expand(w, r):
                out.append((r, r.url({**kwargs, "pk": w.other.pk}), {**data, "version": w.other.version}))
    return out


# The JSON API's routes answer 401 without a token and read no session: tests/api/test_api_doors.py
# walks every operation of its OpenAPI schema (no token, another team's token, read-only token).
API_NAMESPACE = "api"


def page_routes() -> list[Route]:
    return [r for r in all_routes() if r.namespace != API_NAMESPACE]


def object_routes() -> list[Route]:
    return [r for r in page_routes() if r.kwargs() and r.namespace != "admin" and r.name not in ADMIN_ONLY_DOORS]


def form_data(data: dict[str, Any]) -> dict[str, Any]:
    return {**PLAUSIBLE, **data, "document": document_file(_document_for(data.get("version")))}


def _document_for(version: int | None) -> str:
    """The example document; for a replace, written from the deal's current version and with one
    change, as a user's edited download would be (an unchanged replace writes nothing)."""
    if version is None:
        return EXAMPLE
    head = "opportunity:\n"
    assert head in EXAMPLE
    name = "  name: 恒锐精密 多工厂供应链计划与排产系统\n"
    assert name in EXAMPLE
    return EXAMPLE.replace(head, f"{head}  version: {version}\n", 1).replace(name, name.rstrip() + "（修订）\n", 1)


def post(client: Any, url: str, data: dict[str, Any]) -> Any:
    return csrf_post(client, url, form_data(data))


def is_login_redirect(response: Any) -> bool:
    location = response.get("Location", "")
    return response.status_code == 302 and location.startswith((reverse("login"), reverse("admin:login")))


class _Undo(Exception):
    pass


def then_undo(call: Callable[[], Any]) -> Any:
    """What `call` returns, with whatever it wrote to the database rolled back."""
    box = []
    try:
        with transaction.atomic():
            box.append(call())
            raise _Undo
    except _Undo:
        pass
    return box[0]


# Pages without an object id that list or total deals: another team's user must not find team A's
# deal on any of them (tests/security/test_list_doors.py), and reading them changes nothing.
LIST_DOORS = ("home", "home_score_history", "deal_list", "pipeline", "pipeline_board", "pipeline_totals",
              "pipeline_export_csv")
