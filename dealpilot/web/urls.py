from __future__ import annotations

from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

from dealpilot.api.api import api

handler404 = "dealpilot.web.errors.page_not_found"
handler403 = "dealpilot.web.errors.permission_denied"
handler500 = "dealpilot.web.errors.server_error"

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="home", permanent=False)),
    path("accounts/", include("dealpilot.accounts.urls")),
    path("admin/", admin.site.urls),
    path("", include("dealpilot.workspace.urls")),  # before deals: it serves /deals/<id>/
    path("", include("dealpilot.deals.urls")),
    path("", include("dealpilot.review.urls")),
    path("", include("dealpilot.pipeline.urls")),
    path("", include("dealpilot.home.urls")),
    path("api/v1/", api.urls),
    path("", include("dealpilot.api.urls")),
    path("", include("dealpilot.jobs.urls")),
    path("", include("dealpilot.playbooks.urls")),
    path("", include("dealpilot.ops.urls")),
    path("", include("dealpilot.audit.urls")),
    path("", include("dealpilot.exports.urls")),
    path("", include("dealpilot.imports.urls")),
    path("", include("dealpilot.activities.urls")),
    path("", include("dealpilot.forecast.urls")),
]

if settings.BENCH_URLS:
    from dealpilot.web import bench_views

    urlpatterns.append(path("bench/bare/", bench_views.bare, name="bench_bare"))
