"""Where uploads, generated and signed documents are kept: the `default` entry of
`settings.STORAGES`, chosen by the environment (docs/deploy.md, *Dokumen di object storage*).

Local disk under MEDIA_ROOT unless `SAKIP_STORAGE=s3`, which puts every file in an
S3-compatible object store (MinIO, a government cloud, AWS) through django-storages. The
code reads and writes files only through Django's storage API, so nothing else changes.
"""

from __future__ import annotations

from django.core.exceptions import ImproperlyConfigured

from .env import envbool, envstr

LOKAL = "django.core.files.storage.FileSystemStorage"
S3 = "storages.backends.s3.S3Storage"


def penyimpanan_default() -> dict:
    jenis = envstr("SAKIP_STORAGE", "lokal").strip().lower()
    if jenis in ("", "lokal", "local"):
        return {"BACKEND": LOKAL}
    if jenis != "s3":
        raise ImproperlyConfigured(f"SAKIP_STORAGE={jenis!r}: pilih 'lokal' atau 's3'.")
    bucket = envstr("SAKIP_S3_BUCKET")
    if not bucket:
        raise ImproperlyConfigured("SAKIP_STORAGE=s3 memerlukan SAKIP_S3_BUCKET.")
    return {
        "BACKEND": S3,
        "OPTIONS": {
            "bucket_name": bucket,
            # MinIO or another store: its address; empty means AWS itself.
            "endpoint_url": envstr("SAKIP_S3_ENDPOINT") or None,
            "region_name": envstr("SAKIP_S3_REGION") or None,
            "access_key": envstr("SAKIP_S3_ACCESS_KEY") or None,
            "secret_key": envstr("SAKIP_S3_SECRET_KEY") or None,  # or SAKIP_S3_SECRET_KEY_FILE
            "location": envstr("SAKIP_S3_PREFIX"),  # a folder inside a shared bucket
            # MinIO and most on-premises stores address buckets by path, not subdomain.
            "addressing_style": envstr("SAKIP_S3_ADDRESSING", "path") or None,
            "verify": envbool("SAKIP_S3_VERIFY_TLS", True),
            # Never overwrite: a second file of the same name gets a new name, as on local
            # disk, so a signed PDF stays the bytes that were signed.
            "file_overwrite": False,
            # Private objects: files reach users only through the app's permission check
            # (the app reads and sends them), never by a public bucket URL.
            "default_acl": None,
            "querystring_auth": True,
        },
    }
