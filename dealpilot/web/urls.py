from __future__ import annotations

from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

urlpatterns = [
    path("", RedirectView.as_view(url="/deals/", permanent=False)),
    path("accounts/", include("dealpilot.accounts.urls")),
    path("admin/", admin.site.urls),
    path("", include("dealpilot.workspace.urls")),  # before deals: it serves /deals/<id>/
    path("", include("dealpilot.deals.urls")),
    path("", include("dealpilot.review.urls")),
    path("", include("dealpilot.pipeline.urls")),
]

if settings.BENCH_URLS:
    from dealpilot.web import bench_views

    urlpatterns.append(path("bench/bare/", bench_views.bare, name="bench_bare"))
