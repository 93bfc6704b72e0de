"""Districts (ISO 3166-2:PT), NUTS 2024 regions of Portugal, and the roles' permissions here.

The codes and names are in shared/domain/REFERENCE.md («Territory reference data»); the
district names are those of ISO 3166-2:PT (PT-20 is the Açores and PT-30 Madeira).
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

DISTRICTS = [
    ("PT-01", "Aveiro"), ("PT-02", "Beja"), ("PT-03", "Braga"), ("PT-04", "Bragança"),
    ("PT-05", "Castelo Branco"), ("PT-06", "Coimbra"), ("PT-07", "Évora"), ("PT-08", "Faro"),
    ("PT-09", "Guarda"), ("PT-10", "Leiria"), ("PT-11", "Lisboa"), ("PT-12", "Portalegre"),
    ("PT-13", "Porto"), ("PT-14", "Santarém"), ("PT-15", "Setúbal"),
    ("PT-16", "Viana do Castelo"), ("PT-17", "Vila Real"), ("PT-18", "Viseu"),
    ("PT-20", "Região Autónoma dos Açores"), ("PT-30", "Região Autónoma da Madeira"),
]

# NUTS 2024, in force since 1 January 2024.
NUTS2 = [
    ("PT11", "Norte"), ("PT15", "Algarve"), ("PT19", "Centro"), ("PT1A", "Grande Lisboa"),
    ("PT1B", "Península de Setúbal"), ("PT1C", "Alentejo"), ("PT1D", "Oeste e Vale do Tejo"),
    ("PT20", "Região Autónoma dos Açores"), ("PT30", "Região Autónoma da Madeira"),
]
NUTS3 = [
    ("PT111", "Alto Minho"), ("PT112", "Cávado"), ("PT119", "Ave"),
    ("PT11A", "Área Metropolitana do Porto"), ("PT11B", "Alto Tâmega e Barroso"),
    ("PT11C", "Tâmega e Sousa"), ("PT11D", "Douro"), ("PT11E", "Terras de Trás-os-Montes"),
    ("PT150", "Algarve"), ("PT191", "Região de Aveiro"), ("PT192", "Região de Coimbra"),
    ("PT193", "Região de Leiria"), ("PT194", "Viseu Dão Lafões"), ("PT195", "Beira Baixa"),
    ("PT196", "Beiras e Serra da Estrela"), ("PT1A0", "Grande Lisboa"),
    ("PT1B0", "Península de Setúbal"), ("PT1C1", "Alentejo Litoral"), ("PT1C2", "Baixo Alentejo"),
    ("PT1C3", "Alto Alentejo"), ("PT1C4", "Alentejo Central"), ("PT1D1", "Oeste"),
    ("PT1D2", "Médio Tejo"), ("PT1D3", "Lezíria do Tejo"), ("PT200", "Açores"),
    ("PT300", "Madeira"),
]

# Role-wide abilities. Which contributions a person reads or reviews is decided per object in
# contributions/permissions.py (own organisation; reviewer grants are django-guardian rows).
ROLE_PERMISSIONS = {
    "secretariat": [
        "contributions.view_organisation", "contributions.add_organisation",
        "contributions.change_organisation", "contributions.view_organisationcontact",
        "contributions.add_organisationcontact",
        "contributions.view_call", "contributions.add_call", "contributions.change_call",
        "contributions.view_contribution", "contributions.review_contribution",
        "contributions.assign_reviewers", "contributions.view_attachment",
        "contributions.view_region", "contributions.view_district",
    ],
    "representative": [
        "contributions.view_call", "contributions.view_contribution",
        "contributions.view_attachment", "contributions.view_region",
        "contributions.view_district",
    ],
    "organisation": [
        "contributions.view_call", "contributions.add_contribution",
        "contributions.change_contribution", "contributions.add_attachment",
        "contributions.view_region", "contributions.view_district",
    ],
}


def create(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    District = apps.get_model("contributions", "District")
    Region = apps.get_model("contributions", "Region")
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for code, name in DISTRICTS:
        District.objects.update_or_create(code=code, defaults={"name": name})
    parents = {}
    for code, name in NUTS2:
        parents[code], _ = Region.objects.update_or_create(
            code=code, defaults={"name": name, "level": 2, "parent": None}
        )
    for code, name in NUTS3:
        Region.objects.update_or_create(
            code=code, defaults={"name": name, "level": 3, "parent": parents[code[:4]]}
        )
    for role, dotted_names in ROLE_PERMISSIONS.items():
        group = Group.objects.get(name=role)
        for dotted in dotted_names:
            app_label, codename = dotted.split(".")
            group.permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )


def remove(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    for group in apps.get_model("auth", "Group").objects.filter(name__in=ROLE_PERMISSIONS):
        group.permissions.remove(*Permission.objects.filter(content_type__app_label="contributions"))
    apps.get_model("contributions", "Region").objects.filter(level=3).delete()
    apps.get_model("contributions", "Region").objects.all().delete()
    apps.get_model("contributions", "District").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("contributions", "0001_initial"),
        ("governance", "0002_working_group_entities_and_roles"),
    ]

    operations = [migrations.RunPython(create, remove)]
