"""The forecast's one door: the deals whose numbers a user may see, and who may adjust what.

A rep sees their own deals' forecast, a manager the team's, an admin everyone's. Pages, the
drill-down, the export, the chart data and the adjustment form all start here.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet

from dealpilot.accounts.models import Role, Team, profile_of, role_of
from dealpilot.deals.models import Opportunity


def forecast_deals(user: Any) -> QuerySet[Opportunity]:
    role, profile = role_of(user), profile_of(user)
    if role == Role.ADMIN:
        return Opportunity.objects.all()
    if role == Role.MANAGER and profile is not None and profile.team_id is not None:
        return Opportunity.objects.filter(team_id=profile.team_id)
    if role is None:
        return Opportunity.objects.none()
    return Opportunity.objects.filter(owner_id=user.pk)


def adjustable_teams(user: Any) -> QuerySet[Team]:
    role, profile = role_of(user), profile_of(user)
    if role == Role.ADMIN:
        return Team.objects.all()
    if role == Role.MANAGER and profile is not None and profile.team_id is not None:
        return Team.objects.filter(pk=profile.team_id)
    return Team.objects.none()


def adjustable_reps(user: Any) -> QuerySet[Any]:
    users = get_user_model().objects.filter(is_active=True)
    role = role_of(user)
    if role == Role.ADMIN:
        return users
    return users.filter(profile__team__in=adjustable_teams(user))


def require_adjuster(user: Any) -> None:
    """Reps may read their forecast but not adjust it: 403 (the page itself is no secret)."""
    if role_of(user) not in (Role.MANAGER, Role.ADMIN):
        raise PermissionDenied


def require_admin(user: Any) -> None:
    if role_of(user) != Role.ADMIN:
        raise PermissionDenied
