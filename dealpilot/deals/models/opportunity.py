"""The opportunity: header, budget and compelling event, who may see it, cached verdict."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from dealpilot.accounts.models import Role, profile_of, role_of
from dealpilot.deals.models.choices import BudgetStatus, Stage
from dealpilot.deals.models.directory import Account


class OpportunityQuerySet(models.QuerySet["Opportunity"]):
    def visible_to(self, user: Any) -> OpportunityQuerySet:
        """Rep: own and explicitly shared deals; manager: the team's; admin: all."""
        role = role_of(user)
        if role is None:
            return self.none()
        if role == Role.ADMIN:
            return self
        profile = profile_of(user)
        mine = models.Q(owner=user) | models.Q(shared_with=user)
        if role == Role.MANAGER and profile is not None and profile.team_id is not None:
            mine |= models.Q(team_id=profile.team_id)
        # The shared_with join can repeat a row; filter on ids to keep counts and paging right.
        ids = Opportunity.objects.filter(mine).values("pk")
        return self.filter(pk__in=ids)

    def open(self) -> OpportunityQuerySet:
        return self.exclude(stage__in=[Stage.WON, Stage.LOST])

    def for_list(self) -> OpportunityQuerySet:
        return self.select_related("account", "owner", "team")


class Opportunity(models.Model):
    account = models.ForeignKey(Account, on_delete=models.PROTECT, related_name="opportunities")
    name = models.CharField(_("name"), max_length=200)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="owned_deals")
    team = models.ForeignKey("accounts.Team", null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="deals")
    shared_with = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="shared_deals")
    # Every save increments the version; an edit based on an older one is refused (no lost updates).
    version = models.PositiveIntegerField(default=1)
    playbook = models.CharField(_("playbook"), max_length=100, default="ppvvcc")
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices, default=Stage.LEAD, db_index=True)
    amount = models.DecimalField(_("amount"), max_digits=18, decimal_places=2, null=True, blank=True)
    currency = models.CharField(_("currency"), max_length=3, default="CNY")
    close_date = models.DateField(_("close date"), null=True, blank=True)
    as_of = models.DateField(null=True, blank=True)  # the document's as_of, kept for a lossless round trip

    budget_status = models.CharField(_("budget status"), max_length=20, choices=BudgetStatus.choices,
                                     default=BudgetStatus.UNKNOWN)
    budget_amount = models.DecimalField(_("budget amount"), max_digits=18, decimal_places=2, null=True, blank=True)
    budget_applicant = models.ForeignKey("deals.DealStakeholder", null=True, blank=True,
                                         on_delete=models.SET_NULL, related_name="+")
    budget_approver = models.ForeignKey("deals.DealStakeholder", null=True, blank=True,
                                        on_delete=models.SET_NULL, related_name="+")
    budget_deadline = models.DateField(_("budget deadline"), null=True, blank=True)

    compelling_event = models.TextField(_("compelling event"), blank=True, default="")
    compelling_event_date = models.DateField(_("compelling event date"), null=True, blank=True)

    # The engine's verdict, cached for the list page; refreshed by dealpilot.deals.verdict.
    score = models.FloatField(null=True, blank=True, db_index=True)
    flag_count = models.PositiveIntegerField(null=True, blank=True)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = OpportunityQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at", "-pk"]
        indexes = [models.Index(fields=["close_date"]), models.Index(fields=["amount"])]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("deal_page", args=[self.pk])
