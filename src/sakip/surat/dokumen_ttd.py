"""The signed file of a document: once a PK, a report, an SKM report, a kartu kendali or an
evaluation was signed with TTE through its SOP run, its letter keeps the signed PDF (stamp
with the QR code, Lembar Pengesahan). Downloads serve that file, byte for byte, instead of
rendering an unsigned copy again.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.http import HttpResponse

from sakip.lib.teks import content_disposition

from .models import Surat


def surat_bertanda_tangan(dokumen) -> Surat | None:
    """The outgoing letter that carries `dokumen` with a TTE-signed PDF, if any."""
    ct = ContentType.objects.get_for_model(dokumen._meta.model)
    return (
        Surat.objects.filter(arah=Surat.Arah.KELUAR, dokumen_ct=ct, dokumen_id=dokumen.pk)
        .exclude(status=Surat.Status.BATAL)
        .exclude(berkas_ttd="")
        .order_by("-id")
        .first()
    )


def berkas_ttd(dokumen) -> bytes | None:
    """The signed PDF of `dokumen` as stored, or None when it was not signed with TTE."""
    surat = surat_bertanda_tangan(dokumen)
    if surat is None:
        return None
    with surat.berkas_ttd.open("rb") as f:
        return f.read()


def unduh_ttd(dokumen, nama: str) -> HttpResponse | None:
    """A download response of the signed PDF (named `nama`), or None to render as usual."""
    isi = berkas_ttd(dokumen)
    if isi is None:
        return None
    respons = HttpResponse(isi, content_type="application/pdf")
    respons["Content-Disposition"] = content_disposition(nama)
    return respons
