"""Login forms for the site and the admin: the rate limit's refusal shown as its own message."""

from __future__ import annotations

from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from dealpilot.accounts.backends import login_locked

LOCKED_MESSAGE = _("Too many failed attempts. Wait 15 minutes, then try again "
                   "(or ask an admin to reset your password).")


class LoginForm(AuthenticationForm):
    def get_invalid_login_error(self) -> ValidationError:
        if login_locked(self.request):
            return ValidationError(LOCKED_MESSAGE, code="locked")
        return super().get_invalid_login_error()


class AdminLoginForm(AdminAuthenticationForm):
    def get_invalid_login_error(self) -> ValidationError:
        if login_locked(self.request):
            return ValidationError(LOCKED_MESSAGE, code="locked")
        return super().get_invalid_login_error()
