"""Requests per token in fixed windows, counted in the database so several app servers share
one limit (as accounts.LoginFailure does for logins).

A write per request would double the cost of a read (on SQLite, a commit each), so each process
claims a few requests at a time from the window's row — one conditional UPDATE per claim — and
spends them locally. The database count is what was claimed: all servers together never exceed
the limit; a claim left unspent when the window ends is lost, so a busy token may get up to
(claim − 1) × processes fewer requests in a window than the limit, never more.
"""

from __future__ import annotations

import datetime as dt
import threading

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from dealpilot.api.models import ApiToken, TokenRequestCount

# (token id, window start) → requests claimed from the database and not spent yet, this process.
_claimed: dict[tuple[int, dt.datetime], int] = {}
_lock = threading.Lock()


def window_start(now: dt.datetime, seconds: int) -> dt.datetime:
    stamp = int(now.timestamp())
    return dt.datetime.fromtimestamp(stamp - stamp % seconds, tz=dt.UTC)


def claim_size(limit: int) -> int:
    """A twentieth of the limit, between 1 and 10: exact for small limits."""
    return max(1, min(10, limit // 20))


def forget_claims() -> None:
    """Drop this process's unspent claims (tests: a second app server starts with none)."""
    with _lock:
        _claimed.clear()


def _claim(token: ApiToken, start: dt.datetime, limit: int) -> int:
    """Requests claimed from the window's row: a full claim, else what is left, else 0."""
    for size in dict.fromkeys((claim_size(limit), 1)):
        rows = TokenRequestCount.objects.filter(token=token, window=start, count__lte=limit - size)
        if rows.update(count=F("count") + size):
            return size
    if TokenRequestCount.objects.filter(token=token, window=start).exists():
        return 0
    size = min(claim_size(limit), limit)
    try:
        with transaction.atomic():
            TokenRequestCount.objects.create(token=token, window=start, count=size)
    except IntegrityError:  # another server created it meanwhile: claim there
        return _claim(token, start, limit)
    # Old windows no longer count; dropping them here keeps the table one row per token.
    TokenRequestCount.objects.filter(token=token, window__lt=start).delete()
    return size


def retry_after(token: ApiToken, now: dt.datetime | None = None) -> int | None:
    """Count this request; None when it is within the limit, else the seconds to wait."""
    now = now or timezone.now()
    seconds, limit = max(1, settings.API_RATE_WINDOW), max(0, settings.API_RATE_LIMIT)
    start = window_start(now, seconds)
    key = (token.pk, start)
    with _lock:
        if _claimed.get(key, 0) > 0:
            _claimed[key] -= 1
            return None
        for old in [k for k in _claimed if k[1] < start]:
            del _claimed[old]
    got = _claim(token, start, limit) if limit else 0
    if got:
        with _lock:
            _claimed[key] = _claimed.get(key, 0) + got - 1
        return None
    return max(1, int((start + dt.timedelta(seconds=seconds) - now).total_seconds() + 0.999))
