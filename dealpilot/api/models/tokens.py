"""Personal API tokens: stored as a SHA-256 digest with a visible prefix; each acts as its user."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

PREFIX_LENGTH = 8
TOKEN_START = "dp_"


def digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


class ApiTokenQuerySet(models.QuerySet["ApiToken"]):
    def usable(self) -> ApiTokenQuerySet:
        """Not revoked, not expired, of an active user."""
        now = timezone.now()
        return self.filter(revoked_at__isnull=True, user__is_active=True).filter(
            models.Q(expires_at__isnull=True) | models.Q(expires_at__gt=now))

    def visible_to(self, user: Any) -> ApiTokenQuerySet:
        """A user's own tokens; an admin's view is every token."""
        from dealpilot.accounts.models import Role, role_of

        return self if role_of(user) == Role.ADMIN else self.filter(user=user)


class ApiToken(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens",
                             verbose_name=_("user"))
    name = models.CharField(_("name"), max_length=100)
    # The first characters after `dp_`: shown in lists and used to revoke, never enough to sign in.
    prefix = models.CharField(_("prefix"), max_length=PREFIX_LENGTH, unique=True)
    digest = models.CharField(max_length=64, unique=True, editable=False)
    read_only = models.BooleanField(_("read only"), default=False)
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{TOKEN_START}{self.prefix}… ({self.name})"

    @property
    def audit_target(self) -> str:
        return f"token {self.shown_prefix} ({self.name}, {self.user.get_username()})"

    @property
    def shown_prefix(self) -> str:
        return f"{TOKEN_START}{self.prefix}"

    @property
    def state(self) -> str:
        if self.revoked_at is not None:
            return "revoked"
        if self.expires_at is not None and self.expires_at <= timezone.now():
            return "expired"
        return "active"

    @classmethod
    def issue(cls, user: Any, name: str, *, read_only: bool = False, days: int | None = None) -> tuple[ApiToken, str]:
        """A new token and its secret text, which is never stored and cannot be shown again."""
        while True:
            prefix = secrets.token_hex(PREFIX_LENGTH // 2)
            if not cls.objects.filter(prefix=prefix).exists():
                break
        text = f"{TOKEN_START}{prefix}_{secrets.token_urlsafe(32)}"
        expires = timezone.now() + dt.timedelta(days=days) if days else None
        token = cls.objects.create(user=user, name=name, prefix=prefix, digest=digest(text), read_only=read_only,
                                   expires_at=expires)
        return token, text


class TokenRequestCount(models.Model):
    """Requests of one token in one fixed window: in the database, so every app server counts
    the same requests (as accounts.LoginFailure does for logins)."""

    token = models.ForeignKey(ApiToken, on_delete=models.CASCADE, related_name="+")
    window = models.DateTimeField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["token", "window"], name="token_request_window")]
