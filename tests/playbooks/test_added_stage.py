"""A published team playbook with its own stage: `poc` (概念验证 / Proof of concept) between
develop and propose. Its deals can be put in it at every door, and every page shows it by name,
in order; a deal on a shipped playbook cannot be put in it, and nothing changes when it is tried."""

from __future__ import annotations

import copy
import csv
import datetime as dt
import io
import json
from html import unescape
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation

from dealpilot.deals.convert import deal_to_document, load_deal
from dealpilot.deals.models import ChangeRecord, Opportunity
from dealpilot.deals.stages import workspace_stages
from dealpilot.forecast.periods import quarter_of
from dealpilot.imports.importing import run_import
from dealpilot.imports.mapping import auto_map
from dealpilot.imports.reading import open_table
from dealpilot.playbooks.models import PlaybookVersion
from dealpilot.playbooks.store import copy_playbook, publish, save_draft
from tests.api.conftest import token_for
from tests.web.factories import make_deal

PID = "ppvvcc-poc"
POC = {"id": "poc", "name": {"zh": "概念验证", "en": "Proof of concept"}, "probability": 0.35,
       "requires": {"pain_confirmed": True, "min_score": 35, "min_stakeholders_reached": 2}}
HX = {"HTTP_HX_REQUEST": "true"}


def _with_poc(data: dict[str, Any]) -> dict[str, Any]:
    data = copy.deepcopy(data)
    at = [s["id"] for s in data["stages"]].index("develop") + 1
    data["stages"].insert(at, copy.deepcopy(POC))
    return data


@pytest.fixture
def team(cast: Any) -> Any:
    team = copy_playbook("ppvvcc", PID, cast.admin)
    save_draft(team, _with_poc(team.draft))
    publish(team, cast.admin)
    return team


@pytest.fixture
def on_poc(cast: Any, team: Any) -> Opportunity:
    """rep_a's deal on the team playbook, in develop, closing this quarter."""
    q = quarter_of(timezone.localdate())
    return make_deal(owner=cast.rep_a, name="概念 项目", playbook=PID, playbook_version=1, stage="develop",
                     close_date=q.start + dt.timedelta(days=3))


def _state(deal: Opportunity) -> tuple[Any, ...]:
    row = Opportunity.objects.values_list("stage", "version").get(pk=deal.pk)
    return (*row, ChangeRecord.objects.filter(opportunity=deal).count())


def _header(client: Any, deal: Opportunity, stage: str) -> Any:
    deal.refresh_from_db()
    return client.post(reverse("workspace_block", args=[deal.pk, "header"]),
                       {"version": deal.version, "name": deal.name, "currency": "CNY", "stage": stage,
                        "owner": deal.owner_id, "amount": "1200000"}, **HX)


# --- the stage list ------------------------------------------------------------------------

def test_the_workspace_lists_the_added_stage_in_order_with_both_names(team: Any) -> None:
    stages = workspace_stages()
    assert stages.ids() == ["lead", "qualify", "develop", "poc", "propose", "negotiate", "commit", "won", "lost"]
    with translation.override("zh-hans"):
        assert stages.label("poc") == "概念验证" and stages.label("develop") == "方案引导"
    with translation.override("en"):
        assert stages.label("poc") == "Proof of concept"


def test_before_publishing_the_stage_is_nowhere(cast: Any) -> None:
    team = copy_playbook("ppvvcc", PID, cast.admin)
    save_draft(team, _with_poc(team.draft))
    assert "poc" not in workspace_stages().ids()  # a draft is not in use


# --- setting the stage, door by door -------------------------------------------------------

def test_the_deal_form_offers_and_saves_the_added_stage(cast: Any, login: Any, on_poc: Opportunity) -> None:
    client = login(cast.rep_a)
    form = client.get(reverse("workspace_block", args=[on_poc.pk, "header"]), **HX).content.decode()
    assert '<option value="poc">概念验证</option>' in form
    assert _header(client, on_poc, "poc").status_code == 200
    on_poc.refresh_from_db()
    assert on_poc.stage == "poc"
    page = client.get(on_poc.get_absolute_url()).content.decode()
    assert "概念验证" in page


def test_a_shipped_playbook_deal_cannot_be_set_to_the_added_stage_in_the_form(cast: Any, login: Any,
                                                                              team: Any) -> None:
    client = login(cast.rep_a)
    form = client.get(reverse("workspace_block", args=[cast.deal.pk, "header"]), **HX).content.decode()
    assert 'value="poc"' not in form
    before = _state(cast.deal)
    response = _header(client, cast.deal, "poc")
    assert response.status_code == 422
    assert 'class="dp-field dp-field-error"' in response.content.decode()
    assert _state(cast.deal) == before


def test_a_new_deal_can_be_started_on_the_team_playbook_in_its_own_stage(cast: Any, login: Any, team: Any) -> None:
    client = login(cast.rep_a)
    # Choosing the playbook draws the form again with its stages (htmx GET with the form's values).
    html = unescape(client.get(reverse("deal_new"), {"playbook": PID, "name": "验证 项目"}).content.decode())
    assert f'value="{PID}" selected' in html and 'value="poc"' in html and "概念验证" in html
    assert 'value="验证 项目"' in html  # what was typed stays
    shipped = unescape(client.get(reverse("deal_new")).content.decode())
    assert 'value="poc"' not in shipped and f'value="{PID}"' in shipped  # offered, not chosen
    answer = client.post(reverse("deal_new"), {"account": "恒锐精密", "name": "验证 项目", "currency": "CNY",
                                               "playbook": PID, "stage": "poc"})
    assert answer.status_code == 302
    deal = Opportunity.objects.get(name="验证 项目")
    assert (deal.playbook, deal.stage, deal.owner_id) == (PID, "poc", cast.rep_a.pk)
    assert deal.score is not None  # assessed with the team playbook
    page = unescape(client.get(deal.get_absolute_url()).content.decode())
    assert "概念验证" in page


def test_a_new_deal_on_a_shipped_playbook_cannot_start_in_the_team_stage(cast: Any, login: Any, team: Any) -> None:
    client = login(cast.rep_a)
    before = Opportunity.objects.count()
    for playbook, stage in (("ppvvcc", "poc"), ("no-such-playbook", "lead"), ("../etc/passwd", "lead")):
        answer = client.post(reverse("deal_new"), {"account": "恒锐精密", "name": "不该有", "currency": "CNY",
                                                   "playbook": playbook, "stage": stage})
        assert answer.status_code == 400, (playbook, stage)
        assert "dp-error" in answer.content.decode()
    assert Opportunity.objects.count() == before


def test_a_draft_that_was_never_published_is_not_offered_for_new_deals(cast: Any, login: Any) -> None:
    copy_playbook("ppvvcc", "ppvvcc-draft", cast.admin)
    html = login(cast.rep_a).get(reverse("deal_new")).content.decode()
    assert 'value="ppvvcc-draft"' not in html and 'value="ppvvcc"' in html


def test_the_api_document_sets_the_added_stage(cast: Any, on_poc: Opportunity) -> None:
    from tests.api.conftest import ApiClient

    api = ApiClient(token_for(cast.rep_a))
    doc = api.get(f"deals/{on_poc.pk}").json()
    assert doc["playbook"] == PID
    doc["opportunity"]["stage"] = "poc"
    response = api.put(f"deals/{on_poc.pk}", doc)
    assert response.status_code == 200, response.content
    assert Opportunity.objects.get(pk=on_poc.pk).stage == "poc"


def test_the_api_refuses_the_added_stage_on_a_shipped_playbook_deal(cast: Any, team: Any) -> None:
    from tests.api.conftest import ApiClient

    api = ApiClient(token_for(cast.rep_a))
    doc = api.get(f"deals/{cast.deal.pk}").json()
    doc["opportunity"]["stage"] = "poc"
    before = _state(cast.deal)
    response = api.put(f"deals/{cast.deal.pk}", doc)
    assert response.status_code == 422
    problems = response.json()["problems"]
    assert [p["path"] for p in problems] == ["opportunity.stage"]
    assert "'poc' is not one of lead, qualify" in problems[0]["message"]
    assert _state(cast.deal) == before
    deals = Opportunity.objects.count()
    created = api.post("deals", {**doc, "opportunity": {**doc["opportunity"], "id": None, "version": None}})
    assert created.status_code == 422 and Opportunity.objects.count() == deals


def test_an_uploaded_document_may_name_the_team_playbook_and_its_stage(cast: Any, login: Any, team: Any) -> None:
    client = login(cast.rep_a)
    doc = deal_to_document(load_deal(cast.deal.pk)).to_data()
    doc["playbook"], doc["opportunity"]["stage"] = PID, "poc"
    for key in ("id", "version"):
        doc["opportunity"].pop(key, None)
    upload = SimpleUploadedFile("deal.json", json.dumps(doc, default=str).encode())
    response = client.post(reverse("deal_upload_new"), {"document": upload})
    assert response.status_code == 302, response.content.decode()[:2000]
    created = Opportunity.objects.exclude(pk=cast.deal.pk).get()
    assert (created.playbook, created.stage) == (PID, "poc")


def test_an_uploaded_document_in_the_added_stage_on_a_shipped_playbook_is_refused(cast: Any, login: Any,
                                                                                   team: Any) -> None:
    client = login(cast.rep_a)
    doc = deal_to_document(load_deal(cast.deal.pk)).to_data()
    doc["opportunity"]["stage"] = "poc"
    before = _state(cast.deal)
    upload = SimpleUploadedFile("deal.json", json.dumps(doc, default=str).encode())
    response = client.post(reverse("deal_upload", args=[cast.deal.pk]), {"document": upload},
                           HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert "opportunity.stage" in response.content.decode()
    assert _state(cast.deal) == before


def test_the_board_moves_a_team_deal_to_the_added_stage(cast: Any, login: Any, on_poc: Opportunity) -> None:
    client = login(cast.rep_a)
    response = client.post(reverse("pipeline_move", args=[on_poc.pk]), {"version": on_poc.version, "stage": "poc"})
    assert response.status_code == 200
    assert Opportunity.objects.get(pk=on_poc.pk).stage == "poc"


def test_the_board_refuses_the_added_stage_for_a_shipped_playbook_deal(cast: Any, login: Any, team: Any) -> None:
    client = login(cast.rep_a)
    before = _state(cast.deal)
    response = client.post(reverse("pipeline_move", args=[cast.deal.pk]),
                           {"version": cast.deal.version, "stage": "poc"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 422
    assert "This deal's playbook has no such stage; nothing changed." in unescape(response.content.decode())
    assert _state(cast.deal) == before
    assert client.post(reverse("pipeline_move", args=[cast.deal.pk]),
                       {"version": cast.deal.version, "stage": "nowhere"}).status_code == 400
    assert _state(cast.deal) == before


def _import(tmp_path: Path, user: Any, stage: str, name: str) -> Any:
    path = tmp_path / "deals.csv"
    path.write_text(f"客户名称,商机名称,销售阶段,负责人\r\n{name[0]},{name[1]},{stage},{user.username}\r\n",
                    encoding="utf-8")
    table = open_table(path)
    mapping = auto_map(table.headers, "zh-crm")
    mapping.mode = "both"
    return run_import(table, mapping, user)


def test_an_import_updates_a_team_deal_to_the_added_stage_by_its_name(cast: Any, on_poc: Opportunity,
                                                                       tmp_path: Path) -> None:
    out = _import(tmp_path, cast.rep_a, "概念验证", (on_poc.account.name, on_poc.name))
    assert (out.updated, out.problems) == (1, [])
    assert Opportunity.objects.get(pk=on_poc.pk).stage == "poc"


def test_an_import_refuses_the_added_stage_for_a_shipped_playbook_deal(cast: Any, team: Any,
                                                                       tmp_path: Path) -> None:
    before, deals = _state(cast.deal), Opportunity.objects.count()
    out = _import(tmp_path, cast.rep_a, "poc", (cast.deal.account.name, cast.deal.name))
    assert out.updated == 0 and [p.column for p in out.problems] == ["销售阶段"]
    assert "poc" in out.problems[0].text() and "ppvvcc" in out.problems[0].text()
    with translation.override("zh-hans"):
        assert "不是这个商机的方法手册 ppvvcc 中的阶段" in out.problems[0].text()
    new = _import(tmp_path, cast.rep_a, "poc", ("新客户", "新商机"))  # a new deal is on the default playbook
    assert new.created == 0 and len(new.problems) == 1
    assert _state(cast.deal) == before and Opportunity.objects.count() == deals


# --- what every page shows -----------------------------------------------------------------

@pytest.fixture
def in_poc(on_poc: Opportunity) -> Opportunity:
    Opportunity.objects.filter(pk=on_poc.pk).update(stage="poc")
    on_poc.refresh_from_db()
    return on_poc


@pytest.mark.parametrize("lang,name", [("zh-hans", "概念验证"), ("en", "Proof of concept")])
def test_the_pipeline_table_filter_and_totals_show_the_stage_by_name(cast: Any, login: Any, in_poc: Opportunity,
                                                                     lang: str, name: str) -> None:
    client = login(cast.rep_a)
    table = client.get(reverse("pipeline"), HTTP_ACCEPT_LANGUAGE=lang).content.decode()
    assert f"{name} <small" in table  # the row's stage cell
    assert f'<option value="poc">{name}</option>' in table  # the stage filter
    filtered = client.get(reverse("pipeline") + "?stage=poc", HTTP_ACCEPT_LANGUAGE=lang).content.decode()
    assert in_poc.name in filtered and cast.deal.name not in filtered
    totals = client.get(reverse("pipeline_totals"), HTTP_ACCEPT_LANGUAGE=lang).content.decode()
    assert f"<td>{name}</td>" in totals


def test_the_table_sorts_the_added_stage_between_develop_and_propose(cast: Any, login: Any, in_poc: Opportunity) -> None:
    make_deal(owner=cast.rep_a, name="提交 项目", stage="propose")
    html = login(cast.rep_a).get(reverse("pipeline") + "?sort=stage").content.decode()
    assert html.index(cast.deal.name) < html.index(in_poc.name) < html.index("提交 项目")  # develop, poc, propose


@pytest.mark.parametrize("lang,name", [("zh-hans", "概念验证"), ("en", "Proof of concept")])
def test_the_board_has_a_column_for_the_stage_in_order(cast: Any, login: Any, in_poc: Opportunity,
                                                       lang: str, name: str) -> None:
    html = login(cast.rep_a).get(reverse("pipeline_board"), HTTP_ACCEPT_LANGUAGE=lang).content.decode()
    columns = [part.split('"', 1)[0] for part in html.split('<section class="pl-column" data-stage="')[1:]]
    assert columns == ["lead", "qualify", "develop", "poc", "propose", "negotiate", "commit"]
    assert f'aria-label="{name}"' in html
    card = html[html.index(f'id="card-{in_poc.pk}"'):]
    card = card[:card.index("</article>")]
    assert f'<option value="poc" selected>{name}</option>' in card
    other = html[html.index(f'id="card-{cast.deal.pk}"'):]
    assert 'value="poc"' not in other[:other.index("</article>")]  # a shipped-playbook deal's card


@pytest.mark.parametrize("lang,name", [("zh-hans", "概念验证"), ("en", "Proof of concept")])
def test_the_export_names_the_stage(cast: Any, login: Any, in_poc: Opportunity, lang: str, name: str) -> None:
    response = login(cast.rep_a).get(reverse("pipeline_export_csv"), HTTP_ACCEPT_LANGUAGE=lang)
    text = b"".join(response.streaming_content).decode("utf-8-sig") if response.streaming else response.content.decode("utf-8-sig")
    rows = {r[1]: r for r in csv.reader(io.StringIO(text))}
    assert rows[in_poc.name][4] == name


@pytest.mark.parametrize("lang,back,names", [("zh-hans", "阶段后退", ("概念验证", "方案引导")),
                                             ("en", "stage moved back", ("Proof of concept", "Develop"))])
def test_moving_from_the_stage_back_to_develop_is_a_stage_moved_back(cast: Any, login: Any, on_poc: Opportunity,
                                                                     lang: str, back: str, names: tuple[str, str]) -> None:
    from dealpilot.forecast.models import DealForecast

    DealForecast.objects.create(opportunity=on_poc, call="", evidence="pipeline", probability=0.5, missing={})
    c = ChangeRecord.objects.create(opportunity=on_poc, user=cast.rep_a, version=2, field="opportunity.stage",
                                    old="poc", new="develop")
    ChangeRecord.objects.filter(pk=c.pk).update(at=timezone.now() - dt.timedelta(days=2))
    html = login(cast.manager_a).get(reverse("forecast_moved"), HTTP_ACCEPT_LANGUAGE=lang).content.decode()
    assert on_poc.name in html and back in html
    assert f"<td>{names[0]}</td><td>{names[1]}</td>" in html


def test_a_deal_page_and_lists_read_a_stage_no_playbook_has_any_more(cast: Any, login: Any) -> None:
    stray = make_deal(owner=cast.rep_a, name="旧阶段 项目", stage="pilot")  # e.g. left by an old import
    client = login(cast.rep_a)
    assert client.get(stray.get_absolute_url()).status_code == 200
    assert "pilot" in client.get(reverse("pipeline")).content.decode()
    assert client.get(reverse("pipeline_board")).status_code == 200
    form = client.get(reverse("workspace_block", args=[stray.pk, "header"]), **HX).content.decode()
    assert '<option value="pilot" selected>pilot</option>' in form


# --- publishing a version without the stage ------------------------------------------------

def test_publishing_a_version_without_a_stage_open_deals_sit_in_is_refused(cast: Any, login: Any, team: Any,
                                                                           in_poc: Opportunity) -> None:
    data = copy.deepcopy(team.draft)
    data["stages"] = [s for s in data["stages"] if s["id"] != "poc"]
    save_draft(team, data)  # a draft may drop the stage
    client = login(cast.admin)
    preview = client.get(reverse("playbook_preview", args=[team.pid]) + "?adopt=0").content.decode()
    assert "这份草稿将无法发布" in preview and "1 个未结商机处于阶段“poc”" in preview
    response = client.post(reverse("playbook_publish", args=[team.pid]), {"adopt": "0"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert "1 open deal is in stage 'poc'" in unescape(response.content.decode())
    assert PlaybookVersion.objects.filter(playbook=team).count() == 1
    Opportunity.objects.filter(pk=in_poc.pk).update(stage="develop")
    assert client.post(reverse("playbook_publish", args=[team.pid]), {"adopt": "0"}).status_code == 302
    assert PlaybookVersion.objects.filter(playbook=team).count() == 2
    assert "poc" not in workspace_stages().ids()


def test_adopting_a_version_without_a_stage_the_origins_deals_sit_in_is_refused(cast: Any, login: Any,
                                                                                team: Any) -> None:
    data = copy.deepcopy(team.draft)
    data["stages"] = [s for s in data["stages"] if s["id"] != "develop"]
    save_draft(team, data)
    client = login(cast.admin)
    response = client.post(reverse("playbook_publish", args=[team.pid]), {"adopt": "1"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400  # cast.deal (ppvvcc) is in develop
    assert "in stage 'develop'" in unescape(response.content.decode())
    assert PlaybookVersion.objects.filter(playbook=team).count() == 1
    assert Opportunity.objects.get(pk=cast.deal.pk).playbook == "ppvvcc"


def test_the_editor_saves_a_draft_that_renames_a_stage_id(cast: Any, login: Any, team: Any) -> None:
    from dealpilot.playbooks.store import to_yaml

    data = copy.deepcopy(team.draft)
    data["stages"][0]["id"] = "discover"
    client = login(cast.admin)
    response = client.post(reverse("playbook_edit", args=[team.pid]), {"mode": "yaml", "yaml": to_yaml(data)})
    assert response.status_code == 302
    team.refresh_from_db()
    assert team.draft["stages"][0]["id"] == "discover"
    data["stages"][1]["id"] = "Bad-Id"
    response = client.post(reverse("playbook_edit", args=[team.pid]), {"mode": "yaml", "yaml": to_yaml(data)})
    assert response.status_code == 400 and "stages[1].id" in response.content.decode()
    team.refresh_from_db()
    assert team.draft["stages"][1]["id"] == "qualify"


def test_the_api_patch_sets_the_added_stage_only_on_the_team_playbooks_deal(cast: Any, on_poc: Opportunity) -> None:
    from tests.api.conftest import ApiClient

    api = ApiClient(token_for(cast.rep_a))
    assert api.patch(f"deals/{on_poc.pk}", {"version": on_poc.version, "stage": "poc"}).status_code == 200
    assert Opportunity.objects.get(pk=on_poc.pk).stage == "poc"
    before = _state(cast.deal)
    response = api.patch(f"deals/{cast.deal.pk}", {"version": cast.deal.version, "stage": "poc"})
    assert response.status_code == 422
    assert [p["path"] for p in response.json()["problems"]] == ["body.stage"]
    assert _state(cast.deal) == before


def test_the_managers_home_counts_the_deals_in_the_stage(cast: Any, login: Any, in_poc: Opportunity) -> None:
    html = login(cast.manager_a).get("/home/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    row = html[html.index('?stage=poc">概念验证</a>'):]
    assert row[:row.index("</tr>")].count('<td class="num">1</td>') == 1
    assert html.index("?stage=develop") < html.index("?stage=poc") < html.index("?stage=propose")
