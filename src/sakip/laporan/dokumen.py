"""Printed reports: the LKjIP and the monthly, semester, yearly and SAKIP reports, as PDF,
as Word (from the agency's template) and as an HTML preview for the report page.

The LKjIP follows the systematics of the Laporan Kinerja in PermenPAN-RB 53/2014
(Petunjuk Teknis Perjanjian Kinerja, Pelaporan Kinerja dan Tata Cara Reviu atas Laporan
Kinerja Instansi Pemerintah), which carries out Perpres 29/2014 on SAKIP: Kata Pengantar,
Ikhtisar Eksekutif, Bab I Pendahuluan, Bab II Perencanaan Kinerja, Bab III Akuntabilitas
Kinerja (3.1 Capaian Kinerja Organisasi with, per indicator, the comparisons with this
year's target, previous years, the Renstra end target and a national standard, the causes
and solutions, efficiency and supporting programs; 3.2 Realisasi Anggaran), Bab IV
Penutup and the Lampiran (PK, IKU). The periodic reports show the same data, shorter.

Everything is built from `data_laporan` (or, once signed, the frozen `isi_beku`) into one
display-ready context — the variables of the document kinds in `jenis_dokumen.py` — so the
PDF, the Word file and the preview always show the same numbers.
"""

from __future__ import annotations

import re
from collections import Counter
from decimal import Decimal, InvalidOperation

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from sakip.dokumen.cetak import BULAN, kop, nama_pemerintah, pdf_dari_html, tanggal_panjang
from sakip.dokumen.templat import render_docx, untuk_word
from sakip.lib.formatting import angka
from sakip.organisasi.models import Jabatan, Pegawai
from sakip.organisasi.pemangku import blok_ttd, jabatan_lengkap, tempat_ttd
from sakip.pengukuran import capaian as rumus
from sakip.pengukuran.grafik import bar_svg
from sakip.perencanaan.dokumen import ISIAN_KOSONG

from .jenis_dokumen import KODE_JENIS
from .models import Laporan

KOSONG = "—"
TEMPLAT = "laporan/dokumen/"
URUTAN_KATEGORI = ["Sangat Baik", "Baik", "Cukup", "Kurang", "Sangat Kurang"]
WARNA_TERCAPAI, WARNA_BELUM, WARNA_SERAPAN = "#1b7f3b", "#d97706", "#64748b"

JUDUL = {
    Laporan.Jenis.LKJIP: ("LAPORAN KINERJA INSTANSI PEMERINTAH (LKjIP)", "LKjIP"),
    Laporan.Jenis.BULANAN: ("LAPORAN KINERJA BULANAN", "Laporan Bulanan"),
    Laporan.Jenis.SEMESTERAN: ("LAPORAN KINERJA SEMESTERAN", "Laporan Semesteran"),
    Laporan.Jenis.TAHUNAN: ("LAPORAN KINERJA TAHUNAN", "Laporan Tahunan"),
    Laporan.Jenis.SAKIP: (
        "LAPORAN SISTEM AKUNTABILITAS KINERJA INSTANSI PEMERINTAH (SAKIP)",
        "Laporan SAKIP",
    ),
}


# ---------------------------------------------------------------- small helpers


def _desimal(teks) -> Decimal | None:
    """'95,22%', 'Rp 1.234.500' or '0,74' (the Indonesian display form: "." groups
    thousands, "," marks decimals) back to a number; None for '—' and the like."""
    if teks in (None, "", KOSONG):
        return None
    bersih = re.sub(r"[^0-9,-]", "", str(teks)).replace(",", ".")
    try:
        return Decimal(bersih)
    except InvalidOperation:
        return None


def _mentah(nilai) -> Decimal | None:
    """A raw number data.py keeps beside its display form ("capaian_angka")."""
    try:
        return None if nilai in (None, "") else Decimal(str(nilai))
    except InvalidOperation:
        return None


def _persen(nilai: Decimal | None) -> str:
    return KOSONG if nilai is None else f"{angka(nilai, 2)}%"


def _bernomor(daftar: list[str]) -> list[dict]:
    return [{"no": n, "uraian": u} for n, u in enumerate(daftar, start=1)]


def _teks_css(teks: str) -> SafeString:
    """A CSS string literal (for @page margin boxes); everything but plain letters escaped,
    so a name cannot close the <style> element."""
    aman = "".join(c if c.isalnum() or c in " .,-()" else f"\\{ord(c):x} " for c in teks)
    return mark_safe(f'"{aman}"')


def isi_laporan(laporan: Laporan) -> dict:
    """The data a document shows: frozen at signing, else assembled now."""
    from .data import data_laporan

    return laporan.isi_dokumen(data_laporan)


# ---------------------------------------------------------------- the report and its signer


def _subjudul(laporan: Laporan, data: dict) -> str:
    tahun, sampai = data["laporan"]["tahun"], data["laporan"]["sampai_bulan"]
    if laporan.jenis == Laporan.Jenis.BULANAN:
        return f"BULAN {BULAN[sampai - 1].upper()} {tahun}"
    if laporan.jenis == Laporan.Jenis.SEMESTERAN:
        return f"SEMESTER {'I' if sampai <= 6 else 'II'} TAHUN {tahun}"
    return f"TAHUN {tahun}"


def _data_laporan(laporan: Laporan, data: dict) -> dict:
    judul, singkatan = JUDUL[laporan.jenis]
    subjudul = _subjudul(laporan, data)
    tahun = int(data["laporan"]["tahun"])
    tempat = tempat_ttd(laporan.instansi)
    if laporan.ditandatangani_pada:
        tanggal = tanggal_panjang(timezone.localtime(laporan.ditandatangani_pada))
    else:  # a draft: the date is written when the head signs
        tanggal = f"{ISIAN_KOSONG} {timezone.localdate().year}"
    instansi, pemda = data["instansi"]["nama"], data["instansi"]["pemda"]
    return {
        "jenis": laporan.jenis,
        "nama": laporan.get_jenis_display(),
        "judul": judul,
        "subjudul": subjudul,
        "judul_lengkap": f"{judul} {subjudul}",
        "singkatan": singkatan,
        "periode": data["laporan"]["periode"],
        "sampai_bulan": BULAN[data["laporan"]["sampai_bulan"] - 1],
        # Years as text: Django's number localisation would print 2.025.
        "tahun": str(tahun),
        "tahun_sebelum_1": str(tahun - 1),
        "tahun_sebelum_2": str(tahun - 2),
        "instansi": instansi,
        "instansi_besar": instansi.upper(),
        "jenis_instansi": laporan.instansi.jenis,
        "pemda": pemda,
        "pemerintah": nama_pemerintah(pemda),
        "draf": laporan.status == Laporan.Status.DRAF,
        "status": laporan.get_status_display(),
        "tempat": tempat,
        "tanggal": tanggal,
        "tempat_tanggal": f"{tempat}, {tanggal}",
    }


def _penandatangan(laporan: Laporan, data: dict) -> dict:
    # From the report's data (frozen at signing), not today's head.
    kepala = data["instansi"]["kepala"]
    jabatan = jabatan_lengkap(kepala["jabatan"] or "Kepala", laporan.instansi)
    return blok_ttd(kepala["nama"], kepala["nip"], jabatan, kosong=ISIAN_KOSONG)


def _organisasi(laporan: Laporan, data: dict) -> dict:
    """Structural positions and their holders for Bab I (frozen data first, when it has it)."""
    if "organisasi" in data:
        return data["organisasi"]
    jabatan = (
        Jabatan.objects.filter(instansi=laporan.instansi)
        .exclude(eselon="")
        .with_pemangku()
        .order_by("urutan", "eselon", "nama")
    )
    return {
        "jumlah_pegawai": Pegawai.objects.filter(instansi=laporan.instansi, is_active=True).count(),
        "jabatan": [
            {
                "no": n,
                "jabatan": j.nama,
                "eselon": j.eselon,
                "pemangku": ", ".join(f"{p.nama_lengkap}" for p in j.pemangku_list) or KOSONG,
            }
            for n, j in enumerate(jabatan, start=1)
        ],
    }


# ---------------------------------------------------------------- Bab III, per indicator


def _status(capaian: Decimal | None) -> str:
    if capaian is None:
        return "Belum diukur"
    return "Tercapai" if capaian >= 100 else "Belum tercapai"


def _sebelumnya(ind: dict, tahun: int) -> dict:
    """Realisation and capaian of the two previous years in fixed slots (— when absent)."""
    lalu = {int(t["tahun"]): t for t in ind.get("tahun_lalu", [])}
    hasil = {}
    for mundur in (1, 2):
        t = lalu.get(tahun - mundur, {})
        hasil[f"realisasi_sebelum_{mundur}"] = t.get("realisasi", KOSONG)
        hasil[f"capaian_sebelum_{mundur}"] = t.get("capaian", KOSONG)
    return hasil


def _perbandingan_tahun(ind: dict, tahun: int) -> str:
    ada = [t for t in ind.get("tahun_lalu", []) if _desimal(t["capaian"]) is not None]
    if not ada:
        tahun_lalu = " dan ".join(str(t["tahun"]) for t in ind.get("tahun_lalu", []))
        return (
            f"Data capaian tahun {tahun_lalu} belum tersedia dalam sistem, sehingga "
            "perbandingan antartahun belum dapat disajikan."
            if tahun_lalu
            else "Tahun ini adalah tahun pertama pengukuran indikator dalam periode Renstra."
        )
    riwayat = "; ".join(
        f"tahun {t['tahun']} realisasi {t['realisasi']} (capaian {t['capaian']})" for t in ada
    )
    akhir, kini = _desimal(ada[-1]["capaian"]), _desimal(ind.get("capaian"))
    if kini is None:
        return f"Riwayat: {riwayat}."
    arah = "meningkat" if kini > akhir else "menurun" if kini < akhir else "tetap"
    return (
        f"Riwayat: {riwayat}. Dibandingkan tahun {ada[-1]['tahun']}, capaian {arah} "
        f"dari {ada[-1]['capaian']} menjadi {ind['capaian']} pada tahun {tahun}."
    )


def _perbandingan_akhir(ind: dict, akhir_renstra: str) -> str:
    nilai = _desimal(ind.get("capaian_akhir"))
    target = f"{ind.get('target_akhir', KOSONG)} {ind.get('satuan', '')}".strip()
    if nilai is None:
        return f"Target akhir Renstra ({akhir_renstra}) {target}; capaiannya belum dapat dihitung."
    if nilai >= 100:
        return (
            f"Realisasi tahun ini telah memenuhi target akhir Renstra ({akhir_renstra}) sebesar "
            f"{target} (capaian {ind['capaian_akhir']})."
        )
    return (
        f"Terhadap target akhir Renstra ({akhir_renstra}) sebesar {target}, realisasi tahun ini "
        f"baru mencapai {ind['capaian_akhir']}, sehingga upaya perlu dilanjutkan pada sisa "
        "periode Renstra."
    )


def _perbandingan_nasional(ind: dict) -> str:
    standar = ind.get("standar_nasional") or KOSONG
    if standar == KOSONG:
        return "Belum ada standar nasional yang ditetapkan untuk indikator ini."
    return (
        f"Standar nasional indikator ini {standar}; realisasi {ind['realisasi']} "
        f"{ind.get('satuan', '')}".rstrip()
        + "."
    )


def _serapan_program(program: list[dict]) -> Decimal | None:
    """Absorption of an indicator's supporting programs together (pagu-weighted)."""
    pagu = sum((_desimal(p["pagu"]) or Decimal(0) for p in program), Decimal(0))
    realisasi = sum((_desimal(p["realisasi"]) or Decimal(0) for p in program), Decimal(0))
    return rumus.serapan(realisasi, pagu).nilai


def _efisiensi_indikator(ind: dict) -> str:
    """Capaian against the absorption of the supporting programs (docs/domain.md §7)."""
    program = ind.get("program") or []
    if not program:
        return (
            "Indikator ini tidak didukung langsung oleh satu program DPA; efisiensinya "
            "dinilai pada tingkat instansi (subbab 3.2)."
        )
    serapan = _serapan_program(program)
    hasil = rumus.efisiensi(_mentah(ind.get("capaian_angka")), serapan)
    if hasil.nilai is None:
        return f"Serapan anggaran program pendukung {_persen(serapan)}; efisiensi belum dihitung."
    indeks = angka(hasil.nilai, 2)
    nilai = "efisien" if hasil.nilai >= 1 else "kurang efisien"
    return (
        f"Capaian {ind['capaian']} diraih dengan serapan anggaran program pendukung "
        f"{_persen(serapan)}; indeks efisiensi {indeks} ({nilai})."
    )


def _indikator(ind: dict, no: int, nomor: int, tahun: int, akhir_renstra: str) -> dict:
    capaian = _mentah(ind.get("capaian_angka"))
    return {
        "no": no,
        "nomor": str(nomor),
        "kode": ind.get("kode", ""),
        "nama": ind["nama"],
        "satuan": ind.get("satuan", ""),
        "target": ind.get("target", KOSONG),
        "realisasi": ind.get("realisasi", KOSONG),
        "capaian": ind.get("capaian", KOSONG),
        "capaian_angka": capaian,
        "kategori": ind.get("kategori") or KOSONG,
        "status": _status(capaian),
        "rumus": ind.get("rumus", ""),
        **_sebelumnya(ind, tahun),
        "perbandingan_tahun": _perbandingan_tahun(ind, tahun),
        "target_akhir": ind.get("target_akhir", KOSONG),
        "capaian_akhir": ind.get("capaian_akhir", KOSONG),
        "perbandingan_akhir": _perbandingan_akhir(ind, akhir_renstra),
        "standar_nasional": ind.get("standar_nasional") or KOSONG,
        "perbandingan_nasional": _perbandingan_nasional(ind),
        "analisis": ind.get("analisis", ""),
        "efisiensi": _efisiensi_indikator(ind),
        "program": ind.get("program") or [],
        "rekomendasi": ind.get("rekomendasi") or [],
    }


def _capaian(data: dict) -> list[dict]:
    tahun = int(data["laporan"]["tahun"])
    periode = data["renstra"]["periode"]
    akhir_renstra = f"tahun {periode.split('–')[-1]}" if "–" in periode else "Renstra"
    tujuan = set(data["renstra"]["tujuan"])
    hasil, nomor = [], 0
    for s, grup in enumerate(data["capaian"], start=1):
        indikator = []
        for i, ind in enumerate(grup["indikator"], start=1):
            nomor += 1  # indicators are numbered through the report, as in Tabel 3.1
            indikator.append(_indikator(ind, i, nomor, tahun, akhir_renstra))
        hasil.append(
            {
                "no": s,
                # Indicators of a tujuan are grouped under it, like a sasaran's under theirs.
                "label": "Tujuan" if grup["sasaran"] in tujuan else "Sasaran",
                "sasaran": grup["sasaran"],
                "indikator": indikator,
            }
        )
    return hasil


# ---------------------------------------------------------------- summaries


def _periode_kalimat(data: dict) -> str:
    """'tahun 2025', 'semester I 2026', 'bulan Oktober 2026' — inside a sentence."""
    periode = data["laporan"]["periode"]
    if data["laporan"]["jenis"] == Laporan.Jenis.BULANAN:
        return f"bulan {periode}"
    return periode[:1].lower() + periode[1:]


def _kalimat_kinerja(
    data: dict, jumlah: int, tercapai: int, belum: int, tanpa: int, persen: str
) -> str:
    """The Ikhtisar's first sentence: how many indicators, how many met, the average."""
    periode = _periode_kalimat(data)
    if not jumlah:
        return f"Pada {periode} belum ada indikator kinerja yang diukur."
    kalimat = [
        f"Pada {periode} {data['instansi']['nama']} mengukur {jumlah} indikator kinerja. "
        f"Sebanyak {tercapai} indikator ({persen}) mencapai atau melampaui target"
    ]
    if belum:
        kalimat.append(f", {belum} indikator belum mencapai target")
    if tanpa:
        kalimat.append(f" dan {tanpa} indikator belum dapat diukur")
    kalimat.append(f". Rata-rata capaian kinerja {data['rata_capaian']}")
    if data.get("kategori"):
        kalimat.append(f" dengan kategori {data['kategori']}")
    return "".join(kalimat) + "."


def _ringkasan(data: dict, capaian: list[dict], anggaran: dict) -> dict:
    semua = [i for s in capaian for i in s["indikator"]]
    tercapai = [i for i in semua if i["status"] == "Tercapai"]
    belum = [i for i in semua if i["status"] == "Belum tercapai"]
    tanpa = [i for i in semua if i["status"] == "Belum diukur"]
    hitung = Counter(i["kategori"] for i in semua if i["capaian_angka"] is not None)
    urutan = URUTAN_KATEGORI + sorted(set(hitung) - set(URUTAN_KATEGORI))
    diukur = len(tercapai) + len(belum)
    persen = _persen(Decimal(len(tercapai) * 100) / diukur if diukur else None)
    return {
        "jumlah_indikator": len(semua),
        "jumlah_tercapai": len(tercapai),
        "jumlah_belum": len(belum),
        "jumlah_tanpa_data": len(tanpa),
        "persen_tercapai": persen,
        "rata_capaian": data["rata_capaian"],
        "kategori": data.get("kategori") or KOSONG,
        "kinerja": _kalimat_kinerja(
            data, len(semua), len(tercapai), len(belum), len(tanpa), persen
        ),
        "anggaran": anggaran["kalimat"],
        "belum_tercapai": "; ".join(f"{i['nama']} ({i['capaian']})" for i in belum),
        "per_kategori": [{"kategori": k, "jumlah": hitung[k]} for k in urutan if hitung[k]],
    }


def _anggaran(data: dict) -> dict:
    a = data["anggaran"]
    if not a.get("ada"):
        kalimat = "Dokumen Pelaksanaan Anggaran (DPA) tahun ini belum tercatat dalam sistem."
        return {
            "ada": False,
            **dict.fromkeys(("pagu", "realisasi", "serapan", "efisiensi"), KOSONG),
            "rumus_efisiensi": "",
            "kalimat_efisiensi": "",
            "kalimat": kalimat,
            "rincian": [],
        }
    indeks = _desimal(a.get("efisiensi"))
    if indeks is None:
        efisien = "Indeks efisiensi belum dapat dihitung."
    else:
        lebih = "lebih tinggi daripada" if indeks >= 1 else "lebih rendah daripada"
        efisien = (
            f"Indeks efisiensi {a['efisiensi']} ({a['rumus_efisiensi']}): capaian kinerja "
            f"{lebih} penyerapan anggaran, sehingga penggunaan sumber daya "
            f"{'efisien' if indeks >= 1 else 'perlu ditingkatkan efisiensinya'}."
        )
    return {
        "ada": True,
        "pagu": a["pagu"],
        "realisasi": a["realisasi"],
        "serapan": a["serapan"],
        "efisiensi": a.get("efisiensi") or KOSONG,
        "rumus_efisiensi": a.get("rumus_efisiensi", ""),
        "kalimat_efisiensi": efisien,
        "kalimat": (
            f"Realisasi anggaran {a['realisasi']} dari pagu {a['pagu']} "
            f"(serapan {a['serapan']}). {efisien}"
        ),
        "rincian": [{"no": n, **r} for n, r in enumerate(a.get("rincian", []), start=1)],
    }


def _pk(data: dict) -> dict:
    pk = data.get("pk")
    if not pk:
        return {"ada": False, "tahun": str(data["laporan"]["tahun"]), "sasaran": [], "anggaran": []}
    return {
        "ada": True,
        "tahun": str(pk["tahun"]),
        "status": pk["status"],
        "pihak_pertama": pk["pihak_pertama"],
        "jabatan": pk["jabatan"],
        "total": pk["total"],
        "sasaran": [
            {
                "no": n,
                "uraian": s["uraian"],
                "indikator": [{"no": m, **i} for m, i in enumerate(s["indikator"], start=1)],
            }
            for n, s in enumerate(pk["sasaran"], start=1)
        ],
        "anggaran": [{"no": n, **a} for n, a in enumerate(pk["anggaran"], start=1)],
    }


def _rekomendasi(capaian: list[dict]) -> list[dict]:
    daftar = [
        {"indikator": i["nama"], **r}
        for s in capaian
        for i in s["indikator"]
        for r in i["rekomendasi"]
    ]
    return [{"no": n, **r} for n, r in enumerate(daftar, start=1)]


def _narasi(data: dict, konteks: dict) -> dict:
    """What people wrote, else a default drafted from the data (templates in bawaan/)."""
    tulisan = data.get("narasi", {})
    hasil = {"ikhtisar": tulisan.get("ikhtisar", "")}
    for kunci in ("kata_pengantar", "pendahuluan", "isu_strategis", "penutup"):
        hasil[kunci] = (tulisan.get(kunci) or "").strip() or _narasi_bawaan(kunci, konteks)
    return hasil


def _narasi_bawaan(kunci: str, konteks: dict) -> str:
    teks = render_to_string(f"{TEMPLAT}bawaan/{kunci}.txt", konteks)
    # One paragraph per block of lines; the template's own line wrapping is not kept.
    paragraf = [" ".join(p.split()) for p in re.split(r"\n\s*\n", teks)]
    return "\n".join(p for p in paragraf if p)


# ---------------------------------------------------------------- the whole context


def konteks_laporan(laporan: Laporan, data: dict | None = None) -> dict:
    """Everything a report document prints: the variables of its document kind."""
    data = isi_laporan(laporan) if data is None else data
    capaian = _capaian(data)
    anggaran = _anggaran(data)
    renstra = data["renstra"]
    konteks = {
        "kop": kop(laporan.instansi),
        "laporan": _data_laporan(laporan, data),
        "penandatangan": _penandatangan(laporan, data),
        "ringkasan": _ringkasan(data, capaian, anggaran),
        "organisasi": _organisasi(laporan, data),
        "renstra": {
            "periode": renstra["periode"],
            "visi": renstra["visi"] or KOSONG,
            "misi": _bernomor(renstra["misi"]),
            "tujuan": _bernomor(renstra["tujuan"]),
            "sasaran": _bernomor(renstra["sasaran"]),
        },
        "iku": [{"no": n, **i} for n, i in enumerate(data["iku"], start=1)],
        "pk": _pk(data),
        "capaian": capaian,
        "anggaran": anggaran,
        "kendala": _bernomor(data["kendala"]),
        "tindak_lanjut": _bernomor(data["tindak_lanjut"]),
        "rekomendasi": _rekomendasi(capaian),
    }
    konteks["narasi"] = _narasi(data, konteks)
    return konteks


# ---------------------------------------------------------------- charts (PDF and preview)


def _label_grafik(i: dict) -> str:
    # bar_svg leaves ~220 px for a label: about 32 characters at its font size.
    label = f"{i['kode']} {i['nama']}"
    return label if len(label) <= 32 else label[:31].rstrip() + "…"


def _grafik(konteks: dict) -> dict:
    """Capaian per indicator, and capaian against the absorption of its programs."""
    indikator = [i for s in konteks["capaian"] for i in s["indikator"]]
    tahun = konteks["laporan"]["tahun"]
    capaian = bar_svg(
        [(_label_grafik(i), i["capaian_angka"]) for i in indikator],
        judul=f"Capaian indikator kinerja {konteks['laporan']['periode']}",
        warna=[WARNA_TERCAPAI if i["status"] == "Tercapai" else WARNA_BELUM for i in indikator],
        lebar=660,
    )
    pasangan, warna = [], []
    for i in indikator:
        if not i["program"] or i["capaian_angka"] is None:
            continue
        pasangan += [
            (f"{i['kode']} capaian kinerja", i["capaian_angka"]),
            (f"{i['kode']} serapan anggaran", _serapan_program(i["program"])),
        ]
        warna += [WARNA_TERCAPAI if i["status"] == "Tercapai" else WARNA_BELUM, WARNA_SERAPAN]
    serapan = ""
    if pasangan:
        serapan = bar_svg(
            pasangan,
            judul=f"Capaian kinerja dan serapan anggaran program pendukung {tahun}",
            warna=warna,
            acuan=None,  # 100% is a target for capaian only, not for absorption
            lebar=660,
        )
    return {"capaian": mark_safe(capaian), "serapan": mark_safe(serapan)}


def _konteks_html(laporan: Laporan, data: dict | None) -> dict:
    konteks = konteks_laporan(laporan, data)
    konteks["grafik"] = _grafik(konteks)
    konteks["isi"] = f"{TEMPLAT}_{'lkjip' if laporan.jenis == 'lkjip' else 'ringkas'}.html"
    lap = konteks["laporan"]
    kepala = f"{lap['singkatan']} {lap['instansi']} {lap['periode']}"
    konteks["kepala_halaman"] = _teks_css(kepala)
    return konteks


# ---------------------------------------------------------------- the three outputs


def laporan_html(laporan: Laporan, data: dict | None = None) -> str:
    """The report as an HTML fragment for the report page (its CSS scoped to the fragment)."""
    return render_to_string(f"{TEMPLAT}pratinjau.html", _konteks_html(laporan, data))


def laporan_pdf(laporan: Laporan, data: dict | None = None) -> bytes:
    """The report as PDF: A4 portrait, kop, "Halaman x dari y", the head's signature.

    `data`: what to print (the worker passes the data a draft's request fingerprinted)."""
    return pdf_dari_html(render_to_string(f"{TEMPLAT}pdf.html", _konteks_html(laporan, data)))


def laporan_docx(laporan: Laporan) -> bytes:
    """The report as .docx from the agency's template of its kind (or the built-in one)."""
    konteks = konteks_laporan(laporan)
    konteks = {k: v if k == "kop" else untuk_word(v) for k, v in konteks.items()}
    return render_docx(laporan.instansi, KODE_JENIS[laporan.jenis], konteks)
