"""Run as a separate process on a real SQLite file (the test's DATABASE_URL): `prepare` makes a
rep, a deal with one saved answer and an API token; `post FAULT LANG` saves a checklist answer
(and `api FAULT` calls the API) with the database read-only (`ro`: the file opened with
mode=ro), full (`full`: PRAGMA max_page_count set to the pages it has) or neither (`none`), and
prints the answer as JSON."""

from __future__ import annotations

import json
import sys

import django

django.setup()

from django.db.backends.signals import connection_created  # noqa: E402
from django.test import Client  # noqa: E402

EVIDENCE = "客户总经理在会上确认了排产的痛点。" * 200  # needs new pages: a full database refuses it


def _full(sender: object, connection: object, **kw: object) -> None:
    with connection.cursor() as cursor:  # type: ignore[attr-defined]
        pages = cursor.execute("PRAGMA page_count").fetchone()[0]
        cursor.execute(f"PRAGMA max_page_count = {pages}")


def fault(kind: str) -> None:
    from django.conf import settings

    if kind == "ro":
        settings.DATABASES["default"]["NAME"] = f"file:{settings.DATABASES['default']['NAME']}?mode=ro"
    elif kind == "full":
        connection_created.connect(_full)


def prepare() -> dict[str, object]:
    from django.core.management import call_command

    from dealpilot.api.models import ApiToken
    from dealpilot.deals import models as m
    from dealpilot.engine.playbook import get_playbook
    from tests.web.factories import make_deal, make_team, make_user

    call_command("migrate", verbosity=0)
    rep = make_user("rep_a", team=make_team("华东大区"))
    deal = make_deal(owner=rep, name="恒锐精密 排产系统")
    criteria = [c.id for d in get_playbook(deal.playbook).dimensions for c in d.criteria]
    m.Answer.objects.create(opportunity=deal, criterion=criteria[0], status="yes", evidence="已确认", ordinal=1)
    client = Client()
    client.force_login(rep)
    return {"deal": deal.pk, "criterion": criteria[1], "session": client.cookies["sessionid"].value,
            "token": ApiToken.issue(rep, "tests")[1]}


def post(state: dict[str, object], lang: str) -> dict[str, object]:
    client = Client(raise_request_exception=False, HTTP_ACCEPT_LANGUAGE=lang, HTTP_HX_REQUEST="true")
    client.cookies["sessionid"] = str(state["session"])
    response = client.post(f"/deals/{state['deal']}/answers/{state['criterion']}/",
                           {"version": 1, "status": "yes", "evidence": EVIDENCE})
    return {"status": response.status_code, "type": response["Content-Type"], "body": response.content.decode()}


def api(state: dict[str, object]) -> dict[str, object]:
    response = Client(raise_request_exception=False).get(
        "/api/v1/deals", HTTP_AUTHORIZATION=f"Bearer {state['token']}")
    return {"status": response.status_code, "type": response["Content-Type"], "body": response.content.decode()}


if __name__ == "__main__":
    phase = sys.argv[1]
    if phase == "prepare":
        print(json.dumps(prepare()))
    else:
        fault(sys.argv[2])
        state = json.loads(sys.stdin.read())
        print(json.dumps(post(state, sys.argv[3]) if phase == "post" else api(state)))
