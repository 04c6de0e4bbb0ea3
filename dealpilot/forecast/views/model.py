"""The win model, for admins: its accuracy and calibration on held-out deals, and training."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from dealpilot.deals.models import Opportunity
from dealpilot.forecast import access, periods, training, winmodel
from dealpilot.forecast.models import WinModel
from dealpilot.jobs.models import Job
from dealpilot.learn.blend import MIN_CLOSED


def _context(request: HttpRequest) -> dict[str, Any]:
    closed = Opportunity.objects.filter(stage__in=["won", "lost"]).count()
    return {"models": list(WinModel.objects.defer("bundle")[:10]), "current": winmodel.active(),
            "closed": closed, "enough": closed >= MIN_CLOSED, "min_closed": MIN_CLOSED,
            "period": periods.quarter_of(timezone.localdate()),
            "job": Job.objects.filter(kind=training.KIND).order_by("-created_at", "-pk").first()}


@login_required
@require_GET
def model_page(request: HttpRequest) -> HttpResponse:
    access.require_admin(request.user)
    return render(request, "forecast/model.html", _context(request))


@login_required
@require_POST
def model_train(request: HttpRequest) -> HttpResponse:
    access.require_admin(request.user)
    context = _context(request)
    if not context["enough"]:
        context["error"] = _("Only %(n)s closed deals: at least %(min)s are needed to learn; the rules estimate stays "
                             "in use.") % {"n": context["closed"], "min": MIN_CLOSED}
        return render(request, "forecast/model.html", context, status=400)
    job = training.start(request.user)
    return HttpResponseRedirect(reverse("job_page", args=[job.pk]))


@login_required
@require_GET
def model_chart(request: HttpRequest) -> HttpResponse:
    access.require_admin(request.user)
    model = winmodel.active()
    bins = model.reliability if model is not None else []
    return JsonResponse({"title": _("Calibration on held-out deals"), "x": _("predicted"), "y": _("observed"),
                         "points": [[b["predicted"], b["observed"], b["count"]] for b in bins if b.get("count")]})
