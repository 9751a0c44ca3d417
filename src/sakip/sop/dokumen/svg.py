"""Gambar tabel alir dalam SVG: simbol, panah dan penghubung satu baris, sel demi sel.

Tiap sel pelaksana memuat SVG kecilnya sendiri; garis yang harus menerus sampai tepi bawah
sel, yang tingginya baru diketahui saat tata letak, digambar sebagai latar gradien CSS.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from django.forms.utils import flatatt
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe

from .langkah import Kolom, Sel
from .ukuran import (
    FONT_SVG,
    GESER_LINGKARAN,
    HURUF_LABEL,
    LEBAR_SEGILIMA,
    LEBAR_SIMBOL_MAKS,
    PANJANG_PANAH_BAWAH,
    R_LINGKARAN,
    TEBAL_GARIS,
    TINGGI_BARIS_MIN,
    TINGGI_BARIS_SAMBUNGAN,
    TINGGI_SIMBOL,
    Y_SIMBOL,
)

# --- Primitif SVG ------------------------------------------------------------------------------


def angka_mm(angka: float) -> str:
    # Diformat sendiri: filter templat memakai lokal "id" dan akan menulis "3,5".
    return f"{angka:.2f}"


def _garis(x1: float, y1: float, x2: float, y2: float) -> SafeString:
    return format_html(
        '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#000" stroke-width="{}"/>',
        *map(angka_mm, (x1, y1, x2, y2, TEBAL_GARIS)),
    )


_ARAH = {"bawah": (0, 1), "atas": (0, -1), "kanan": (1, 0), "kiri": (-1, 0)}


def _mata_panah(x: float, y: float, arah: str) -> SafeString:
    """Segitiga penuh dengan ujung di (x, y), menghadap `arah`."""
    dx, dy = _ARAH[arah]
    panjang, separuh = 1.6, 0.65
    bx, by = x - dx * panjang, y - dy * panjang
    titik = [(x, y), (bx - dy * separuh, by + dx * separuh), (bx + dy * separuh, by - dx * separuh)]
    return format_html(
        '<polygon points="{}" fill="#000"/>',
        " ".join(f"{angka_mm(a)},{angka_mm(b)}" for a, b in titik),
    )


def _tulisan(
    x: float, y: float, isi: str, *, jangkar: str = "start", ukuran: float = HURUF_LABEL
) -> SafeString:
    return format_html(
        '<text x="{}" y="{}" font-size="{}" font-family="{}" text-anchor="{}">{}</text>',
        *map(angka_mm, (x, y, ukuran)),
        FONT_SVG,
        jangkar,
        isi,
    )


def _lingkaran(cx: float, cy: float, isi: str, atribut: dict) -> SafeString:
    """Penghubung dalam halaman: lingkaran berisi nomor langkah tujuan."""
    lingkaran = format_html(
        '<circle cx="{}" cy="{}" r="{}" fill="#fff" stroke="#000" stroke-width="{}"/>',
        *map(angka_mm, (cx, cy, R_LINGKARAN, TEBAL_GARIS)),
    )
    label = _tulisan(cx, cy + 0.8, isi, jangkar="middle")
    return format_html("<g{}>{}{}</g>", flatatt(atribut), lingkaran, label)


# --- Gambar per baris ------------------------------------------------------------------------


@dataclass
class Simpul:
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
    garis = f'fill="#fff" stroke="#000" stroke-width="{angka_mm(TEBAL_GARIS)}"'
    if simbol in ("terminator", "proses"):
        sudut = (bawah - atas) / 2 if simbol == "terminator" else 0.0
        return format_html(
            '<rect x="{}" y="{}" width="{}" height="{}" rx="{}" ry="{}" {}/>',
            *map(angka_mm, (kiri, atas, kanan - kiri, bawah - atas, sudut, sudut)),
            mark_safe(garis),  # angka dari kode, bukan isian pengguna
        )
    if simbol == "keputusan":
        titik = [(geo.cx, atas), (kanan, geo.ym), (geo.cx, bawah), (kiri, geo.ym)]
    else:  # segi lima menghadap ke bawah
        bahu = atas + (bawah - atas) * 0.6
        titik = [(kiri, atas), (kanan, atas), (kanan, bahu), (geo.cx, bawah), (kiri, bahu)]
    bentuk = format_html(
        '<polygon points="{}" {}/>',
        " ".join(f"{angka_mm(x)},{angka_mm(y)}" for x, y in titik),
        mark_safe(garis),  # angka dari kode, bukan isian pengguna
    )
    if simbol == "penghubung-halaman":
        bentuk += _tulisan(geo.cx, atas + 3.3, label, jangkar="middle", ukuran=2.6)
    return bentuk


def _atribut_simbol(simpul: Simpul) -> dict:
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


def _gambar_simbol(kanvas: _Kanvas, simpul: Simpul, geo: _Geometri) -> None:
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


def gambar_baris(
    simpul: Simpul,
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
        *map(angka_mm, (kanvas.lebar, tinggi, kanvas.lebar, tinggi)),
        isi,
    )
    gaya = ""
    if kanvas.turun is not None:
        # Garis tegak sebagai latar: WeasyPrint mengabaikan background-size pada gradien,
        # maka garis dibentuk dari titik henti gradien dan digeser ke bawah sejauh `turun`.
        x1 = kanvas.lebar / 2 - TEBAL_GARIS / 2
        x2 = x1 + TEBAL_GARIS
        gaya = (
            f"background-image: linear-gradient(to right, transparent {angka_mm(x1)}mm, "
            f"#000 {angka_mm(x1)}mm, #000 {angka_mm(x2)}mm, transparent {angka_mm(x2)}mm); "
            f"background-position: 0 {angka_mm(kanvas.turun)}mm"
        )
    return Sel(kolom=kolom.nama, svg=svg, gaya=gaya)
