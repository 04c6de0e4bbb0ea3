"""Every change to a deal: who, when, what (field, old value, new value)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ChangeRecord(models.Model):
    opportunity = models.ForeignKey("deals.Opportunity", on_delete=models.CASCADE, related_name="changes",
                                    verbose_name=_("deal"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="+", verbose_name=_("user"))
    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    # The deal version this change produced.
    version = models.PositiveIntegerField(_("version"), default=0)
    # A dotted path in the deal document where possible (`budget.status`, `answers.pain_confirmed`).
    field = models.CharField(_("field"), max_length=200)
    old = models.TextField(_("old value"), blank=True, default="")
    new = models.TextField(_("new value"), blank=True, default="")

    class Meta:
        ordering = ["-at", "-pk"]
        # A deal's history by time: its history page, and "what moved" reading only the window
        # of each deal's history.
        indexes = [models.Index(fields=["opportunity", "at"], name="deals_change_deal_at")]
        verbose_name = _("change")
        verbose_name_plural = _("changes")

    def __str__(self) -> str:
        return f"{self.field}: {self.old} → {self.new}"
