"""The SHA-256 of a step's attachment, kept at upload.

The data step hashes the files already kept; a file missing from the store is skipped and
its hash left blank (the restore check reports it).
"""

from django.db import migrations, models

from sakip.lib.migrasi import isi_hash_berkas

KOLOM = {"Lampiran": [("berkas", "sha256")]}

isi_hash = isi_hash_berkas("sop", KOLOM)


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
