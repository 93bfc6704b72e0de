"""Demo outline of the three deliverables (used by ``manage.py seed_demo``).

Plausible skeletons inferred from the public outcome of the group's work (Resolução do
Conselho de Ministros n.º 176/2023); not the official tables of contents.
"""

from datetime import date

from django.db import transaction

from governance.models import Entity, Role, User
from strategy import services
from strategy.models import (
    ACTION_PLAN_SLUG,
    Deliverable,
    PlanAction,
    Principle,
    Section,
    StrategicObjective,
)

# deliverable slug → [(title, text, principle letters, [(subtitle, text, letters)])]
OUTLINES = {
    "estrategia": [
        (
            "Sumário executivo",
            "A Estratégia Nacional de Smart Cities apoia a implementação local de "
            "**territórios inteligentes**, com serviços públicos autárquicos mais centrados "
            "nas pessoas, inclusivos, sustentáveis e interoperáveis.",
            "bc",
            [],
        ),
        (
            "Enquadramento",
            "O Plano de Ação para a Transição Digital (Resolução do Conselho de Ministros "
            "n.º 30/2020) prevê a definição e implementação desta estratégia.",
            "",
            [
                (
                    "Contexto europeu",
                    "Mecanismos Mínimos de Interoperabilidade (MIM) da OASC e o Quadro "
                    "Europeu de Interoperabilidade.",
                    "d",
                ),
                ("Contexto nacional", "", ""),
            ],
        ),
        ("Diagnóstico", "", "", []),
        (
            "Visão",
            "Territórios inteligentes, sustentáveis e coesos, do litoral ao Interior.",
            "g",
            [],
        ),
        ("Princípios orientadores", "", "abcdefg", []),
        (
            "Objetivos estratégicos",
            "1. Territórios sustentáveis e ação climática\n"
            "2. Colaboração multinível e interoperabilidade\n3. Economia digital competitiva",
            "ce",
            [],
        ),
        (
            "Domínios",
            "Governança, sociedade, mobilidade, ambiente, qualidade de vida e economia.",
            "",
            [],
        ),
        ("Governação e monitorização", "", "b", []),
    ],
    "plano-de-acao": [
        (
            "Fichas de ação",
            "Cada ação tem código, objetivo, entidade responsável, calendário, "
            "indicadores e metas, financiamento e estado.",
            "a",
            [
                ("Ação 1.1 — Catálogo nacional de modelos de dados", "", "d"),
                ("Ação 1.2 — Programa de replicação de projetos-piloto", "", "af"),
            ],
        ),
        (
            "Modelo de governança",
            "Estrutura de Coordenação Geral, Estrutura de Coordenação Estratégica, "
            "Conselho Consultivo, Estrutura de Apoio Técnico e de Acompanhamento e "
            "Estrutura de Ação Territorial.",
            "b",
            [],
        ),
        ("Riscos", "", "", []),
    ],
    "arquitetura-de-referencia": [
        ("Princípios da arquitetura", "", "", []),
        ("Níveis de interoperabilidade", "Jurídico, organizacional, semântico e técnico.", "", []),
        (
            "Camadas",
            "",
            "",
            [
                ("Fontes de dados e IoT", "", ""),
                (
                    "Gestão de contexto",
                    "NGSI-LD (ETSI GS CIM 009) e *FIWARE Smart Data Models*.",
                    "d",
                ),
                ("APIs e serviços", "", ""),
            ],
        ),
        (
            "Especificações técnicas",
            "| Tema | Norma |\n|---|---|\n| Metadados | DCAT-AP 3.0 + INSPIRE |\n"
            "| Geografia | GeoJSON (EPSG:3763) |\n| Datas | ISO 8601 |",
            "",
            [],
        ),
        ("Indicadores", "ISO 37120, ISO 37122 e os KPI U4SSC (ITU-T Y.4903).", "", []),
    ],
}


@transaction.atomic
def seed_demo_sections() -> int:
    """Give each deliverable without sections a demo outline; return how many sections were made."""
    secretariat = User.objects.get(email="secretariado@empd.example")
    editors = list(User.objects.filter(role=Role.REPRESENTATIVE, is_active=True).order_by("email"))
    principles = {p.letter: p for p in Principle.objects.all()}
    created = 0
    for index, (slug, outline) in enumerate(OUTLINES.items()):
        deliverable = Deliverable.objects.get(slug=slug)
        if Section.objects.filter(deliverable=deliverable).exists():
            continue
        if editors:
            services.deliverable_coordinator_assign(
                actor=secretariat, deliverable=deliverable, person=editors[index % len(editors)]
            )
        for title, text, letters, children in outline:
            parent = _section(
                secretariat, deliverable, None, title, text, letters, principles, editors
            )
            created += 1
            for child_title, child_text, child_letters in children:
                _section(
                    secretariat,
                    deliverable,
                    parent,
                    child_title,
                    child_text,
                    child_letters,
                    principles,
                    editors,
                )
                created += 1
    return created


def _section(actor, deliverable, parent, title, text, letters, principles, editors) -> Section:
    section = services.section_create(
        actor=actor, deliverable=deliverable, parent=parent, title=title
    )
    editor = editors[section.pk % len(editors)] if editors else actor
    services.section_editor_assign(actor=actor, section=section, person=editor)
    services.section_editor_assign(actor=actor, section=section, person=actor)
    if text or letters:
        services.section_update(
            actor=actor,
            section=section,
            base_revision=section.revision,
            title=title,
            body=text,
            change_note="Texto inicial",
            principles=[principles[letter] for letter in letters],
        )
    return section


# code, title, objective, responsible, involved, start, end, [(indicator, target)], funding, state
ACTIONS = [
    (
        "A1.1",
        "Catálogo nacional de modelos de dados",
        StrategicObjective.MULTILEVEL_COLLABORATION,
        "ama",
        ["dgt", "empd"],
        date(2022, 6, 1),
        date(2023, 12, 31),
        [("Modelos de dados publicados", "50"), ("Municípios que usam o catálogo", "30")],
        "PRR",
        PlanAction.State.IN_PROGRESS,
    ),
    (
        "A1.2",
        "Programa de replicação de projetos-piloto",
        StrategicObjective.SUSTAINABLE_TERRITORIES,
        "coesao",
        ["dgal", "adc"],
        date(2022, 9, 1),
        date(2025, 6, 30),
        [("Projetos-piloto replicados", "20"), ("Municípios do Interior abrangidos", "10")],
        "Portugal 2030",
        PlanAction.State.PLANNED,
    ),
    (
        "A2.1",
        "Plataforma de gestão urbana de referência (NGSI-LD)",
        StrategicObjective.MULTILEVEL_COLLABORATION,
        "empd",
        ["ama", "dgt"],
        date(2023, 1, 1),
        date(2024, 12, 31),
        [("Plataformas conformes com a arquitetura de referência", "15")],
        "PRR",
        PlanAction.State.PLANNED,
    ),
    (
        "A3.1",
        "Portal dos territórios inteligentes",
        StrategicObjective.SMART_TERRITORIES_PORTAL,
        "ama",
        ["empd", "dgal"],
        date(2022, 10, 1),
        date(2023, 6, 30),
        [("Portal em produção", "1"), ("Iniciativas registadas", "100")],
        "Orçamento do Estado",
        PlanAction.State.IN_PROGRESS,
    ),
    (
        "A4.1",
        "Programa de capacitação de técnicos municipais",
        StrategicObjective.LEADERSHIP_AND_SKILLS,
        "dgal",
        ["ama", "coesao"],
        date(2023, 3, 1),
        date(2025, 12, 31),
        [("Técnicos municipais formados", "500")],
        "Portugal 2030",
        PlanAction.State.PLANNED,
    ),
]


@transaction.atomic
def seed_demo_actions() -> int:
    """Give the action plan demo actions if it has none; return how many were made."""
    if PlanAction.objects.filter(deliverable__slug=ACTION_PLAN_SLUG).exists():
        return 0
    secretariat = User.objects.get(email="secretariado@empd.example")
    entities = {entity.code: entity for entity in Entity.objects.all()}
    for (
        code,
        title,
        objective,
        responsible,
        involved,
        start,
        end,
        indicators,
        funding,
        state,
    ) in ACTIONS:
        services.action_create(
            actor=secretariat,
            code=code,
            title=title,
            objective=objective,
            responsible=entities[responsible],
            involved_entities=[entities[entity] for entity in involved],
            start=start,
            end=end,
            indicators=[{"name": name, "target": target} for name, target in indicators],
            funding=funding,
            state=state,
        )
    return len(ACTIONS)
