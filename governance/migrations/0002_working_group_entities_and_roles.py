"""The working group of Despacho n.º 1369-A/2022, its ten entities and the five roles."""

import datetime

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = {
    "name": "Grupo de Trabalho da Estratégia Nacional de Smart Cities",
    "legal_basis": "Despacho n.º 1369-A/2022",
    "legal_basis_citation": (
        "Diário da República, 2.ª série, n.º 22, 1.º Suplemento, de 1 de fevereiro de 2022"
    ),
    "signed_on": datetime.date(2022, 1, 24),
    "proposals_due": datetime.date(2022, 4, 30),  # n.º 9
    "governance_due": datetime.date(2022, 6, 30),  # n.º 10
}

# n.º 4 a)–j): (paragraph, code, name, short name, seats, runs the secretariat)
ENTITIES = [
    ("a", "economia", "Área governativa da economia e da transição digital",
     "Economia e Transição Digital", 1, False),
    ("b", "modernizacao", "Área governativa da modernização do Estado e da Administração Pública",
     "Modernização do Estado e da Administração Pública", 2, False),
    ("c", "planeamento", "Área governativa do planeamento", "Planeamento", 1, False),
    ("d", "ambiente", "Área governativa do ambiente e da ação climática",
     "Ambiente e Ação Climática", 1, False),
    ("e", "coesao", "Área governativa da coesão territorial", "Coesão Territorial", 1, False),
    ("f", "ama", "Agência para a Modernização Administrativa, I. P.", "AMA", 1, False),
    ("g", "adc", "Agência para o Desenvolvimento e Coesão, I. P.", "AD&C", 1, False),
    ("h", "dgal", "Direção-Geral das Autarquias Locais", "DGAL", 1, False),
    ("i", "dgt", "Direção-Geral do Território", "DGT", 1, False),
    ("j", "empd", "Estrutura de Missão Portugal Digital", "EMPD", 1, True),
]

# Role → model permissions (app_label.codename). Later features extend these in their own
# migrations; object grants (a section's editors…) are django-guardian rows, not listed here.
ROLE_PERMISSIONS = {
    "secretariat": [
        "governance.view_workinggroup", "governance.change_workinggroup",
        "governance.view_entity", "governance.change_entity",
        "governance.view_user", "governance.add_user", "governance.change_user",
        "governance.view_invitation", "governance.add_invitation",
        "governance.change_invitation",
    ],
    "representative": [
        "governance.view_workinggroup", "governance.view_entity", "governance.view_user",
    ],
    "specialist": [
        "governance.view_workinggroup", "governance.view_entity", "governance.view_user",
    ],
    "organisation": ["governance.view_workinggroup"],
    "government": [
        "governance.view_workinggroup", "governance.view_entity", "governance.view_user",
    ],
}


def create_group_and_roles(apps, schema_editor):
    # Permissions are normally created after all migrations; the role groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    WorkingGroup = apps.get_model("governance", "WorkingGroup")
    Entity = apps.get_model("governance", "Entity")
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")

    WorkingGroup.objects.update_or_create(pk=1, defaults=GROUP)
    for paragraph, code, name, short_name, seats, secretariat in ENTITIES:
        Entity.objects.update_or_create(
            code=code,
            defaults={
                "paragraph": paragraph,
                "name": name,
                "short_name": short_name,
                "seats": seats,
                "is_secretariat": secretariat,
            },
        )
    for role, codenames in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=role)
        for dotted in codenames:
            app_label, codename = dotted.split(".")
            group.permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )


def remove_group_and_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLE_PERMISSIONS).delete()
    apps.get_model("governance", "Entity").objects.filter(
        code__in=[row[1] for row in ENTITIES]
    ).delete()
    apps.get_model("governance", "WorkingGroup").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("governance", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_group_and_roles, remove_group_and_roles)]
