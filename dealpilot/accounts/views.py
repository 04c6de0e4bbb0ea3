"""Log in (rate-limited), log out, change password, switch language (remembered per user)."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth import logout as auth_logout
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordChangeForm
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render, resolve_url
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dealpilot.accounts.backends import login_locked
from dealpilot.accounts.forms import LoginForm
from dealpilot.accounts.models import profile_of

LANGUAGE_CODES = {code for code, _name in settings.LANGUAGES}


def _safe_next(request: HttpRequest, fallback: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        return target
    return fallback


def _with_language(response: HttpResponse, code: str) -> HttpResponse:
    response.set_cookie(settings.LANGUAGE_COOKIE_NAME, code, max_age=365 * 24 * 3600,
                        secure=settings.LANGUAGE_COOKIE_SECURE, samesite=settings.LANGUAGE_COOKIE_SAMESITE)
    return response


def login(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        # Not redirect(): it would look a bare word such as `?next=x` up as a view name (a 500).
        return HttpResponseRedirect(_safe_next(request, resolve_url(settings.LOGIN_REDIRECT_URL)))
    form = LoginForm(request, data=request.POST or None)
    status = 200
    if request.method == "POST":
        # The rate limit sits in the authentication backend, shared with the admin's login.
        if form.is_valid():
            auth_login(request, form.get_user())
            response = HttpResponseRedirect(_safe_next(request, resolve_url(settings.LOGIN_REDIRECT_URL)))
            profile = profile_of(request.user)
            if profile is not None and profile.language in LANGUAGE_CODES:
                _with_language(response, profile.language)
            return response
        status = 429 if login_locked(request) else 400
    context = {"form": form, "next": _safe_next(request, "")}
    return render(request, "accounts/login.html", context, status=status)


@require_POST
def logout(request: HttpRequest) -> HttpResponse:
    auth_logout(request)
    return redirect("login")


@login_required
def password_change(request: HttpRequest) -> HttpResponse:
    form = PasswordChangeForm(request.user, request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            user = form.save()
            update_session_auth_hash(request, user)
            messages.success(request, _("Your password has been changed."))
            return redirect("deal_list")
        return render(request, "accounts/password_change.html", {"form": form}, status=400)
    return render(request, "accounts/password_change.html", {"form": form})


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    code = request.POST.get("language", "")
    if code not in LANGUAGE_CODES:
        return HttpResponse(_("Unknown language."), status=400, content_type="text/plain; charset=utf-8")
    profile = profile_of(request.user)
    if profile is not None and profile.language != code:
        profile.language = code
        profile.save(update_fields=["language"])
    translation.activate(code)
    return _with_language(HttpResponseRedirect(_safe_next(request, "/deals/")), code)
