"""django-tasks' database worker, with a heartbeat: the same command (`manage.py db_worker`, and
`jobs_worker` which runs it), plus a row every few seconds that `/healthz` on any app server
reads to know a worker is alive. It replaces django_tasks_db's command of the same name because
`dealpilot.ops` comes before it in INSTALLED_APPS (as staticfiles replaces `runserver`)."""

from __future__ import annotations

import threading
from typing import Any

from django_tasks_db.management.commands.db_worker import Command as TasksWorker

from dealpilot.ops import heartbeat


class Command(TasksWorker):
    help = "Run the database background worker, with the heartbeat /healthz reads."

    def handle(self, *args: Any, **options: Any) -> None:
        stop = threading.Event()
        heartbeat.start(options["worker_id"], stop)
        try:
            super().handle(*args, **options)
        finally:
            stop.set()
