"""Every change to a deal: who, when, what (field, old value, new value)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ChangeRecord(models.Model):
    opportunity = models.ForeignKey("deals.Opportunity", on_delete=models.CASCADE, related_name="changes")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="+")
    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    # The deal version this change produced.
    version = models.PositiveIntegerField(default=0)
    # A dotted path in the deal document where possible (`budget.status`, `answers.pain_confirmed`).
    field = models.CharField(_("field"), max_length=200)
    old = models.TextField(_("old value"), blank=True, default="")
    new = models.TextField(_("new value"), blank=True, default="")

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.field}: {self.old} → {self.new}"
