"""A case's events indexed by (case, at, id): its latest events are read without sorting all of them.

The new index comes first, then the foreign key's own index (on the case alone, now
redundant) goes: the table is never without an index on the case.
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("optout", "0009_written_request"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="caseevent",
            index=models.Index(fields=["case", "at", "id"], name="case_timeline"),
        ),
        migrations.AlterField(
            model_name="caseevent",
            name="case",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="events",
                to="optout.case",
            ),
        ),
    ]
