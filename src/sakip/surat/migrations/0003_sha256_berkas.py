"""The SHA-256 of a letter's unsigned PDF or scan and of a paper receipt's scan.

The data step hashes the files already kept; a file missing from the store is skipped and
its hash left blank (the restore check reports it).
"""

import hashlib

from django.db import migrations, models

KOLOM = {
    "Surat": [("berkas", "sha256_berkas")],
    "Penerima": [("berkas_tanda_terima", "sha256_tanda_terima")],
}


def _sha256(storage, nama: str) -> str:
    h = hashlib.sha256()
    with storage.open(nama, "rb") as f:
        while blok := f.read(1024 * 1024):
            h.update(blok)
    return h.hexdigest()


def isi_hash(apps, schema_editor):
    for model_nama, pasangan in KOLOM.items():
        model = apps.get_model("surat", model_nama)
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
    dependencies = [("surat", "0002_unggah_verifikasi")]

    operations = [
        migrations.AddField(
            model_name="surat",
            name="sha256_berkas",
            field=models.CharField(blank=True, max_length=64),
        ),
        migrations.AddField(
            model_name="penerima",
            name="sha256_tanda_terima",
            field=models.CharField(blank=True, max_length=64),
        ),
        migrations.RunPython(isi_hash, migrations.RunPython.noop),
    ]
