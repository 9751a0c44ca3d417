"""The file store is chosen by the environment: local disk by default, an S3-compatible
object store with `SAKIP_STORAGE=s3`. No object store answers here, so the tests stop at
the backend being selected and built with the options given (boto3 connects lazily)."""

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.files.storage import FileSystemStorage, storages
from django.utils.module_loading import import_string

from sakip.lib.penyimpanan import LOKAL, S3, penyimpanan_default

VARIABEL = [
    "SAKIP_STORAGE",
    "SAKIP_S3_BUCKET",
    "SAKIP_S3_ENDPOINT",
    "SAKIP_S3_REGION",
    "SAKIP_S3_ACCESS_KEY",
    "SAKIP_S3_SECRET_KEY",
    "SAKIP_S3_SECRET_KEY_FILE",
    "SAKIP_S3_PREFIX",
    "SAKIP_S3_ADDRESSING",
    "SAKIP_S3_VERIFY_TLS",
]


@pytest.fixture(autouse=True)
def _bersih(monkeypatch):
    for nama in VARIABEL:
        monkeypatch.delenv(nama, raising=False)


def _bangun(konfigurasi: dict):
    return import_string(konfigurasi["BACKEND"])(**konfigurasi.get("OPTIONS", {}))


def test_bawaan_disk_lokal():
    assert penyimpanan_default() == {"BACKEND": LOKAL}
    assert settings.STORAGES["default"]["BACKEND"] == LOKAL
    assert isinstance(storages["default"], FileSystemStorage)


def test_s3_memilih_django_storages_dengan_opsi_dari_lingkungan(monkeypatch, tmp_path):
    rahasia = tmp_path / "s3_secret"
    rahasia.write_text("rahasia-minio\n")
    monkeypatch.setenv("SAKIP_STORAGE", "s3")
    monkeypatch.setenv("SAKIP_S3_BUCKET", "sakip-dokumen")
    monkeypatch.setenv("SAKIP_S3_ENDPOINT", "https://minio.kab.go.id:9000")
    monkeypatch.setenv("SAKIP_S3_ACCESS_KEY", "sakip")
    monkeypatch.setenv("SAKIP_S3_SECRET_KEY_FILE", str(rahasia))
    monkeypatch.setenv("SAKIP_S3_PREFIX", "kab-uji")

    konfigurasi = penyimpanan_default()
    assert konfigurasi["BACKEND"] == S3
    penyimpanan = _bangun(konfigurasi)
    from storages.backends.s3 import S3Storage  # type: ignore[import-untyped]  # no types shipped

    assert isinstance(penyimpanan, S3Storage)
    assert penyimpanan.bucket_name == "sakip-dokumen"
    assert penyimpanan.endpoint_url == "https://minio.kab.go.id:9000"
    assert penyimpanan.secret_key == "rahasia-minio"  # read from the _FILE
    assert penyimpanan.location == "kab-uji"
    assert penyimpanan.addressing_style == "path"
    # Signed files are never overwritten, and nothing is public.
    assert penyimpanan.file_overwrite is False
    assert penyimpanan.default_acl is None and penyimpanan.querystring_auth is True


def test_s3_tanpa_bucket_atau_jenis_tak_dikenal_ditolak(monkeypatch):
    monkeypatch.setenv("SAKIP_STORAGE", "s3")
    with pytest.raises(ImproperlyConfigured, match="SAKIP_S3_BUCKET"):
        penyimpanan_default()
    monkeypatch.setenv("SAKIP_STORAGE", "ftp")
    with pytest.raises(ImproperlyConfigured, match="lokal"):
        penyimpanan_default()
