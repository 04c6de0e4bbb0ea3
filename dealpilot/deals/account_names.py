"""The account a new deal names: the user's own (visible) one, a new one, never someone else's.

Account names are unique, so naming an existing account the user cannot see would attach the
deal to it and open its page and its contacts (404 → 200). Creating a second account with the
same name is impossible, and a renamed copy would confuse both teams: the deal is refused.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from dealpilot.deals.access import visible_accounts
from dealpilot.deals.models import Account


class HiddenAccount(Exception):
    """An account of that name exists and the user may not see it."""

    def __init__(self) -> None:
        super().__init__(_("An account of this name belongs to another team. Use a different name, "
                           "or ask its owner to share one of its deals with you."))


def account_named(user: Any, name: str) -> Account:
    """The account called `name`, created if there is none; HiddenAccount if the user may not see it.

    Call inside the transaction that writes the deal (the creation races another one otherwise).
    """
    account, created = Account.objects.get_or_create(name=name)
    if not created and not visible_accounts(user).filter(pk=account.pk).exists():
        raise HiddenAccount
    return account
