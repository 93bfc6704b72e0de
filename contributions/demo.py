"""Demo contributions (used by ``manage.py seed_demo``): one organisation, one open call, three
contributions. Safe to run again: what exists is kept, a closed demo call is reopened.

The organisation and its NIF are fictitious (the NIF only has a valid check digit).
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from contributions import services
from contributions.models import Call, Contribution, Organisation, OrganisationContact, Region
from governance.models import User

DEMO_NIF = "510000002"
DEMO_CALL = "Iniciativas, boas práticas e princípios para os territórios inteligentes"

CONTRIBUTIONS = [
    (
        Contribution.Kind.INITIATIVE,
        {
            "title": "Plataforma intermunicipal de gestão urbana",
            "summary": (
                "Plataforma aberta que reúne dados de mobilidade, ambiente e iluminação pública "
                "dos municípios da comunidade, com indicadores publicados como dados abertos."
            ),
            "body": (
                "## O que faz\n\nIntegra sensores e sistemas municipais num *context broker* "
                "NGSI-LD e publica indicadores ISO 37120.\n\n## O que aprendemos\n\n"
                "- Começar por poucos casos de uso;\n- partilhar os modelos de dados."
            ),
            "municipality": "Exemplo",
            "region": "PT192",
            "domain": Contribution.Domain.GOVERNANCE,
            "maturity": Contribution.Maturity.OPERATING,
            "technologies": "FIWARE, NGSI-LD (ETSI GS CIM 009), Smart Data Models, DCAT-AP",
            "results": "Dados de 12 sistemas numa só plataforma; 40 conjuntos de dados abertos.",
            "link": "https://exemplo.example/plataforma",
        },
        "submit",
    ),
    (
        Contribution.Kind.BEST_PRACTICE,
        {
            "title": "Mecanismos Mínimos de Interoperabilidade nas compras públicas",
            "summary": (
                "Cidades da rede OASC exigem os MIM nos cadernos de encargos, o que evita "
                "soluções fechadas e facilita a replicação entre municípios."
            ),
            "body": "Referência aos **MIM1 a MIM7** nas especificações técnicas dos concursos.",
            "country": "FI",
            "place": "Helsínquia",
            "source": "Open & Agile Smart Cities, documentação pública dos MIM",
            "transferability": (
                "Os municípios portugueses podem usar as mesmas cláusulas; a DGAL e a AMA "
                "podem publicar um modelo."
            ),
        },
        "decide",
    ),
    (
        Contribution.Kind.PRINCIPLE,
        {
            "title": "Dados abertos por omissão",
            "summary": "Os dados produzidos por soluções urbanas financiadas com fundos públicos "
            "devem ser abertos, salvo razão de privacidade ou segurança.",
            "body": "",
            "statement": "Os dados de soluções urbanas financiadas publicamente são abertos.",
            "rationale": "Permite replicar soluções e comparar indicadores entre territórios.",
        },
        "draft",
    ),
]


@transaction.atomic
def seed_demo_contributions() -> int:
    """Make the demo organisation, call and contributions that are missing; return how many
    contributions were made."""
    secretariat = User.objects.get(email="secretariado@empd.example")
    contact = User.objects.get(email="contacto@organizacao.example")
    organisation = Organisation.objects.filter(nif=DEMO_NIF).first()
    if organisation is None:
        organisation = services.organisation_create(
            actor=secretariat,
            name="Comunidade Intermunicipal de Exemplo",
            kind=Organisation.Kind.MUNICIPALITY,
            scope=Organisation.Scope.NATIONAL,
            country="PT",
            nif=DEMO_NIF,
        )
    if not OrganisationContact.objects.filter(user=contact).exists():
        services.organisation_contact_add(
            actor=secretariat, organisation=organisation, person=contact
        )
    now = timezone.now()
    call = Call.objects.filter(title=DEMO_CALL).first()
    if call is None:
        call = services.call_create(
            actor=secretariat,
            title=DEMO_CALL,
            description=(
                "O grupo de trabalho recolhe contributos sobre iniciativas e soluções "
                "existentes, boas práticas na Europa e no mundo e princípios para desenvolver "
                "e exportar soluções urbanas inteligentes (considerando G do despacho)."
            ),
            opens_at=now - timedelta(days=7),
            closes_at=now + timedelta(days=90),
            accepts_initiatives=True,
            accepts_best_practices=True,
            accepts_principles=True,
        )
    elif not call.is_open(now):
        call = services.call_update(
            actor=secretariat,
            call=call,
            opens_at=now - timedelta(days=7),
            closes_at=now + timedelta(days=90),
        )
    created = 0
    for kind, fields, outcome in CONTRIBUTIONS:
        if Contribution.objects.filter(organisation=organisation, title=fields["title"]).exists():
            continue
        data = dict(fields)
        if "region" in data:
            data["region"] = Region.objects.get(code=data["region"])
        contribution = services.contribution_create(actor=contact, call=call, kind=kind, **data)
        created += 1
        if outcome in {"submit", "decide"}:
            contribution = services.contribution_submit(actor=contact, contribution=contribution)
        if outcome == "decide":
            contribution = services.contribution_start_review(
                actor=secretariat, contribution=contribution
            )
            services.contribution_decide(
                actor=secretariat,
                contribution=contribution,
                state=Contribution.State.PARTLY_ACCEPTED,
                reason="Retida a parte sobre dados abertos; a plataforma proposta duplica a AMA.",
                feedback="Útil para o capítulo de interoperabilidade da arquitetura de referência.",
            )
    return created
