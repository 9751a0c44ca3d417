"""The database refuses UPDATE and DELETE on the audit table (penjaga.py), after 0004."""

from django.db import migrations

TABEL = "audit_catatanaudit"


def pasang(apps, schema_editor):
    from sakip.audit import penjaga

    penjaga.pasang(schema_editor, TABEL)


def lepas(apps, schema_editor):
    from sakip.audit import penjaga

    penjaga.lepas(schema_editor, TABEL)


class Migration(migrations.Migration):
    dependencies = [("audit", "0004_rantai_catatan_lama")]

    operations = [migrations.RunPython(pasang, lepas)]
