"""Requests per token in fixed windows, counted in the database so several app servers share
them. One conditional UPDATE per request; the row of a new window is created on its first one."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from dealpilot.api.models import ApiToken, TokenRequestCount


def window_start(now: dt.datetime, seconds: int) -> dt.datetime:
    stamp = int(now.timestamp())
    return dt.datetime.fromtimestamp(stamp - stamp % seconds, tz=dt.UTC)


def retry_after(token: ApiToken, now: dt.datetime | None = None) -> int | None:
    """Count this request; None when it is within the limit, else the seconds to wait."""
    now = now or timezone.now()
    seconds = max(1, settings.API_RATE_WINDOW)
    start = window_start(now, seconds)
    counted = TokenRequestCount.objects.filter(token=token, window=start, count__lt=settings.API_RATE_LIMIT)
    if counted.update(count=F("count") + 1):
        return None
    if not TokenRequestCount.objects.filter(token=token, window=start).exists():
        try:
            with transaction.atomic():
                TokenRequestCount.objects.create(token=token, window=start, count=1)
            # Old windows no longer count; dropping them here keeps the table one row per token.
            TokenRequestCount.objects.filter(token=token, window__lt=start).delete()
            return None
        except IntegrityError:  # another server created it meanwhile: count there
            return retry_after(token, now)
    return max(1, int((start + dt.timedelta(seconds=seconds) - now).total_seconds() + 0.999))
