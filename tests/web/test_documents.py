"""Deal documents in and out: download, upload to create or replace, and bad files refused."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from dealpilot.deals.models import ChangeRecord, Contact, DealStakeholder, Opportunity
from dealpilot.engine.document import loads_document

EXAMPLE = Path(__file__).resolve().parents[2] / "dealpilot" / "engine" / "examples" / "deal.zh.yaml"


def _upload(client: Any, url: str, text: str | bytes, name: str = "deal.yaml", lang: str = "zh-hans") -> Any:
    data = text.encode() if isinstance(text, str) else text
    return client.post(url, {"document": SimpleUploadedFile(name, data)}, HTTP_ACCEPT_LANGUAGE=lang)


def _created(response: Any) -> Opportunity:
    assert response.status_code == 302, response.content.decode()[:2000]
    return Opportunity.objects.get(pk=int(response["Location"].strip("/").split("/")[-1]))


def test_download_gives_a_valid_document_of_the_deal(cast: Any, login: Any) -> None:
    response = login(cast.rep_a).get(reverse("deal_document", args=[cast.deal.pk, "yaml"]))
    assert response["Content-Disposition"] == f'attachment; filename="deal-{cast.deal.pk}.yaml"'
    doc = loads_document(response.content.decode())
    assert (doc.opportunity.name, doc.opportunity.account, doc.opportunity.owner) == (
        cast.deal.name, cast.deal.account.name, "rep_a")


def test_json_download_parses_as_the_same_deal_as_yaml(cast: Any, login: Any) -> None:
    client = login(cast.rep_a)
    as_yaml = loads_document(client.get(reverse("deal_document", args=[cast.deal.pk, "yaml"])).content.decode())
    as_json = loads_document(client.get(reverse("deal_document", args=[cast.deal.pk, "json"])).content.decode(),
                             fmt="json")
    assert as_yaml == as_json


def test_unknown_download_format_is_404(cast: Any, login: Any) -> None:
    assert login(cast.rep_a).get(f"/deals/{cast.deal.pk}/document.xml").status_code == 404


def test_download_upload_download_is_identical(cast: Any, login: Any) -> None:
    client = login(cast.rep_a)
    deal = _created(_upload(client, reverse("deal_upload_new"), EXAMPLE.read_text(encoding="utf-8")))
    url = reverse("deal_document", args=[deal.pk, "yaml"])
    first = client.get(url).content.decode()
    assert _upload(client, reverse("deal_upload", args=[deal.pk]), first).status_code == 302
    second = client.get(url).content.decode()
    assert first == second
    json_first = client.get(reverse("deal_document", args=[deal.pk, "json"])).content
    assert _upload(client, reverse("deal_upload", args=[deal.pk]), json_first, "d.json").status_code == 302
    assert client.get(reverse("deal_document", args=[deal.pk, "json"])).content == json_first


def test_uploaded_example_keeps_every_fact(cast: Any, login: Any) -> None:
    client = login(cast.rep_a)
    deal = _created(_upload(client, reverse("deal_upload_new"), EXAMPLE.read_text(encoding="utf-8")))
    original = loads_document(EXAMPLE.read_text(encoding="utf-8"))
    back = loads_document(client.get(reverse("deal_document", args=[deal.pk, "yaml"])).content.decode())
    # The deal gets its own id and the uploader as owner (the example's owner is not a login).
    assert back.opportunity.owner == "rep_a"
    original.opportunity.id, original.opportunity.owner = back.opportunity.id, back.opportunity.owner
    original.opportunity.version = back.opportunity.version
    assert back == original
    assert deal.owner == cast.rep_a and deal.team == cast.team_a
    assert deal.score is not None and deal.flag_count is not None


def test_contacts_are_shared_between_deals_of_the_same_account(cast: Any, login: Any) -> None:
    client = login(cast.rep_a)
    text = EXAMPLE.read_text(encoding="utf-8")
    first = _created(_upload(client, reverse("deal_upload_new"), text))
    second = _created(_upload(client, reverse("deal_upload_new"), text.replace("多工厂供应链计划与排产系统", "二期")))
    people = DealStakeholder.objects.filter(opportunity=first).count()
    assert Contact.objects.filter(account=first.account).count() == people
    assert DealStakeholder.objects.filter(opportunity=second).count() == people


def test_replacing_bumps_the_version_and_records_each_changed_part(cast: Any, login: Any) -> None:
    client = login(cast.rep_a)
    deal = _created(_upload(client, reverse("deal_upload_new"), EXAMPLE.read_text(encoding="utf-8")))
    data = yaml.safe_load(client.get(reverse("deal_document", args=[deal.pk, "yaml"])).content)
    data["opportunity"]["stage"] = "negotiate"
    data["budget"]["status"] = "approved"
    assert _upload(client, reverse("deal_upload", args=[deal.pk]), yaml.safe_dump(data, allow_unicode=True)).status_code == 302
    deal.refresh_from_db()
    assert deal.version == 2 and deal.stage == "negotiate"
    changes = {c.field: c for c in ChangeRecord.objects.filter(opportunity=deal, version=2)}
    assert set(changes) == {"opportunity.stage", "budget"}
    assert (changes["opportunity.stage"].old, changes["opportunity.stage"].new) == ("propose", "negotiate")
    assert changes["budget"].user == cast.rep_a


def _snapshot(deal: Opportunity, client: Any) -> bytes:
    return client.get(reverse("deal_document", args=[deal.pk, "yaml"])).content


BAD = [
    ("opportunity: [unclosed", "is not valid YAML"),
    ("- just\n- a list\n", "must be a mapping"),
    ("opportunity: {name: x, account: y, stage: flying}\n", "opportunity.stage"),
    ("opportunity: {name: x, account: y}\nstakeholders: [{id: a, name: A, attitude: freindly}]\n",
     "stakeholders[0].attitude"),
    ("opportunity: {name: x, account: y}\nbudget: {approver: ghost}\n", "no stakeholder"),
    ("opportunity: {name: x, account: y, amount: 1e30}\n", "opportunity.amount"),
    ("playbook: /etc/passwd.yaml\nopportunity: {name: x, account: y}\n", "unknown playbook"),
    ("opportunity: {name: x, account: y}\nanswers: {no_such_criterion: {status: yes}}\n", "no_such_criterion"),
    ("opportunity: {name: x, account: y}\nsurprise: 1\n", "unknown key"),
    ("opportunity: {name: " + "长" * 300 + ", account: y}\n", "longer than 200"),
    ("opportunity: {name: x, account: y, currency: 人民币}\n", "opportunity.currency"),
    ('opportunity: {name: "x\\0y", account: y}\n', "NUL"),
]


@pytest.mark.parametrize("text,message", BAD)
def test_invalid_document_shows_the_engines_errors_and_changes_nothing(cast: Any, login: Any, text: str,
                                                                      message: str) -> None:
    client = login(cast.rep_a)
    before = _snapshot(cast.deal, client)
    deals = Opportunity.objects.count()
    for url in (reverse("deal_upload_new"), reverse("deal_upload", args=[cast.deal.pk])):
        response = _upload(client, url, text, lang="en")  # the engine's words, as the English page shows them
        assert response.status_code == 400
        assert message in response.content.decode()
    assert Opportunity.objects.count() == deals
    assert _snapshot(cast.deal, client) == before


def test_a_file_that_is_not_utf8_is_refused_with_advice(cast: Any, login: Any) -> None:
    response = _upload(login(cast.rep_a), reverse("deal_upload_new"), "opportunity: {name: 华拓, account: 客户}".encode("gbk"))
    assert response.status_code == 400
    assert "UTF-8" in response.content.decode()


@override_settings(DOCUMENT_MAX_BYTES=1024)
def test_an_oversize_file_is_refused_with_its_size_and_the_limit(cast: Any, login: Any) -> None:
    text = "opportunity: {name: x, account: y}\n" + "# padding\n" * 200
    response = _upload(login(cast.rep_a), reverse("deal_upload_new"), text)
    assert response.status_code == 400
    assert "1 KB" in response.content.decode()
    assert not Opportunity.objects.filter(name="x").exists()


def test_upload_without_a_file_is_400(cast: Any, login: Any) -> None:
    assert login(cast.rep_a).post(reverse("deal_upload_new"), {}).status_code == 400


@pytest.mark.parametrize("uploader,expected_owner", [("manager_a", "rep_a"), ("admin", "rep_a"), ("rep_b", "rep_b")])
def test_a_new_deal_goes_to_the_named_owner_only_if_the_uploader_may_assign_it(
        cast: Any, login: Any, uploader: str, expected_owner: str) -> None:
    doc = "opportunity: {name: 指定负责人, account: 华拓, owner: rep_a}\n"
    deal = _created(_upload(login(cast.member(uploader)), reverse("deal_upload_new"), doc))
    assert deal.owner.username == expected_owner
    assert deal.team == deal.owner.profile.team
