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
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.forms.utils import flatatt
from django.template.loader import render_to_string
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe

from sakip.lib.formatting import BULAN, tanggal_panjang  # noqa: F401 — re-exported

# Kertas A4 lanskap dan marginnya (mm); templat memakai angka yang sama untuk @page.
LEBAR_KERTAS = 297.0
MARGIN_SISI = 10.0
LEBAR_ISI = LEBAR_KERTAS - 2 * MARGIN_SISI

BARIS_PER_HALAMAN = 8
BARIS_MONITORING_PER_HALAMAN = 15
# Tinggi untuk baris langkah di satu halaman alir: 188 mm isi halaman dikurangi judul, kepala
# tabel, dua baris segi lima dan catatan kaki. Halaman ditutup lebih awal bila perkiraan tinggi
# baris (teks panjang) melampauinya, supaya tabel tidak dipecah lagi oleh WeasyPrint.
ANGGARAN_TINGGI_BARIS = 138.0

# Lebar kolom tabel alir (mm). Kolom pelaksana dibagi rata di antara aktor, dalam batas
# min/maks, agar simbol (lebar kolom - 5 mm, paling lebar 18 mm = 68 px) tetap terbaca;
# sisanya untuk kolom teks.
LEBAR_NO, LEBAR_WAKTU, LEBAR_KETERANGAN = 7.0, 14.0, 24.0
LEBAR_TEKS_MIN = 100.0
LEBAR_PELAKSANA_MIN, LEBAR_PELAKSANA_MAKS = 15.0, 22.0
PORSI_TEKS = {"kegiatan": 0.46, "kelengkapan": 0.27, "output": 0.27}

# Perkiraan teks 8 pt: lebar huruf rata-rata (sengaja dilebihkan) dan tinggi satu baris.
LEBAR_HURUF, TINGGI_BARIS_TEKS, PADDING_TEKS = 1.45, 3.6, 2.4

# Formulir monitoring (teks 9 pt): kolom Prosedur 30% lebar isi; anggaran tinggi baris setelah
# judul, data SOP dan kepala tabel.
LEBAR_HURUF_9PT, TINGGI_BARIS_TEKS_9PT = 1.4, 4.0
LEBAR_PROSEDUR_MONITORING = LEBAR_ISI * 0.30
TINGGI_BARIS_MONITORING = 8.0
ANGGARAN_TINGGI_MONITORING = 132.0

# Gambar (mm).
TEBAL_GARIS = 0.3
Y_SIMBOL = 2.5  # ruang di atas simbol untuk mata panah yang masuk dari baris sebelumnya
TINGGI_SIMBOL = {"terminator": 7.0, "proses": 8.0, "keputusan": 10.0, "penghubung-halaman": 7.0}
LEBAR_SIMBOL_MAKS = 18.0
LEBAR_SEGILIMA = 7.0
R_LINGKARAN = 2.6
PANJANG_PANAH_BAWAH = 3.0
GESER_LINGKARAN = 5.0
TINGGI_BARIS_MIN = 14.0
TINGGI_BARIS_SAMBUNGAN = 11.0
HURUF_LABEL = 2.3
FONT_SVG = "Liberation Serif, Times New Roman, DejaVu Serif, serif"

TANPA_PELAKSANA = "(tidak disebut)"
KOTAK_IDENTITAS = (
    (("Dasar Hukum", "dasar_hukum"), ("Kualifikasi Pelaksana", "kualifikasi_pelaksana")),
    (("Keterkaitan", "keterkaitan"), ("Peralatan/Perlengkapan", "peralatan_perlengkapan")),
    (("Peringatan", "peringatan"), ("Pencatatan dan Pendataan", "pencatatan_pendataan")),
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


def _teks(nilai: Any) -> str:
    return "" if nilai is None else " ".join(str(nilai).split())


def _kunci(nama: Any) -> str:
    # "Kasubag  umum" dan "Kasubag Umum" adalah aktor yang sama.
    return _teks(nama).casefold()


def _bilangan(nilai: Any) -> int | None:
    try:
        return int(nilai)
    except (TypeError, ValueError):
        return None


def _isi_kotak(nilai: Any) -> dict:
    """Isi satu kotak identitas: daftar bernomor bila berupa daftar, paragraf bila teks."""
    if isinstance(nilai, list | tuple):
        return {"daftar": [t for t in (_teks(v) for v in nilai) if t], "teks": ""}
    return {"daftar": [], "teks": _teks(nilai)}


# --- Langkah dan kolom ------------------------------------------------------------------------


def _daftar_langkah(definisi: Mapping) -> list[dict]:
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
                "no": _teks(mentah.get("no")) or str(posisi),
                "kegiatan": _teks(mentah.get("kegiatan")),
                "pelaksana": _teks(mentah.get("pelaksana")),
                "kelengkapan": _teks(mentah.get("kelengkapan")),
                "waktu": _teks(mentah.get("waktu")),
                "output": _teks(mentah.get("output")),
                "keterangan": _teks(mentah.get("keterangan")),
                "keputusan": keputusan,
                "subproses": _teks(mentah.get("subproses")),
            }
        )
    return hasil


def kolom_pelaksana(definisi: Mapping, langkah: Sequence[dict]) -> list[Kolom]:
    """Kolom aktor menurut urutan `pelaksana`, lalu aktor langkah yang tidak terdaftar."""
    kolom: list[Kolom] = []
    dikenal: set[str] = set()
    for nama in definisi.get("pelaksana") or []:
        kunci = _kunci(nama)
        if kunci and kunci not in dikenal:
            dikenal.add(kunci)
            kolom.append(Kolom(_teks(nama), kunci))
    for item in langkah:
        kunci = _kunci(item["pelaksana"])
        if kunci not in dikenal:
            dikenal.add(kunci)
            kolom.append(Kolom(item["pelaksana"] or TANPA_PELAKSANA, kunci, tambahan=True))
    return kolom


def _lebar_kolom(jumlah_pelaksana: int) -> dict[str, float]:
    tetap = LEBAR_NO + LEBAR_WAKTU + LEBAR_KETERANGAN
    bagian = (LEBAR_ISI - tetap - LEBAR_TEKS_MIN) / max(jumlah_pelaksana, 1)
    pelaksana = min(max(bagian, LEBAR_PELAKSANA_MIN), LEBAR_PELAKSANA_MAKS)
    teks = max(LEBAR_ISI - tetap - pelaksana * jumlah_pelaksana, 0.0)
    lebar = {nama: teks * porsi for nama, porsi in PORSI_TEKS.items()}
    lebar.update(no=LEBAR_NO, waktu=LEBAR_WAKTU, keterangan=LEBAR_KETERANGAN, pelaksana=pelaksana)
    lebar["tabel"] = tetap + teks + pelaksana * jumlah_pelaksana
    return lebar


def _jenis_simbol(langkah: dict, jumlah: int) -> str:
    # Keputusan didahulukan: cabang Ya/Tidak-nya harus tetap tergambar.
    if langkah["keputusan"] is not None:
        return "keputusan"
    if langkah["posisi"] in (1, jumlah):
        return "terminator"
    return "proses"


def _alur_berikut(langkah: dict, jumlah: int) -> str | None:
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


def _cabang_penghubung(langkah: dict) -> list[tuple[str, int]]:
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


def _potong_monitoring(langkah: Sequence[dict], maks_baris: int) -> list[list[dict]]:
    def tinggi(item: dict) -> float:
        baris = _jumlah_baris_teks(item["kegiatan"], LEBAR_PROSEDUR_MONITORING, LEBAR_HURUF_9PT)
        return max(baris * TINGGI_BARIS_TEKS_9PT + 2.0, TINGGI_BARIS_MONITORING)

    return _kemas(langkah, tinggi, max(maks_baris, 1), ANGGARAN_TINGGI_MONITORING)


def _label_sambungan() -> Iterator[str]:
    """A, B, … Z, AA, AB, …: label segi lima, sama di kedua ujung batas halaman."""
    for panjang in range(1, 4):
        for angka in range(26**panjang):
            huruf = ""
            for _ in range(panjang):
                angka, sisa = divmod(angka, 26)
                huruf = chr(ord("A") + sisa) + huruf
            yield huruf


# --- Primitif SVG ------------------------------------------------------------------------------


def _f(angka: float) -> str:
    # Diformat sendiri: filter templat memakai lokal "id" dan akan menulis "3,5".
    return f"{angka:.2f}"


def _garis(x1: float, y1: float, x2: float, y2: float) -> SafeString:
    return format_html(
        '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#000" stroke-width="{}"/>',
        *map(_f, (x1, y1, x2, y2, TEBAL_GARIS)),
    )


_ARAH = {"bawah": (0, 1), "atas": (0, -1), "kanan": (1, 0), "kiri": (-1, 0)}


def _mata_panah(x: float, y: float, arah: str) -> SafeString:
    """Segitiga penuh dengan ujung di (x, y), menghadap `arah`."""
    dx, dy = _ARAH[arah]
    panjang, separuh = 1.6, 0.65
    bx, by = x - dx * panjang, y - dy * panjang
    titik = [(x, y), (bx - dy * separuh, by + dx * separuh), (bx + dy * separuh, by - dx * separuh)]
    return format_html(
        '<polygon points="{}" fill="#000"/>', " ".join(f"{_f(a)},{_f(b)}" for a, b in titik)
    )


def _tulisan(
    x: float, y: float, isi: str, *, jangkar: str = "start", ukuran: float = HURUF_LABEL
) -> SafeString:
    return format_html(
        '<text x="{}" y="{}" font-size="{}" font-family="{}" text-anchor="{}">{}</text>',
        *map(_f, (x, y, ukuran)),
        FONT_SVG,
        jangkar,
        isi,
    )


def _lingkaran(cx: float, cy: float, isi: str, atribut: dict) -> SafeString:
    """Penghubung dalam halaman: lingkaran berisi nomor langkah tujuan."""
    lingkaran = format_html(
        '<circle cx="{}" cy="{}" r="{}" fill="#fff" stroke="#000" stroke-width="{}"/>',
        *map(_f, (cx, cy, R_LINGKARAN, TEBAL_GARIS)),
    )
    label = _tulisan(cx, cy + 0.8, isi, jangkar="middle")
    return format_html("<g{}>{}{}</g>", flatatt(atribut), lingkaran, label)


# --- Gambar per baris ------------------------------------------------------------------------


@dataclass
class _Simpul:
    """Satu baris diagram: langkah, atau segi lima penghubung antarhalaman."""

    kolom: int
    simbol: str
    langkah: dict | None = None
    ke_berikut: str | None = None  # None: tak ada panah ke baris berikutnya
    cabang: list[tuple[str, int]] = field(default_factory=list)
    tujuan: bool = False  # langkah ini dituju lingkaran penghubung
    label: str = ""  # huruf segi lima
    posisi: str = ""  # "atas" | "bawah" untuk segi lima


@dataclass(frozen=True)
class _Geometri:
    cx: float
    setengah: float  # setengah lebar simbol
    ym: float
    y_bawah: float


@dataclass
class _Kanvas:
    """Gambar satu sel pelaksana yang sedang disusun."""

    lebar: float
    isi: list[SafeString] = field(default_factory=list)
    turun: float | None = None  # garis alir dari y ini menerus sampai tepi bawah sel
    perlu: float = 0.0

    def tambah(self, svg: SafeString, bawah: float = 0.0) -> None:
        self.isi.append(svg)
        self.perlu = max(self.perlu, bawah)


class _Sisi:
    """Sisi simbol yang masih bebas untuk lingkaran penghubung.

    Sel tetangga di kiri/kanan hanya dipakai oleh garis keluar langkah ini (baris lain tidak
    menggambar di baris ini), jadi lingkaran dapat diletakkan di sana tanpa bertabrakan.
    """

    def __init__(self, kolom: int, jumlah: int) -> None:
        self.bebas = {"kiri": kolom > 0, "kanan": kolom < jumlah - 1}
        self.bawah_terpakai = False
        self.jumlah_bawah = 0

    def pakai(self, sisi: str) -> None:
        if sisi == "bawah":
            self.bawah_terpakai = True
        else:
            self.bebas[sisi] = False

    def ambil(self, urutan: Sequence[str]) -> tuple[str, float]:
        """Sisi pertama yang bebas, atau tempat di bawah simbol dengan geser mendatarnya."""
        for sisi in urutan:
            if self.bebas.get(sisi):
                self.bebas[sisi] = False
                return sisi, 0.0
        urut = self.jumlah_bawah + (1 if self.bawah_terpakai else 0)
        self.jumlah_bawah += 1
        if urut == 0:
            return "bawah", 0.0
        return "bawah", GESER_LINGKARAN * ((urut + 1) // 2) * (1 if urut % 2 else -1)


def _geometri(simbol: str, lebar: float) -> _Geometri:
    tinggi = TINGGI_SIMBOL[simbol]
    if simbol == "penghubung-halaman":
        setengah = LEBAR_SEGILIMA / 2
    else:
        setengah = min(lebar - 5.0, LEBAR_SIMBOL_MAKS) / 2
    return _Geometri(lebar / 2, setengah, Y_SIMBOL + tinggi / 2, Y_SIMBOL + tinggi)


def _bentuk_simbol(simbol: str, geo: _Geometri, label: str) -> SafeString:
    kiri, kanan = geo.cx - geo.setengah, geo.cx + geo.setengah
    atas, bawah = Y_SIMBOL, geo.y_bawah
    garis = f'fill="#fff" stroke="#000" stroke-width="{_f(TEBAL_GARIS)}"'
    if simbol in ("terminator", "proses"):
        sudut = (bawah - atas) / 2 if simbol == "terminator" else 0.0
        return format_html(
            '<rect x="{}" y="{}" width="{}" height="{}" rx="{}" ry="{}" {}/>',
            *map(_f, (kiri, atas, kanan - kiri, bawah - atas, sudut, sudut)),
            mark_safe(garis),  # angka dari kode, bukan isian pengguna
        )
    if simbol == "keputusan":
        titik = [(geo.cx, atas), (kanan, geo.ym), (geo.cx, bawah), (kiri, geo.ym)]
    else:  # segi lima menghadap ke bawah
        bahu = atas + (bawah - atas) * 0.6
        titik = [(kiri, atas), (kanan, atas), (kanan, bahu), (geo.cx, bawah), (kiri, bahu)]
    bentuk = format_html(
        '<polygon points="{}" {}/>',
        " ".join(f"{_f(x)},{_f(y)}" for x, y in titik),
        mark_safe(garis),  # angka dari kode, bukan isian pengguna
    )
    if simbol == "penghubung-halaman":
        bentuk += _tulisan(geo.cx, atas + 3.3, label, jangkar="middle", ukuran=2.6)
    return bentuk


def _atribut_simbol(simpul: _Simpul) -> dict:
    if simpul.langkah is None:
        return {
            "class": "simbol",
            "data-simbol": simpul.simbol,
            "data-posisi": simpul.posisi,
            "data-label": simpul.label,
        }
    langkah = simpul.langkah
    atribut = {
        "class": "simbol",
        "data-simbol": simpul.simbol,
        "data-langkah": langkah["no"],
        "data-posisi-langkah": str(langkah["posisi"]),
        "data-pelaksana": langkah["pelaksana"],
    }
    if langkah["subproses"]:
        atribut["data-subproses"] = langkah["subproses"]
    return atribut


def _gambar_simbol(kanvas: _Kanvas, simpul: _Simpul, geo: _Geometri) -> None:
    bentuk = _bentuk_simbol(simpul.simbol, geo, simpul.label)
    kanvas.tambah(format_html("<g{}>{}</g>", flatatt(_atribut_simbol(simpul)), bentuk), geo.y_bawah)


def _gambar_alur_keluar(kanvas: list[_Kanvas], a: int, b: int, geo: _Geometri, label: str) -> str:
    """Panah dari simbol di kolom `a` ke simbol baris berikutnya di kolom `b`; sisi terpakai.

    Dari sisi simbol mendatar sampai tengah kolom `b`, lalu turun sampai tepi bawah sel;
    baris berikutnya menggambar sisa garis dan mata panahnya.
    """
    if a == b:
        sel = kanvas[a]
        sel.turun = geo.y_bawah
        if label:
            sel.tambah(_tulisan(geo.cx + 1.0, geo.y_bawah + 2.6, label), geo.y_bawah + 3.6)
        return "bawah"
    arah = 1 if b > a else -1
    lebar = kanvas[a].lebar
    tepi_keluar, tepi_masuk = (lebar, 0.0) if arah > 0 else (0.0, lebar)
    kanvas[a].tambah(_garis(geo.cx + arah * geo.setengah, geo.ym, tepi_keluar, geo.ym))
    for c in range(a + arah, b, arah):
        kanvas[c].tambah(_garis(0.0, geo.ym, lebar, geo.ym))
    kanvas[b].tambah(_garis(tepi_masuk, geo.ym, lebar / 2, geo.ym))
    kanvas[b].turun = geo.ym
    if label:
        x = 0.8 if arah > 0 else lebar - 0.8
        jangkar = "start" if arah > 0 else "end"
        kanvas[a + arah].tambah(_tulisan(x, geo.ym - 0.9, label, jangkar=jangkar))
    return "kanan" if arah > 0 else "kiri"


def _gambar_penghubung(
    kanvas: list[_Kanvas],
    a: int,
    tempat: tuple[str, float],
    geo: _Geometri,
    atribut: dict,
    *,
    keluar: bool,
    label: str = "",
) -> None:
    """Lingkaran penghubung di samping atau di bawah simbol kolom `a`.

    `keluar`: panah dari simbol ke lingkaran (cabang keputusan); selain itu panah dari
    lingkaran ke simbol (langkah tujuan cabang).
    """
    sisi, geser = tempat
    isi = atribut["data-ke"]
    if sisi == "bawah":
        _penghubung_bawah(kanvas[a], geo, geser, isi, atribut, keluar=keluar, label=label)
        return
    arah = 1 if sisi == "kanan" else -1
    sel, tetangga = kanvas[a], kanvas[a + arah]
    lebar = sel.lebar
    x_simbol = geo.cx + arah * geo.setengah
    tepi_sel, tepi_tetangga = (lebar, 0.0) if arah > 0 else (0.0, lebar)
    pusat = _pusat_lingkaran_samping(tetangga.lebar, arah, label)
    x_lingkaran = pusat - arah * R_LINGKARAN
    sel.tambah(_garis(x_simbol, geo.ym, tepi_sel, geo.ym))
    tetangga.tambah(_garis(tepi_tetangga, geo.ym, x_lingkaran, geo.ym))
    if keluar:
        tetangga.tambah(_mata_panah(x_lingkaran, geo.ym, sisi))
    else:
        sel.tambah(_mata_panah(x_simbol, geo.ym, "kiri" if arah > 0 else "kanan"))
    tetangga.tambah(_lingkaran(pusat, geo.ym, isi, atribut), geo.ym + R_LINGKARAN)
    if label:
        x = tepi_tetangga + arah * 0.8
        jangkar = "start" if arah > 0 else "end"
        tetangga.tambah(_tulisan(x, geo.ym - 0.9, label, jangkar=jangkar))


def _pusat_lingkaran_samping(lebar: float, arah: int, label: str) -> float:
    """Lingkaran di tengah kolom tetangga, digeser menjauh bila label cabang tidak muat."""
    if not label:
        return lebar / 2
    # Lebar huruf rata-rata sekitar setengah ukurannya; 2,2 mm untuk mata panah dan celah.
    jarak = 0.8 + len(label) * HURUF_LABEL * 0.5 + 2.2 + R_LINGKARAN
    return max(lebar / 2, jarak) if arah > 0 else min(lebar / 2, lebar - jarak)


def _penghubung_bawah(
    sel: _Kanvas,
    geo: _Geometri,
    geser: float,
    isi: str,
    atribut: dict,
    *,
    keluar: bool,
    label: str,
) -> None:
    x = geo.cx + geser
    y_lingkaran = geo.y_bawah + PANJANG_PANAH_BAWAH
    sel.tambah(_garis(geo.cx, geo.y_bawah, x, y_lingkaran))
    if keluar:
        sel.tambah(_mata_panah(x, y_lingkaran, "bawah"))
    else:
        sel.tambah(_mata_panah(geo.cx, geo.y_bawah, "atas"))
    bawah = y_lingkaran + 2 * R_LINGKARAN
    sel.tambah(_lingkaran(x, y_lingkaran + R_LINGKARAN, isi, atribut), bawah + 1.0)
    if label:
        sel.tambah(_tulisan(max(x, geo.cx) + 1.0, geo.y_bawah + 2.3, label))


def _urutan_sisi(a: int, kolom_lain: int | None) -> tuple[str, ...]:
    # Lingkaran diletakkan di sisi yang menghadap kolom langkah di seberangnya.
    if kolom_lain is not None and kolom_lain < a:
        return ("kiri", "kanan")
    return ("kanan", "kiri")


def _gambar_baris(
    simpul: _Simpul,
    masuk: bool,
    kolom_berikut: int | None,
    kolom: Sequence[Kolom],
    lebar: float,
    kolom_posisi: Mapping[int, int],
    asal_cabang: Mapping[int, list[int]],
) -> list[Sel]:
    kanvas = [_Kanvas(lebar) for _ in kolom]
    a = simpul.kolom
    geo = _geometri(simpul.simbol, lebar)
    _gambar_simbol(kanvas[a], simpul, geo)
    if masuk:
        kanvas[a].tambah(_garis(geo.cx, 0.0, geo.cx, Y_SIMBOL))
        kanvas[a].tambah(_mata_panah(geo.cx, Y_SIMBOL, "bawah"))
    sisi = _Sisi(a, len(kolom))
    if simpul.ke_berikut is not None and kolom_berikut is not None:
        sisi.pakai(_gambar_alur_keluar(kanvas, a, kolom_berikut, geo, simpul.ke_berikut))
    langkah = simpul.langkah
    for label, tujuan in simpul.cabang:
        atribut = {
            "class": "penghubung",
            "data-simbol": "penghubung",
            "data-peran": "cabang",
            "data-cabang": label.lower(),
            "data-dari": langkah["no"],
            "data-ke": str(tujuan),
        }
        tempat = sisi.ambil(_urutan_sisi(a, kolom_posisi.get(tujuan)))
        _gambar_penghubung(kanvas, a, tempat, geo, atribut, keluar=True, label=label)
    if simpul.tujuan:
        asal = asal_cabang[langkah["posisi"]]
        atribut = {
            "class": "penghubung",
            "data-simbol": "penghubung",
            "data-peran": "tujuan",
            "data-ke": str(langkah["posisi"]),
            "data-dari": " ".join(str(p) for p in asal),
        }
        tempat = sisi.ambil(_urutan_sisi(a, kolom_posisi.get(asal[0])))
        _gambar_penghubung(kanvas, a, tempat, geo, atribut, keluar=False)
    tinggi_min = TINGGI_BARIS_MIN if langkah else TINGGI_BARIS_SAMBUNGAN
    tinggi = max(tinggi_min, *(k.perlu for k in kanvas))
    return [_sel(k, kol, tinggi) for k, kol in zip(kanvas, kolom, strict=True)]


def _sel(kanvas: _Kanvas, kolom: Kolom, tinggi: float) -> Sel:
    # Setiap bagian berasal dari format_html, jadi penggabungannya tetap aman.
    isi = mark_safe("".join(conditional_escape(bagian) for bagian in kanvas.isi))
    svg = format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="alur" width="{}mm" height="{}mm" '
        'viewBox="0 0 {} {}">{}</svg>',
        *map(_f, (kanvas.lebar, tinggi, kanvas.lebar, tinggi)),
        isi,
    )
    gaya = ""
    if kanvas.turun is not None:
        # Garis tegak sebagai latar: WeasyPrint mengabaikan background-size pada gradien,
        # maka garis dibentuk dari titik henti gradien dan digeser ke bawah sejauh `turun`.
        x1 = kanvas.lebar / 2 - TEBAL_GARIS / 2
        x2 = x1 + TEBAL_GARIS
        gaya = (
            f"background-image: linear-gradient(to right, transparent {_f(x1)}mm, "
            f"#000 {_f(x1)}mm, #000 {_f(x2)}mm, transparent {_f(x2)}mm); "
            f"background-position: 0 {_f(kanvas.turun)}mm"
        )
    return Sel(kolom=kolom.nama, svg=svg, gaya=gaya)


# --- Halaman alir ------------------------------------------------------------------------------


def _simpul_langkah(
    langkah: dict, kolom: int, jumlah: int, dituju: Mapping[int, list[int]]
) -> _Simpul:
    return _Simpul(
        kolom=kolom,
        simbol=_jenis_simbol(langkah, jumlah),
        langkah=langkah,
        ke_berikut=_alur_berikut(langkah, jumlah),
        cabang=_cabang_penghubung(langkah),
        tujuan=langkah["posisi"] in dituju,
    )


def _simpul_halaman(
    potongan: Sequence[dict],
    kolom_posisi: Mapping[int, int],
    jumlah: int,
    dituju: Mapping[int, list[int]],
    label_atas: str | None,
    label_bawah: Iterator[str],
    terakhir: bool,
) -> list[_Simpul]:
    """Simpul satu halaman, diapit segi lima bila alir menyeberang batas halaman."""
    simpul = [
        _simpul_langkah(item, kolom_posisi[item["posisi"]], jumlah, dituju) for item in potongan
    ]
    if label_atas and simpul:
        simpul.insert(
            0,
            _Simpul(
                kolom=simpul[0].kolom,
                simbol="penghubung-halaman",
                ke_berikut="",
                label=label_atas,
                posisi="atas",
            ),
        )
    if not terakhir and simpul and simpul[-1].ke_berikut is not None:
        simpul.append(
            _Simpul(
                kolom=simpul[-1].kolom,
                simbol="penghubung-halaman",
                label=next(label_bawah),
                posisi="bawah",
            )
        )
    return simpul


def _baris_halaman(
    simpul: Sequence[_Simpul],
    kolom: Sequence[Kolom],
    lebar: float,
    kolom_posisi: Mapping[int, int],
    dituju: Mapping[int, list[int]],
) -> list[Baris]:
    baris = []
    for i, s in enumerate(simpul):
        masuk = i > 0 and simpul[i - 1].ke_berikut is not None
        kolom_berikut = simpul[i + 1].kolom if i + 1 < len(simpul) else None
        sel = _gambar_baris(s, masuk, kolom_berikut, kolom, lebar, kolom_posisi, dituju)
        if s.langkah is not None:
            baris.append(Baris(jenis="langkah", langkah=s.langkah, sel=sel))
            continue
        catatan = (
            f"Bersambung ke halaman berikutnya ({s.label})"
            if s.posisi == "bawah"
            else f"Sambungan dari halaman sebelumnya ({s.label})"
        )
        baris.append(
            Baris(
                jenis="sambungan",
                langkah=None,
                sel=sel,
                catatan=catatan,
                posisi_sambungan=s.posisi,
                label_sambungan=s.label,
            )
        )
    return baris


def halaman_alir(
    langkah: Sequence[dict],
    kolom: Sequence[Kolom],
    lebar: Mapping[str, float],
    baris_per_halaman: int | None,
) -> list[Halaman]:
    """Tabel alir per halaman dengan simbol, panah, dan penghubung (PermenPAN-RB 35/2012)."""
    indeks = {k.kunci: i for i, k in enumerate(kolom)}
    kolom_posisi = {item["posisi"]: indeks[_kunci(item["pelaksana"])] for item in langkah}
    dituju: dict[int, list[int]] = {}
    for item in langkah:
        for _, tujuan in _cabang_penghubung(item):
            if tujuan in kolom_posisi:
                dituju.setdefault(tujuan, []).append(item["posisi"])
    potongan = potong_halaman(langkah, lebar, baris_per_halaman)
    label = _label_sambungan()
    halaman = []
    label_atas = None
    for nomor, isi in enumerate(potongan, start=1):
        simpul = _simpul_halaman(
            isi, kolom_posisi, len(langkah), dituju, label_atas, label, nomor == len(potongan)
        )
        label_atas = simpul[-1].label if simpul and simpul[-1].posisi == "bawah" else None
        baris = _baris_halaman(simpul, kolom, lebar["pelaksana"], kolom_posisi, dituju)
        halaman.append(Halaman(nomor=nomor, baris=baris))
    return halaman


# --- Konteks dan keluaran ----------------------------------------------------------------------


def _identitas(definisi: Mapping) -> dict:
    identitas = definisi.get("identitas") or {}
    pengesah = identitas.get("disahkan_oleh") or {}
    return {
        "nomor_sop": _teks(identitas.get("nomor_sop")),
        "tanggal_pembuatan": tanggal_panjang(identitas.get("tanggal_pembuatan")),
        "tanggal_revisi": tanggal_panjang(identitas.get("tanggal_revisi")),
        "tanggal_efektif": tanggal_panjang(identitas.get("tanggal_efektif")),
        "disahkan_oleh": {
            "jabatan": _teks(pengesah.get("jabatan")),
            "nama": _teks(pengesah.get("nama")),
            "nip": _teks(pengesah.get("nip")),
        },
        "kotak": [
            [{"judul": judul, **_isi_kotak(identitas.get(kunci))} for judul, kunci in pasangan]
            for pasangan in KOTAK_IDENTITAS
        ],
    }


def _instansi(instansi: Mapping) -> dict:
    return {
        nama: _teks(instansi.get(nama)) for nama in ("pemda", "nama", "unit", "alamat", "logo_url")
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
    langkah = _daftar_langkah(definisi)
    kolom = kolom_pelaksana(definisi, langkah)
    lebar = _lebar_kolom(len(kolom))
    halaman = halaman_alir(langkah, kolom, lebar, baris_per_halaman)
    return {
        "kode": _teks(definisi.get("kode")),
        "nama": _teks(definisi.get("nama")),
        "sumber": _teks(definisi.get("sumber")),
        "instansi": _instansi(instansi),
        "identitas": _identitas(definisi),
        "langkah": langkah,
        "kolom": kolom,
        "ada_kolom_tambahan": any(k.tambahan for k in kolom),
        "lebar": {nama: f"{_f(nilai)}mm" for nama, nilai in lebar.items()},
        "halaman": halaman,
        "monitoring": _potong_monitoring(langkah, baris_monitoring_per_halaman),
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
