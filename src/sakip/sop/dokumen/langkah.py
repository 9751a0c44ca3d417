"""Isi tabel alir: langkah dan kolom pelaksana dari definisi SOP, lalu pemotongan halaman.

Halaman dipotong sendiri (bukan oleh WeasyPrint) berdasarkan perkiraan tinggi teks, agar
jumlah halaman dapat diramalkan dan segi lima penghubung digambar di batas yang sebenarnya.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.safestring import SafeString

from .ukuran import (
    ANGGARAN_TINGGI_BARIS,
    ANGGARAN_TINGGI_MONITORING,
    LEBAR_HURUF,
    LEBAR_HURUF_9PT,
    LEBAR_ISI,
    LEBAR_KETERANGAN,
    LEBAR_NO,
    LEBAR_PELAKSANA_MAKS,
    LEBAR_PELAKSANA_MIN,
    LEBAR_PROSEDUR_MONITORING,
    LEBAR_TEKS_MIN,
    LEBAR_WAKTU,
    PADDING_TEKS,
    PORSI_TEKS,
    TANPA_PELAKSANA,
    TINGGI_BARIS_MIN,
    TINGGI_BARIS_MONITORING,
    TINGGI_BARIS_TEKS,
    TINGGI_BARIS_TEKS_9PT,
)

# --- Data untuk templat ---------------------------------------------------------------------


@dataclass(frozen=True)
class Kolom:
    """Satu kolom pelaksana. `tambahan`: aktor langkah yang tidak ada di daftar pelaksana SOP,
    ditambahkan agar langkahnya tetap tergambar (cacat sumber ditampilkan, bukan disembunyikan).
    """

    nama: str
    kunci: str
    tambahan: bool = False


@dataclass(frozen=True)
class Sel:
    """Sel satu kolom pelaksana pada satu baris: gambar SVG-nya dan gaya garis yang menerus."""

    kolom: str
    svg: SafeString
    gaya: str


@dataclass(frozen=True)
class Baris:
    """Satu baris tabel alir: langkah SOP, atau baris segi lima di batas halaman."""

    jenis: str  # "langkah" | "sambungan"
    langkah: dict | None
    sel: list[Sel]
    catatan: str = ""
    posisi_sambungan: str = ""  # "atas" | "bawah" untuk baris sambungan
    label_sambungan: str = ""


@dataclass(frozen=True)
class Halaman:
    """Satu halaman tabel alir, dengan kepala tabelnya sendiri."""

    nomor: int
    baris: list[Baris]


# --- Teks dan tanggal -------------------------------------------------------------------------


def teks(nilai: Any) -> str:
    return "" if nilai is None else " ".join(str(nilai).split())


def kunci_aktor(nama: Any) -> str:
    # "Kasubag  umum" dan "Kasubag Umum" adalah aktor yang sama.
    return teks(nama).casefold()


def _bilangan(nilai: Any) -> int | None:
    try:
        return int(nilai)
    except (TypeError, ValueError):
        return None


def isi_kotak(nilai: Any) -> dict:
    """Isi satu kotak identitas: daftar bernomor bila berupa daftar, paragraf bila teks."""
    if isinstance(nilai, list | tuple):
        return {"daftar": [t for t in (teks(v) for v in nilai) if t], "teks": ""}
    return {"daftar": [], "teks": teks(nilai)}


# --- Langkah dan kolom ------------------------------------------------------------------------


def daftar_langkah(definisi: Mapping) -> list[dict]:
    """Langkah dengan sel yang selalu berupa teks; sel yang hilang di sumber menjadi ''."""
    hasil = []
    for posisi, mentah in enumerate(definisi.get("langkah") or [], start=1):
        mentah = mentah or {}
        keputusan = mentah.get("keputusan")
        if isinstance(keputusan, Mapping):
            keputusan = {
                "ya": _bilangan(keputusan.get("ya")),
                "tidak": _bilangan(keputusan.get("tidak")),
            }
        else:
            keputusan = None
        hasil.append(
            {
                "posisi": posisi,
                "no": teks(mentah.get("no")) or str(posisi),
                "kegiatan": teks(mentah.get("kegiatan")),
                "pelaksana": teks(mentah.get("pelaksana")),
                "kelengkapan": teks(mentah.get("kelengkapan")),
                "waktu": teks(mentah.get("waktu")),
                "output": teks(mentah.get("output")),
                "keterangan": teks(mentah.get("keterangan")),
                "keputusan": keputusan,
                "subproses": teks(mentah.get("subproses")),
            }
        )
    return hasil


def kolom_pelaksana(definisi: Mapping, langkah: Sequence[dict]) -> list[Kolom]:
    """Kolom aktor menurut urutan `pelaksana`, lalu aktor langkah yang tidak terdaftar."""
    kolom: list[Kolom] = []
    dikenal: set[str] = set()
    for nama in definisi.get("pelaksana") or []:
        kunci = kunci_aktor(nama)
        if kunci and kunci not in dikenal:
            dikenal.add(kunci)
            kolom.append(Kolom(teks(nama), kunci))
    for item in langkah:
        kunci = kunci_aktor(item["pelaksana"])
        if kunci not in dikenal:
            dikenal.add(kunci)
            kolom.append(Kolom(item["pelaksana"] or TANPA_PELAKSANA, kunci, tambahan=True))
    return kolom


def lebar_kolom(jumlah_pelaksana: int) -> dict[str, float]:
    tetap = LEBAR_NO + LEBAR_WAKTU + LEBAR_KETERANGAN
    bagian = (LEBAR_ISI - tetap - LEBAR_TEKS_MIN) / max(jumlah_pelaksana, 1)
    pelaksana = min(max(bagian, LEBAR_PELAKSANA_MIN), LEBAR_PELAKSANA_MAKS)
    teks = max(LEBAR_ISI - tetap - pelaksana * jumlah_pelaksana, 0.0)
    lebar = {nama: teks * porsi for nama, porsi in PORSI_TEKS.items()}
    lebar.update(no=LEBAR_NO, waktu=LEBAR_WAKTU, keterangan=LEBAR_KETERANGAN, pelaksana=pelaksana)
    lebar["tabel"] = tetap + teks + pelaksana * jumlah_pelaksana
    return lebar


def jenis_simbol(langkah: dict, jumlah: int) -> str:
    # Keputusan didahulukan: cabang Ya/Tidak-nya harus tetap tergambar.
    if langkah["keputusan"] is not None:
        return "keputusan"
    if langkah["posisi"] in (1, jumlah):
        return "terminator"
    return "proses"


def alur_berikut(langkah: dict, jumlah: int) -> str | None:
    """Label panah ke langkah berikutnya: '' tanpa label, 'Ya'/'Tidak', None bila tak ada."""
    berikut = langkah["posisi"] + 1
    if berikut > jumlah:
        return None
    keputusan = langkah["keputusan"]
    if keputusan is None:
        return ""
    if keputusan["ya"] == berikut:
        return "Ya"
    if keputusan["tidak"] == berikut:
        return "Tidak"
    return None


def cabang_penghubung(langkah: dict) -> list[tuple[str, int]]:
    """Cabang keputusan yang tidak menuju langkah berikutnya: digambar ke lingkaran penghubung."""
    keputusan = langkah["keputusan"] or {}
    cabang = []
    for label in ("Ya", "Tidak"):
        tujuan = keputusan.get(label.lower())
        if tujuan is not None and tujuan != langkah["posisi"] + 1:
            cabang.append((label, tujuan))
    return cabang


# --- Pemotongan halaman -----------------------------------------------------------------------


def _jumlah_baris_teks(teks: str, lebar: float, lebar_huruf: float = LEBAR_HURUF) -> int:
    per_baris = max(int((lebar - PADDING_TEKS) / lebar_huruf), 1)
    return max(math.ceil(len(teks) / per_baris), 1)


def _perkiraan_tinggi(langkah: dict, lebar: Mapping[str, float]) -> float:
    teks = max(
        _jumlah_baris_teks(langkah[nama], lebar[nama])
        for nama in ("kegiatan", "kelengkapan", "waktu", "output", "keterangan")
    )
    # Baris keputusan dapat memuat lingkaran penghubung di bawah belah ketupat (~22 mm).
    gambar = TINGGI_BARIS_MIN + (8.0 if langkah["keputusan"] else 0.0)
    return max(teks * TINGGI_BARIS_TEKS + 2.0, gambar)


def _kemas(
    butir: Sequence[dict], tinggi: Callable[[dict], float], maks: int, anggaran: float
) -> list[list[dict]]:
    """Butir per halaman: paling banyak `maks`, dan perkiraan tingginya tidak melebihi anggaran.

    Halaman dipotong di sini, bukan oleh WeasyPrint, agar jumlah halaman dapat diramalkan dan
    penghubung antarhalaman digambar di batas yang sebenarnya.
    """
    halaman: list[list[dict]] = []
    kini: list[dict] = []
    terpakai = 0.0
    for item in butir:
        perlu = tinggi(item)
        if kini and (len(kini) >= maks or terpakai + perlu > anggaran):
            halaman.append(kini)
            kini, terpakai = [], 0.0
        kini.append(item)
        terpakai += perlu
    halaman.append(kini)
    return halaman


def potong_halaman(
    langkah: Sequence[dict], lebar: Mapping[str, float], maks_baris: int | None
) -> list[list[dict]]:
    """Langkah per halaman alir; `maks_baris=None`: satu tabel utuh (halaman web)."""
    if not maks_baris:
        return [list(langkah)]
    return _kemas(
        langkah, lambda item: _perkiraan_tinggi(item, lebar), maks_baris, ANGGARAN_TINGGI_BARIS
    )


def potong_monitoring(langkah: Sequence[dict], maks_baris: int) -> list[list[dict]]:
    def tinggi(item: dict) -> float:
        baris = _jumlah_baris_teks(item["kegiatan"], LEBAR_PROSEDUR_MONITORING, LEBAR_HURUF_9PT)
        return max(baris * TINGGI_BARIS_TEKS_9PT + 2.0, TINGGI_BARIS_MONITORING)

    return _kemas(langkah, tinggi, max(maks_baris, 1), ANGGARAN_TINGGI_MONITORING)


def label_sambungan() -> Iterator[str]:
    """A, B, … Z, AA, AB, …: label segi lima, sama di kedua ujung batas halaman."""
    for panjang in range(1, 4):
        for angka in range(26**panjang):
            huruf = ""
            for _ in range(panjang):
                angka, sisa = divmod(angka, 26)
                huruf = chr(ord("A") + sisa) + huruf
            yield huruf
