"""A background job as its owner sees it: what it is, how far it got, and how it ended."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Job(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting")
        RUNNING = "running", _("Running")
        SUCCEEDED = "succeeded", _("Done")
        FAILED = "failed", _("Failed")

    kind = models.CharField(_("kind"), max_length=40)
    label = models.CharField(_("label"), max_length=200, blank=True)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("started by"), null=True,
                              blank=True, on_delete=models.SET_NULL, related_name="jobs")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    done = models.PositiveIntegerField(_("done"), default=0)
    total = models.PositiveIntegerField(_("total"), null=True, blank=True)
    errors = models.PositiveIntegerField(_("errors"), default=0)
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    result = models.JSONField(_("result"), default=dict, blank=True)
    error = models.TextField(_("reason"), blank=True)
    task_id = models.CharField(_("task"), max_length=64, blank=True)
    # The worker process running it ("host:pid"): a job left running by a worker that died is
    # found by the next worker started on that host (dealpilot/jobs/recovery.py).
    worker = models.CharField(_("worker"), max_length=100, blank=True)
    # The language of the page that started the job: its messages are written in it.
    language = models.CharField(_("language"), max_length=10, blank=True)
    created_at = models.DateTimeField(_("started"), auto_now_add=True)
    started_at = models.DateTimeField(_("running since"), null=True, blank=True)
    updated_at = models.DateTimeField(_("last progress"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("background job")
        verbose_name_plural = _("background jobs")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["owner", "-created_at"], name="job_owner_recent")]

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk}"

    @property
    def kind_label(self) -> str:
        from dealpilot.jobs.registry import kind_label

        return kind_label(self.kind)

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.SUCCEEDED, self.Status.FAILED)

    @property
    def percent(self) -> int | None:
        """How far along, 0–100, or None while the size is not known yet."""
        if self.status == self.Status.SUCCEEDED:
            return 100
        if not self.total:
            return None
        return min(100, int(100 * self.done / self.total))

    def rows_per_second(self) -> float | None:
        end = self.finished_at or self.updated_at
        if not (self.started_at and end and self.done):
            return None
        seconds = (end - self.started_at).total_seconds()
        return self.done / seconds if seconds > 0 else None
