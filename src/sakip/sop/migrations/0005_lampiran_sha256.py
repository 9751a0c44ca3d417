"""The SHA-256 of a step's attachment, kept at upload.

The data step hashes the files already kept; a file missing from the store is skipped and
its hash left blank (the restore check reports it).
"""

import hashlib

from django.db import migrations, models

KOLOM = {"Lampiran": [("berkas", "sha256")]}


def _sha256(storage, nama: str) -> str:
    h = hashlib.sha256()
    with storage.open(nama, "rb") as f:
        while blok := f.read(1024 * 1024):
            h.update(blok)
    return h.hexdigest()


def isi_hash(apps, schema_editor):
    for model_nama, pasangan in KOLOM.items():
        model = apps.get_model("sop", model_nama)
        for bidang, kolom in pasangan:
            storage = model._meta.get_field(bidang).storage
            baris = model._base_manager.exclude(**{bidang: ""}).exclude(
                **{f"{bidang}__isnull": True}
            )
            for pk, nama in baris.values_list("pk", bidang).iterator():
                try:
                    sha = _sha256(storage, nama)
                except OSError:
                    continue  # not in the store: left blank
                model._base_manager.filter(pk=pk).update(**{kolom: sha})


class Migration(migrations.Migration):
    dependencies = [("sop", "0004_peristiwa_hanya_tambah")]

    operations = [
        migrations.AddField(
            model_name="lampiran",
            name="sha256",
            field=models.CharField(blank=True, max_length=64),
        ),
        migrations.RunPython(isi_hash, migrations.RunPython.noop),
    ]
