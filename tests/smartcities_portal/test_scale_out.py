"""Scale-out settings: a shared Redis cache, object storage by variables, and a web process that
refuses to start without its collected static files."""

import json

import pytest
from django.core.exceptions import ImproperlyConfigured

from smartcities_portal.environment import cache_from_url, media_storage_from_env
from smartcities_portal.startup import require_collected_static

MANIFEST_STORAGE = "whitenoise.storage.CompressedManifestStaticFilesStorage"


def test_the_cache_is_this_process_memory_without_redis(monkeypatch):
    monkeypatch.delenv("REDIS_URL", raising=False)
    monkeypatch.delenv("CACHE_URL", raising=False)
    backend = cache_from_url("REDIS_URL", "CACHE_URL")["default"]["BACKEND"]
    assert backend == "django.core.cache.backends.locmem.LocMemCache"


def test_redis_url_selects_djangos_redis_cache(monkeypatch):
    monkeypatch.setenv("REDIS_URL", "redis://127.0.0.1:6379/3")
    cache = cache_from_url("REDIS_URL", "CACHE_URL")["default"]
    assert cache["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert cache["LOCATION"] == "redis://127.0.0.1:6379/3"


def test_a_cache_url_that_is_not_redis_is_refused_by_name(monkeypatch):
    monkeypatch.delenv("REDIS_URL", raising=False)
    monkeypatch.setenv("CACHE_URL", "memcached://127.0.0.1:11211")
    with pytest.raises(ImproperlyConfigured, match="CACHE_URL"):
        cache_from_url("REDIS_URL", "CACHE_URL")


def test_the_redis_cache_is_shared_through_the_server(settings, monkeypatch):
    """Against the Redis on 127.0.0.1:6379 (there on these machines and in CI)."""
    from django.core.cache import caches

    monkeypatch.setenv("REDIS_URL", "redis://127.0.0.1:6379/9")
    settings.CACHES = cache_from_url("REDIS_URL")
    cache = caches["default"]
    try:
        cache.get("probe")
    except Exception:  # no server here: say so instead of failing obscurely
        pytest.skip("no Redis server on 127.0.0.1:6379")
    assert cache.add("portal-test-lock", "one", timeout=5)
    assert not cache.add("portal-test-lock", "two", timeout=5)  # a lock another process holds
    cache.delete("portal-test-lock")


def test_uploads_stay_on_the_disk_without_a_bucket(monkeypatch):
    monkeypatch.delenv("AWS_STORAGE_BUCKET_NAME", raising=False)
    storage = media_storage_from_env()
    assert storage["BACKEND"] == "django.core.files.storage.FileSystemStorage"


def test_a_bucket_selects_private_s3_storage(monkeypatch):
    monkeypatch.setenv("AWS_STORAGE_BUCKET_NAME", "portal-media")
    monkeypatch.setenv("AWS_S3_ENDPOINT_URL", "https://objects.example")
    storage = media_storage_from_env()
    assert storage["BACKEND"] == "storages.backends.s3.S3Storage"
    assert storage["OPTIONS"]["bucket_name"] == "portal-media"
    assert storage["OPTIONS"]["endpoint_url"] == "https://objects.example"
    assert storage["OPTIONS"]["default_acl"] is None
    assert storage["OPTIONS"]["querystring_auth"] is True


def test_a_bad_endpoint_is_refused_by_name(monkeypatch):
    monkeypatch.setenv("AWS_STORAGE_BUCKET_NAME", "portal-media")
    monkeypatch.setenv("AWS_S3_ENDPOINT_URL", "objects.example")
    with pytest.raises(ImproperlyConfigured, match="AWS_S3_ENDPOINT_URL"):
        media_storage_from_env()


def test_the_web_process_refuses_to_start_without_collected_static_files(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {"BACKEND": MANIFEST_STORAGE}}
    with pytest.raises(ImproperlyConfigured, match=r"manage\.py collectstatic --no-input"):
        require_collected_static()


def test_the_web_process_starts_once_they_are_collected(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {"BACKEND": MANIFEST_STORAGE}}
    manifest = {"paths": {"css/portal.css": "css/portal.abc123.css"}, "version": "1.1"}
    (tmp_path / "staticfiles.json").write_text(json.dumps(manifest))
    require_collected_static()


def test_compose_runs_several_web_and_worker_processes_on_one_database():
    from pathlib import Path

    import yaml

    compose = yaml.safe_load((Path(__file__).parents[2] / "docker-compose.yml").read_text())
    services = compose["services"]
    assert [
        name for name in services if services[name].get("image", "").startswith("postgres")
    ] == ["db"]
    assert services["web"]["deploy"]["replicas"] == "${WEB_REPLICAS:-2}"
    assert services["worker"]["deploy"]["replicas"] == "${WORKER_REPLICAS:-2}"
    assert services["migrate"]["command"][-2:] == ["migrate", "--no-input"]
    environment = compose["x-portal-environment"]
    assert environment["REDIS_URL"].startswith("redis://redis:")
    assert "@db:5432/" in environment["DATABASE_URL"]
