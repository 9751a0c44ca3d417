"""Small builders for the letters tests."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile

from sakip.organisasi.models import PemetaanPelaksana
from sakip.sop.services import pustaka
from sakip.surat import services
from sakip.testing import pdf_uji, png_uji

PDF = pdf_uji("pindaian uji")
PNG = png_uji()


def pindaian(nama="pindaian.pdf", isi=PDF, mime="application/pdf"):
    return SimpleUploadedFile(nama, isi, mime)


def surat_masuk(a, n=1, **kw):
    """Agency `a` registers the n-th incoming letter from the Bupati."""
    data = {
        "aktor": a.staf,
        "instansi": a.instansi,
        "asal": "Bupati Uji",
        "nomor_surat": f"000.8.3.2/{n}/ORG/2026",
        "tanggal_surat": datetime.date(2026, 11, 2),
        "diterima_pada": datetime.date(2026, 11, 3),
        "perihal": f"Pelaksanaan Survei Kepuasan Masyarakat {n}",
        "berkas": pindaian(),
    }
    data.update(kw)
    return services.daftarkan_surat_masuk(**data)


def surat_keluar(a, perihal="Penyampaian PK", kode="000.7.2.7", tanggal=None, **kw):
    return services.buat_surat_keluar(
        aktor=kw.pop("aktor", a.staf),
        instansi=a.instansi,
        perihal=perihal,
        tujuan=kw.pop("tujuan", "Bupati Uji"),
        kode_klasifikasi=kode,
        tanggal=tanggal or datetime.date(2026, 11, 10),
        **kw,
    )


def petakan_semua_pelaksana(a) -> None:
    """Map every actor name of the library to one of agency `a`'s four positions."""
    ada = {n.lower() for n in a.instansi.pemetaan.values_list("nama_pelaksana", flat=True)}
    for sop in pustaka().values():
        for langkah in sop.langkah:
            nama = langkah.pelaksana.strip()
            if nama.lower() in ada or nama.lower().startswith("tim"):
                continue
            kecil = nama.lower()
            if kecil.startswith(("camat", "kabag", "kepala")):
                j = a.j_camat
            elif kecil.startswith("sek"):
                j = a.j_sekcam
            elif kecil.startswith("kasub") or kecil.startswith("kasi"):
                j = a.j_kasubag
            else:
                j = a.j_staf
            PemetaanPelaksana.objects.create(instansi=a.instansi, nama_pelaksana=nama, jabatan=j)
            ada.add(kecil)
