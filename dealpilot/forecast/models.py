"""The forecast's own rows: each deal's call and evidence, quotas, managers' adjustments, and the
workspace's learned win models."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

# "Commit" and "Pipeline" also name a deal stage and a page; the context keeps the forecast
# categories' own words (承诺, 管道) from being overridden by those.
CALL_CHOICES = [("commit", pgettext_lazy("forecast category", "Commit")),
                ("best_case", pgettext_lazy("forecast category", "Best case")),
                ("pipeline", pgettext_lazy("forecast category", "Pipeline")),
                ("omitted", pgettext_lazy("forecast category", "Omitted"))]
EVIDENCE_CHOICES = CALL_CHOICES[:3] + [("won", _("Won")), ("lost", _("Lost"))]


class DealForecast(models.Model):
    """Per deal: the rep's call (only the rep's edit writes it; a stage change never does), and
    what the engine and the win model said at the last assessment. The `open_*` columns keep the
    last values while the deal was open, so calibration compares them with how it closed."""

    opportunity = models.OneToOneField("deals.Opportunity", on_delete=models.CASCADE, primary_key=True,
                                       related_name="forecast", verbose_name=_("deal"))
    call = models.CharField(_("rep's call"), max_length=20, choices=CALL_CHOICES, blank=True, default="")
    evidence = models.CharField(_("evidence category"), max_length=20, choices=EVIDENCE_CHOICES, default="pipeline")
    missing = models.JSONField(_("missing for stronger categories"), default=dict, blank=True)
    probability = models.FloatField(_("win probability"), null=True, blank=True)
    source = models.CharField(_("probability source"), max_length=10, default="rules")  # rules | model
    factors = models.JSONField(_("factors"), default=dict, blank=True)
    open_call = models.CharField(max_length=20, blank=True, default="")
    open_evidence = models.CharField(max_length=20, blank=True, default="")
    open_probability = models.FloatField(null=True, blank=True)

    class Meta:
        verbose_name = _("deal forecast")
        verbose_name_plural = _("deal forecasts")
        indexes = [models.Index(fields=["call", "evidence"], name="forecast_call_evidence_idx")]

    def __str__(self) -> str:
        return f"{self.opportunity_id}: {self.call or 'pipeline'} / {self.evidence}"


class Target(models.Model):
    """Shared shape of a quota and an adjustment: one rep or one team, one period ("2026-Q4", "2026-11")."""

    period = models.CharField(_("period"), max_length=7, db_index=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE,
                             related_name="+", verbose_name=_("rep"))
    team = models.ForeignKey("accounts.Team", null=True, blank=True, on_delete=models.CASCADE, related_name="+",
                             verbose_name=_("team"))
    amount = models.DecimalField(_("amount"), max_digits=18, decimal_places=2, validators=[MinValueValidator(0)])

    class Meta:
        abstract = True
        constraints = [models.CheckConstraint(condition=Q(user__isnull=True) ^ Q(team__isnull=True),
                                              name="%(class)s_rep_or_team")]


class Quota(Target):
    class Meta(Target.Meta):
        verbose_name = _("quota")
        verbose_name_plural = _("quotas")
        constraints = [*Target.Meta.constraints,
                       models.UniqueConstraint(fields=["period", "user"], name="quota_once_per_rep"),
                       models.UniqueConstraint(fields=["period", "team"], name="quota_once_per_team")]

    def __str__(self) -> str:
        return f"{self.period} {self.user or self.team}: {self.amount}"


class Adjustment(Target):
    """A manager's number for a rep or team, with why; every one is kept, the latest counts."""

    note = models.TextField(_("note"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("by"))
    created_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta(Target.Meta):
        ordering = ["-created_at", "-pk"]
        verbose_name = _("forecast adjustment")
        verbose_name_plural = _("forecast adjustments")

    def __str__(self) -> str:
        return f"{self.period} {self.user or self.team}: {self.amount}"


class WinModel(models.Model):
    """A win-probability model learned from the workspace's closed deals (the learner's bundle,
    pickled: written only by our own training job, never uploaded)."""

    created_at = models.DateTimeField(_("trained"), auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    bundle = models.BinaryField()
    n_closed = models.PositiveIntegerField(_("closed deals"))
    metrics = models.JSONField(default=dict)  # auc, brier, ece, log_loss of the blend on held-out deals
    reliability = models.JSONField(default=list)
    active = models.BooleanField(default=False)
    verdict = models.JSONField(default=dict)  # {"zh": ..., "en": ...}

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("win model")
        verbose_name_plural = _("win models")

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d} ({self.n_closed})"
