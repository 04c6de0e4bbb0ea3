"""Saved named views of the pipeline: save the current filters, open one, delete one's own."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from dealpilot.accounts.models import profile_of
from dealpilot.pipeline.access import get_view_for_user
from dealpilot.pipeline.forms import SavedViewForm
from dealpilot.pipeline.models import may_share


@login_required
@require_POST
def view_save(request: HttpRequest) -> HttpResponse:
    form = SavedViewForm(request.POST, owner=request.user, may_share=may_share(request.user))
    if not form.is_valid():
        return render(request, "pipeline/view_error.html", {"form": form}, status=400)
    view = form.save(commit=False)
    view.owner = request.user
    profile = profile_of(request.user)
    view.team_id = profile.team_id if profile else None
    view.save()
    return redirect(f"{reverse('pipeline')}?{view.query}" if view.query else reverse("pipeline"))


@login_required
@require_GET
def view_open(request: HttpRequest, pk: int) -> HttpResponse:
    view = get_view_for_user(request, pk)
    return redirect(f"{reverse('pipeline')}?{view.query}" if view.query else reverse("pipeline"))


@login_required
@require_POST
def view_delete(request: HttpRequest, pk: int) -> HttpResponse:
    get_view_for_user(request, pk, own=True).delete()
    return redirect("pipeline")
