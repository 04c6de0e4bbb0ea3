from __future__ import annotations

from django.urls import path

from dealpilot.jobs import views

urlpatterns = [
    path("jobs/", views.job_list, name="job_list"),
    path("jobs/<int:pk>/", views.job_page, name="job_page"),
    path("jobs/<int:pk>/progress/", views.job_progress, name="job_progress"),
]
