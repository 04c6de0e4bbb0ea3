"""Log an activity on a deal: what happened, with whom, the note, the next step."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from dealpilot.accounts.models import display_name
from dealpilot.activities import saving
from dealpilot.activities.forms import ActivityForm
from dealpilot.deals.history import StaleVersion
from dealpilot.workspace.context import load_deal, people_of
from dealpilot.workspace.editing import parse_version
from dealpilot.workspace.views import respond


def _page(request: HttpRequest, opp: Any, form: ActivityForm, version: int, status: int = 200,
          message: str = "") -> HttpResponse:
    return render(request, "activities/new.html", {"deal": opp, "form": form, "version": version,
                                                    "message": message}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def activity_new(request: HttpRequest, pk: int) -> HttpResponse:
    opp = load_deal(request, pk)
    people = people_of(opp)
    if request.method == "GET":
        initial = {"date": timezone.localdate(), "ours": display_name(request.user), "kind": "visit"}
        return _page(request, opp, ActivityForm(initial=initial, people=people), opp.version)
    version = parse_version(request.POST.get("version"))
    if version is None:
        return respond.missing_version(request)
    form = ActivityForm(request.POST, people=people)
    if not form.is_valid():
        return _page(request, opp, form, version, status=422)
    try:
        activity, _fresh = saving.log(opp, request.user, version, form.cleaned_data)
    except StaleVersion as exc:
        # Logging only adds: the rep checks the form against the deal as it now is and saves again.
        return _page(request, opp, form, exc.current, status=409, message=_(
            "Someone else changed this deal while you were writing. Nothing was saved yet: check the people "
            "below and save again."))
    if activity.note.strip():
        return redirect(reverse("activity_notes", args=[opp.pk, activity.pk]))
    return redirect(reverse("deal_page", args=[opp.pk]) + "#field-activities")
