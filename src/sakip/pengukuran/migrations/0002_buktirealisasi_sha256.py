"""The SHA-256 of a realisation's evidence file, kept at upload.

The data step hashes the files already kept; a file missing from the store is skipped and
its hash left blank (the restore check reports it).
"""

from django.db import migrations, models

from sakip.lib.migrasi import isi_hash_berkas

KOLOM = {"BuktiRealisasi": [("berkas", "sha256")]}

isi_hash = isi_hash_berkas("pengukuran", KOLOM)


class Migration(migrations.Migration):
    dependencies = [("pengukuran", "0001_pengukuran_kinerja")]

    operations = [
        migrations.AddField(
            model_name="buktirealisasi",
            name="sha256",
            field=models.CharField(blank=True, max_length=64),
        ),
        migrations.RunPython(isi_hash, migrations.RunPython.noop),
    ]
