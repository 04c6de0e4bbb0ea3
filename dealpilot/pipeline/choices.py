"""The owner and team options of the pipeline's filters: the people and teams a user sees deals of.

Read from the small users and teams tables, each row asking one indexed question of the deals
("does this person own a deal I may see?"), rather than by listing the owners of every visible
deal. The questions follow the rule of `visible_to` branch by branch (own, shared, the team's);
tests compare the options with the owners and teams of the visible deals for every role.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, Q, QuerySet

from dealpilot.accounts.models import Role, Team, profile_of, role_of
from dealpilot.deals.models import Opportunity


def _branches(user: Any, column: str) -> Q | None:
    """Whether a visible deal has `column` equal to the outer row's pk, as an OR of indexed
    lookups (None: every deal is visible)."""
    role = role_of(user)
    if role == Role.ADMIN:
        return None
    if role is None:
        return Q(pk__in=[])
    outer = {f"{column}_id": OuterRef("pk")}
    shares = Opportunity.shared_with.through.objects.filter(user_id=user.pk, **{f"opportunity__{column}_id": OuterRef("pk")})
    found = Q(Exists(Opportunity.objects.filter(owner_id=user.pk).filter(**outer))) | Q(Exists(shares))
    profile = profile_of(user)
    if role == Role.MANAGER and profile is not None and profile.team_id is not None:
        found |= Q(Exists(Opportunity.objects.filter(team_id=profile.team_id).filter(**outer)))
    return found


def _having_deals(rows: QuerySet, user: Any, column: str) -> QuerySet:
    found = _branches(user, column)
    if found is None:
        found = Q(Exists(Opportunity.objects.filter(**{f"{column}_id": OuterRef("pk")})))
    return rows.filter(found)


def owner_options(user: Any) -> QuerySet:
    """The people who own a deal `user` may see, by username."""
    return _having_deals(get_user_model().objects.all(), user, "owner").order_by("username")


def team_options(user: Any) -> QuerySet[Team]:
    """The teams of the deals `user` may see, by name."""
    return _having_deals(Team.objects.all(), user, "team").order_by("name")
