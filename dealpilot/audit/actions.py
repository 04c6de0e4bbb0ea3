"""The actions the audit trail knows by name, with their labels; others show as recorded."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

LABELS = {
    "login": _("Signed in"),
    "login_failed": _("Sign-in failed"),
    "logout": _("Signed out"),
    "permission_change": _("Permissions changed"),
    "export": _("Export"),
    "backup": _("Backup"),
    "restore": _("Restore"),
    "delete": _("Deleted"),
    "import": _("Import"),
    "import_revert": _("Import reverted"),
    "token_used": _("API token used"),
    "quotas": _("Quotas changed"),
    "token_created": _("API token created"),
    "token_revoked": _("API token revoked"),
}


def label(action: str) -> str:
    return str(LABELS.get(action, action))


def choices() -> list[tuple[str, str]]:
    return [(key, str(text)) for key, text in LABELS.items()]
