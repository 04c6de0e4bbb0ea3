"""Assessment history of a deal: one row each time a change moved a score or the flags."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class SnapshotQuerySet(models.QuerySet["AssessmentSnapshot"]):
    def for_deal(self, opp: Any) -> SnapshotQuerySet:
        return self.filter(opportunity=opp)

    def latest_first(self) -> SnapshotQuerySet:
        return self.order_by("-taken_at", "-pk")


class SnapshotCause(models.TextChoices):
    DEAL = "", _("deal change")
    PLAYBOOK = "playbook", _("playbook changed")


class AssessmentSnapshot(models.Model):
    opportunity = models.ForeignKey("deals.Opportunity", on_delete=models.CASCADE, related_name="snapshots",
                                    verbose_name=_("deal"))
    taken_at = models.DateTimeField(_("taken at"), default=timezone.now)
    # Place in the deal's history (1, 2, 3 …): two requests storing "the next snapshot" at once
    # both pick the same number and the database keeps one (a history may return to an earlier
    # verdict, so the content itself cannot be the unique key).
    seq = models.PositiveIntegerField(_("number"), default=1)
    playbook = models.CharField(_("playbook"), max_length=100)
    score = models.IntegerField(_("score"))
    dimensions = models.JSONField(_("dimensions"), default=dict)  # dimension id -> score 0..100
    flags = models.JSONField(_("red flags"), default=list)  # flag ids, sorted
    # Why the verdict moved: the deal itself, or a newly published playbook version re-scoring it.
    cause = models.CharField(_("cause"), max_length=20, blank=True, default="", choices=SnapshotCause.choices)

    objects = SnapshotQuerySet.as_manager()

    class Meta:
        ordering = ["taken_at", "pk"]
        verbose_name = _("assessment snapshot")
        verbose_name_plural = _("assessment snapshots")
        indexes = [models.Index(fields=["opportunity", "taken_at"], name="snapshot_deal_time")]
        constraints = [models.UniqueConstraint(fields=["opportunity", "seq"], name="snapshot_unique_place_per_deal")]

    def __str__(self) -> str:
        return f"{self.opportunity_id} {self.taken_at:%Y-%m-%d} {self.score}"

    def to_snapshot(self) -> dict[str, Any]:
        """The engine's snapshot form (see dealpilot.engine.history.snapshot)."""
        return {"date": timezone.localtime(self.taken_at).date().isoformat(), "playbook": self.playbook,
                "score": self.score, "dimensions": dict(self.dimensions), "flags": list(self.flags)}
