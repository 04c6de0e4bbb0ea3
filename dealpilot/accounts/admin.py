"""Users and teams for admins, through Django's admin (bilingual out of the box).

Deals are deliberately not registered here: every deal edit goes through the workspace, which
checks versions and records history; the admin would bypass both.
"""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import Group, User
from django.utils.translation import gettext_lazy as _

from dealpilot.accounts.forms import AdminLoginForm
from dealpilot.accounts.models import Profile, Team, display_name

admin.site.site_header = _("DealPilot administration")
admin.site.site_title = _("DealPilot")
admin.site.index_title = _("Users and teams")
# The admin's login shows the rate limit's refusal like the site's (the limit itself is in the backend).
admin.site.login_form = AdminLoginForm


class ProfileInline(admin.StackedInline):
    model = Profile
    can_delete = False
    fields = ("team", "role", "language")
    verbose_name_plural = _("team and role")


class MemberInline(admin.TabularInline):
    model = Profile
    fields = ("user", "role")
    readonly_fields = ("user",)
    extra = 0
    can_delete = False
    verbose_name_plural = _("members")

    def has_add_permission(self, request, obj=None) -> bool:  # type: ignore[no-untyped-def]
        return False  # people join a team from their own user page


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ("name", "member_count")
    search_fields = ("name",)
    inlines = [MemberInline]

    @admin.display(description=_("members"))
    def member_count(self, team: Team) -> int:
        return team.members.count()


class DealPilotUserAdmin(UserAdmin):
    inlines = [ProfileInline]
    list_display = ("username", "full_name", "team", "role", "is_active", "last_login")
    list_select_related = ("profile__team",)
    list_filter = ("profile__role", "profile__team", "is_active")
    # What a user may do comes from their role (on the profile); Django's groups and per-user
    # permissions would be a second system nobody reads, listed in English codenames.
    fieldsets = tuple(
        (title, {**opts, "fields": tuple(f for f in opts["fields"] if f not in ("groups", "user_permissions"))})
        for title, opts in UserAdmin.fieldsets
    )

    @admin.display(description=_("full name"), ordering="last_name")
    def full_name(self, user: User) -> str:
        return display_name(user)

    @admin.display(description=_("team"), ordering="profile__team__name")
    def team(self, user: User) -> str:
        profile = getattr(user, "profile", None)
        return profile.team.name if profile and profile.team else "—"

    @admin.display(description=_("role"), ordering="profile__role")
    def role(self, user: User) -> str:
        profile = getattr(user, "profile", None)
        return profile.get_role_display() if profile else "—"


admin.site.unregister(User)
admin.site.register(User, DealPilotUserAdmin)
admin.site.unregister(Group)  # roles live on the profile; groups would be a second, unused system
