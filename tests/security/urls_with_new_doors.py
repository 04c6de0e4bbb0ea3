"""The site's URLs plus a route added carelessly, to prove the walk finds new doors itself."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.urls import path

from dealpilot.web.urls import urlpatterns as site


def careless_notes(request: HttpRequest, pk: int) -> HttpResponse:
    return HttpResponse(f"notes of deal {pk}")  # no access helper: anyone sees any deal


urlpatterns = [*site, path("deals/<int:pk>/notes/", careless_notes, name="careless_notes")]
