"""Charts as inline SVG for printed documents (WeasyPrint draws inline SVG; no JavaScript).

Pure Python and no dependency: the browser pages draw the same data with Chart.js, this
module draws the printable version — a horizontal bar chart (capaian per indicator, with a
100% reference line) and a line chart (months on the x axis). Only basic SVG elements and
presentation attributes are used, which every renderer supports; every text is escaped.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from decimal import Decimal
from html import escape

from sakip.lib.formatting import angka

Nilai = Decimal | float | int | None
HURUF = 'font-family="DejaVu Sans, Arial, sans-serif"'
WARNA_TEKS, WARNA_GARIS, WARNA_ACUAN = "#1d2939", "#d0d5dd", "#667085"


def _e(teks) -> str:
    return escape(str(teks), quote=True)


def _angka(nilai: float, satuan: str = "") -> str:
    desimal = 0 if float(nilai).is_integer() else (1 if abs(nilai) >= 10 else 2)
    return angka(Decimal(repr(float(nilai))), desimal) + satuan


def _pendek(teks: str, batas: int) -> str:
    return teks if len(teks) <= batas else teks[: batas - 1].rstrip() + "…"


def _skala_rapi(maksimum: float, jumlah: int = 5) -> tuple[float, float]:
    """(top of the axis, step): a round step so that the ticks read 0, 25, 50 …"""
    if maksimum <= 0:
        return 1.0, 0.2
    kasar = maksimum / jumlah
    pangkat = 10 ** math.floor(math.log10(kasar))
    langkah = next(k * pangkat for k in (1, 2, 2.5, 5, 10) if k * pangkat >= kasar)
    return math.ceil(maksimum / langkah) * langkah, langkah


def _svg(lebar: int, tinggi: int, judul: str, isi: list[str]) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{lebar}" height="{tinggi}" '
        f'viewBox="0 0 {lebar} {tinggi}" role="img" aria-label="{_e(judul)}" {HURUF}>'
        f"<title>{_e(judul)}</title>" + "".join(isi) + "</svg>"
    )


def bar_svg(
    label_nilai: Sequence[tuple[str, Nilai]],
    *,
    judul: str = "",
    satuan: str = "%",
    acuan: float | None = 100,
    warna: str | Sequence[str] = "#0b4f8a",
    lebar: int = 640,
) -> str:
    """Horizontal bars, one per (label, value); a value of None is written "—" without a
    bar. `acuan` draws a dashed reference line (100% = target met)."""
    tinggi_baris, kiri, kanan, atas = 26, 230, 60, 40 if judul else 16
    tinggi = atas + max(1, len(label_nilai)) * tinggi_baris + 28
    nilai = [float(v) for _l, v in label_nilai if v is not None]
    puncak, langkah = _skala_rapi(max([*nilai, acuan or 0, 1]))
    lebar_area = lebar - kiri - kanan

    def x(v: float) -> float:
        return kiri + max(0.0, v) / puncak * lebar_area

    isi = []
    if judul:
        isi.append(
            f'<text x="{lebar / 2:.1f}" y="22" text-anchor="middle" font-size="14" '
            f'font-weight="bold" fill="{WARNA_TEKS}">{_e(judul)}</text>'
        )
    bawah = tinggi - 28
    tick = 0.0
    while tick <= puncak + 1e-9:
        isi.append(
            f'<line x1="{x(tick):.1f}" y1="{atas}" x2="{x(tick):.1f}" y2="{bawah}" '
            f'stroke="{WARNA_GARIS}" stroke-width="1"/>'
            f'<text x="{x(tick):.1f}" y="{bawah + 16}" text-anchor="middle" font-size="10" '
            f'fill="{WARNA_ACUAN}">{_e(_angka(tick, satuan))}</text>'
        )
        tick += langkah
    for i, (label, v) in enumerate(label_nilai):
        y = atas + i * tinggi_baris
        warna_i = warna if isinstance(warna, str) else (warna[i] if i < len(warna) else "#0b4f8a")
        isi.append(
            f'<text x="{kiri - 8}" y="{y + 17}" text-anchor="end" font-size="11" '
            f'fill="{WARNA_TEKS}">{_e(_pendek(label, 36))}</text>'
        )
        if v is None:
            isi.append(
                f'<text x="{kiri + 4}" y="{y + 17}" font-size="11" fill="{WARNA_ACUAN}">—</text>'
            )
            continue
        ujung = x(float(v))
        isi.append(
            f'<rect x="{kiri}" y="{y + 5}" width="{ujung - kiri:.1f}" height="{tinggi_baris - 10}" '
            f'fill="{_e(warna_i)}"/>'
            f'<text x="{ujung + 4:.1f}" y="{y + 17}" font-size="11" '
            f'fill="{WARNA_TEKS}">{_e(_angka(float(v), satuan))}</text>'
        )
    if acuan is not None:
        isi.append(
            f'<line x1="{x(acuan):.1f}" y1="{atas - 4}" x2="{x(acuan):.1f}" y2="{bawah}" '
            f'stroke="{WARNA_ACUAN}" stroke-width="1.5" stroke-dasharray="5,3"/>'
        )
    return _svg(lebar, tinggi, judul, isi)


def garis_svg(
    label: Sequence[str],
    seri: Sequence[tuple[str, Sequence[Nilai], str]],
    *,
    judul: str = "",
    satuan: str = "",
    lebar: int = 640,
    tinggi: int = 300,
) -> str:
    """Lines over `label` (e.g. months), one per (name, values, colour) in `seri`; a None
    breaks the line (a month without data is not drawn as zero)."""
    kiri, kanan, atas, bawah = 56, 20, (44 if judul else 20) + 20, tinggi - 32
    semua = [float(v) for _n, nilai, _w in seri for v in nilai if v is not None]
    puncak, langkah = _skala_rapi(max([*semua, 1]))
    lebar_area, tinggi_area = lebar - kiri - kanan, bawah - atas
    jarak = lebar_area / max(1, len(label))

    def x(i: int) -> float:
        return kiri + jarak * (i + 0.5)

    def y(v: float) -> float:
        return bawah - max(0.0, v) / puncak * tinggi_area

    isi = []
    if judul:
        isi.append(
            f'<text x="{lebar / 2:.1f}" y="22" text-anchor="middle" font-size="14" '
            f'font-weight="bold" fill="{WARNA_TEKS}">{_e(judul)}</text>'
        )
    for n, (nama, _nilai, w) in enumerate(seri):  # the legend, in one row under the title
        lx = kiri + n * 200
        isi.append(
            f'<rect x="{lx}" y="{atas - 26}" width="14" height="4" fill="{_e(w)}"/>'
            f'<text x="{lx + 20}" y="{atas - 20}" font-size="11" fill="{WARNA_TEKS}">'
            f"{_e(_pendek(nama, 30))}</text>"
        )
    tick = 0.0
    while tick <= puncak + 1e-9:
        isi.append(
            f'<line x1="{kiri}" y1="{y(tick):.1f}" x2="{lebar - kanan}" y2="{y(tick):.1f}" '
            f'stroke="{WARNA_GARIS}" stroke-width="1"/>'
            f'<text x="{kiri - 6}" y="{y(tick) + 4:.1f}" text-anchor="end" font-size="10" '
            f'fill="{WARNA_ACUAN}">{_e(_angka(tick, satuan))}</text>'
        )
        tick += langkah
    for i, teks in enumerate(label):
        isi.append(
            f'<text x="{x(i):.1f}" y="{bawah + 16}" text-anchor="middle" font-size="10" '
            f'fill="{WARNA_ACUAN}">{_e(teks)}</text>'
        )
    for _nama, nilai, w in seri:
        potongan: list[list[tuple[float, float]]] = [[]]
        for i, v in enumerate(nilai[: len(label)]):
            if v is None:
                potongan.append([])
                continue
            potongan[-1].append((x(i), y(float(v))))
        for p in potongan:
            if len(p) > 1:
                titik = " ".join(f"{a:.1f},{b:.1f}" for a, b in p)
                isi.append(
                    f'<polyline points="{titik}" fill="none" stroke="{_e(w)}" stroke-width="2"/>'
                )
            isi += [f'<circle cx="{a:.1f}" cy="{b:.1f}" r="3" fill="{_e(w)}"/>' for a, b in p]
    return _svg(lebar, tinggi, judul, isi)
