"""Authentication backend: loads the user's profile with the user (one query, not two) and
applies the login rate limit, so every door that calls authenticate() — the site's login, the
admin's, any later one — is throttled the same way."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from dealpilot.accounts.ratelimit import clear_failures, client_address, is_locked, note_failure

LOCKED_ATTRIBUTE = "dealpilot_login_locked"


def login_locked(request: HttpRequest | None) -> bool:
    """Whether authenticate() refused this request because of the rate limit."""
    return bool(getattr(request, LOCKED_ATTRIBUTE, False))


class ProfileBackend(ModelBackend):
    def authenticate(self, request: HttpRequest | None, username: str | None = None,
                     password: str | None = None, **kwargs: Any) -> Any:
        if request is None:
            # No client to count against (shell, management commands): nothing to throttle.
            return super().authenticate(request, username, password, **kwargs)
        if username is None:
            username = kwargs.get(get_user_model().USERNAME_FIELD)
        address = client_address(request)
        if is_locked(username or "", address):
            # Refused before the password is checked: a locked login reveals nothing about it.
            setattr(request, LOCKED_ATTRIBUTE, True)
            raise PermissionDenied("login rate limit")
        user = super().authenticate(request, username, password, **kwargs)
        if user is None:
            note_failure(username or "", address)
        else:
            clear_failures(username or "", address)
        return user

    def get_user(self, user_id: Any) -> Any:
        # Every page checks the role and team; fetching the profile here saves a query per request.
        try:
            user = get_user_model()._default_manager.select_related("profile").get(pk=user_id)
        except get_user_model().DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None
