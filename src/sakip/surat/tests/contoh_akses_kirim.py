"""Builders for the distribution and archive tests, and URL examples for test_akses.

A signed letter is built by storing a small real PDF as `berkas_ttd` with its SHA-256,
as the signing step leaves it (these tests do not depend on the signing code).
"""

from __future__ import annotations

import datetime
import functools
import hashlib

from django.core.files.base import ContentFile

from sakip import testing
from sakip.organisasi.models import Instansi, Jabatan
from sakip.surat import distribusi
from sakip.surat.models import KodeKlasifikasi, Surat


@functools.cache
def berkas_pdf(teks: str = "Surat uji bertanda tangan") -> bytes:
    from sakip.dokumen.cetak import pdf_dari_html

    return pdf_dari_html(f"<h1>{teks}</h1><p>Ditandatangani secara elektronik.</p>")


def kode(
    kode: str = "000.7.2.7",
    nama: str = "Penetapan/Kontrak Kinerja",
    aktif: int = 2,
    inaktif: int = 3,
    nasib: str = KodeKlasifikasi.NasibAkhir.MUSNAH,
) -> KodeKlasifikasi:
    k, _ = KodeKlasifikasi.objects.update_or_create(
        kode=kode,
        defaults={
            "nama": nama,
            "retensi_aktif": aktif,
            "retensi_inaktif": inaktif,
            "nasib_akhir": nasib,
        },
    )
    return k


def surat_bertanda_tangan(
    agensi,
    *,
    perihal: str = "Perjanjian Kinerja Camat Tahun 2026",
    nomor: str = "000.7.2.7/015/KEC-A/2026",
    tanggal: datetime.date | None = datetime.date(2026, 1, 5),
    klasifikasi: KodeKlasifikasi | None = None,
    status: str = Surat.Status.DITANDATANGANI,
) -> Surat:
    isi = berkas_pdf()
    s = Surat(
        instansi=agensi.instansi,
        arah=Surat.Arah.KELUAR,
        status=status,
        perihal=perihal,
        nomor_surat=nomor,
        tanggal_surat=tanggal,
        tahun_nomor=tanggal.year if tanggal else None,
        klasifikasi=klasifikasi,
        dibuat_oleh=agensi.staf,
    )
    s.berkas_ttd.save("surat-uji.pdf", ContentFile(isi), save=False)
    s.sha256_ttd = hashlib.sha256(isi).hexdigest()
    s.save()
    return s


def bagian_organisasi(pemda):
    """Bagian Organisasi of the Setda: the Pemda's receiver of every agency's PK."""
    instansi = Instansi.objects.create(
        pemda=pemda, nama="Bagian Organisasi", jenis=Instansi.Jenis.BAGIAN, kode_unit="ORG"
    )
    jabatan = Jabatan.objects.create(
        instansi=instansi, nama="Kepala Bagian Organisasi", eselon="III.a", peran="kepala"
    )
    kabag = testing.buat_pegawai(
        "kabag.org",
        nama="Kabag Organisasi",
        instansi=instansi,
        jabatan=jabatan,
        email="kabag.org@contoh.go.id",
    )
    return instansi, jabatan, kabag


def contoh(persona) -> dict:
    """Agency A's signed letter, sent to its own Camat in the app and to an outside address
    on paper. The letter is distinct from the agenda's examples (its own number)."""
    a = persona.a
    surat = surat_bertanda_tangan(
        a,
        nomor="000.7.2.7/901/KEC-A/2026",
        perihal="Surat contoh pengiriman Alpha",
        klasifikasi=kode(),
    )
    pengiriman = distribusi.mulai_pengiriman(
        aktor=a.staf,
        surat=surat,
        penerima=[
            {"jabatan": a.j_camat, "cara": "aplikasi"},
            {"nama": "Inspektorat Daerah", "alamat": "Jl. Sudirman 1", "cara": "kertas"},
        ],
    )
    return {
        "surat_id": [surat.pk],
        "pengiriman_id": [pengiriman.pk],
        "penerima_id": [pengiriman.penerima.get(jabatan=a.j_camat).pk],
    }
