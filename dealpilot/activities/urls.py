from __future__ import annotations

from django.urls import path

from dealpilot.activities.views import log, notes

urlpatterns = [
    path("deals/<int:pk>/activities/new/", log.activity_new, name="activity_new"),
    path("deals/<int:pk>/activities/<int:aid>/notes/", notes.activity_notes, name="activity_notes"),
    path("deals/<int:pk>/activities/<int:aid>/notes/<int:sentence>/", notes.activity_decide,
         name="activity_decide"),
    path("deals/<int:pk>/activities/<int:aid>/notes/add/<slug:kind>/<int:index>/", notes.activity_add,
         name="activity_add"),
]
