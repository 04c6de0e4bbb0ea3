"""The five key facts and the rest of a deal's record, each row ordered as in the document."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from dealpilot.deals.models.choices import (
    AnswerStatus,
    CompetitorPosition,
    ObjectionStatus,
    PainCategory,
    StepStatus,
)

_DEAL = "deals.Opportunity"
_PERSON = "deals.DealStakeholder"


class _Row(models.Model):
    ordinal = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        abstract = True
        ordering = ["ordinal", "pk"]


class DecisionStep(_Row):
    opportunity = models.ForeignKey(_DEAL, on_delete=models.CASCADE, verbose_name=_("deal"), related_name="decision_steps")
    name = models.TextField(_("step"))
    owner = models.ForeignKey(_PERSON, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
                              verbose_name=_("owner"))
    status = models.CharField(_("status"), max_length=20, choices=StepStatus.choices, default=StepStatus.PENDING)
    due = models.DateField(_("due"), null=True, blank=True)

    class Meta(_Row.Meta):
        verbose_name = _("decision step")
        verbose_name_plural = _("decision steps")


class Competitor(_Row):
    opportunity = models.ForeignKey(_DEAL, on_delete=models.CASCADE, verbose_name=_("deal"), related_name="competitors")
    name = models.TextField(_("competitor"))
    position = models.CharField(_("position"), max_length=20, choices=CompetitorPosition.choices,
                                default=CompetitorPosition.MENTIONED)
    strengths = models.TextField(_("strengths"), blank=True, null=True)
    our_differentiation = models.TextField(_("our differentiation"), blank=True, null=True)

    class Meta(_Row.Meta):
        verbose_name = _("competitor")
        verbose_name_plural = _("competitors")


class Milestone(_Row):
    opportunity = models.ForeignKey(_DEAL, on_delete=models.CASCADE, verbose_name=_("deal"), related_name="milestones")
    name = models.TextField(_("milestone"))
    date = models.DateField(_("date"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=StepStatus.choices, default=StepStatus.PENDING)

    class Meta(_Row.Meta):
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")


class Pain(_Row):
    opportunity = models.ForeignKey(_DEAL, on_delete=models.CASCADE, verbose_name=_("deal"), related_name="pains")
    text = models.TextField(_("pain"))
    category = models.CharField(_("category"), max_length=20, choices=PainCategory.choices)
    owner = models.ForeignKey(_PERSON, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
                              verbose_name=_("owner"))
    confirmed_with = models.ForeignKey(_PERSON, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
                              verbose_name=_("confirmed with"))
    confirmed_on = models.DateField(_("confirmed on"), null=True, blank=True)
    impact = models.TextField(_("impact"), blank=True, null=True)

    class Meta(_Row.Meta):
        verbose_name = _("pain")
        verbose_name_plural = _("pains")


class ValueItem(_Row):
    opportunity = models.ForeignKey(_DEAL, on_delete=models.CASCADE, verbose_name=_("deal"), related_name="value_items")
    for_stakeholder = models.ForeignKey(_PERSON, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
                              verbose_name=_("for"))
    metric = models.TextField(_("metric"))
    amount = models.DecimalField(_("amount"), max_digits=18, decimal_places=2, null=True, blank=True)
    period = models.TextField(_("period"), blank=True, null=True)
    agreed = models.BooleanField(_("agreed"), default=False)

    class Meta(_Row.Meta):
        verbose_name = _("value item")
        verbose_name_plural = _("value items")


class PlanStep(_Row):
    opportunity = models.ForeignKey(_DEAL, on_delete=models.CASCADE, verbose_name=_("deal"), related_name="plan_steps")
    step = models.TextField(_("step"))
    owner = models.ForeignKey(_PERSON, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
                              verbose_name=_("owner"))
    due = models.DateField(_("due"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=StepStatus.choices, default=StepStatus.PENDING)

    class Meta(_Row.Meta):
        verbose_name = _("plan step")
        verbose_name_plural = _("plan steps")


class Objection(_Row):
    opportunity = models.ForeignKey(_DEAL, on_delete=models.CASCADE, verbose_name=_("deal"), related_name="objections")
    text = models.TextField(_("objection"))
    raised_by = models.ForeignKey(_PERSON, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
                              verbose_name=_("raised by"))
    status = models.CharField(_("status"), max_length=20, choices=ObjectionStatus.choices,
                              default=ObjectionStatus.RAISED)

    class Meta(_Row.Meta):
        verbose_name = _("objection")
        verbose_name_plural = _("objections")


class Answer(_Row):
    """A checklist answer: criterion of the deal's playbook → status, evidence, source, date."""

    opportunity = models.ForeignKey(_DEAL, on_delete=models.CASCADE, verbose_name=_("deal"), related_name="answers")
    criterion = models.CharField(_("criterion"), max_length=100)
    status = models.CharField(_("status"), max_length=10, choices=AnswerStatus.choices, default=AnswerStatus.UNKNOWN)
    evidence = models.TextField(_("evidence"), blank=True, null=True)
    source = models.ForeignKey(_PERSON, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
                              verbose_name=_("source"))
    date = models.DateField(_("date"), null=True, blank=True)

    class Meta(_Row.Meta):
        verbose_name = _("checklist answer")
        verbose_name_plural = _("checklist answers")
        constraints = [models.UniqueConstraint(fields=["opportunity", "criterion"], name="answer_unique_criterion")]
