from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [("review", "0003_number_snapshots_drop_duplicates")]

    operations = [
        migrations.AddConstraint(
            model_name="assessmentsnapshot",
            constraint=models.UniqueConstraint(fields=("opportunity", "seq"), name="snapshot_unique_place_per_deal"),
        ),
    ]
