"""`url(name, *args)`: Django's `reverse`, remembered.

A deal page links to its own rows a dozen times per table; `reverse` walks the URL patterns each
time. The patterns do not change while the server runs, so the answer is kept, with the script
prefix and URLconf in the key (a site served under a sub-path, or a request's own URLconf, gets
its own answers); a changed ROOT_URLCONF setting (tests) forgets them all.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import get_script_prefix, get_urlconf, reverse


@lru_cache(maxsize=4096)
def _reverse(prefix: str, urlconf: Any, name: str, args: tuple[Any, ...]) -> str:
    return reverse(name, urlconf=urlconf, args=args or None)


def url(name: str, *args: Any) -> str:
    """`url('deal_page', deal.pk)` is `reverse('deal_page', args=[deal.pk])`."""
    return _reverse(get_script_prefix(), get_urlconf(), name, args)


def request_url(request: Any, name: str, *args: Any) -> str:
    """`url()` for pages writing many links: the script prefix and URLconf, fixed for a request,
    are read once per request (each read is a context-local lookup) and kept on it."""
    if request is None:
        return url(name, *args)
    where = request.__dict__.get("_dealpilot_links")
    if where is None:
        where = request._dealpilot_links = (get_script_prefix(), get_urlconf())
    return _reverse(where[0], where[1], name, args)


@receiver(setting_changed)
def _forget(*, setting: str, **kwargs: Any) -> None:
    if setting == "ROOT_URLCONF":
        _reverse.cache_clear()
