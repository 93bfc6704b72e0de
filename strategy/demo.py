"""Demo outline of the three deliverables (used by ``manage.py seed_demo``).

Plausible skeletons inferred from the public outcome of the group's work (Resolução do
Conselho de Ministros n.º 176/2023); not the official tables of contents.
"""

from django.db import transaction

from governance.models import Role, User
from strategy import services
from strategy.models import Deliverable, Principle, Section

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
