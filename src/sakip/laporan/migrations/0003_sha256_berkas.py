"""The SHA-256 of a signed report's PDF and DOCX (DokumenBeku), kept at signing.

The data step hashes the files already kept; a file missing from the store is skipped and
its hash left blank (the restore check reports it).
"""

from django.db import migrations, models

from sakip.lib.migrasi import isi_hash_berkas

KOLOM = {"Laporan": [("pdf", "sha256_pdf"), ("docx", "sha256_docx")]}

isi_hash = isi_hash_berkas("laporan", KOLOM)


class Migration(migrations.Migration):
    dependencies = [("laporan", "0002_render_pdf_draf")]

    operations = [
        migrations.AddField(
            model_name="laporan",
            name="sha256_pdf",
            field=models.CharField(blank=True, max_length=64),
        ),
        migrations.AddField(
            model_name="laporan",
            name="sha256_docx",
            field=models.CharField(blank=True, max_length=64),
        ),
        migrations.RunPython(isi_hash, migrations.RunPython.noop),
    ]
