"""The site's URLs plus two pages that fail on purpose, for the error pages' tests."""

from django.core.exceptions import PermissionDenied
from django.urls import path

from dealpilot.web.urls import handler403, handler404, handler500  # noqa: F401
from dealpilot.web.urls import urlpatterns as site


def boom(request):  # type: ignore[no-untyped-def]
    raise RuntimeError("the database went away")


def forbidden(request):  # type: ignore[no-untyped-def]
    raise PermissionDenied


urlpatterns = [path("boom/", boom), path("forbidden/", forbidden), *site]
