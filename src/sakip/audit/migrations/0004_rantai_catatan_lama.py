"""Chain the records written before the hash chain existed, in id order (rantai.py)."""

from django.db import migrations


def rantai_catatan_lama(apps, schema_editor):
    from sakip.audit.rantai import rantai_ulang

    rantai_ulang(
        apps.get_model("audit", "CatatanAudit"),
        apps.get_model("audit", "UjungRantai"),
        apps.get_model("contenttypes", "ContentType"),
    )


def lepas_rantai(apps, schema_editor):
    apps.get_model("audit", "UjungRantai").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0003_rantai_hash"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(rantai_catatan_lama, lepas_rantai)]
