"""Traceability: the contributions that informed a section (the link is declared up here), and
the members' permission to record it."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.contrib.auth.management import create_permissions
from django.db import migrations, models

ROLE_PERMISSIONS = {
    "secretariat": [
        "view_sectioncontribution", "add_sectioncontribution", "delete_sectioncontribution",
    ],
    "representative": [
        "view_sectioncontribution", "add_sectioncontribution", "delete_sectioncontribution",
    ],
}


def grant(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, codenames in ROLE_PERMISSIONS.items():
        group = Group.objects.get(name=role)
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label="strategy", codename__in=codenames)
        )


class Migration(migrations.Migration):

    dependencies = [
        ("contributions", "0002_territory_and_roles"),
        ("strategy", "0004_section_agenda_items"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="SectionContribution",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("note", models.CharField(blank=True, max_length=500, verbose_name="note")),
                ("linked_at", models.DateTimeField(default=django.utils.timezone.now, verbose_name="linked at")),
                ("contribution", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="section_links", to="contributions.contribution", verbose_name="contribution")),
                ("linked_by", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="+", to=settings.AUTH_USER_MODEL, verbose_name="linked by")),
                ("section", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="contribution_links", to="strategy.section", verbose_name="section")),
            ],
            options={
                "verbose_name": "contribution that informed a section",
                "verbose_name_plural": "contributions that informed sections",
                "ordering": ["linked_at", "id"],
                "constraints": [models.UniqueConstraint(fields=("section", "contribution"), name="section_contribution_linked_once", violation_error_message="This contribution is already linked to the section.")],
            },
        ),
        migrations.RunPython(grant, migrations.RunPython.noop),
    ]
