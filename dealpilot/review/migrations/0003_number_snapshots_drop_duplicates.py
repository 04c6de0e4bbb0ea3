"""Number each deal's snapshots in order (1, 2, 3 …) and drop the duplicates concurrent requests
stored: a snapshot equal in score, dimensions and flags to the one before it."""

from django.db import migrations


def number(apps, schema_editor):
    Snapshot = apps.get_model("review", "AssessmentSnapshot")
    deal, seq, previous = None, 0, None
    drop, renumber = [], []
    for row in Snapshot.objects.order_by("opportunity_id", "taken_at", "pk").iterator(chunk_size=2000):
        if row.opportunity_id != deal:
            deal, seq, previous = row.opportunity_id, 0, None
        content = (row.score, row.dimensions, sorted(row.flags))
        if content == previous:
            drop.append(row.pk)
            continue
        previous = content
        seq += 1
        row.seq = seq
        renumber.append(row)
    Snapshot.objects.filter(pk__in=drop).delete()
    Snapshot.objects.bulk_update(renumber, ["seq"], batch_size=2000)


class Migration(migrations.Migration):

    dependencies = [("review", "0002_snapshot_seq")]

    operations = [migrations.RunPython(number, migrations.RunPython.noop)]
