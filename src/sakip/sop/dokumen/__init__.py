"""Dokumen SOP resmi (PermenPAN-RB 35/2012): HTML untuk halaman web dan PDF A4 lanskap.

Lampiran PermenPAN-RB 35/2012 menetapkan bentuk dokumen SOP:
1. identitas: logo, instansi, unit; Nomor SOP, Tanggal Pembuatan, Tanggal Revisi, Tanggal
   Efektif, Disahkan oleh, Nama SOP; lalu kotak berpasangan Dasar Hukum | Kualifikasi
   Pelaksana, Keterkaitan | Peralatan/Perlengkapan, Peringatan | Pencatatan dan Pendataan;
2. diagram alir dalam tabel No | Kegiatan | Pelaksana (satu kolom per aktor) | Mutu Baku
   (Kelengkapan, Waktu, Output) | Keterangan, digambar dengan kapsul (terminator, langkah
   pertama dan terakhir), kotak (proses), belah ketupat (keputusan, cabang Ya/Tidak),
   anak panah, dan segi lima (penghubung antarhalaman);
3. formulir monitoring pelaksanaan SOP.

Tabel alir dipotong sendiri per halaman (bukan oleh pemecah halaman WeasyPrint) agar segi lima
penghubung dapat digambar tepat di batas halaman. Tiap sel pelaksana memuat SVG kecilnya
sendiri; garis yang harus menerus sampai tepi bawah sel, yang tingginya baru diketahui saat
tata letak, digambar sebagai latar gradien CSS. Semua ukuran gambar dalam milimeter.

Modul: `ukuran` (angka kertas dan kolom), `langkah` (isi tabel dan pemotongan halaman),
`svg` (gambar satu baris), `alir` (halaman alir); di sini konteks templat, HTML dan PDF.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.template.loader import render_to_string

from sakip.lib.formatting import BULAN, tanggal_panjang  # noqa: F401 — re-exported

from .alir import halaman_alir
from .langkah import (
    Baris,  # noqa: F401 — re-exported
    Halaman,  # noqa: F401 — re-exported
    Kolom,  # noqa: F401 — re-exported
    Sel,  # noqa: F401 — re-exported
    daftar_langkah,
    isi_kotak,
    kolom_pelaksana,
    lebar_kolom,
    potong_halaman,  # noqa: F401 — re-exported
    potong_monitoring,
    teks,
)
from .svg import angka_mm
from .ukuran import BARIS_MONITORING_PER_HALAMAN, BARIS_PER_HALAMAN, KOTAK_IDENTITAS

# --- Konteks dan keluaran ----------------------------------------------------------------------


def _identitas(definisi: Mapping) -> dict:
    identitas = definisi.get("identitas") or {}
    pengesah = identitas.get("disahkan_oleh") or {}
    return {
        "nomor_sop": teks(identitas.get("nomor_sop")),
        "tanggal_pembuatan": tanggal_panjang(identitas.get("tanggal_pembuatan")),
        "tanggal_revisi": tanggal_panjang(identitas.get("tanggal_revisi")),
        "tanggal_efektif": tanggal_panjang(identitas.get("tanggal_efektif")),
        "disahkan_oleh": {
            "jabatan": teks(pengesah.get("jabatan")),
            "nama": teks(pengesah.get("nama")),
            "nip": teks(pengesah.get("nip")),
        },
        "kotak": [
            [{"judul": judul, **isi_kotak(identitas.get(kunci))} for judul, kunci in pasangan]
            for pasangan in KOTAK_IDENTITAS
        ],
    }


def _instansi(instansi: Mapping) -> dict:
    return {
        nama: teks(instansi.get(nama)) for nama in ("pemda", "nama", "unit", "alamat", "logo_url")
    }


def konteks_dokumen(
    definisi: Mapping,
    instansi: Mapping,
    *,
    baris_per_halaman: int | None = BARIS_PER_HALAMAN,
    baris_monitoring_per_halaman: int = BARIS_MONITORING_PER_HALAMAN,
) -> dict:
    """Semua yang dibutuhkan templat dokumen SOP (PermenPAN-RB 35/2012).

    `definisi` berbentuk seperti yang disimpan mesin per versi SOP; `baris_per_halaman=None`
    menghasilkan satu tabel tanpa pemotongan (halaman web).
    """
    langkah = daftar_langkah(definisi)
    kolom = kolom_pelaksana(definisi, langkah)
    lebar = lebar_kolom(len(kolom))
    halaman = halaman_alir(langkah, kolom, lebar, baris_per_halaman)
    return {
        "kode": teks(definisi.get("kode")),
        "nama": teks(definisi.get("nama")),
        "sumber": teks(definisi.get("sumber")),
        "instansi": _instansi(instansi),
        "identitas": _identitas(definisi),
        "langkah": langkah,
        "kolom": kolom,
        "ada_kolom_tambahan": any(k.tambahan for k in kolom),
        "lebar": {nama: f"{angka_mm(nilai)}mm" for nama, nilai in lebar.items()},
        "halaman": halaman,
        "monitoring": potong_monitoring(langkah, baris_monitoring_per_halaman),
    }


def html_dokumen_sop(
    definisi: Mapping,
    instansi: Mapping,
    *,
    untuk_pdf: bool = False,
    baris_per_halaman: int | None = BARIS_PER_HALAMAN,
) -> str:
    """Dokumen SOP sebagai HTML: fragmen untuk halaman web, atau halaman utuh untuk PDF.

    Fragmen web memuat identitas dan satu tabel alir (tanpa pemotongan halaman) dengan CSS yang
    dibatasi pada `.dokumen-sop`; versi PDF memuat halaman alir terpotong dan formulir
    monitoring.
    """
    konteks = konteks_dokumen(
        definisi, instansi, baris_per_halaman=baris_per_halaman if untuk_pdf else None
    )
    konteks["untuk_pdf"] = untuk_pdf
    templat = "sop/dokumen/pdf.html" if untuk_pdf else "sop/dokumen/fragmen.html"
    return render_to_string(templat, konteks)


def _pengambil_url() -> Any:
    """Pengambil berkas WeasyPrint yang hanya membuka data: dan file:.

    PDF dibuat tanpa jaringan: URL logo yang mengarah ke jaringan tidak diambil (tanpa SSRF),
    gambarnya dilewati dan dokumen tetap jadi.
    """
    try:
        from weasyprint.urls import URLFetcher  # WeasyPrint 70+
    except ImportError:  # WeasyPrint < 70: pengambil berupa fungsi
        from weasyprint.urls import default_url_fetcher

        def ambil(url: str, *args: Any, **kwargs: Any) -> dict:
            if not url.startswith(("data:", "file:")):
                raise ValueError(f"URL tidak diizinkan dalam dokumen SOP: {url[:80]}")
            return default_url_fetcher(url, *args, **kwargs)

        return ambil
    return URLFetcher(allowed_protocols=("data", "file"))


def pdf_dokumen_sop(
    definisi: Mapping,
    instansi: Mapping,
    *,
    baris_per_halaman: int | None = BARIS_PER_HALAMAN,
    base_url: str | None = None,
) -> bytes:
    """Dokumen SOP sebagai PDF A4 lanskap (PermenPAN-RB 35/2012), dibuat oleh WeasyPrint.

    Halaman 1 identitas, lalu satu halaman per `baris_per_halaman` langkah, lalu formulir
    monitoring. Logo hanya dimuat dari URL data: atau file:.
    """
    from weasyprint import HTML  # impor lambat: Pango hanya dimuat bila PDF dibuat

    html = html_dokumen_sop(definisi, instansi, untuk_pdf=True, baris_per_halaman=baris_per_halaman)
    return HTML(string=html, base_url=base_url, url_fetcher=_pengambil_url()).write_pdf()
