"""The admin's playbook pages: who may open them, copying, editing with validation, import/export."""

from __future__ import annotations

from typing import Any

import pytest
import yaml
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from dealpilot.engine.playbook import get_playbook
from dealpilot.playbooks import edits
from dealpilot.playbooks.models import PlaybookVersion, TeamPlaybook
from dealpilot.playbooks.store import copy_playbook

OTHERS = ("rep_a", "teammate_a", "manager_a", "rep_b")


@pytest.fixture
def team(cast: Any) -> TeamPlaybook:
    return copy_playbook("ppvvcc", "ppvvcc-soe", cast.admin)


def _doors(ref: str) -> list[tuple[str, str]]:
    return [("get", reverse("playbook_list")), ("post", reverse("playbook_copy")),
            ("post", reverse("playbook_import")), ("get", reverse("playbook_edit", args=[ref])),
            ("post", reverse("playbook_edit", args=[ref])), ("get", reverse("playbook_preview", args=[ref])),
            ("post", reverse("playbook_publish", args=[ref])), ("get", reverse("playbook_export", args=[ref])),
            ("get", reverse("playbook_export", args=["ppvvcc"]))]


def test_everyone_but_an_admin_gets_404_at_every_door_and_changes_nothing(client: Any, cast: Any, team: Any) -> None:
    before = (TeamPlaybook.objects.count(), PlaybookVersion.objects.count(), team.draft)
    for who in OTHERS:
        client.force_login(cast.member(who))
        for method, url in _doors(team.pid):
            data = {"source": "ppvvcc", "id": "stolen", "mode": "yaml", "yaml": "id: x", "adopt": "1"}
            response = getattr(client, method)(url, data)
            assert response.status_code == 404, f"{who} {method} {url}"
    team.refresh_from_db()
    assert (TeamPlaybook.objects.count(), PlaybookVersion.objects.count(), team.draft) == before
    client.logout()
    assert client.get(reverse("playbook_list")).status_code == 302


def test_admin_opens_every_page(client: Any, cast: Any, team: Any) -> None:
    client.force_login(cast.admin)
    for url in (reverse("playbook_list"), reverse("playbook_edit", args=[team.pid]),
                reverse("playbook_preview", args=[team.pid]), reverse("playbook_export", args=["meddicc"])):
        assert client.get(url).status_code == 200, url


def test_shipped_playbooks_stay_read_only(client: Any, cast: Any) -> None:
    client.force_login(cast.admin)
    assert client.get(reverse("playbook_edit", args=["ppvvcc"])).status_code == 404
    response = client.post(reverse("playbook_copy"), {"source": "bant", "id": "ppvvcc"})
    assert response.status_code == 400 and "already exists" in response.content.decode()
    assert not TeamPlaybook.objects.exists()


def test_copy_then_edit_a_weight_and_a_gate(client: Any, cast: Any) -> None:
    client.force_login(cast.admin)
    response = client.post(reverse("playbook_copy"), {"source": "ppvvcc", "id": "ppvvcc-soe"})
    assert response.status_code == 302
    team = TeamPlaybook.objects.get(pid="ppvvcc-soe")
    form = _form(team.draft)
    weight = edits.criterion_fields(team.draft)[0]["weight"][0]
    commit = next(s for s in edits.stage_fields(team.draft) if s["id"] == "commit")
    form[weight] = "1"
    form[commit["accept_budget"][0]] = "approved"
    assert client.post(reverse("playbook_edit", args=[team.pid]), form).status_code == 302
    team.refresh_from_db()
    assert team.draft["dimensions"][0]["criteria"][0]["weight"] == 1
    pb = get_playbook("ppvvcc")
    assert pb.dimensions[0].criteria[0].weight != 1  # the shipped one is untouched
    stage = next(s for s in team.draft["stages"] if s["id"] == "commit")
    assert stage["requires"]["accept_budget"] == ["approved"]


def _form(data: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {"mode": "form"}
    for c in edits.criterion_fields(data):
        for key in ("weight", "zh", "en"):
            out[c[key][0]] = c[key][1]
    for s in edits.stage_fields(data):
        for key in ("min_score", "min_stakeholders_reached", "budget_at_least", "accept_budget"):
            out[s[key][0]] = s[key][1]
    for f in edits.flag_fields(data):
        out[f["severity"][0]] = f["severity"][1]
        out[f["threshold"][0]] = f["threshold"][1]
        if f["enabled"][1]:
            out[f["enabled"][0]] = "on"
    return out


@pytest.mark.parametrize(("field", "value", "words"), [
    ("dimensions[0].criteria[0].weight", "0", "greater than 0"),
    ("dimensions[0].criteria[0].weight", "heavy", "a number is required"),
    ("dimensions[0].criteria[1].text.en", "", "at least 1 character"),
    ("flags.pain_unconfirmed.severity", "fatal", "high"),
])
def test_an_invalid_form_names_the_field_and_saves_nothing(client: Any, cast: Any, team: Any,
                                                           field: str, value: str, words: str) -> None:
    client.force_login(cast.admin)
    before = team.draft
    form = _form(before)
    form[field] = value
    response = client.post(reverse("playbook_edit", args=[team.pid]), form)
    assert response.status_code == 400
    page = response.content.decode()
    assert f'data-path="{field}"' in page and words in page
    team.refresh_from_db()
    assert team.draft == before


def test_an_invalid_gate_budget_names_the_stage(client: Any, cast: Any, team: Any) -> None:
    client.force_login(cast.admin)
    form = _form(team.draft)
    commit = next(s for s in edits.stage_fields(team.draft) if s["id"] == "commit")
    form[commit["accept_budget"][0]] = "signed"
    response = client.post(reverse("playbook_edit", args=[team.pid]), form)
    assert response.status_code == 400
    assert f'data-path="{commit["accept_budget"][0]}"' in response.content.decode()


def test_yaml_with_a_broken_reference_is_refused_naming_its_path(client: Any, cast: Any, team: Any) -> None:
    client.force_login(cast.admin)
    data = dict(team.draft)
    data["questions"] = [dict(data["questions"][0], criteria=["no_such_criterion"])] + data["questions"][1:]
    response = client.post(reverse("playbook_edit", args=[team.pid]),
                           {"mode": "yaml", "yaml": yaml.safe_dump(data, allow_unicode=True)})
    assert response.status_code == 400
    assert "questions[0].criteria[0]" in response.content.decode()
    team.refresh_from_db()
    assert team.draft["questions"][0]["criteria"] != ["no_such_criterion"]
    assert client.post(reverse("playbook_edit", args=[team.pid]),
                       {"mode": "yaml", "yaml": "id: [unclosed"}).status_code == 400


def test_export_and_import_round_trip(client: Any, cast: Any, team: Any) -> None:
    client.force_login(cast.admin)
    response = client.get(reverse("playbook_export", args=[team.pid]))
    assert response["Content-Disposition"] == 'attachment; filename="ppvvcc-soe.yaml"'
    text = response.content
    upload = SimpleUploadedFile("pb.yaml", text, content_type="application/yaml")
    assert client.post(reverse("playbook_import"), {"file": upload, "id": "from-file"}).status_code == 302
    imported = TeamPlaybook.objects.get(pid="from-file")
    assert dict(imported.draft, id="ppvvcc-soe") == team.draft


def test_an_invalid_upload_creates_nothing(client: Any, cast: Any) -> None:
    client.force_login(cast.admin)
    bad = yaml.safe_dump(dict(get_playbook("bant").model_dump(mode="json", exclude_none=True), freshness_days=0))
    upload = SimpleUploadedFile("pb.yaml", bad.encode(), content_type="application/yaml")
    response = client.post(reverse("playbook_import"), {"file": upload, "id": "bant-x"})
    assert response.status_code == 400 and "freshness_days" in response.content.decode()
    assert not TeamPlaybook.objects.exists()
