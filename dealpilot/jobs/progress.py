"""How a running job reports how far it got: counted in memory, written at most twice a second.

The counts are written with the default connection: a job that does its work inside one
transaction shows its progress once that transaction commits, so such a job reports its reading
and checking before it opens the transaction for writing.
"""

from __future__ import annotations

import time

from django.utils import timezone

from dealpilot.jobs.models import Job


class Progress:
    def __init__(self, job: Job, interval: float = 0.5) -> None:
        self.job = job
        self.interval = interval
        self._written_at = 0.0

    def set_total(self, total: int | None) -> None:
        self.job.total = total
        self.flush()

    def advance(self, count: int = 1, errors: int = 0) -> None:
        self.job.done += count
        self.job.errors += errors
        if time.monotonic() - self._written_at >= self.interval:
            self.flush()

    def flush(self) -> None:
        self.job.updated_at = timezone.now()
        Job.objects.filter(pk=self.job.pk).update(
            done=self.job.done, total=self.job.total, errors=self.job.errors, updated_at=self.job.updated_at)
        self._written_at = time.monotonic()
