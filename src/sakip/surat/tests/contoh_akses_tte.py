"""Examples for the access test, and the builders the TTE tests share.

`contoh(persona)` gives a letter of agency A (Kecamatan Alpha) with its unsigned PDF, so
every /tte/surat/<surat_id>/… page answers agency A's Camat and 404s everyone else.
"""

from __future__ import annotations

import functools

from sakip.surat.models import KodeKlasifikasi, Surat

KODE = "000.7.2.7"


@functools.cache
def pdf_contoh() -> bytes:
    """A one-page PDF drawn by WeasyPrint (as the SOP documents are), made once per run."""
    from sakip.dokumen.cetak import pdf_dari_html

    return pdf_dari_html(
        "<h1>Perjanjian Kinerja Tahun 2026</h1><p>Isi dokumen yang akan ditandatangani.</p>"
    )


def klasifikasi() -> KodeKlasifikasi:
    k, _ = KodeKlasifikasi.objects.get_or_create(
        kode=KODE, defaults={"nama": "Penetapan/Kontrak Kinerja"}
    )
    return k


def surat_keluar(agensi, *, perihal: str = "Penyampaian Perjanjian Kinerja 2026", pdf=True):
    """An outgoing draft letter of `agensi` with a classification and (by default) its PDF."""
    from sakip.surat import services

    klasifikasi()
    return services.naskah_keluar(
        aktor=agensi.kasubag,
        instansi=agensi.instansi,
        perihal=perihal,
        kode_klasifikasi=KODE,
        tujuan="Bupati Siak",
        berkas=pdf_contoh() if pdf else None,
        nama_berkas="pk-2026.pdf",
    )


def contoh(persona) -> dict:
    surat = surat_keluar(persona.a)
    assert isinstance(surat, Surat)
    return {"surat_id": [surat.pk]}
