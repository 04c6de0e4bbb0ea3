"""A contact's place on one deal: buying roles, influence, attitude, our access."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from dealpilot.deals.models.choices import Access, Attitude, Influence
from dealpilot.deals.models.directory import Contact


class DealStakeholder(models.Model):
    opportunity = models.ForeignKey("deals.Opportunity", on_delete=models.CASCADE, related_name="stakeholders",
                                    verbose_name=_("deal"))
    contact = models.ForeignKey(Contact, on_delete=models.PROTECT, related_name="deal_roles", verbose_name=_("contact"))
    # The id the deal document uses for this person (`stakeholders[].id`); unique within the deal.
    key = models.CharField(_("key"), max_length=100)
    ordinal = models.PositiveIntegerField(_("order"), default=0)
    title = models.TextField(_("title"), blank=True, default="")
    reports_to = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="reports",
                                   verbose_name=_("reports to"))
    roles = models.JSONField(_("roles"), default=list, blank=True)
    influence = models.CharField(_("influence"), max_length=10, choices=Influence.choices, default=Influence.MEDIUM)
    attitude = models.CharField(_("attitude"), max_length=10, choices=Attitude.choices, default=Attitude.UNKNOWN)
    access = models.CharField(_("access"), max_length=10, choices=Access.choices, default=Access.NONE)
    last_contact = models.DateField(_("last contact"), null=True, blank=True)
    # [{"with": <key>, "kind": "knows" | "works_closely"}], besides the reporting line.
    relationships = models.JSONField(_("relationships"), default=list, blank=True)

    class Meta:
        ordering = ["ordinal", "pk"]
        verbose_name = _("stakeholder")
        verbose_name_plural = _("stakeholders")
        constraints = [models.UniqueConstraint(fields=["opportunity", "key"], name="stakeholder_unique_key")]

    def __str__(self) -> str:
        return self.key
