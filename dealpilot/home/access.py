"""The home page's door: the deals a user may see, as everywhere (`visible_to`), and for the
score history the team asked for, among the teams the user sees deals of (else 400)."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import HttpRequest

from dealpilot.deals.models import Opportunity
from dealpilot.pipeline.choices import team_options


class BadTeam(ValueError):
    pass


def home_deals(request: HttpRequest) -> QuerySet[Opportunity]:
    """Rep: own and shared deals; manager: the team's; admin: all."""
    return Opportunity.objects.visible_to(request.user)


def history_deals(request: HttpRequest) -> QuerySet[Opportunity]:
    """The visible deals, narrowed to `?team=<id>` when given; BadTeam for a team id that is not
    a number or not among the teams the user sees deals of (the choice must not leak either)."""
    deals = home_deals(request)
    team = request.GET.get("team", "").strip()
    if not team:
        return deals
    if not team.isdigit() or len(team) > 18 or not team_options(request.user).filter(pk=int(team)).exists():
        raise BadTeam(team)
    return deals.filter(team_id=int(team))
