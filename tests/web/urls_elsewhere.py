"""The site's URLs under another path, for the link cache's test."""

from django.urls import include, path

urlpatterns = [path("elsewhere/", include("dealpilot.web.urls"))]
