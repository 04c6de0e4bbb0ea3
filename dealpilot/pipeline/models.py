"""Exchange rates an admin maintains, and the named views users save of the pipeline."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from dealpilot.accounts.models import Role, profile_of, role_of


def company_currency() -> str:
    return settings.DEALPILOT_COMPANY_CURRENCY


class ExchangeRateQuerySet(models.QuerySet["ExchangeRate"]):
    def on(self, day: dt.date) -> dict[str, Decimal]:
        """Company currency per unit of each currency, as of `day` (the latest rate not after it)."""
        rates: dict[str, Decimal] = {}
        for currency, rate in self.filter(valid_from__lte=day).order_by("currency", "-valid_from").values_list(
                "currency", "rate"):
            rates.setdefault(currency, rate)
        rates[company_currency()] = Decimal(1)
        return rates


class ExchangeRate(models.Model):
    currency = models.CharField(_("currency"), max_length=3)
    rate = models.DecimalField(_("rate to the company currency"), max_digits=18, decimal_places=6,
                               validators=[MinValueValidator(Decimal("0.000001"))])
    valid_from = models.DateField(_("valid from"))

    objects = ExchangeRateQuerySet.as_manager()

    class Meta:
        ordering = ["currency", "-valid_from"]
        verbose_name = _("exchange rate")
        verbose_name_plural = _("exchange rates")
        constraints = [models.UniqueConstraint(fields=["currency", "valid_from"], name="rate_once_per_day")]

    def __str__(self) -> str:
        return f"{self.currency} {self.rate} ({self.valid_from})"

    def save(self, *args: Any, **kw: Any) -> None:
        self.currency = self.currency.upper()
        super().save(*args, **kw)


class SavedViewQuerySet(models.QuerySet["SavedView"]):
    def visible_to(self, user: Any) -> SavedViewQuerySet:
        """One's own views and those shared with one's team."""
        profile = profile_of(user)
        shared = Q(shared_with_team=True, team_id=profile.team_id) if profile and profile.team_id else Q(pk__in=[])
        return self.filter(Q(owner_id=user.pk) | shared)


class SavedView(models.Model):
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="pipeline_views")
    team = models.ForeignKey("accounts.Team", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    name = models.CharField(_("name"), max_length=100)
    query = models.CharField(_("filters"), max_length=2000, blank=True, default="")
    shared_with_team = models.BooleanField(_("shared with the team"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = SavedViewQuerySet.as_manager()

    class Meta:
        ordering = ["name", "pk"]
        constraints = [models.UniqueConstraint(fields=["owner", "name"], name="saved_view_unique_name")]

    def __str__(self) -> str:
        return self.name


def may_share(user: Any) -> bool:
    return role_of(user) in (Role.MANAGER, Role.ADMIN)
