"""Teams, each user's role and team, and failed login attempts (for rate limiting)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser, User
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    REP = "rep", _("Rep")
    MANAGER = "manager", _("Manager")
    ADMIN = "admin", _("Admin")


class Team(models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("team")
        verbose_name_plural = _("teams")

    def __str__(self) -> str:
        return self.name


class Profile(models.Model):
    """What DealPilot knows about a user beyond Django auth: team, role, language."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile",
                                verbose_name=_("user"))
    team = models.ForeignKey(Team, null=True, blank=True, on_delete=models.SET_NULL, related_name="members",
                             verbose_name=_("team"))
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.REP)
    language = models.CharField(_("language"), max_length=10, blank=True, default="")

    class Meta:
        verbose_name = _("team and role")
        verbose_name_plural = _("teams and roles")

    def __str__(self) -> str:
        return f"{display_name(self.user)} ({self.get_role_display()})"


def profile_of(user: User | AnonymousUser) -> Profile | None:
    """The user's profile, created on first use; cached on the user object for the request."""
    if not user.is_authenticated:
        return None
    cached = getattr(user, "_dealpilot_profile", None)
    if cached is not None:
        return cached
    try:
        profile = user.profile
    except Profile.DoesNotExist:
        role = Role.ADMIN if user.is_superuser else Role.REP
        profile, _created = Profile.objects.get_or_create(user=user, defaults={"role": role})
    user._dealpilot_profile = profile  # type: ignore[union-attr]
    return profile


def display_name(user: Any) -> str:
    """How a person is named on every page: their full name, else their login ("" for nobody).

    Chinese names read family name first with no space (王磊); Django's get_full_name() joins
    first and last with a space, which is right only for Western names.
    """
    if user is None or not getattr(user, "pk", None):
        return ""
    return person_name(user.get_username(), user.first_name, user.last_name)


def person_name(username: str, first_name: str | None, last_name: str | None) -> str:
    """display_name() from the three columns, for pages that read users as plain values."""
    first, last = (first_name or "").strip(), (last_name or "").strip()
    if first and last and _is_cjk(first + last):
        return last + first
    return f"{first} {last}".strip() or username


def _is_cjk(text: str) -> bool:
    return all("\u2e80" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" for ch in text)


def role_of(user: User | AnonymousUser) -> str | None:
    profile = profile_of(user)
    if profile is None:
        return None
    if user.is_superuser:
        return Role.ADMIN
    return profile.role


class LoginFailure(models.Model):
    """One failed login; counted per username and address to slow down password guessing."""

    username = models.CharField(_("username"), max_length=150, db_index=True)
    address = models.CharField(_("address"), max_length=64)
    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("failed login")
        verbose_name_plural = _("failed logins")
        # The per-address limit counts an address's failures across usernames.
        indexes = [models.Index(fields=["address", "at"], name="loginfailure_address_at")]
