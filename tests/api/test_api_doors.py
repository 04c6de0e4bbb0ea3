"""Every operation of the OpenAPI schema, walked: without a token 401; with another team's token
404 on each of team A's objects; with a read-only token 403 on every write — and the database
unchanged each time. The operations come from the schema itself, so a new endpoint is walked
without naming it here; one whose path argument or body this file does not know fails by name.
(The page door walk, tests/security, leaves the API's routes to this test.)"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest

from dealpilot.api.api import api
from tests.api.factory import example_data
from tests.security.world import World, make_world
from tests.security.world import dump as page_dump
from tests.web.conftest import Cast

ARGUMENTS: dict[str, Callable[[World], Any]] = {
    "deal_id": lambda w: w.deal.pk, "account_id": lambda w: w.account.pk, "contact_id": lambda w: w.contact.pk,
    "user_id": lambda w: w.cast.rep_a.pk, "team_id": lambda w: w.cast.team_a.pk, "index": lambda w: 0,
    "criterion": lambda w: w.deal.answers.order_by("pk").first().criterion,
    "webhook_id": lambda w: _webhook().pk, "import_id": lambda w: _import_run(w).pk,
}
# Operations only an admin may use at all: the control walks them as the admin.
ADMIN_ONLY = "/api/v1/webhooks"


def _webhook() -> Any:
    from dealpilot.api.models import Webhook

    return Webhook.objects.first() or Webhook.objects.create(url="http://127.0.0.1:9/", events=["deal.won"])


def _import_run(w: World) -> Any:
    from dealpilot.imports.models import ImportRun

    return ImportRun.objects.filter(owner=w.cast.rep_a).first() or ImportRun.objects.create(
        owner=w.cast.rep_a, filename="deals.csv", data=_CSV)


_CSV = "客户名称,商机名称,金额,负责人\r\n恒锐精密,排产系统,120000,rep_a\r\n".encode()


class Multipart(dict):
    """A form with a file: sent as multipart/form-data instead of JSON."""


_ENTRIES = {
    "stakeholders": {"id": "s90", "name": "新联系人"}, "decision_chain": {"name": "评审"},
    "competitors": {"name": "某竞品"}, "milestones": {"name": "上线"},
    "pains": {"text": "交付总是延期", "category": "save_money"}, "value": {"metric": "准时交付率"},
    "mutual_plan": {"step": "联合试点"}, "objections": {"text": "价格太高"}, "answers": {"status": "yes"},
    "activities": {"kind": "call", "date": "2026-11-25", "note": "电话沟通了试点安排"},
}
# Query strings and bodies a real user of each write could send (the version is the deal's).
BODIES: dict[str, Callable[[World], Any]] = {
    "create_deal": lambda w: example_data(),
    "replace_deal": lambda w: example_data(version=w.deal.version, name="改名"),
    "patch_deal": lambda w: {"version": w.deal.version, "name": "改名"},
    "patch_account": lambda w: {"name": "新名字有限公司"},
    "patch_contact": lambda w: {"title": "新职务"},
    "patch_user": lambda w: {"first_name": "新"},
    "create_team": lambda w: {"name": "新团队"},
    "patch_team": lambda w: {"name": "新名字"},
    "create_webhook": lambda w: {"url": "http://127.0.0.1:9/hook", "events": ["deal.won"]},
    **{f"{verb}_{key}": (lambda w, entry=entry: {"version": w.deal.version, "entry": entry})
       for key, entry in _ENTRIES.items() for verb in ("add", "change")},
    "change_stakeholders": lambda w: {"version": w.deal.version, "entry": {**_first_person(w), "title": "董事长"}},
    "put_answer": lambda w: {"version": w.deal.version, "entry": {"status": "yes", "evidence": "会上说的"}},
    "start_import": lambda w: Multipart(file=_upload()),
}


def _upload() -> Any:
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("deals.csv", _CSV)
def _first_person(w: World) -> dict[str, Any]:
    person = w.deal.stakeholders.order_by("ordinal", "pk").select_related("contact").first()
    return {"id": person.key, "name": person.contact.name}


QUERIES: dict[str, Callable[[World], str]] = {
    "delete_deal": lambda w: "", **{f"remove_{key}": (lambda w: f"?version={w.deal.version}") for key in _ENTRIES},
    "remove_answer": lambda w: f"?version={w.deal.version}",
}


def dump() -> dict[str, Any]:
    """The page walk's tables and the webhooks with their deliveries (tokens' use counters move
    with every request: they are the rate limit's, not something a request may change)."""
    from dealpilot.api.models import Webhook, WebhookDelivery

    return {**page_dump(), "webhooks": list(Webhook.objects.order_by("pk").values()),
            "deliveries": list(WebhookDelivery.objects.order_by("pk").values())}


def operations() -> list[tuple[str, str, str]]:
    schema = api.get_openapi_schema()
    return [(method.upper(), path, op["operationId"]) for path, item in schema["paths"].items()
            for method, op in item.items()]


def _call(client: Any, w: World, method: str, path: str, operation: str) -> Any:
    def fill(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in ARGUMENTS:
            pytest.fail(f"{operation} ({path}) takes {{{name}}}: add it to ARGUMENTS in {__file__}")
        return str(ARGUMENTS[name](w))

    url = re.sub(r"\{(\w+)\}", fill, path)
    if method in ("GET", "DELETE"):
        return client.call(method, url + (QUERIES[operation](w) if operation in QUERIES else ""))
    if operation not in BODIES:
        pytest.fail(f"{operation} ({method} {path}) has no body in BODIES in {__file__}")
    body = BODIES[operation](w)
    if isinstance(body, Multipart):
        return client.client.post(url, data=dict(body), **client.headers)
    return client.call(method, url, body)


@pytest.fixture
def world(cast: Cast) -> World:
    return make_world(cast)


def test_the_walk_finds_every_operation() -> None:
    names = {op for _m, _p, op in operations()}
    assert {"list_deals", "get_deal", "create_deal", "replace_deal", "patch_deal", "delete_deal", "get_assessment",
            "add_pains", "remove_answer", "get_contact", "patch_user", "pipeline_totals"} <= names


def test_the_owner_gets_through_every_door_the_walk_builds(world: World, api_as: Any) -> None:
    """The control: the URLs and bodies reach real objects, so a 404 for others means refusal."""
    from tests.security.doors import then_undo

    owner, admin, wrong = api_as(world.cast.rep_a), api_as(world.cast.admin), []
    _webhook()
    for method, path, op in operations():
        client = admin if path.startswith(ADMIN_ONLY) else owner
        response = then_undo(lambda c=client, m=method, p=path, o=op: _call(c, world, m, p, o))
        if response.status_code in (401, 404, 422) or response.status_code >= 500:
            wrong.append(f"{op} {method} {path}: {response.status_code} {response.content[:200]!r}")
    assert not wrong, "the owner was not let through:\n" + "\n".join(wrong)


def test_without_a_token_every_operation_is_401_and_changes_nothing(world: World, api_as: Any) -> None:
    _webhook()
    client, before = api_as(None), dump()
    wrong = [f"{op} {method} {path}: {r.status_code}" for method, path, op in operations()
             if (r := _call(client, world, method, path, op)).status_code != 401]
    assert not wrong, "\n".join(wrong)
    assert dump() == before


def test_another_teams_token_gets_404_on_every_object_of_team_a(world: World, api_as: Any) -> None:
    _webhook()
    client, before = api_as(world.cast.rep_b), dump()
    wrong = []
    for method, path, op in operations():
        if "{" not in path:
            continue
        response = _call(client, world, method, path, op)
        if response.status_code != 404 or response.json() != {"detail": "not found"}:
            wrong.append(f"{op} {method} {path}: {response.status_code}")
        if dump() != before:
            wrong.append(f"{op} {method} {path}: the database changed")
            before = dump()
    assert not wrong, "rep B was not refused:\n" + "\n".join(wrong)


def test_a_read_only_token_gets_403_on_every_write_and_changes_nothing(world: World, api_as: Any) -> None:
    _webhook()
    client, before = api_as(world.cast.admin, read_only=True), dump()
    wrong = [f"{op} {method} {path}: {r.status_code}" for method, path, op in operations()
             if method != "GET" and (r := _call(client, world, method, path, op)).status_code != 403]
    assert not wrong, "\n".join(wrong)
    assert dump() == before
