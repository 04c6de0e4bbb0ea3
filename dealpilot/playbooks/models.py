"""Team playbooks: a draft the admin edits and the versions published from it (never changed)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class TeamPlaybook(models.Model):
    pid = models.CharField(_("id"), max_length=100, unique=True)
    based_on = models.CharField(_("based on"), max_length=100)
    draft = models.JSONField(_("draft"))  # the whole playbook document, validated on every save
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                   related_name="+", verbose_name=_("created by"))
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)

    class Meta:
        ordering = ["pid"]
        verbose_name = _("team playbook")
        verbose_name_plural = _("team playbooks")

    def __str__(self) -> str:
        return self.pid

    def latest(self) -> PlaybookVersion | None:
        return self.versions.order_by("-number").first()


class PlaybookVersion(models.Model):
    playbook = models.ForeignKey(TeamPlaybook, on_delete=models.PROTECT, related_name="versions",
                                 verbose_name=_("playbook"))
    number = models.PositiveIntegerField(_("version"))
    data = models.JSONField(_("data"))
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                     related_name="+", verbose_name=_("published by"))
    published_at = models.DateTimeField(_("published at"), default=timezone.now)

    class Meta:
        ordering = ["playbook", "number"]
        verbose_name = _("published playbook version")
        verbose_name_plural = _("published playbook versions")
        constraints = [models.UniqueConstraint(fields=["playbook", "number"], name="playbook_version_unique")]

    def __str__(self) -> str:
        return f"{self.playbook_id} v{self.number}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise ValueError("a published playbook version never changes; publish a new one")
        super().save(*args, **kwargs)
