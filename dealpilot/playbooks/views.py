"""The admin's playbook pages: list, copy, edit, preview, publish, import and export.

Everyone but an admin gets 404 on every one of them.
"""

from __future__ import annotations

import functools
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from dealpilot.accounts.models import Role, role_of
from dealpilot.engine.document import BUDGET_ORDER
from dealpilot.engine.errors import PlaybookError, Problem
from dealpilot.engine.playbook import get_playbook, is_shipped, list_playbooks
from dealpilot.jobs import start_job
from dealpilot.playbooks import edits, store
from dealpilot.playbooks.effects import affected, preview
from dealpilot.playbooks.models import TeamPlaybook

MAX_UPLOAD = 1_000_000


def admin_only(view: Any) -> Any:
    @login_required
    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if role_of(request.user) != Role.ADMIN:
            raise Http404
        return view(request, *args, **kwargs)
    return wrapped


def _team(ref: str) -> TeamPlaybook:
    team = TeamPlaybook.objects.filter(pid=ref).first()
    if team is None:
        raise Http404
    return team


def _problems(exc: PlaybookError) -> list[Problem]:
    return list(exc.problems)


def _list(request: HttpRequest, problems: list[Problem] | None = None, status: int = 200) -> HttpResponse:
    teams = TeamPlaybook.objects.prefetch_related("versions")
    return render(request, "playbooks/list.html", {"shipped": [(ref, get_playbook(ref).name) for ref in list_playbooks()], "teams": teams,
                                                   "problems": problems or []}, status=status)


@admin_only
@require_GET
def playbook_list(request: HttpRequest) -> HttpResponse:
    return _list(request)


@admin_only
@require_POST
def playbook_copy(request: HttpRequest) -> HttpResponse:
    source, pid = request.POST.get("source", ""), request.POST.get("id", "").strip()
    try:
        team = store.copy_playbook(source, pid, request.user)
    except PlaybookError as exc:
        return _list(request, _problems(exc), status=400)
    return redirect("playbook_edit", team.pid)


def _edit_page(request: HttpRequest, team: TeamPlaybook, data: dict[str, Any], problems: list[Problem],
               yaml_text: str | None = None, status: int = 200) -> HttpResponse:
    by_path: dict[str, list[str]] = {}
    for p in problems:
        by_path.setdefault(p.path, []).append(p.message)
    return render(request, "playbooks/edit.html", {
        "team": team, "criteria": edits.criterion_fields(data), "stages": edits.stage_fields(data),
        "flags": edits.flag_fields(data), "problems": problems, "errors": by_path, "budgets": BUDGET_ORDER,
        "yaml_text": yaml_text if yaml_text is not None else store.to_yaml(data),
        "latest": team.latest(), "deals": affected(team).count()}, status=status)


@admin_only
@require_http_methods(["GET", "POST"])
def playbook_edit(request: HttpRequest, ref: str) -> HttpResponse:
    team = _team(ref)
    if request.method == "GET":
        return _edit_page(request, team, team.draft, [])
    yaml_text = None
    if request.POST.get("mode") == "yaml":
        yaml_text = request.POST.get("yaml", "")
        try:
            data, problems = store.from_yaml(yaml_text), []
        except PlaybookError as exc:
            return _edit_page(request, team, team.draft, _problems(exc), yaml_text, status=400)
    else:
        data, problems = edits.apply_form(team.draft, request.POST)
    if not problems:
        try:
            store.save_draft(team, data)
            return redirect("playbook_edit", team.pid)
        except PlaybookError as exc:
            problems = _problems(exc)
    shown = data if isinstance(data, dict) and yaml_text is None else team.draft
    return _edit_page(request, team, shown, problems, yaml_text, status=400)


@admin_only
@require_GET
def playbook_preview(request: HttpRequest, ref: str) -> HttpResponse:
    team = _team(ref)
    adopt = request.GET.get("adopt", "1") == "1"
    draft = store.validate(team.draft, team.pid)  # a stored draft always validates
    result = preview(team, draft, adopt)
    return render(request, "playbooks/preview.html", {"team": team, "effect": result, "adopt": adopt,
                                                      "stranded": store.stranded(team, draft, adopt),
                                                      "gained": result.gained.most_common(),
                                                      "lost": result.lost.most_common()})


@admin_only
@require_POST
def playbook_publish(request: HttpRequest, ref: str) -> HttpResponse:
    team = _team(ref)
    adopt = request.POST.get("adopt") == "1"
    try:
        version = store.publish(team, request.user, adopt)
    except PlaybookError as exc:
        return _edit_page(request, team, team.draft, _problems(exc), status=400)
    job = start_job("playbook_rescore", owner=request.user, label=f"{team.pid} v{version.number}",
                    params={"playbook": team.pid, "version": version.number,
                            "adopt_from": team.based_on if adopt else ""})
    return redirect("job_page", job.pk)


@admin_only
@require_GET
def playbook_export(request: HttpRequest, ref: str) -> HttpResponse:
    if not is_shipped(ref) and not TeamPlaybook.objects.filter(pid=ref).exists():
        raise Http404
    response = HttpResponse(store.to_yaml(store.source_data(ref)), content_type="application/yaml; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{ref}.yaml"'
    return response


@admin_only
@require_POST
def playbook_import(request: HttpRequest) -> HttpResponse:
    upload = request.FILES.get("file")
    if upload is None or upload.size > MAX_UPLOAD:
        return _list(request, [Problem("file", _("Choose a YAML file of at most 1 MB."))], status=400)
    try:
        data = store.from_yaml(upload.read().decode("utf-8-sig"))
    except UnicodeDecodeError:
        return _list(request, [Problem("file", _("The file is not UTF-8 text."))], status=400)
    except PlaybookError as exc:
        return _list(request, _problems(exc), status=400)
    if not isinstance(data, dict):
        return _list(request, [Problem("(playbook)", "a playbook must be a mapping")], status=400)
    pid = request.POST.get("id", "").strip() or str(data.get("id", ""))
    try:
        team = store.create_draft(pid, data, str(data.get("id", "")) if is_shipped(str(data.get("id", ""))) else "ppvvcc",
                                  request.user)
    except PlaybookError as exc:
        return _list(request, _problems(exc), status=400)
    return redirect("playbook_edit", team.pid)
