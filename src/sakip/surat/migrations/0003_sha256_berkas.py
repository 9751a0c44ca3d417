"""The SHA-256 of a letter's unsigned PDF or scan and of a paper receipt's scan.

The data step hashes the files already kept; a file missing from the store is skipped and
its hash left blank (the restore check reports it).
"""

from django.db import migrations, models

from sakip.lib.migrasi import isi_hash_berkas

KOLOM = {
    "Surat": [("berkas", "sha256_berkas")],
    "Penerima": [("berkas_tanda_terima", "sha256_tanda_terima")],
}

isi_hash = isi_hash_berkas("surat", KOLOM)


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
