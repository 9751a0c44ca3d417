"""The run's event log becomes append-only in the database too (sakip.audit.penjaga).

Its foreign keys PROTECT instead of CASCADE/SET_NULL, which the trigger would refuse;
the trigger comes last, after any table rebuild (SQLite drops triggers with the table).
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

TABEL = "sop_peristiwa"


def pasang(apps, schema_editor):
    from sakip.audit import penjaga

    penjaga.pasang(schema_editor, TABEL)


def lepas(apps, schema_editor):
    from sakip.audit import penjaga

    penjaga.lepas(schema_editor, TABEL)


class Migration(migrations.Migration):
    dependencies = [
        ("sop", "0003_tugas_dikembalikan_dari"),
        ("audit", "0005_penjaga_hanya_tambah"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterField(
            model_name="peristiwa",
            name="aktor",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AlterField(
            model_name="peristiwa",
            name="pelaksanaan",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="peristiwa",
                to="sop.pelaksanaan",
            ),
        ),
        migrations.AlterField(
            model_name="peristiwa",
            name="tugas",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="peristiwa",
                to="sop.tugas",
            ),
        ),
        migrations.RunPython(pasang, lepas),
    ]
