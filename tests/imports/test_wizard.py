"""The wizard's pages: upload, sheet and header row, mapping (corrected, saved, shared),
preview with every problem in the page's language, failed rows; who may open what."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from dealpilot.deals.models import Opportunity
from dealpilot.imports.models import ImportRun, SavedMapping, Status
from tests.web.conftest import Cast

ROWS = ["HR-1,恒锐精密,排产系统,120,方案制定,2026/3/4,张伟,,,,", "HR-2,远舟物流,运输管理,80,商务谈判,2026/13/45,rep_a,,,,"]


def upload(client: Any, path: Path, **extra: Any) -> Any:
    return client.post(reverse("import_start"),
                       {"file": SimpleUploadedFile(path.name, path.read_bytes()), **extra})


def mapping_post(run: ImportRun, **changes: str) -> dict[str, str]:
    data = {f"col_{f}": h for f, h in run.mapping["columns"].items()}
    data.update(step="mapping", mode=run.mapping["mode"], amount_unit=str(run.mapping["amount_unit"]), **changes)
    return data


def test_upload_detects_and_previews_problems_in_chinese(cast: Cast, login: Callable[..., Any],
                                                         csv_file: Callable[..., Path]) -> None:
    client = login(cast.manager_a)
    response = upload(client, csv_file(*ROWS))
    run = ImportRun.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("import_run", args=[run.pk])
    assert run.mapping["columns"]["account"] == "客户名称" and run.mapping["amount_unit"] == 10_000
    page = client.get(reverse("import_run", args=[run.pk]), HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "gb18030" in page
    assert "没有名为 张伟 的用户" in page and "“2026/13/45” 不是日历上存在的日期" in page
    assert 'disabled' in page.split('id="import-go"')[1].split("</form>")[0]


def test_preview_in_english(cast: Cast, login: Callable[..., Any], csv_file: Callable[..., Path]) -> None:
    client = login(cast.manager_a)
    client.cookies["django_language"] = "en"
    upload(client, csv_file(*ROWS))
    run = ImportRun.objects.get()
    page = client.get(reverse("import_run", args=[run.pk]), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "No user is called 张伟" in page and "“2026/13/45” is not a date" in page


def test_mapping_corrected_saved_shared_and_reused(cast: Cast, login: Callable[..., Any],
                                                   csv_file: Callable[..., Path]) -> None:
    client = login(cast.manager_a)
    upload(client, csv_file(*ROWS))
    run = ImportRun.objects.get()
    data = mapping_post(run, values_owner="张伟 = teammate_a", save_as="华东 CRM", share="on")
    response = client.post(reverse("import_run", args=[run.pk]), data)
    assert response.status_code == 302
    run.refresh_from_db()
    assert run.mapping["values"] == {"owner": {"张伟": "teammate_a"}}
    saved = SavedMapping.objects.get(name="华东 CRM")
    assert saved.team == cast.team_a
    page = client.get(reverse("import_run", args=[run.pk])).content.decode()
    assert "张伟" not in page.split('id="import-problems"')[1]  # only the date is left
    teammate = login(cast.teammate_a)
    page = teammate.get(reverse("import_start")).content.decode()
    assert "华东 CRM" in page
    upload(teammate, csv_file(*ROWS), saved=str(saved.pk))
    assert ImportRun.objects.filter(owner=cast.teammate_a).get().mapping["values"] == {"owner": {"张伟": "teammate_a"}}
    outsider = login(cast.rep_b)
    assert "华东 CRM" not in outsider.get(reverse("import_start")).content.decode()


def test_a_rep_cannot_share_a_mapping(cast: Cast, login: Callable[..., Any], csv_file: Callable[..., Path]) -> None:
    client = login(cast.rep_a)
    upload(client, csv_file(*ROWS))
    run = ImportRun.objects.get()
    client.post(reverse("import_run", args=[run.pk]), mapping_post(run, save_as="mine", share="on"))
    assert SavedMapping.objects.get(name="mine").team is None


def test_bad_mapping_input_is_400_and_changes_nothing(cast: Cast, login: Callable[..., Any],
                                                      csv_file: Callable[..., Path]) -> None:
    client = login(cast.rep_a)
    upload(client, csv_file(*ROWS))
    run = ImportRun.objects.get()
    before = run.mapping
    for bad in ({"col_name": "No such column"}, {"values_owner": "just a line"}, {"mode": "merge"},
                {"amount_unit": "7"}):
        response = client.post(reverse("import_run", args=[run.pk]), {**mapping_post(run), **bad})
        assert response.status_code == 400
        run.refresh_from_db()
        assert run.mapping == before
    response = client.post(reverse("import_run", args=[run.pk]), {"step": "table", "header_row": "x"})
    assert response.status_code == 400


def test_unreadable_upload_is_a_clear_400(cast: Cast, login: Callable[..., Any], tmp_path: Path) -> None:
    client = login(cast.rep_a)
    junk = tmp_path / "deals.xlsx"
    junk.write_bytes(b"not a workbook at all")
    response = upload(client, junk)
    assert response.status_code == 400 and not ImportRun.objects.exists()
    assert "Excel" in response.content.decode() or "工作簿" in response.content.decode()


def test_failed_rows_file_has_a_reason_column(cast: Cast, login: Callable[..., Any],
                                              csv_file: Callable[..., Path]) -> None:
    client = login(cast.rep_a)
    client.cookies["django_language"] = "en"
    upload(client, csv_file(*ROWS))
    run = ImportRun.objects.get()
    text = client.get(reverse("import_failed_rows", args=[run.pk])).content.decode("utf-8-sig")
    lines = text.splitlines()
    assert lines[0].endswith(",reason") and len(lines) == 3
    assert "No user is called 张伟" in lines[1] and "is not a date" in lines[2]


def test_others_get_404_admin_sees(cast: Cast, login: Callable[..., Any], csv_file: Callable[..., Path]) -> None:
    upload(login(cast.rep_a), csv_file(*ROWS))
    run = ImportRun.objects.get()
    for who in (cast.rep_b, cast.teammate_a, cast.manager_a):
        client = login(who)
        for name in ("import_run", "import_failed_rows"):
            assert client.get(reverse(name, args=[run.pk])).status_code == 404
        assert client.post(reverse("import_go", args=[run.pk])).status_code == 404
        assert client.post(reverse("import_revert", args=[run.pk])).status_code == 404
    assert login(cast.admin).get(reverse("import_run", args=[run.pk])).status_code == 200
    assert ImportRun.objects.get().status == Status.DRAFT and not Opportunity.objects.filter(name="排产系统").exists()


def test_import_runs_as_a_job_then_reverts(cast: Cast, login: Callable[..., Any],
                                           csv_file: Callable[..., Path]) -> None:
    from dealpilot.jobs.models import Job

    client = login(cast.manager_a)
    client.cookies["django_language"] = "en"
    upload(client, csv_file(ROWS[0].replace("张伟", "teammate_a"), ROWS[1].replace("2026/13/45", "2026/3/20")))
    run = ImportRun.objects.get()
    response = client.post(reverse("import_go", args=[run.pk]))
    assert response.status_code == 302
    run.refresh_from_db()
    job = Job.objects.get(pk=run.job_id)
    assert (run.status, run.created, job.status, job.result["created"]) == (Status.DONE, 2, "succeeded", 2)
    assert job.done == job.total == 2 * 2 + 2  # checked, written, assessed
    deal = Opportunity.objects.get(name="排产系统")
    assert deal.owner == cast.teammate_a and deal.score is not None
    page = client.get(reverse("import_run", args=[run.pk])).content.decode()
    assert "2 rows: 2 created, 0 updated, 0 skipped." in page and 'id="import-revert"' in page
    history = client.get(reverse("import_start")).content.decode()
    assert "商机.csv" in history and "manager_a" in history
    assert client.post(reverse("import_go", args=[run.pk])).status_code == 302  # a second click: no second job
    assert Job.objects.count() == 1
    client.post(reverse("import_revert", args=[run.pk]))
    run.refresh_from_db()
    assert run.status == Status.REVERTED and not Opportunity.objects.filter(name__in=["排产系统", "运输管理"]).exists()
    assert 'id="import-revert"' not in client.get(reverse("import_run", args=[run.pk])).content.decode()


def test_a_job_with_problem_rows_fails_and_writes_nothing(cast: Cast, login: Callable[..., Any],
                                                          csv_file: Callable[..., Path]) -> None:
    from dealpilot.jobs.models import Job

    client = login(cast.rep_a)
    client.cookies["django_language"] = "en"
    upload(client, csv_file(*ROWS))
    run = ImportRun.objects.get()
    client.post(reverse("import_go", args=[run.pk]))
    run.refresh_from_db()
    job = Job.objects.get(pk=run.job_id)
    assert run.status == Status.FAILED and job.status == "failed" and "nothing was imported" in job.error
    assert [p["row"] for p in run.problems] == [2, 3]
    assert not Opportunity.objects.filter(name="运输管理").exists()
    page = client.get(reverse("import_run", args=[run.pk])).content.decode()
    assert "No user is called 张伟" in page and 'id="import-revert"' not in page


def test_an_import_whose_worker_died_shows_as_not_imported(cast: Cast, login: Callable[..., Any],
                                                           csv_file: Callable[..., Path]) -> None:
    from dealpilot.jobs.models import Job

    job = Job.objects.create(kind="import", owner=cast.rep_a, status=Job.Status.FAILED, error="worker stopped")
    run = ImportRun.objects.create(owner=cast.rep_a, filename="x.csv", data=b"a,b\n", status=Status.RUNNING,
                                   job_id=job.pk)
    client = login(cast.rep_a)
    client.cookies["django_language"] = "en"
    page = client.get(reverse("import_run", args=[run.pk])).content.decode()
    run.refresh_from_db()
    assert run.status == Status.FAILED and "Nothing imported" in page and "worker stopped" in page
