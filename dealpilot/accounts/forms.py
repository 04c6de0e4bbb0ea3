"""Login forms for the site and the admin: the rate limit's refusal shown as its own message."""

from __future__ import annotations

from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from dealpilot.accounts.backends import login_locked


def locked_error() -> ValidationError:
    minutes = max(1, round(settings.LOGIN_FAILURE_WINDOW / 60))
    return ValidationError(_("Too many failed attempts. Wait %(minutes)s minutes, then try again "
                             "(or ask an admin to reset your password).") % {"minutes": minutes},
                           code="locked")


class LoginForm(AuthenticationForm):
    def get_invalid_login_error(self) -> ValidationError:
        return locked_error() if login_locked(self.request) else super().get_invalid_login_error()


class AdminLoginForm(AdminAuthenticationForm):
    def get_invalid_login_error(self) -> ValidationError:
        return locked_error() if login_locked(self.request) else super().get_invalid_login_error()
