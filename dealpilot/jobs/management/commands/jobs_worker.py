"""The background-job worker: first deal with jobs a dead worker left running, then run django-
tasks' database worker on every queue (`--batch`: run what is waiting and stop)."""

from __future__ import annotations

from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand

from dealpilot.jobs.recovery import recover_interrupted


class Command(BaseCommand):
    help = "Run the background-job worker (recovers jobs a dead worker left running)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--batch", action="store_true", help="Run the waiting jobs, then stop.")

    def handle(self, *args: Any, batch: bool = False, verbosity: int = 1, **options: Any) -> None:
        for job in recover_interrupted():
            if verbosity:
                self.stdout.write(f"job {job.pk} ({job.kind}) left running by a stopped worker: {job.status}")
        call_command("db_worker", queue_name="*", batch=batch, reload=False, startup_delay=not batch,
                     verbosity=verbosity)
