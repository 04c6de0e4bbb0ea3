"""The site's URLs plus a route whose argument the walk cannot know how to fill."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.urls import path

from dealpilot.web.urls import urlpatterns as site


def attachment(request: HttpRequest, pk: int, file_id: int) -> HttpResponse:
    return HttpResponse(status=404)


urlpatterns = [*site, path("deals/<int:pk>/files/<int:file_id>/", attachment, name="attachment")]
