"""What the page tests share: the pages' addresses, what a browser posts, audit rows."""

import io

from django.contrib.contenttypes.models import ContentType

from sakip.audit.models import CatatanAudit
from sakip.perencanaan.views_butir import BAGIAN

HTMX = {"HTTP_HX_REQUEST": "true"}


def halaman(a, rencana) -> dict[str, str]:
    r, pk = rencana["renstra"], rencana["pk"]
    return {
        "ikhtisar": f"/perencanaan/instansi/{a.instansi.pk}/?tahun=2025",
        "renstra": f"/perencanaan/renstra/{r.pk}/",
        "iku": f"/perencanaan/renstra/{r.pk}/iku/",
        "renja": f"/perencanaan/anggaran/{rencana['renja'].pk}/",
        "dpa": f"/perencanaan/anggaran/{rencana['dpa'].pk}/",
        "pk": f"/perencanaan/pk/{pk.pk}/",
        "rencana_aksi": f"/perencanaan/pk/{pk.pk}/rencana-aksi/",
    }


def isian_awal(form) -> dict:
    """What a browser posts for an untouched form."""
    data = {}
    for nama in form.fields:
        nilai = form[nama].value()
        data[nama] = "" if nilai is None else nilai
    return data


def isian_butir(bagian: str, objek, wadah=None, **ubah) -> dict:
    jenis = BAGIAN[bagian]
    form = jenis.form(instance=objek, wadah=wadah or jenis.wadah_dari(objek))
    return {**isian_awal(form), **ubah}


def unggahan(buku) -> io.BytesIO:
    berkas = io.BytesIO()
    buku.save(berkas)
    berkas.seek(0)
    berkas.name = "pk.xlsx"
    return berkas


def audit_untuk(model) -> CatatanAudit:
    return CatatanAudit.objects.filter(content_type=ContentType.objects.get_for_model(model))
