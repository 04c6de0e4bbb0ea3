"""Existing deals: search keys from their names, stage since from the history (else creation)."""

from __future__ import annotations

from django.db import migrations
from django.db.models import Max


def fill(apps, schema_editor):  # type: ignore[no-untyped-def]
    from dealpilot.deals.search_keys import keys_for

    Opportunity = apps.get_model("deals", "Opportunity")
    ChangeRecord = apps.get_model("deals", "ChangeRecord")
    DealStakeholder = apps.get_model("deals", "DealStakeholder")
    moved = dict(ChangeRecord.objects.filter(field="opportunity.stage").values("opportunity_id")
                 .annotate(at=Max("at")).values_list("opportunity_id", "at"))
    contacts: dict[int, list[str]] = {}
    for opp_id, name in DealStakeholder.objects.values_list("opportunity_id", "contact__name"):
        contacts.setdefault(opp_id, []).append(name)
    rows = []
    for opp in Opportunity.objects.select_related("account").only("pk", "name", "account__name", "created_at"):
        opp.search_keys = keys_for([opp.account.name, opp.name, *contacts.get(opp.pk, [])])
        opp.stage_since = moved.get(opp.pk, opp.created_at)
        rows.append(opp)
    Opportunity.objects.bulk_update(rows, ["search_keys", "stage_since"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("deals", "0005_pipeline_columns")]
    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
