"""The SKM report of a survey period: its data, its PDF and its Word document.

The usual systematics of a Laporan Hasil SKM (PermenPAN-RB 14/2017, Lampiran): Bab I
Pendahuluan; Bab II Pelaksanaan (services, period, population and sample, the nine
elements); Bab III Hasil (respondent profile, NRR per element, IKM with mutu and kinerja,
per service, trend, improvement priorities, suggestions); Bab IV Kesimpulan dan Rencana
Tindak Lanjut; the head's signature. People write the narrative (`PeriodeSurvei.narasi`);
what they leave empty is drafted from the data.

`data_laporan` is display-ready text only (numbers in the Indonesian format), so the same
dict serves the page, the PDF, the Word template (`sakip.dokumen` kind "laporan_skm") and
the frozen copy kept when the report is signed.
"""

from __future__ import annotations

from fractions import Fraction

from django.template.loader import render_to_string
from django.utils import timezone

from sakip.dokumen.cetak import kop, nama_pemerintah, pdf_dari_html, tanggal_panjang
from sakip.lib.formatting import angka
from sakip.organisasi.pemangku import penandatangan, tempat_ttd
from sakip.perencanaan.dokumen import ISIAN_KOSONG

from . import hitung, rekap, services
from .hitung import KODE_UNSUR, HasilIkm
from .models import PeriodeSurvei

JENIS_DOKUMEN = "laporan_skm"
SARAN_MAKS = 300  # the report lists at most this many suggestions (the page lists all)


def _ikm(nilai) -> str:
    return angka(hitung.bulat(nilai, 2), 2) if nilai is not None else "—"


def _nrr(nilai) -> str:
    return angka(hitung.bulat(nilai, 3), 3) if nilai is not None else "—"


def _persen(bagian: int, seluruh: int) -> str:
    return angka(hitung.bulat(Fraction(100 * bagian, seluruh), 2), 2) + "%" if seluruh else "—"


def _periode(periode: PeriodeSurvei) -> dict:
    instansi = periode.instansi
    tempat = tempat_ttd(instansi)
    if periode.ditandatangani_pada:
        tanggal = tanggal_panjang(timezone.localtime(periode.ditandatangani_pada))
    else:
        tanggal = f"{ISIAN_KOSONG} {timezone.localdate().year}"
    return {
        "label": periode.label,
        "tahun": str(periode.tahun),
        "semester": str(periode.semester or ""),
        "mulai": tanggal_panjang(periode.mulai),
        "selesai": tanggal_panjang(periode.selesai),
        "rentang": f"{tanggal_panjang(periode.mulai)} s.d. {tanggal_panjang(periode.selesai)}",
        "judul": "LAPORAN HASIL SURVEI KEPUASAN MASYARAKAT",
        "subjudul": periode.label.upper(),
        "instansi": instansi.nama,
        "instansi_besar": instansi.nama.upper(),
        "pemda": instansi.pemda.nama,
        "pemerintah": nama_pemerintah(instansi.pemda.nama),
        "status": periode.get_status_display(),
        "draf": periode.status != PeriodeSurvei.Status.DITANDATANGANI,
        "tempat": tempat,
        "tanggal": tanggal,
        "tempat_tanggal": f"{tempat}, {tanggal}",
    }


def _unsur(periode: PeriodeSurvei, hasil: HasilIkm) -> list[dict]:
    nama = rekap.nama_unsur(periode)
    baris = []
    for no, kode in enumerate(KODE_UNSUR, start=1):
        m = hasil.mutu_unsur(kode) or ("—", "—")
        baris.append({
            "no": str(no),
            "kode": kode,
            "nama": nama[kode],
            "jumlah": angka(hasil.jumlah.get(kode, 0)),
            "nrr": _nrr(hasil.nrr[kode]),
            "nrr_tertimbang": _nrr(hasil.nrr_tertimbang[kode]),
            "mutu": m[0],
            "kinerja": m[1],
        })  # fmt: skip
    return baris


def _hasil(periode: PeriodeSurvei, hasil: HasilIkm) -> dict:
    sampel = hitung.ukuran_sampel(periode.populasi)
    cukup = bool(sampel) and hasil.responden >= sampel
    return {
        "responden": angka(hasil.responden),
        "ikm": _ikm(hasil.ikm),
        "skala_4": _nrr(hasil.nilai_skala_4),
        "mutu": hasil.mutu or "—",
        "kinerja": hasil.kinerja or "—",
        "populasi": angka(periode.populasi) if periode.populasi else "—",
        "sampel": angka(sampel) if sampel else "—",
        "sampel_cukup": "Ya" if cukup else "Tidak",
        "kalimat_sampel": _kalimat_sampel(periode, hasil.responden, sampel),
        "kalimat": _kalimat_hasil(periode, hasil),
    }


def _kalimat_sampel(periode: PeriodeSurvei, responden: int, sampel: int) -> str:
    if not sampel:
        return (
            f"Jumlah penerima layanan periode ini belum dicatat; responden yang terkumpul "
            f"sebanyak {angka(responden)} orang."
        )
    teks = (
        f"Dengan jumlah penerima layanan {angka(periode.populasi)} orang, sampel minimal "
        f"menurut tabel Krejcie dan Morgan adalah {angka(sampel)} responden; "
        f"terkumpul {angka(responden)} responden"
    )
    if responden >= sampel:
        return teks + " sehingga jumlah sampel terpenuhi."
    return teks + f", kurang {angka(sampel - responden)} dari sampel minimal."


def _kalimat_hasil(periode: PeriodeSurvei, hasil: HasilIkm) -> str:
    if not hasil.ada:
        return "Belum ada kuesioner yang terkumpul sehingga IKM belum dapat dihitung."
    return (
        f"Nilai Indeks Kepuasan Masyarakat {periode.instansi.nama} {periode.label} adalah "
        f"{_ikm(hasil.ikm)} (nilai interval {_nrr(hasil.nilai_skala_4)}) dengan mutu "
        f"pelayanan {hasil.mutu} dan kinerja unit pelayanan {hasil.kinerja}."
    )


def _layanan(periode: PeriodeSurvei) -> list[dict]:
    hasil = []
    for no, b in enumerate(rekap.hasil_per_layanan(periode), start=1):
        hasil.append({
            "no": str(no),
            "nama": b.label,
            "responden": angka(b.hasil.responden),
            "ikm": _ikm(b.hasil.ikm),
            "mutu": b.hasil.mutu or "—",
            "kinerja": b.hasil.kinerja or "—",
        })  # fmt: skip
    return hasil


def _profil(periode: PeriodeSurvei, responden: int) -> list[dict]:
    hasil = []
    for grup in rekap.demografi(periode).values():
        hasil.append({
            "judul": str(grup["judul"]),
            "baris": [
                {
                    "label": b.label,
                    "jumlah": angka(b.hasil.responden),
                    "persen": _persen(b.hasil.responden, responden),
                    "ikm": _ikm(b.hasil.ikm),
                    "mutu": b.hasil.mutu or "—",
                }
                for b in grup["baris"]
            ],
        })  # fmt: skip
    return hasil


def _prioritas(periode: PeriodeSurvei, hasil: HasilIkm) -> list[dict]:
    return [
        {
            "no": str(no),
            "kode": p.kode,
            "nama": p.nama,
            "nrr": _nrr(p.nrr),
            "mutu": p.mutu,
            "kinerja": p.kinerja,
        }  # fmt: skip
        for no, p in enumerate(rekap.prioritas(periode, hasil), start=1)
    ]


def _tren(periode: PeriodeSurvei) -> list[dict]:
    return [
        {
            "periode": p.label,
            "responden": angka(h.responden),
            "ikm": _ikm(h.ikm),
            "mutu": h.mutu or "—",
            "kinerja": h.kinerja or "—",
        }  # fmt: skip
        for p, h in rekap.tren(periode.instansi)
        if (p.tahun, p.semester) <= (periode.tahun, periode.semester)
    ]


def _saran(periode: PeriodeSurvei) -> list[dict]:
    return [
        {
            "no": str(no),
            "layanan": r.layanan.nama,
            "saran": r.saran,
            "tanggal": tanggal_panjang(timezone.localtime(r.waktu)),
        }  # fmt: skip
        for no, r in enumerate(rekap.daftar_saran(periode)[:SARAN_MAKS], start=1)
    ]


def _narasi(periode: PeriodeSurvei, data: dict) -> dict:
    """The sections people wrote; a draft from the data for those left empty."""
    tulisan = periode.narasi or {}
    instansi, label = data["periode"]["instansi"], data["periode"]["label"]
    layanan = ", ".join(lay["nama"] for lay in data["layanan"]) or "—"
    prioritas = data["prioritas"]
    bawaan = {
        "pendahuluan": (
            f"Survei Kepuasan Masyarakat (SKM) dilaksanakan oleh {instansi} sebagai amanat "
            "Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik dan Peraturan Menteri "
            "Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 14 Tahun 2017 tentang "
            "Pedoman Penyusunan Survei Kepuasan Masyarakat Unit Penyelenggara Pelayanan Publik. "
            "Survei ini mengukur tingkat kepuasan masyarakat sebagai bahan perbaikan kualitas "
            "pelayanan secara berkelanjutan."
        ),
        "metode": (
            f"Survei {label} dilaksanakan pada {data['periode']['rentang']} terhadap penerima "
            f"layanan: {layanan}. Kuesioner memuat sembilan unsur pelayanan dengan empat "
            "pilihan jawaban bernilai 1 sampai 4, diisi secara daring atau pada kuesioner "
            f"kertas. {data['hasil']['kalimat_sampel']} Nilai IKM dihitung dengan nilai "
            "rata-rata tertimbang: NRR setiap unsur dikalikan bobot 1/9, dijumlahkan, lalu "
            "dikalikan 25."
        ),
        "analisis": _analisis_bawaan(data),
        "kesimpulan": data["hasil"]["kalimat"]
        + (
            " Unsur dengan nilai terendah adalah "
            + ", ".join(f"{p['nama']} ({p['nrr']})" for p in prioritas)
            + "."
            if prioritas
            else ""
        ),
        "rencana_tindak_lanjut": "\n".join(
            f"Meningkatkan kualitas unsur {p['nama']} (NRR {p['nrr']}, mutu {p['mutu']})."
            for p in prioritas
        )
        or "Mempertahankan kualitas pelayanan pada seluruh unsur.",
    }
    return {k: (tulisan.get(k) or "").strip() or bawaan[k] for k in services.BAGIAN_NARASI}


def _analisis_bawaan(data: dict) -> str:
    unsur = [u for u in data["unsur"] if u["nrr"] != "—"]
    if not unsur:
        return "Belum ada data untuk dianalisis."
    tinggi = max(unsur, key=lambda u: _angka(u["nrr"]))
    rendah = min(unsur, key=lambda u: _angka(u["nrr"]))
    return (
        f"Unsur dengan nilai tertinggi adalah {tinggi['nama']} (NRR {tinggi['nrr']}, mutu "
        f"{tinggi['mutu']}), sedangkan unsur dengan nilai terendah adalah {rendah['nama']} "
        f"(NRR {rendah['nrr']}, mutu {rendah['mutu']})."
    )


def _angka(teks: str) -> float:
    return float(teks.replace(".", "").replace(",", "."))


def data_laporan(periode: PeriodeSurvei) -> dict:
    """The report's content as display-ready text (live data; see `isi_laporan`)."""
    hasil = rekap.hasil_periode(periode)
    data = {
        "periode": _periode(periode),
        "penandatangan": penandatangan(periode.instansi, plt=False, kosong=ISIAN_KOSONG).blok(),
        "hasil": _hasil(periode, hasil),
        "unsur": _unsur(periode, hasil),
        "layanan": _layanan(periode),
        "profil": _profil(periode, hasil.responden),
        "prioritas": _prioritas(periode, hasil),
        "tren": _tren(periode),
        "saran": _saran(periode),
        "konversi": [
            {
                "nilai_persepsi": "1",
                "interval": "1,00 – 2,5996",
                "konversi": "25,00 – 64,99",
                "mutu": "D",
                "kinerja": "Tidak Baik",
            },
            {
                "nilai_persepsi": "2",
                "interval": "2,60 – 3,064",
                "konversi": "65,00 – 76,60",
                "mutu": "C",
                "kinerja": "Kurang Baik",
            },
            {
                "nilai_persepsi": "3",
                "interval": "3,0644 – 3,532",
                "konversi": "76,61 – 88,30",
                "mutu": "B",
                "kinerja": "Baik",
            },
            {
                "nilai_persepsi": "4",
                "interval": "3,5324 – 4,00",
                "konversi": "88,31 – 100,00",
                "mutu": "A",
                "kinerja": "Sangat Baik",
            },
        ],  # fmt: skip
    }
    data["narasi"] = _narasi(periode, data)
    return data


def isi_laporan(periode: PeriodeSurvei) -> dict:
    """The signed report's frozen content, or the live draft."""
    return periode.isi_dokumen(data_laporan)


# ---------------------------------------------------------------- PDF and Word


def _grafik(data: dict) -> str:
    from django.utils.safestring import mark_safe

    from sakip.pengukuran.grafik import bar_svg

    pasangan = [
        (f"{u['kode']} {u['nama']}", None if u["nrr"] == "—" else _angka(u["nrr"]))
        for u in data["unsur"]
    ]
    return mark_safe(
        bar_svg(
            pasangan,
            judul="Nilai rata-rata per unsur (skala 1–4)",
            satuan="",
            acuan=None,
            warna="#0b4f8a",
        )  # fmt: skip
    )


def laporan_html(periode: PeriodeSurvei, data: dict | None = None) -> str:
    data = data or isi_laporan(periode)
    return render_to_string(
        "ikm/laporan_pdf.html",
        {**data, "kop": kop(periode.instansi), "grafik": _grafik(data)},
    )


def laporan_pdf(periode: PeriodeSurvei, data: dict | None = None) -> bytes:
    """The report as PDF: A4, kop, the nine elements, IKM, profile, signature."""
    return pdf_dari_html(laporan_html(periode, data))


def laporan_docx(periode: PeriodeSurvei, data: dict | None = None) -> bytes:
    """The report as .docx from the agency's "laporan_skm" template (or the built-in one)."""
    from sakip.dokumen.templat import render_docx, untuk_word

    data = data or isi_laporan(periode)
    return render_docx(periode.instansi, JENIS_DOKUMEN, untuk_word(data))
