"""Who a row's owner and team are, and whether the importing user may give deals to them.

A rep imports into their own deals only; a manager into their team's; an admin anywhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model

from dealpilot.accounts.models import Role, Team, display_name, role_of
from dealpilot.imports.problems import noop
from dealpilot.imports.values import key


@dataclass
class Assignment:
    owner: Any
    team_id: int | None


class Directory:
    """Users by username and by display name (张伟, or "Moses Frase"), teams by name; read once."""

    def __init__(self, user: Any) -> None:
        self.user = user
        self.role = role_of(user)
        self.team_id = _team_id(user)
        self.users: dict[str, Any] = {}
        for u in get_user_model().objects.select_related("profile").filter(is_active=True):
            for name in (display_name(u), u.get_username()):
                self.users.setdefault(key(name), u)
        self.teams = {key(t.name): t.pk for t in Team.objects.all()}

    def assign(self, owner: str, team: str) -> tuple[Assignment | None, str, dict[str, Any]]:
        """(who owns the deal and its team, or None with a message id and its values)."""
        person = self.user if not owner else self.users.get(key(owner))
        if person is None:
            return None, noop("No user is called %(owner)s; add them to the owner table."), {"owner": owner}
        if person.pk != self.user.pk:
            if self.role == Role.REP:
                return None, noop("You can import only your own deals, not %(owner)s's."), {"owner": owner}
            if self.role == Role.MANAGER and (self.team_id is None or _team_id(person) != self.team_id):
                return None, noop("%(owner)s is not in your team."), {"owner": owner}
        team_id = _team_id(person)
        if team:
            team_id = self.teams.get(key(team))
            if team_id is None:
                return None, noop("No team is called %(team)s."), {"team": team}
            if self.role != Role.ADMIN and team_id != self.team_id:
                return None, noop("You can import only into your own team, not %(team)s."), {"team": team}
        return Assignment(person, team_id), "", {}


def _team_id(user: Any) -> int | None:
    profile = getattr(user, "profile", None)
    return profile.team_id if profile is not None else None
