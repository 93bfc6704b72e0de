"""Uploads and PDFs on S3-compatible object storage (django-storages), against a real server.

The server is moto's, which `.ci/run` starts on a loopback port and names in
TEST_S3_ENDPOINT_URL; without that variable these tests are skipped locally, and `.ci/run`
fails if they are skipped there.
"""

import os
import uuid

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import storages

from smartcities_portal.environment import media_storage_from_env
from strategy import services
from tests import factories

ENDPOINT = os.environ.get("TEST_S3_ENDPOINT_URL", "")

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not ENDPOINT, reason="TEST_S3_ENDPOINT_URL is not set (.ci/run sets it)"),
]


@pytest.fixture
def bucket(settings, monkeypatch):
    """A fresh bucket on the test server, configured the way production is: by variables."""
    import boto3

    name = f"portal-{uuid.uuid4().hex[:12]}"
    variables = {
        "AWS_STORAGE_BUCKET_NAME": name,
        "AWS_S3_ENDPOINT_URL": ENDPOINT,
        "AWS_S3_REGION_NAME": "us-east-1",
        "AWS_ACCESS_KEY_ID": "test",
        "AWS_SECRET_ACCESS_KEY": "test",
    }
    for variable, value in variables.items():
        monkeypatch.setenv(variable, value)
    client = boto3.client(
        "s3",
        endpoint_url=ENDPOINT,
        region_name="us-east-1",
        aws_access_key_id="test",
        aws_secret_access_key="test",
    )
    client.create_bucket(Bucket=name)
    settings.STORAGES = {**settings.STORAGES, "default": media_storage_from_env()}
    return client, name


def test_the_configured_storage_is_s3_compatible(bucket):
    assert type(storages["default"]).__name__ == "S3Storage"


def test_a_stored_file_lands_in_the_bucket_and_reads_back(bucket):
    client, name = bucket
    stored = storages["default"].save("anexos/nota.txt", ContentFile(b"conteudo"))
    listed = [item["Key"] for item in client.list_objects_v2(Bucket=name)["Contents"]]
    assert listed == [f"media/{stored}"]
    with storages["default"].open(stored) as handle:
        assert handle.read() == b"conteudo"


def test_a_release_pdf_is_kept_in_the_bucket_and_downloaded_from_it(
    bucket, client, secretariat, government, django_capture_on_commit_callbacks
):
    s3, name = bucket
    section = factories.section(actor=secretariat, title="Visão", body="O texto da visão.")
    with django_capture_on_commit_callbacks(execute=True):
        release = services.release_publish(
            actor=secretariat,
            deliverable=section.deliverable,
            label="v0.1",
            kind="working_draft",
            visibility="government",
        )
    release.render.refresh_from_db()
    stored = s3.get_object(Bucket=name, Key=f"media/{release.render.pdf.name}")["Body"].read()
    assert stored.startswith(b"%PDF")
    client.force_login(government)
    response = client.get(f"/versoes/{release.pk}/transferir/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == stored
