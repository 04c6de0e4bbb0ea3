"""The import through the API: upload with a mapping, a job id, its progress and result; the same
checks and doors as the wizard's, and nothing saved when the file or the mapping is refused."""

from __future__ import annotations

import json
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from dealpilot.deals.models import Opportunity
from dealpilot.imports.models import ImportRun
from dealpilot.jobs.models import Job
from tests.api.conftest import ApiClient
from tests.imports.conftest import ZH_HEADER
from tests.web.conftest import Cast

ROWS = ["HR-1,恒锐精密,排产系统,120,方案制定,2026/3/4,张伟,,,,", "HR-2,远舟物流,运输管理,80,商务谈判,2026-05-01,张伟,,,,"]
TO_REP_A = json.dumps({"values": {"owner": {"张伟": "rep_a"}}})


def _csv(*rows: str) -> bytes:
    return ("\r\n".join([ZH_HEADER, *rows]) + "\r\n").encode("gbk")


def upload(api: ApiClient, content: bytes, name: str = "商机.csv", query: str = "", **form: Any) -> Any:
    data = {"file": SimpleUploadedFile(name, content), **form}
    return api.client.post(f"/api/v1/imports{query}", data=data, **api.headers)


def _nothing_saved() -> bool:
    return (not ImportRun.objects.exists() and not Job.objects.exists()
            and not Opportunity.objects.filter(account__name="远舟物流").exists())


def test_a_rep_imports_with_a_mapping_and_polls_the_result(cast: Cast, api_as: Any) -> None:
    api = api_as("rep_a")
    response = upload(api, _csv(*ROWS), preset="zh-crm", mapping=TO_REP_A)
    assert response.status_code == 202, response.content
    body = response.json()
    assert body["filename"] == "商机.csv" and body["owner"] == "rep_a" and body["job"]["id"]

    polled = api.get(f"imports/{body['id']}").json()
    assert (polled["status"], polled["created"], polled["updated"], polled["problems"]) == ("done", 2, 0, [])
    assert polled["job"]["status"] == Job.Status.SUCCEEDED and polled["job"]["done"] == polled["job"]["total"]
    deal = Opportunity.objects.get(account__name="远舟物流")
    assert deal.owner == cast.rep_a and deal.amount == 800_000  # 80 万元
    assert [r["id"] for r in api.get("imports").json()] == [body["id"]]


def test_rows_with_problems_fail_the_import_and_name_each_cell_in_the_asked_language(cast: Cast,
                                                                                        api_as: Any) -> None:
    api = api_as("rep_a")
    body = upload(api, _csv(ROWS[0].replace("2026/3/4", "2026/13/45"), ROWS[1]), mapping=TO_REP_A).json()
    polled = api.get(f"imports/{body['id']}?lang=en").json()
    assert polled["status"] == "failed" and polled["job"]["status"] == Job.Status.FAILED
    assert polled["job"]["error"]
    assert [(p["row"], p["column"]) for p in polled["problems"]] == [(2, "预计成交日期")]
    assert "is not a date" in polled["problems"][0]["message"]
    assert "日期" in api.get(f"imports/{body['id']}?lang=zh").json()["problems"][0]["message"]
    assert not Opportunity.objects.filter(account__name="远舟物流").exists()


def test_skip_bad_imports_the_good_rows(cast: Cast, api_as: Any) -> None:
    api = api_as("rep_a")
    body = upload(api, _csv(ROWS[0].replace("2026/3/4", "2026/13/45"), ROWS[1]), mapping=TO_REP_A,
                  skip_bad="true").json()
    polled = api.get(f"imports/{body['id']}").json()
    assert (polled["status"], polled["created"], polled["skipped"]) == ("done", 1, 1)
    assert Opportunity.objects.filter(account__name="远舟物流").exists()


def test_a_refused_file_or_mapping_is_422_naming_it_and_saves_nothing(cast: Cast, api_as: Any) -> None:
    api = api_as("rep_a")
    cases = [
        (upload(api, b"\x00\x01\x02\xff" * 50, name="x.xlsx"), "file"),
        (upload(api, b"", name="empty.csv"), "file"),
        (upload(api, _csv(*ROWS), mapping="{not json"), "mapping"),
        (upload(api, _csv(*ROWS), mapping=json.dumps({"columns": {"amount": "没有这一列"}})), "mapping"),
        (upload(api, _csv(*ROWS), mapping=json.dumps({"columns": {"colour": "客户名称"}})), "mapping"),
        (upload(api, _csv(*ROWS), mode="sometimes"), "form.mode"),
    ]
    for response, path in cases:
        assert response.status_code == 422, response.content
        assert path in [p["path"] for p in response.json()["problems"]], response.json()
    assert _nothing_saved()


def test_doors_tokens_and_other_teams(cast: Cast, api_as: Any) -> None:
    assert upload(api_as(None), _csv(*ROWS)).status_code == 401
    assert upload(api_as("rep_a", read_only=True), _csv(*ROWS), mapping=TO_REP_A).status_code == 403
    assert _nothing_saved()

    mine = upload(api_as("rep_a"), _csv(*ROWS), mapping=TO_REP_A).json()["id"]
    assert api_as("rep_b").get(f"imports/{mine}").status_code == 404
    assert api_as("manager_a").get(f"imports/{mine}").status_code == 404  # an import is its owner's
    assert api_as("rep_b").get("imports").json() == []
    assert api_as("admin").get(f"imports/{mine}").json()["owner"] == "rep_a"
    assert api_as("rep_a", read_only=True).get(f"imports/{mine}").status_code == 200


def test_a_rep_cannot_import_deals_for_another_team(cast: Cast, api_as: Any) -> None:
    to_rep_b = json.dumps({"values": {"owner": {"张伟": "rep_b"}}})
    body = upload(api_as("rep_a"), _csv(*ROWS), mapping=to_rep_b).json()
    polled = api_as("rep_a").get(f"imports/{body['id']}").json()
    assert polled["status"] == "failed" and {p["column"] for p in polled["problems"]} == {"负责人"}
    assert not Opportunity.objects.filter(owner=cast.rep_b).exclude(pk=cast.deal.pk).exists()


def test_a_missing_column_is_named_in_chinese_when_asked(cast: Cast, api_as: Any) -> None:
    response = upload(api_as("rep_a"), _csv(*ROWS), query="?lang=zh",
                      mapping=json.dumps({"columns": {"amount": "没有这一列"}}))
    assert response.status_code == 422
    assert response.json()["problems"] == [{"path": "mapping", "message": "列对应里的这些列在文件中不存在：没有这一列"}]
