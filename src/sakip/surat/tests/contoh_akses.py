"""URL examples for the access test (lib/tests/test_akses.py): agency A's letters."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile

from sakip.surat import services
from sakip.testing import pdf_uji


def contoh(persona) -> dict:
    """An incoming letter of Kecamatan Alpha with its scan and an open disposition, and a
    numbered outgoing letter."""
    a = persona.a
    masuk = services.daftarkan_surat_masuk(
        aktor=a.staf,
        instansi=a.instansi,
        asal="Bupati Uji",
        nomor_surat="000.8.3.2/1/ORG/2026",
        tanggal_surat=datetime.date(2026, 1, 5),
        diterima_pada=datetime.date(2026, 1, 6),
        perihal="Survei Kepuasan Masyarakat Alpha",
        berkas=SimpleUploadedFile("scan.pdf", pdf_uji("pindaian"), "application/pdf"),
    )
    d = services.disposisikan(
        aktor=a.camat, surat=masuk, kepada=a.j_sekcam, instruksi=["Untuk ditindaklanjuti"]
    )
    keluar = services.buat_surat_keluar(
        aktor=a.staf,
        instansi=a.instansi,
        perihal="Penyampaian PK Alpha",
        tujuan="Bupati Uji",
        kode_klasifikasi="000.7.2.7",
        tanggal=datetime.date(2026, 2, 1),
    )
    return {"surat_id": [masuk.pk, keluar.pk], "disposisi_id": [d.pk]}
