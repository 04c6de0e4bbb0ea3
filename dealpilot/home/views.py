"""The home page after login: a rep's week, a manager's team summary (an admin's: all teams),
and the team's score history as chart data."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from dealpilot.accounts.models import Role, role_of
from dealpilot.deals.stages import workspace_stages
from dealpilot.engine.flags import PAIN_STALE_WARNING_DAYS
from dealpilot.home.access import BadTeam, history_deals, home_deals
from dealpilot.home.score_history import score_history
from dealpilot.home.summary import team_summary
from dealpilot.home.week import QUIET_DAYS, my_week
from dealpilot.review.labels import lang_of


@login_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    deals = home_deals(request)
    role = role_of(request.user)
    today = timezone.localdate()
    if role in (Role.MANAGER, Role.ADMIN):
        stages = workspace_stages()
        context = {"summary": team_summary(deals, today, by_team=role == Role.ADMIN, stages=stages),
                   "all_teams": role == Role.ADMIN, "stages": stages.choices(closed=False)}
        return render(request, "home/team.html", context)
    context = {"week": my_week(deals, today, timezone.now()), "quiet_days": QUIET_DAYS,
               "warning_days": PAIN_STALE_WARNING_DAYS, "stages": workspace_stages().labels()}
    return render(request, "home/week.html", context)


@login_required
@require_GET
def score_history_json(request: HttpRequest) -> HttpResponse:
    try:
        deals = history_deals(request)
    except BadTeam:
        return HttpResponseBadRequest(_("Unknown team."), content_type="text/plain; charset=utf-8")
    data = score_history(deals.open(), timezone.localdate(), lang_of(get_language()))
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False})
