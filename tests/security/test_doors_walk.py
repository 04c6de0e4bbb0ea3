"""Every door of the URL configuration, walked: another team's user gets 404 on every route that
names an object of team A (GET and POST, with a valid CSRF token and plausible form data) and
changes nothing; anonymous users are sent to log in; reps are refused by the admin.

The routes come from the URL configuration itself, so a new route is walked without editing
this file. Its arguments are made from their names (ARGUMENTS in tests/security/doors.py); a
route with an argument that table does not know fails, naming the route, so no door is left
out silently.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.test import override_settings

from tests.security.doors import (
    ARGUMENTS,
    doors,
    is_login_redirect,
    mixed_doors,
    object_routes,
    page_routes,
    post,
    then_undo,
)
from tests.security.routes import all_routes
from tests.security.world import World, browser, dump, make_world

# Routes anyone may open without logging in. Everything else must send them to a login page.
# (Static files and the favicon are served by WhiteNoise, before any route.)
PUBLIC = {"", "login", "logout", "set_language", "admin:login", "admin:logout"}
# The load balancer's health check (dealpilot/ops): JSON without names or settings.
PUBLIC |= {"healthz"}


@pytest.fixture
def world(cast: Any) -> World:
    return make_world(cast)


def test_every_route_with_an_id_is_walked() -> None:
    names = {r.name for r in object_routes()}
    # A sample that must be among them, so the walk cannot quietly find nothing.
    assert {"deal_page", "workspace_row", "workspace_answer", "account_page", "contact_page",
            "deal_document", "deal_upload", "deal_chart_powermap"} <= names


def test_the_owner_gets_through_every_door_the_walk_builds(world: World) -> None:
    """The control: the URLs and form data reach real objects, so a 404 for others means refusal."""
    owner = browser(world.cast.rep_a)
    wrong = []
    for route, url, data in doors(world, object_routes()):
        got = owner.get(url).status_code
        posted = then_undo(lambda url=url, data=data: post(owner, url, data)).status_code
        if got == 404 or got >= 500 or posted not in (200, 204, 302, 405):
            wrong.append(f"{route.name} {url}: GET {got}, POST {posted}")
    assert not wrong, "the owner was not let through:\n" + "\n".join(wrong)


def _not_refused(world: World, user: Any) -> list[str]:
    """Each door of team A's objects that `user` got through, or that changed the database."""
    client, owner = browser(user), browser(world.cast.rep_a)
    before = dump()
    wrong = []
    for route, url, data in doors(world, object_routes()) + mixed_doors(world):
        answers = {
            "GET": client.get(url).status_code,
            # Fragments for htmx are answered by other branches of some views.
            "GET (htmx)": client.get(url, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="deal-verdict").status_code,
            "POST": post(client, url, data).status_code,
        }
        # 405 refuses the method before any object is looked up; only as it does for the owner.
        if answers["GET"] == 405 and owner.get(url).status_code == 405:
            answers["GET"] = answers["GET (htmx)"] = 404
        if answers["POST"] == 405 and then_undo(lambda url=url, data=data: post(owner, url, data)).status_code == 405:
            answers["POST"] = 404
        if set(answers.values()) != {404}:
            wrong.append(f"{route.name} {url}: " + ", ".join(f"{k} {v}" for k, v in answers.items()))
        if dump() != before:
            wrong.append(f"{route.name} {url}: the database changed")
            before = dump()
    return wrong


@pytest.mark.parametrize("who", ["rep_b", "manager_b"])
def test_another_team_gets_404_on_every_door_and_changes_nothing(world: World, who: str) -> None:
    user = world.cast.rep_b if who == "rep_b" else _manager_b(world)
    wrong = _not_refused(world, user)
    assert not wrong, f"{who} was not refused:\n" + "\n".join(wrong)


@override_settings(ROOT_URLCONF="tests.security.urls_with_new_doors")
def test_a_new_route_is_walked_without_naming_it(world: World) -> None:
    assert _not_refused(world, world.cast.rep_b) == [
        f"careless_notes /deals/{world.deal.pk}/notes/: GET 200, GET (htmx) 200, POST 200"]


@override_settings(ROOT_URLCONF="tests.security.urls_with_unknown_argument")
def test_a_new_route_with_an_argument_nobody_knows_fails_the_walk_by_name(world: World) -> None:
    routes = [r for r in object_routes() if r.name == "attachment"]
    with pytest.raises(pytest.fail.Exception, match=r"'attachment' .*<file_id> after 'files'.*ARGUMENTS"):
        doors(world, routes)


def _manager_b(w: World) -> Any:
    from dealpilot.accounts.models import Role
    from tests.web.factories import make_user

    return make_user("manager_b", team=w.cast.team_b, role=Role.MANAGER)


def test_anonymous_users_are_sent_to_log_in_everywhere_but_the_public_doors(world: World) -> None:
    client = browser(None)
    before = dump()
    routes = [r for r in page_routes() if r.name not in PUBLIC]
    wrong = []
    for route, url, data in doors(world, routes):
        for method, response in (("GET", client.get(url)), ("POST", post(client, url, data))):
            if not (is_login_redirect(response) or response.status_code in (403, 404)):
                wrong.append(f"{route.name} {url}: {method} {response.status_code} {response.get('Location', '')}")
    assert not wrong, "anonymous users got in:\n" + "\n".join(wrong)
    assert dump() == before


def test_the_public_doors_are_few_and_known() -> None:
    assert {r.name for r in all_routes()} >= PUBLIC, "a public route listed here no longer exists"


def test_reps_are_refused_by_every_admin_door_and_change_nothing(world: World) -> None:
    admin_routes = [r for r in all_routes() if r.namespace == "admin"]
    assert len(admin_routes) > 10
    admin_doors = doors(world, [r for r in admin_routes if r.name not in PUBLIC])
    for user in (world.cast.rep_b, world.cast.manager_a):
        client = browser(user)
        before = dump()
        wrong = []
        for route, url, data in admin_doors:
            for method, response in (("GET", client.get(url)), ("POST", post(client, url, data))):
                if not (is_login_redirect(response) or response.status_code in (403, 404)):
                    wrong.append(f"{route.name} {url}: {method} {response.status_code}")
        assert not wrong, f"{user.username} got into the admin:\n" + "\n".join(wrong)
        assert dump() == before
    # The control: the admin is let in by the same URLs (read only, nothing is posted).
    admin = browser(world.cast.admin)
    refused = [f"{route.name} {url}" for route, url, _data in admin_doors
               if is_login_redirect(r := admin.get(url)) or r.status_code >= 500]
    assert not refused, "the admin was refused by:\n" + "\n".join(refused)


def test_arguments_table_has_no_unused_entries() -> None:
    used = {pair for r in all_routes() for pair in r.kwargs()}
    unused = [key for key in ARGUMENTS if key not in used and not any(k == key[1] for _n, k in used)]
    assert not unused, f"ARGUMENTS entries no route takes: {unused}"

