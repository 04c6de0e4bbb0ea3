"""The upgrade fixture: a small database made with one release, kept as JSON so that every later
migration can be tried on it, on SQLite and PostgreSQL alike.

Run as a program on the (scratch) database DATABASE_URL names:
  make DIR     migrate, build the demo with a few deals, write DIR/data.json (the rows) and
               DIR/state.json (each app's last migration, and what every deal looked like)
  prepare DIR  on an empty database: apply the migrations up to DIR's recorded state, then load
               its rows through the models as they were at that state (not today's models,
               which may have columns the old tables lack)
  report       every deal as the checks compare it, as JSON
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dealpilot.web.settings")
django.setup()

from django.apps import apps  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.db.migrations.executor import MigrationExecutor  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
# Users, teams and every DealPilot app's rows; not the heartbeats, sessions or admin log.
SKIP_APPS = {"ops"}


def dumped_labels() -> list[str]:
    ours = [c.label for c in apps.get_app_configs()
            if c.name.startswith("dealpilot.") and c.models_module and c.label not in SKIP_APPS]
    return [*ours, "auth.user", "auth.group"]


def report() -> list[dict[str, Any]]:
    from dealpilot.deals.models import Opportunity

    # Only the columns reported: the report also reads the earlier release's schema, before a
    # later migration added its columns.
    deals = (Opportunity.objects.order_by("pk").select_related("account", "owner")
             .only("pk", "name", "account__name", "owner__username", "stage", "amount", "score", "version"))
    return [{"pk": d.pk, "name": d.name, "account": d.account.name, "owner": d.owner.username,
             "stage": d.stage, "amount": str(d.amount), "score": d.score, "version": d.version,
             "stakeholders": d.stakeholders.count(), "answers": d.answers.count(),
             "changes": d.changes.count()} for d in deals]


def make(folder: Path) -> None:
    call_command("migrate", "--noinput", verbosity=0)
    subprocess.run([sys.executable, "-c", "from dealpilot.cli import main; main()", "demo",
                    "--deals", "12", "--seed", "20261202"], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / "data.json").open("w", encoding="utf-8") as out:
        call_command("dumpdata", *dumped_labels(), indent=1, stdout=out)
    leaves = MigrationExecutor(connection).loader.graph.leaf_nodes()
    state = {"migrations": sorted([app, name] for app, name in leaves), "deals": report()}
    (folder / "state.json").write_text(json.dumps(state, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def prepare(folder: Path) -> None:
    state = json.loads((folder / "state.json").read_text(encoding="utf-8"))
    targets = [tuple(pair) for pair in state["migrations"]]
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    old = executor.loader.project_state(targets).apps
    rows = json.loads((folder / "data.json").read_text(encoding="utf-8"))
    made: dict[Any, list[Any]] = defaultdict(list)
    many: list[tuple[Any, Any, str, list[Any]]] = []
    for row in rows:
        model = old.get_model(row["model"])
        values = {model._meta.pk.attname: row["pk"]}
        for name, value in row["fields"].items():
            field = model._meta.get_field(name)
            if field.many_to_many:
                many.append((model, row["pk"], name, value))
            else:
                values[field.attname] = value if field.is_relation else field.to_python(value)
        made[model].append(model(**values))
    # One transaction: foreign keys are checked at its end, so the rows may come in any order.
    with transaction.atomic():
        for model, objects in made.items():
            model.objects.bulk_create(objects)
        for model, pk, name, value in many:
            getattr(model.objects.get(pk=pk), name).set(value)
    # PostgreSQL hands out ids from sequences the explicit ids above did not move.
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(_NoStyle(), list(made)):
            cursor.execute(sql)


class _NoStyle:
    def __getattr__(self, name: str) -> Any:
        return lambda text: text


if __name__ == "__main__":
    command, *args = sys.argv[1:]
    if command == "make":
        make(Path(args[0]))
    elif command == "prepare":
        prepare(Path(args[0]))
    elif command == "report":
        sys.stdout.write(json.dumps(report(), ensure_ascii=False) + "\n")
    else:
        raise SystemExit(__doc__)
