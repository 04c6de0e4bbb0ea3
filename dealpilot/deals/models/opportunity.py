"""The opportunity: header, budget and compelling event, who may see it, cached verdict."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dealpilot.accounts.models import Role, profile_of, role_of
from dealpilot.deals.models.choices import BudgetStatus
from dealpilot.deals.models.directory import Account
from dealpilot.engine.playbook import LOST, WON


def visibility(user: Any) -> models.Q | None:
    """Which deals a user may see, as a condition: None for all (admin), an empty Q-set for none."""
    role = role_of(user)
    profile = profile_of(user)
    return visibility_for(role, getattr(user, "pk", None), profile.team_id if profile is not None else None)


def visibility_for(role: str | None, user_id: int | None, team_id: int | None) -> models.Q | None:
    branches = visibility_branches(role, user_id, team_id)
    if branches is None:
        return None
    condition = branches[0]
    for branch in branches[1:]:
        condition |= branch
    return condition


def visibility_branches(role: str | None, user_id: int | None, team_id: int | None) -> list[models.Q] | None:
    """The rule of `visibility_for` as the conditions it ORs: own, shared, the team's (a manager's)."""
    if role is None:
        return [models.Q(pk__in=[])]
    if role == Role.ADMIN:
        return None
    # Shares as a subquery, not a join: a join repeats rows (wrong counts and pages) and
    # makes the database scan every deal to find a user's few.
    shared = Opportunity.shared_with.through.objects.filter(user_id=user_id).values("opportunity_id")
    branches = [models.Q(owner_id=user_id), models.Q(pk__in=shared)]
    if role == Role.MANAGER and team_id is not None:
        branches.append(models.Q(team_id=team_id))
    return branches


class OpportunityQuerySet(models.QuerySet["Opportunity"]):
    def visible_to(self, user: Any) -> OpportunityQuerySet:
        """Rep: own and explicitly shared deals; manager: the team's; admin: all."""
        condition = visibility(user)
        return self if condition is None else self.filter(condition)

    def visible_in_order(self, user: Any) -> OpportunityQuerySet:
        """The deals of `visible_to(user)`, for reading one sorted page of them.

        The rule is then a CASE rather than a plain WHERE: with the plain OR of owner, team and
        shares the planner reads every visible deal and sorts them; wrapped, it walks the sort
        column's index and stops after a page. Counts and totals want `visible_to`, whose plain
        OR lets the planner use the owner and team indexes.
        """
        condition = visibility(user)
        if condition is None:
            return self
        return self.alias(visible_in_order=models.Case(
            models.When(condition, then=models.Value(True)), default=models.Value(False),
            output_field=models.BooleanField())).filter(visible_in_order=True)

    def visible_branches(self, user: Any) -> list[OpportunityQuerySet]:
        """The deals of `visible_to(user)` as one queryset per branch of the rule (own, shared, the
        team's), to be filtered alike and combined with `union()`: counting the union answers each
        branch from its own index (a team's open deals from the team + stage index) instead of
        reading every row the OR finds (30 ms → 2 ms for a team of 5,000 at 100,000 deals)."""
        profile = profile_of(user)
        branches = visibility_branches(role_of(user), getattr(user, "pk", None),
                                       profile.team_id if profile is not None else None)
        return [self] if branches is None else [self.filter(b) for b in branches]

    def open(self) -> OpportunityQuerySet:
        return self.exclude(stage__in=[WON, LOST])

    def for_list(self) -> OpportunityQuerySet:
        return self.select_related("account", "owner", "team")


class Opportunity(models.Model):
    account = models.ForeignKey(Account, on_delete=models.PROTECT, related_name="opportunities",
                                verbose_name=_("account"))
    name = models.CharField(_("name"), max_length=200)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="owned_deals",
                              verbose_name=_("owner"))
    team = models.ForeignKey("accounts.Team", null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="deals", verbose_name=_("team"))
    shared_with = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="shared_deals",
                                         verbose_name=_("shared with"))
    # Every save increments the version; an edit based on an older one is refused (no lost updates).
    version = models.PositiveIntegerField(_("version"), default=1)
    playbook = models.CharField(_("playbook"), max_length=100, default="ppvvcc")
    # The published version of a team playbook the deal was last re-scored with (None: shipped).
    playbook_version = models.PositiveIntegerField(_("playbook version"), null=True, blank=True, editable=False)
    # The deal's playbook says which stages exist (dealpilot.deals.stages); the doors that take a
    # stage in check it against that playbook, so the column holds any id a playbook may have.
    stage = models.CharField(_("stage"), max_length=20, default="lead", db_index=True)
    amount = models.DecimalField(_("amount"), max_digits=18, decimal_places=2, null=True, blank=True)
    currency = models.CharField(_("currency"), max_length=3, default="CNY")
    close_date = models.DateField(_("close date"), null=True, blank=True)
    as_of = models.DateField(_("as of"), null=True, blank=True)  # the document's as_of, kept for a lossless round trip

    budget_status = models.CharField(_("budget status"), max_length=20, choices=BudgetStatus.choices,
                                     default=BudgetStatus.UNKNOWN)
    budget_amount = models.DecimalField(_("budget amount"), max_digits=18, decimal_places=2, null=True, blank=True)
    budget_applicant = models.ForeignKey("deals.DealStakeholder", null=True, blank=True,
                                         on_delete=models.SET_NULL, related_name="+", verbose_name=_("applicant"))
    budget_approver = models.ForeignKey("deals.DealStakeholder", null=True, blank=True,
                                        on_delete=models.SET_NULL, related_name="+", verbose_name=_("approver"))
    budget_deadline = models.DateField(_("budget deadline"), null=True, blank=True)

    compelling_event = models.TextField(_("compelling event"), blank=True, default="")
    compelling_event_date = models.DateField(_("compelling event date"), null=True, blank=True)

    # The engine's verdict, cached for the list page; refreshed by dealpilot.deals.verdict.
    score = models.FloatField(_("score"), null=True, blank=True, db_index=True)
    flag_count = models.PositiveIntegerField(_("red flags"), null=True, blank=True)
    # More of the cached verdict, for the pipeline (dealpilot.engine.summary): the score before the
    # last change of score (the trend arrow), the flags as " id id " (filter by a given flag),
    # the most severe one, and the per cent of the score resting on fresh, sourced evidence.
    previous_score = models.FloatField(null=True, blank=True, editable=False)
    flag_ids = models.CharField(max_length=1000, blank=True, default="", editable=False)
    top_flag = models.CharField(max_length=60, blank=True, default="", editable=False)
    top_flag_severity = models.CharField(max_length=10, blank=True, default="", editable=False)
    evidence_share = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)
    # When the deal entered its current stage (days in stage); kept by dealpilot.deals.search_keys.
    stage_since = models.DateTimeField(default=timezone.now, editable=False)
    # Account, deal and contact names with their pinyin (full and initials), lower case, written
    # whenever one of those names changes, so `?q=hrjm` finds 恒锐精密 without work per request.
    search_keys = models.TextField(blank=True, default="", editable=False)
    # engine.history.fingerprint of the latest stored assessment snapshot: re-opening an unchanged
    # deal compares against this instead of reading the snapshot table.
    snapshot_digest = models.CharField(_("snapshot digest"), max_length=40, blank=True, default="", editable=False)

    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = OpportunityQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at", "-pk"]
        verbose_name = _("deal")
        verbose_name_plural = _("deals")
        # The list sorts by each of these; with an index the first page stops after 50 rows.
        indexes = [models.Index(fields=["close_date"]), models.Index(fields=["amount"]),
                   models.Index(fields=["updated_at", "id"], name="deal_updated_idx"),
                   models.Index(fields=["name"], name="deal_name_idx"),
                   # The pipeline: a team's totals group by stage and currency; days in stage sorts.
                   models.Index(fields=["team", "stage", "currency"], name="deal_team_stage_idx"),
                   models.Index(fields=["stage_since", "id"], name="deal_stage_since_idx"),
                   # The forecast: a team's deals closing in a period (the roll-up, what moved).
                   models.Index(fields=["team", "close_date"], name="deal_team_close_idx"),
                   models.Index(fields=["score", "id"], name="deal_score_id_idx"),
                   # The pipeline's owner and team options: "a deal of this owner in that team?"
                   models.Index(fields=["owner", "team"], name="deal_owner_team_idx"),
                   # The pipeline's default sort with the columns of the visibility rule and the
                   # status: walking it, the page skips deals it may not show without reading them.
                   models.Index(fields=["score", "id", "team", "owner", "stage"], name="deal_score_visible_idx")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("deal_page", args=[self.pk])

    def stage_name(self) -> str:
        """The stage as the deal's playbook calls it, in the active language."""
        from dealpilot.deals.stages import name_in

        return name_in(self.playbook, self.stage)

    @property
    def is_closed(self) -> bool:
        return self.stage in (WON, LOST)
