"""One audit event: who (user, and the name as it was), what (action, target, detail), when, from where."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dealpilot.audit.actions import label


class EventQuerySet(models.QuerySet["AuditEvent"]):
    def filtered(self, *, action: str = "", username: str = "", target: str = "", since=None,  # type: ignore[no-untyped-def]
                 until=None) -> EventQuerySet:
        qs = self
        if action:
            qs = qs.filter(action=action)
        if username:
            qs = qs.filter(username__icontains=username)
        if target:
            qs = qs.filter(target__icontains=target)
        if since:
            qs = qs.filter(at__date__gte=since)
        if until:
            qs = qs.filter(at__date__lte=until)
        return qs


class AuditEvent(models.Model):
    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    # The user may be deleted later; the name they had stays readable.
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="+", verbose_name=_("user"))
    username = models.CharField(_("username"), max_length=150, blank=True, default="")
    action = models.CharField(_("action"), max_length=40, db_index=True)
    target = models.CharField(_("target"), max_length=300, blank=True, default="")
    detail = models.JSONField(_("detail"), default=dict, blank=True)
    address = models.CharField(_("address"), max_length=64, blank=True, default="")

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.username or '-'} {self.action_label} {self.target}"

    @property
    def action_label(self) -> str:
        return label(self.action)

    @property
    def local_at(self):  # type: ignore[no-untyped-def]
        return timezone.localtime(self.at)
