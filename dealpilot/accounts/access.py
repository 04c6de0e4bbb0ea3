"""Which users and teams a user may see: an admin everyone; anyone else themselves, their
team and its members. Anything else is a 404, as for deals (`deals.access`)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet
from django.http import Http404

from dealpilot.accounts.models import Role, Team, profile_of, role_of
from dealpilot.deals.access import object_id


def visible_users(user: Any) -> QuerySet[Any]:
    users = get_user_model().objects.select_related("profile")
    if role_of(user) == Role.ADMIN:
        return users
    profile = profile_of(user)
    if profile is None:
        return users.none()
    mine = Q(pk=user.pk)
    if profile.team_id is not None:
        mine |= Q(profile__team_id=profile.team_id)
    return users.filter(mine)


def visible_teams(user: Any) -> QuerySet[Team]:
    if role_of(user) == Role.ADMIN:
        return Team.objects.all()
    profile = profile_of(user)
    return Team.objects.filter(pk=profile.team_id) if profile is not None and profile.team_id else Team.objects.none()


def get_user_for_user(request_or_user: Any, pk: Any) -> Any:
    user = getattr(request_or_user, "user", request_or_user)
    try:
        return visible_users(user).get(pk=object_id(pk))
    except get_user_model().DoesNotExist:
        raise Http404 from None


def get_team_for_user(request_or_user: Any, pk: Any) -> Team:
    user = getattr(request_or_user, "user", request_or_user)
    try:
        return visible_teams(user).get(pk=object_id(pk))
    except Team.DoesNotExist:
        raise Http404 from None
