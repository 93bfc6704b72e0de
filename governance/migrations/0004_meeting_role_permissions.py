"""Role permissions for meetings: the secretariat runs them; representatives propose items,
ask for specialists and add materials. Specialists and organisation contacts get object grants
per agenda item (django-guardian), not role permissions."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

MEETING_MODELS = [
    "meeting", "agendaitem", "material", "specialistrequest", "guestinvitation",
    "attendance", "minutes", "decision", "actionitem",
]

ROLE_PERMISSIONS = {
    "secretariat": [
        f"governance.{verb}_{model}"
        for model in MEETING_MODELS
        for verb in ("view", "add", "change")
    ],
    "representative": [
        "governance.view_meeting", "governance.view_agendaitem", "governance.add_agendaitem",
        "governance.view_material", "governance.add_material",
        "governance.view_specialistrequest", "governance.add_specialistrequest",
        "governance.view_guestinvitation", "governance.view_attendance",
        "governance.view_minutes", "governance.view_decision", "governance.view_actionitem",
    ],
}


def grant(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, dotted_names in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=role)
        for dotted in dotted_names:
            app_label, codename = dotted.split(".")
            group.permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, dotted_names in ROLE_PERMISSIONS.items():
        group = Group.objects.filter(name=role).first()
        if group is None:
            continue
        codenames = [dotted.split(".")[1] for dotted in dotted_names]
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="governance", codename__in=codenames)
        )


class Migration(migrations.Migration):
    dependencies = [("governance", "0003_meetings")]

    operations = [migrations.RunPython(grant, revoke)]
