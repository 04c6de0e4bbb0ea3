from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("deals", "0003_snapshot_digest"),
        ("review", "0001_assessment_snapshot"),
    ]

    operations = [
        migrations.AddField(
            model_name="assessmentsnapshot",
            name="seq",
            field=models.PositiveIntegerField(default=1),
        ),
    ]
