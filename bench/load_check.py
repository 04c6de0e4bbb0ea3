"""The load test's database side (bench/bench_load.py runs it on the stopped server's database):

  plan         who logs in and which deals each may open, as JSON
  check SAVES  the lost-update check; SAVES is JSON {"deals": {id: acknowledged saves},
               "versions": {id: version before the run}, "created": [ids of new deals]}
"""

from __future__ import annotations

import json
import os
import sys
from collections import defaultdict
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dealpilot.web.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth.models import User  # noqa: E402

from dealpilot.accounts.models import Role  # noqa: E402
from dealpilot.deals.convert import deal_to_document, load_deal  # noqa: E402
from dealpilot.deals.demo.build import DEMO_PASSWORD  # noqa: E402
from dealpilot.deals.history import show  # noqa: E402
from dealpilot.deals.models import ChangeRecord, Opportunity  # noqa: E402
from dealpilot.engine.document import dump_document  # noqa: E402


def plan() -> dict[str, Any]:
    people: dict[str, Any] = {"password": DEMO_PASSWORD, "reps": {}, "managers": {}, "versions": {}}
    for user in User.objects.filter(profile__role__in=[Role.REP, Role.MANAGER]).order_by("username"):
        ids = list(Opportunity.objects.visible_to(user).order_by("pk").values_list("pk", flat=True))
        kind = "reps" if user.profile.role == Role.REP else "managers"
        if ids:
            people[kind][user.username] = ids
    people["versions"] = dict(Opportunity.objects.values_list("pk", "version"))
    return people


def _document(opp: Opportunity) -> dict[str, Any]:
    # The deal as its download shows it: the paths history records are paths of this document.
    return json.loads(dump_document(deal_to_document(load_deal(opp.pk)), fmt="json"))


def _stored(doc: dict[str, Any], path: str) -> tuple[bool, Any]:
    """The value at a dotted history path (`opportunity.stage`, `answers.<id>.status`), when the
    path names a field of the document by key (list rows named by position are not resolved)."""
    node: Any = doc
    for part in path.split("."):
        if "[" in part or not isinstance(node, dict):
            return False, None
        node = node.get(part)
    return True, node


def check(saves: dict[str, Any]) -> dict[str, Any]:
    acknowledged = {int(k): v for k, v in saves["deals"].items()}
    before = {int(k): v for k, v in saves["versions"].items()}
    problems: list[str] = []
    replayed = compared = 0
    created = set(saves["created"])
    missing = created - set(Opportunity.objects.filter(pk__in=created).values_list("pk", flat=True))
    problems += [f"new deal {pk} was acknowledged and is not there" for pk in sorted(missing)]
    for opp in Opportunity.objects.order_by("pk"):
        start = before.get(opp.pk, 1 if opp.pk in created else None)
        if start is None:
            continue  # created by the run but its acknowledgement was lost: not a saved update
        moved = opp.version - start
        if moved != acknowledged.get(opp.pk, 0):
            problems.append(f"deal {opp.pk}: {acknowledged.get(opp.pk, 0)} saves acknowledged, "
                            f"version moved {moved} (from {start} to {opp.version})")
        records = list(ChangeRecord.objects.filter(opportunity=opp).order_by("version", "pk"))
        versions = sorted({r.version for r in records})
        if versions and versions != list(range(versions[0], opp.version + 1)):
            problems.append(f"deal {opp.pk}: history versions {versions[0]}..{versions[-1]} have gaps "
                            f"or do not end at the stored version {opp.version}")
        last: dict[str, str] = {}
        by_field: dict[str, list[ChangeRecord]] = defaultdict(list)
        for r in records:
            by_field[r.field].append(r)
        for field, changes in by_field.items():
            for earlier, later in zip(changes, changes[1:], strict=False):
                replayed += 1
                if not _same(later.old, earlier.new):
                    problems.append(f"deal {opp.pk} {field}: version {later.version} changed it from "
                                    f"{later.old!r}, but version {earlier.version} had left {earlier.new!r}")
            last[field] = changes[-1].new
        doc = _document(opp) if acknowledged.get(opp.pk) else None
        for field, value in last.items() if doc is not None else ():
            known, stored = _stored(doc, field)
            if known and field != "created":
                compared += 1
                if not _same(show(stored), value):
                    problems.append(f"deal {opp.pk} {field}: history ends at {value!r}, the deal holds {show(stored)!r}")
    return {"problems": problems, "deals": Opportunity.objects.count(), "saves": sum(acknowledged.values()),
            "changes": replayed, "final_values": compared}


def _same(stored: str, recorded: str) -> bool:
    """Equal as written, or the same number written two ways ("250000" and "250000.00")."""
    if stored == recorded:
        return True
    try:
        return Decimal(stored.strip('"')) == Decimal(recorded.strip('"'))
    except (InvalidOperation, ValueError):
        return False


if __name__ == "__main__":
    command, *args = sys.argv[1:]
    if command == "plan":
        sys.stdout.write(json.dumps(plan()) + "\n")
    elif command == "check":
        sys.stdout.write(json.dumps(check(json.loads(args[0]))) + "\n")
    else:
        raise SystemExit(__doc__)
