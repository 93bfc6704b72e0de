"""A contribution's territory fields cannot contradict each other (municipality, district,
NUTS II and III): the NUTS II region is the NUTS III region's parent, a single district is
derived, and a district outside the region is refused."""

import pytest
from django.core.exceptions import ValidationError

from contributions import services
from contributions.models import Contribution, District, Region
from tests import factories
from tests.contributions.test_contributions import create_url, initiative_data

pytestmark = pytest.mark.django_db


def test_every_nuts_iii_region_knows_its_districts():
    for region in Region.objects.filter(level=Region.Level.NUTS3):
        assert region.districts.exists(), region.code
    assert set(Region.objects.get(code="PT11A").districts.values_list("code", flat=True)) == {
        "PT-13",
        "PT-01",
    }
    assert set(District.objects.get(code="PT-10").nuts3_regions.values_list("code", flat=True)) >= {
        "PT193",
        "PT1D1",
    }


def test_a_district_outside_the_region_is_refused_on_the_form(client, contact, open_call):
    client.force_login(contact)
    faro = District.objects.get(code="PT-08")
    response = client.post(create_url(open_call), initiative_data(district=faro.pk))
    assert response.status_code == 200
    (message,) = response.context["form"].errors["district"]
    assert "Faro" in message
    assert "Área Metropolitana do Porto" in message
    assert "Porto, Aveiro" in message or "Aveiro, Porto" in message
    assert not Contribution.objects.exists()


def test_a_district_the_region_crosses_is_accepted(client, contact, open_call):
    client.force_login(contact)
    aveiro = District.objects.get(code="PT-01")
    response = client.post(create_url(open_call), initiative_data(district=aveiro.pk))
    assert response.status_code == 302
    assert Contribution.objects.get().district == aveiro


def test_the_district_is_derived_when_the_region_lies_in_one(contact, open_call):
    algarve = factories.initiative(actor=contact, call=open_call, region_code="PT150")
    assert algarve.district.code == "PT-08"
    assert algarve.region.parent.code == "PT15"


def test_a_region_across_districts_leaves_the_district_to_the_person(contact, open_call):
    porto = factories.initiative(actor=contact, call=open_call, region_code="PT11A")
    assert porto.district is None


def test_the_service_refuses_a_contradicting_update(contact, open_call):
    draft = factories.initiative(actor=contact, call=open_call, region_code="PT150")
    with pytest.raises(ValidationError) as caught:
        services.contribution_update(
            actor=contact,
            contribution=draft,
            district=District.objects.get(code="PT-20"),
        )
    assert caught.value.error_dict["district"][0].code == "territory_mismatch"
    draft.refresh_from_db()
    assert draft.district.code == "PT-08"


def test_full_clean_refuses_a_contradicting_pair(contact, open_call):
    draft = factories.initiative(actor=contact, call=open_call, region_code="PT300")
    draft.district = District.objects.get(code="PT-11")
    with pytest.raises(ValidationError):
        draft.full_clean()


def test_the_catalogue_filter_refuses_a_nuts_iii_outside_the_nuts_ii(client, representative):
    client.force_login(representative)
    response = client.get(
        "/contributos/catalogo/",
        {
            "nuts2": Region.objects.get(code="PT15").pk,
            "nuts3": Region.objects.get(code="PT11A").pk,
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["nuts3"]
