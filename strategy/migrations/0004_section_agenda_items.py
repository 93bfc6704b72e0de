"""Sections list the agenda items where they were discussed (the link is declared up here)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("governance", "0004_meeting_role_permissions"),
        ("strategy", "0003_releases"),
    ]

    operations = [
        migrations.AddField(
            model_name="section",
            name="agenda_items",
            field=models.ManyToManyField(
                blank=True,
                related_name="sections",
                to="governance.agendaitem",
                verbose_name="agenda items where it was discussed",
            ),
        ),
    ]
