"""The API tokens page: make a token (shown once), see yours with when each was last used,
revoke one. An admin sees and revokes everyone's."""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_POST

from dealpilot.accounts.models import Role, role_of
from dealpilot.api.models import ApiToken
from dealpilot.audit import record
from dealpilot.deals.access import object_id


class TokenForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=100)
    read_only = forms.BooleanField(label=_("Read only"), required=False)
    days = forms.IntegerField(label=_("Expires after (days)"), required=False, min_value=1, max_value=3650,
                              help_text=_("Leave empty for a token that does not expire."))

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        if not name or "\x00" in name:
            raise forms.ValidationError(_("Give the token a name."))
        return name


def get_token_for_user(request: HttpRequest, pk: object) -> ApiToken:
    """A token of the user's own (an admin: anyone's), or 404."""
    try:
        return ApiToken.objects.visible_to(request.user).get(pk=object_id(pk))
    except ApiToken.DoesNotExist:
        raise Http404 from None


@login_required
@require_http_methods(["GET", "POST"])
def token_list(request: HttpRequest) -> HttpResponse:
    form = TokenForm(request.POST if request.method == "POST" else None)
    created = None
    status = 200
    if request.method == "POST":
        if form.is_valid():
            token, created = ApiToken.issue(request.user, form.cleaned_data["name"],
                                            read_only=form.cleaned_data["read_only"], days=form.cleaned_data["days"])
            record(request, "token_created", target=token.audit_target,
                   detail={"token": token.pk, "read_only": token.read_only, "days": form.cleaned_data["days"]})
            form = TokenForm()
        else:
            status = 400
    tokens = ApiToken.objects.visible_to(request.user).select_related("user")
    context = {"form": form, "created": created, "tokens": tokens, "local": timezone.localtime,
               "everyone": role_of(request.user) == Role.ADMIN}
    return render(request, "api/tokens.html", context, status=status)


@login_required
@require_POST
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = get_token_for_user(request, pk)
    if token.revoked_at is None:
        ApiToken.objects.filter(pk=token.pk).update(revoked_at=timezone.now())
        record(request, "token_revoked", target=token.audit_target, detail={"token": token.pk})
    return redirect("api_tokens")
