"""Which districts each NUTS III region (NUTS 2024) lies in, so a contribution's district and
region cannot contradict each other.

Read from the municipalities of each NUTS III region (Regulation (EU) 2023/674, NUTS 2024, and
INE's list of municipalities by NUTS III) and the district each belongs to. A region that
crosses district lines lists every district it touches, e.g. the Área Metropolitana do Porto
takes in Arouca, Espinho, Oliveira de Azeméis, Santa Maria da Feira, São João da Madeira and
Vale de Cambra of the district of Aveiro; the Oeste takes in six municipalities of Leiria.
"""

from django.db import migrations

NUTS3_DISTRICTS = {
    "PT111": ["PT-16"],  # Alto Minho: Viana do Castelo
    "PT112": ["PT-03"],  # Cávado: Braga
    "PT119": ["PT-03", "PT-17"],  # Ave: Braga; Mondim de Basto (Vila Real)
    "PT11A": ["PT-13", "PT-01"],  # AM do Porto: Porto; six municipalities of Aveiro
    "PT11B": ["PT-17"],  # Alto Tâmega e Barroso: Vila Real
    # Tâmega e Sousa: Porto; Celorico de Basto (Braga), Castelo de Paiva (Aveiro),
    # Cinfães and Resende (Viseu)
    "PT11C": ["PT-13", "PT-03", "PT-01", "PT-18"],
    # Douro: Vila Real, Viseu; Carrazeda de Ansiães, Freixo, Moncorvo (Bragança); Foz Côa (Guarda)
    "PT11D": ["PT-17", "PT-18", "PT-04", "PT-09"],
    "PT11E": ["PT-04"],  # Terras de Trás-os-Montes: Bragança
    "PT150": ["PT-08"],  # Algarve: Faro
    "PT191": ["PT-01"],  # Região de Aveiro: Aveiro
    "PT192": ["PT-06", "PT-01", "PT-18"],  # Região de Coimbra; Mealhada (Aveiro), Mortágua (Viseu)
    "PT193": ["PT-10"],  # Região de Leiria: Leiria
    "PT194": ["PT-18", "PT-09"],  # Viseu Dão Lafões: Viseu; Aguiar da Beira (Guarda)
    "PT195": ["PT-05"],  # Beira Baixa: Castelo Branco
    "PT196": ["PT-09", "PT-05"],  # Beiras e Serra da Estrela: Guarda; Belmonte, Covilhã, Fundão
    "PT1A0": ["PT-11"],  # Grande Lisboa: Lisboa
    "PT1B0": ["PT-15"],  # Península de Setúbal: Setúbal
    "PT1C1": ["PT-15", "PT-02"],  # Alentejo Litoral: Setúbal; Odemira (Beja)
    "PT1C2": ["PT-02"],  # Baixo Alentejo: Beja
    "PT1C3": ["PT-12"],  # Alto Alentejo: Portalegre
    "PT1C4": ["PT-07", "PT-12"],  # Alentejo Central: Évora; Sousel (Portalegre)
    "PT1D1": ["PT-11", "PT-10"],  # Oeste: Lisboa; Alcobaça, Bombarral, Caldas, Nazaré, Óbidos, Peniche
    "PT1D2": ["PT-14", "PT-05"],  # Médio Tejo: Santarém; Sertã, Vila de Rei (Castelo Branco)
    "PT1D3": ["PT-14", "PT-11"],  # Lezíria do Tejo: Santarém; Azambuja (Lisboa)
    "PT200": ["PT-20"],  # Açores
    "PT300": ["PT-30"],  # Madeira
}


def link(apps, schema_editor):
    Region = apps.get_model("contributions", "Region")
    District = apps.get_model("contributions", "District")
    districts = {district.code: district for district in District.objects.all()}
    for code, district_codes in NUTS3_DISTRICTS.items():
        region = Region.objects.get(code=code)
        region.districts.set([districts[district] for district in district_codes])


def unlink(apps, schema_editor):
    Region = apps.get_model("contributions", "Region")
    for region in Region.objects.all():
        region.districts.clear()


class Migration(migrations.Migration):
    dependencies = [("contributions", "0004_nuts3_region_districts")]

    operations = [migrations.RunPython(link, unlink)]
