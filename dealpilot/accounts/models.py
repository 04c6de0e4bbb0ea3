"""Teams, each user's role and team, and failed login attempts (for rate limiting)."""

from __future__ import annotations

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

    def __str__(self) -> str:
        return self.name


class Profile(models.Model):
    """What DealPilot knows about a user beyond Django auth: team, role, language."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile")
    team = models.ForeignKey(Team, null=True, blank=True, on_delete=models.SET_NULL, related_name="members")
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.REP)
    language = models.CharField(_("language"), max_length=10, blank=True, default="")

    def __str__(self) -> str:
        return f"{self.user.username} ({self.role})"


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


def role_of(user: User | AnonymousUser) -> str | None:
    profile = profile_of(user)
    if profile is None:
        return None
    if user.is_superuser:
        return Role.ADMIN
    return profile.role


class LoginFailure(models.Model):
    """One failed login; counted per username and address to slow down password guessing."""

    username = models.CharField(max_length=150, db_index=True)
    address = models.CharField(max_length=64)
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        # The per-address limit counts an address's failures across usernames.
        indexes = [models.Index(fields=["address", "at"], name="loginfailure_address_at")]
