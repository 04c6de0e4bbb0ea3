"""Password rules beyond Django's own (settings.AUTH_PASSWORD_VALIDATORS): a new password must
not be the username in disguise, the product's name or demo password, or the current password."""

from __future__ import annotations

import unicodedata
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# Shorter names ("li", "wu") are too common inside ordinary words to refuse wherever they appear.
CONTAINED_FROM = 3


def _plain(text: str) -> str:
    # Case, width and separators do not make a different password: "Deal.Pilot", "ｄｅａｌｐｉｌｏｔ".
    folded = unicodedata.normalize("NFKC", text).casefold()
    return "".join(ch for ch in folded if ch.isalnum())


class UsernameValidator:
    """Refuses the username, reversed or repeated, anywhere in the password (`rep7rep7`, `7per!`)."""

    def validate(self, password: str, user: Any = None) -> None:
        name = _plain(getattr(user, "get_username", lambda: "")() or "") if user is not None else ""
        if not name:
            return
        plain = _plain(password)
        found = name in plain or name[::-1] in plain if len(name) >= CONTAINED_FROM else plain in (name, name[::-1])
        if found:
            raise ValidationError(_("Your password must not contain your username."), code="password_has_username")

    def get_help_text(self) -> str:
        return _("Your password must not contain your username.")


class ProductWordsValidator:
    """Refuses the product's names and the demo password, in any case or spacing."""

    def __init__(self, words: list[str] | None = None) -> None:
        self.words = [_plain(word) for word in (words or []) if _plain(word)]

    def validate(self, password: str, user: Any = None) -> None:
        plain = _plain(password)
        if any(word in plain for word in self.words):
            raise ValidationError(_("Your password must not contain the product's name or the demo password."),
                                  code="password_has_product_name")

    def get_help_text(self) -> str:
        return _("Your password must not contain the product's name or the demo password.")


class NotCurrentValidator:
    """On a change, refuses the password the user has now (the user still holds its hash)."""

    def validate(self, password: str, user: Any = None) -> None:
        if user is not None and user.pk is not None and user.has_usable_password() and user.check_password(password):
            raise ValidationError(_("Your new password must differ from your current password."),
                                  code="password_is_current")

    def get_help_text(self) -> str:
        return _("Your new password must differ from your current password.")
