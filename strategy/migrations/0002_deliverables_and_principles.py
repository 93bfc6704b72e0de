"""The three deliverables of n.º 2 and the seven principles of n.º 3 of Despacho n.º 1369-A/2022."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

DELIVERABLES = [
    ("a", "estrategia", "Estratégia Nacional de Smart Cities",
     "Proposta de Estratégia Nacional de Smart Cities, que apoie a implementação local de "
     "territórios inteligentes"),
    ("b", "plano-de-acao", "Plano de ação e modelo de governança 2022–2025",
     "Proposta de plano de ação e modelo de governança para implementação da Estratégia, "
     "a vigorar no período entre 2022 e 2025"),
    ("c", "arquitetura-de-referencia", "Arquitetura tecnológica de referência",
     "Proposta de documento de arquitetura tecnológica de referência para os territórios "
     "inteligentes e especificações técnicas, incluindo um quadro de interoperabilidade para as "
     "iniciativas desenvolvidas em Portugal"),
]

PRINCIPLES = [
    ("a", "Expansão efetiva de projetos-piloto de escala local",
     "Assegurar a efetiva expansão de projetos-piloto de escala local;"),
    ("b", "Modelo de governança comum",
     "Promover a adoção de um modelo de governança comum;"),
    ("c", "Planeamento integrado",
     "Assegurar o planeamento integrado que permita captar sinergias entre iniciativas, "
     "melhorar a tomada de decisão e otimizar a despesa pública;"),
    ("d", "Partilha de experiências e aprendizagens",
     "Assegurar a partilha de experiências e aprendizagens entre as várias partes interessadas;"),
    ("e", "Competitividade, inovação e internacionalização das empresas",
     "Fomentar a competitividade, inovação e internacionalização das empresas do setor;"),
    ("f", "Replicação de modelos de cidades inteligentes",
     "Estimular os municípios a desenvolver projetos urbanos inteligentes e que promovam a "
     "replicação de modelos de cidades inteligentes noutros municípios do território nacional;"),
    ("g", "Papel das cidades na competitividade e coesão dos territórios",
     "Reforçar o papel das cidades de modo a promover a competitividade dos territórios "
     "envolventes, o incremento das capacidades empresariais já instaladas e a capacitação dos "
     "atores locais, assegurando a coesão territorial em abordagens de maior proximidade e "
     "contribuindo para a valorização dos territórios do Interior."),
]

# Members read and comment on every section; edits and coordination are object grants.
ROLE_PERMISSIONS = {
    "secretariat": [
        "strategy.view_deliverable", "strategy.view_section", "strategy.add_section",
        "strategy.view_principle", "strategy.view_comment", "strategy.add_comment",
    ],
    "representative": [
        "strategy.view_deliverable", "strategy.view_section", "strategy.view_principle",
        "strategy.view_comment", "strategy.add_comment",
    ],
}


def create(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Deliverable = apps.get_model("strategy", "Deliverable")
    Principle = apps.get_model("strategy", "Principle")
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for letter, slug, short_title, title in DELIVERABLES:
        Deliverable.objects.update_or_create(
            slug=slug, defaults={"letter": letter, "short_title": short_title, "title": title}
        )
    for letter, title, text in PRINCIPLES:
        Principle.objects.update_or_create(letter=letter, defaults={"title": title, "text": text})
    for role, dotted_names in ROLE_PERMISSIONS.items():
        group = Group.objects.get(name=role)
        for dotted in dotted_names:
            app_label, codename = dotted.split(".")
            group.permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )


def remove(apps, schema_editor):
    apps.get_model("strategy", "Deliverable").objects.all().delete()
    apps.get_model("strategy", "Principle").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("strategy", "0001_initial"),
        ("governance", "0002_working_group_entities_and_roles"),
    ]

    operations = [migrations.RunPython(create, remove)]
