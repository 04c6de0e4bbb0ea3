"""Activities on a deal (visits, calls, meetings, messages, emails) and the rep's decisions on
what their notes proposed."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ActivityKind(models.TextChoices):
    VISIT = "visit", _("Visit")
    CALL = "call", _("Call")
    MEETING = "meeting", _("Meeting")
    MESSAGE = "message", _("Message")
    EMAIL = "email", _("Email")


class Activity(models.Model):
    opportunity = models.ForeignKey("deals.Opportunity", on_delete=models.CASCADE, related_name="activities",
                                    verbose_name=_("deal"))
    ordinal = models.PositiveIntegerField(_("order"), default=0)
    kind = models.CharField(_("kind"), max_length=10, choices=ActivityKind.choices, default=ActivityKind.VISIT)
    date = models.DateField(_("date"))
    # Our people by name, as the document holds them (`activities[].ours`).
    ours = models.JSONField(_("our people"), default=list, blank=True)
    # The deal's stakeholders who took part, by DealStakeholder pk: a person removed from the deal
    # drops out of the list on the next read, and replacing the deal from a document rewrites it.
    stakeholder_ids = models.JSONField(_("their people"), default=list, blank=True)
    note = models.TextField(_("note"), blank=True, default="")
    next_step = models.TextField(_("next step"), blank=True, default="")
    next_step_due = models.DateField(_("next step due"), null=True, blank=True)

    class Meta:
        ordering = ["ordinal", "pk"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.date}"

    def participants(self, people: list) -> list:  # type: ignore[type-arg]
        """The deal's people (prefetched, in deal order) who took part; someone since removed drops out."""
        return [p for p in people if p.pk in self.stakeholder_ids]


class Decision(models.TextChoices):
    ACCEPTED = "accepted", _("Accepted")
    EDITED = "edited", _("Edited")
    REJECTED = "rejected", _("Rejected")


class NoteDecision(models.Model):
    """What the rep did with one proposal: kept to measure and improve the proposals."""

    opportunity = models.ForeignKey("deals.Opportunity", on_delete=models.CASCADE, related_name="note_decisions",
                                    verbose_name=_("deal"))
    activity = models.ForeignKey(Activity, null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="decisions", verbose_name=_("activity"))
    sentence = models.PositiveIntegerField(_("sentence"))
    evidence = models.TextField(_("evidence"))
    proposed_criterion = models.CharField(_("proposed criterion"), max_length=100)
    proposed_status = models.CharField(_("proposed status"), max_length=10)
    confidence = models.FloatField(_("confidence"))
    decision = models.CharField(_("decision"), max_length=10, choices=Decision.choices)
    criterion = models.CharField(_("criterion"), max_length=100, blank=True, default="")  # as saved
    status = models.CharField(_("status"), max_length=10, blank=True, default="")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+",
                             verbose_name=_("user"))
    created_at = models.DateTimeField(_("decided at"), auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("note decision")
        verbose_name_plural = _("note decisions")
        constraints = [models.UniqueConstraint(fields=["activity", "sentence"], name="one_decision_per_sentence")]
