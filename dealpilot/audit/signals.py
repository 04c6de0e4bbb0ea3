"""The events recorded without the code that causes them knowing: logins, permission changes
(wherever they are made: admin, shell, a future API) and deletions of deals and accounts."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.dispatch import receiver

from dealpilot.accounts.models import Profile
from dealpilot.audit import record
from dealpilot.deals.models import Account, Opportunity

User = get_user_model()
_USER_FIELDS = ("is_active", "is_staff", "is_superuser")
_PROFILE_FIELDS = ("role", "team_id")
_BEFORE = "_audit_before"  # the stored values, read just before a save


@receiver(user_logged_in)
def _logged_in(sender: Any, request: Any, user: Any, **kw: Any) -> None:
    record(request, "login", target=user.get_username(), user=user)


@receiver(user_logged_out)
def _logged_out(sender: Any, request: Any, user: Any, **kw: Any) -> None:
    if user is not None:
        record(request, "logout", target=user.get_username(), user=user)


@receiver(user_login_failed)
def _login_failed(sender: Any, credentials: dict[str, Any], request: Any = None, **kw: Any) -> None:
    # Django has already masked the password in `credentials`; only the name typed is kept.
    record(request, "login_failed", target=str(credentials.get("username", ""))[:150])


def _remember(sender: Any, instance: Any, fields: tuple[str, ...], raw: bool) -> None:
    if raw:
        return
    before = None
    if instance.pk is not None:
        before = sender._base_manager.filter(pk=instance.pk).values(*fields).first()
    setattr(instance, _BEFORE, before)


def _changes(instance: Any, fields: tuple[str, ...]) -> dict[str, list[Any]]:
    before = getattr(instance, _BEFORE, None) or {}
    return {f.removesuffix("_id"): [before.get(f), getattr(instance, f)]
            for f in fields if before.get(f) != getattr(instance, f)}


@receiver(pre_save, sender=User)
def _user_before(sender: Any, instance: Any, raw: bool = False, **kw: Any) -> None:
    _remember(sender, instance, _USER_FIELDS, raw)


@receiver(post_save, sender=User)
def _user_saved(sender: Any, instance: Any, raw: bool = False, created: bool = False, **kw: Any) -> None:
    if raw:
        return
    changes = _changes(instance, _USER_FIELDS)
    if created:
        changes = {f: [None, getattr(instance, f)] for f in _USER_FIELDS if getattr(instance, f) != (f == "is_active")}
    if changes:
        record(None, "permission_change", target=instance.get_username(), detail=changes)


@receiver(pre_save, sender=Profile)
def _profile_before(sender: Any, instance: Profile, raw: bool = False, **kw: Any) -> None:
    _remember(sender, instance, _PROFILE_FIELDS, raw)


@receiver(post_save, sender=Profile)
def _profile_saved(sender: Any, instance: Profile, raw: bool = False, created: bool = False, **kw: Any) -> None:
    if raw:
        return
    changes = _changes(instance, _PROFILE_FIELDS)
    if changes:
        record(None, "permission_change", target=instance.user.get_username(), detail=changes)


def _m2m_receiver(what: str):  # type: ignore[no-untyped-def]
    def changed(sender: Any, instance: Any, action: str, reverse: bool, model: Any, pk_set: Any, **kw: Any) -> None:
        if action not in ("post_add", "post_remove", "post_clear"):
            return
        names = sorted(str(o) for o in model._base_manager.filter(pk__in=pk_set or ()))
        people = [instance] if not reverse else list(User._base_manager.filter(pk__in=pk_set or ()))
        for person in people:
            shown = names if not reverse else [str(instance)]
            record(None, "permission_change", target=person.get_username(),
                   detail={what: {"post_add": "added", "post_remove": "removed", "post_clear": "cleared"}[action],
                           "names": shown})
    return changed


_groups_changed = _m2m_receiver("groups")
_permissions_changed = _m2m_receiver("permissions")
m2m_changed.connect(_groups_changed, sender=User.groups.through, dispatch_uid="audit_groups")
m2m_changed.connect(_permissions_changed, sender=User.user_permissions.through, dispatch_uid="audit_permissions")


@receiver(post_delete, sender=Opportunity)
def _deal_deleted(sender: Any, instance: Opportunity, **kw: Any) -> None:
    record(None, "delete", target=f"deal {instance.pk}: {instance.name}"[:300],
           detail={"kind": "deal", "id": instance.pk, "name": instance.name})


@receiver(post_delete, sender=Account)
def _account_deleted(sender: Any, instance: Account, **kw: Any) -> None:
    record(None, "delete", target=f"account {instance.pk}: {instance.name}"[:300],
           detail={"kind": "account", "id": instance.pk, "name": instance.name})
