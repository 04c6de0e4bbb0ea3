"""Every door of the URL configuration, walked: another team's user gets 404 on every route that
names an object of team A (GET and POST, with a valid CSRF token and plausible form data) and
changes nothing; anonymous users are sent to log in; reps are refused by the admin.

The routes come from the URL configuration itself, so a new route is walked without editing
this file. Its arguments are made from their names (ARGUMENTS below); a route with an argument
this file does not know fails, naming the route, so no door is left out silently.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.urls import reverse

from dealpilot.deals import models as m
from dealpilot.workspace.rows import KINDS
from dealpilot.workspace.views.opportunity import BLOCKS
from dealpilot.workspace.views.page import SECTIONS
from tests.security.routes import Route, all_routes
from tests.security.world import World, browser, csrf_post, document_file, dump, make_world

# Routes anyone may open without logging in. Everything else must send them to a login page.
PUBLIC = {"", "login", "logout", "set_language", "admin:login", "admin:logout"}

# Form fields of every edit form, with values a real user could send. Forms ignore fields they
# do not have, so each POST carries all of them (and a document, for the uploads).
PLAUSIBLE: dict[str, Any] = {
    "name": "王强", "text": "价格太高", "step": "联合试点", "metric": "准时交付率", "category": "save_money",
    "status": "pending", "position": "mentioned", "influence": "low", "attitude": "unknown",
    "access": "none", "title": "经理", "amount": "100", "currency": "CNY", "stage": "qualify",
    "budget_status": "planned", "compelling_event": "新产线投产", "compelling_event_date": "2027-03-01",
    "evidence": "会上亲口说的", "account": "某某精密有限公司", "language": "en", "period": "每年",
}

Value = tuple[Any, dict[str, Any]]  # an argument's value and the form fields that go with it
Source = Callable[[World, dict[str, Any]], list[Value]]


def _first_row(w: World, kwargs: dict[str, Any]) -> list[Value]:
    row = getattr(w.deal, KINDS[kwargs["kind"]].related).order_by("pk").first()
    return [(row.pk, {})]


def _kind(slug: str) -> dict[str, Any]:
    return {"status": "raised"} if slug == "objections" else {}


# (noun, argument) → the values of team A's objects for it; ("*", argument) matches any noun.
# The noun is the path segment before the argument: `accounts/<int:pk>/` names an account.
ARGUMENTS: dict[tuple[str, str], Source] = {
    ("deals", "pk"): lambda w, kw: [(w.deal.pk, {"version": w.deal.version})],
    ("accounts", "pk"): lambda w, kw: [(w.account.pk, {})],
    ("contacts", "pk"): lambda w, kw: [(w.contact.pk, {})],
    ("section", "name"): lambda w, kw: [(name, {}) for name in SECTIONS],
    ("edit", "block"): lambda w, kw: [(slug, {"owner": w.deal.owner_id}) for slug in BLOCKS],
    ("stakeholders", "sid"): lambda w, kw: [(w.deal.stakeholders.order_by("pk").first().pk, {})],
    ("rows", "kind"): lambda w, kw: [(slug, _kind(slug)) for slug in KINDS],
    ("rows", "row_id"): _first_row,
    ("answers", "cid"): lambda w, kw: [(a.criterion, {"status": "yes"})
                                       for a in w.deal.answers.order_by("pk")[:2]],
    ("*", "fmt"): lambda w, kw: [("yaml", {}), ("json", {})],
    # The admin's: any value will do, the rep must be refused before it is looked at.
    ("*", "object_id"): lambda w, kw: [(w.cast.rep_a.pk, {})],
    ("*", "id"): lambda w, kw: [(w.cast.rep_a.pk, {})],
    ("*", "content_type_id"): lambda w, kw: [(ContentType.objects.get_for_model(m.Opportunity).pk, {})],
    ("*", "app_label"): lambda w, kw: [("auth", {})],
    ("*", "url"): lambda w, kw: [("no-such-page/", {})],
}

# Arguments naming a row of the deal in the URL: with team B's own deal id in front they must
# still be refused (a row id is checked against the deal, not only the deal against the user).
ROW_ARGUMENTS = {("stakeholders", "sid"), ("rows", "row_id")}


def _source(route: Route, noun: str, kwarg: str) -> Source:
    source = ARGUMENTS.get((noun, kwarg)) or ARGUMENTS.get(("*", kwarg))
    if source is None:
        pytest.fail(f"route {route.name!r} ({route.text}) takes <{kwarg}> after {noun!r}, which this "
                    f"test cannot fill: add ({noun!r}, {kwarg!r}) to ARGUMENTS in {__file__}")
    return source


def _expand(w: World, route: Route) -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
    """Every (kwargs, form data) the route is tried with."""
    def step(todo: list[tuple[str, str]], kwargs: dict[str, Any], data: dict[str, Any]) -> Iterator[Any]:
        if not todo:
            yield kwargs, data
            return
        noun, kwarg = todo[0]
        for value, extra in _source(route, noun, kwarg)(w, kwargs):
            yield from step(todo[1:], {**kwargs, kwarg: value}, {**data, **extra})

    yield from step(route.kwargs(), {}, {})


def _doors(w: World, routes: list[Route]) -> list[tuple[Route, str, dict[str, Any]]]:
    return [(r, r.url(kwargs), data) for r in routes for kwargs, data in _expand(w, r)]


def _mixed_doors(w: World) -> list[tuple[Route, str, dict[str, Any]]]:
    """Team B's own deal in front of team A's row ids."""
    out = []
    for r in _object_routes():
        names = r.kwargs()
        if ("deals", "pk") in names and ROW_ARGUMENTS & set(names):
            for kwargs, data in _expand(w, r):
                out.append((r, r.url({**kwargs, "pk": w.other.pk}), {**data, "version": w.other.version}))
    return out


def _object_routes() -> list[Route]:
    return [r for r in all_routes() if r.kwargs() and r.namespace != "admin"]


def _form(data: dict[str, Any]) -> dict[str, Any]:
    return {**PLAUSIBLE, **data, "document": document_file()}


def _post(client: Any, url: str, data: dict[str, Any]) -> Any:
    return csrf_post(client, url, _form(data))


def _is_login_redirect(response: Any) -> bool:
    location = response.get("Location", "")
    return response.status_code == 302 and location.startswith((reverse("login"), reverse("admin:login")))


class _Undo(Exception):
    pass


def _then_undo(call: Callable[[], Any]) -> Any:
    """The response of `call`, with whatever it wrote to the database rolled back."""
    box = []
    try:
        with transaction.atomic():
            box.append(call())
            raise _Undo
    except _Undo:
        pass
    return box[0]


@pytest.fixture
def world(cast: Any) -> World:
    return make_world(cast)


def test_every_route_with_an_id_is_walked() -> None:
    names = {r.name for r in _object_routes()}
    # A sample that must be among them, so the walk cannot quietly find nothing.
    assert {"deal_page", "workspace_row", "workspace_answer", "account_page", "contact_page",
            "deal_document", "deal_upload", "deal_chart_powermap"} <= names


def test_the_owner_gets_through_every_door_the_walk_builds(world: World) -> None:
    """The control: the URLs and form data reach real objects, so a 404 for others means refusal."""
    owner = browser(world.cast.rep_a)
    wrong = []
    for route, url, data in _doors(world, _object_routes()):
        got = owner.get(url).status_code
        posted = _then_undo(lambda url=url, data=data: _post(owner, url, data)).status_code
        if got == 404 or got >= 500 or posted not in (200, 204, 302, 405):
            wrong.append(f"{route.name} {url}: GET {got}, POST {posted}")
    assert not wrong, "the owner was not let through:\n" + "\n".join(wrong)


@pytest.mark.parametrize("who", ["rep_b", "manager_b"])
def test_another_team_gets_404_on_every_door_and_changes_nothing(world: World, who: str) -> None:
    user = world.cast.rep_b if who == "rep_b" else _manager_b(world)
    client, owner = browser(user), browser(world.cast.rep_a)
    before = dump()
    wrong = []
    for route, url, data in _doors(world, _object_routes()) + _mixed_doors(world):
        got, posted = client.get(url).status_code, _post(client, url, data).status_code
        # 405 refuses the method before any object is looked up; only as it does for the owner.
        if got == 405 and owner.get(url).status_code == 405:
            got = 404
        if posted == 405 and _then_undo(lambda url=url, data=data: _post(owner, url, data)).status_code == 405:
            posted = 404
        if (got, posted) != (404, 404):
            wrong.append(f"{route.name} {url}: GET {got}, POST {posted}")
        if dump() != before:
            wrong.append(f"{route.name} {url}: the database changed")
            before = dump()
    assert not wrong, f"{who} was not refused:\n" + "\n".join(wrong)


def _manager_b(w: World) -> Any:
    from dealpilot.accounts.models import Role
    from tests.web.factories import make_user

    return make_user("manager_b", team=w.cast.team_b, role=Role.MANAGER)


def test_anonymous_users_are_sent_to_log_in_everywhere_but_the_public_doors(world: World) -> None:
    client = browser(None)
    before = dump()
    routes = [r for r in all_routes() if r.name not in PUBLIC]
    wrong = []
    for route, url, data in _doors(world, routes):
        for method, response in (("GET", client.get(url)), ("POST", _post(client, url, data))):
            if not (_is_login_redirect(response) or response.status_code in (403, 404)):
                wrong.append(f"{route.name} {url}: {method} {response.status_code} {response.get('Location', '')}")
    assert not wrong, "anonymous users got in:\n" + "\n".join(wrong)
    assert dump() == before


def test_the_public_doors_are_few_and_known() -> None:
    assert {r.name for r in all_routes()} >= PUBLIC, "a public route listed here no longer exists"


def test_reps_are_refused_by_every_admin_door_and_change_nothing(world: World) -> None:
    admin_routes = [r for r in all_routes() if r.namespace == "admin"]
    assert len(admin_routes) > 10
    doors = _doors(world, [r for r in admin_routes if r.name not in PUBLIC])
    for user in (world.cast.rep_b, world.cast.manager_a):
        client = browser(user)
        before = dump()
        wrong = []
        for route, url, data in doors:
            for method, response in (("GET", client.get(url)), ("POST", _post(client, url, data))):
                if not (_is_login_redirect(response) or response.status_code in (403, 404)):
                    wrong.append(f"{route.name} {url}: {method} {response.status_code}")
        assert not wrong, f"{user.username} got into the admin:\n" + "\n".join(wrong)
        assert dump() == before
    # The control: the admin is let in by the same URLs (read only, nothing is posted).
    admin = browser(world.cast.admin)
    refused = [f"{route.name} {url}" for route, url, _data in doors
               if _is_login_redirect(r := admin.get(url)) or r.status_code >= 500]
    assert not refused, "the admin was refused by:\n" + "\n".join(refused)


def test_arguments_table_has_no_unused_entries() -> None:
    used = {pair for r in all_routes() for pair in r.kwargs()}
    unused = [key for key in ARGUMENTS if key not in used and not any(k == key[1] for _n, k in used)]
    assert not unused, f"ARGUMENTS entries no route takes: {unused}"

