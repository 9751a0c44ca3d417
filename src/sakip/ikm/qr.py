"""QR codes as SVG: drawn here, embedded inline in HTML or as a data: URI in PDFs.

`qrcode` encodes the text; the drawing is ours — one path of horizontal runs — so the
markup is small, has no ids (several codes may share a page) and does not depend on
which XML library qrcode finds. SVG stays sharp at any print size, and `pdf_dari_html`
fetches data: URIs only, so nothing is read from disk.
"""

from __future__ import annotations

import base64
from html import escape

import qrcode
import qrcode.constants

TEPI = 4  # the quiet zone the standard asks for, in modules


def _angka(nilai: float) -> str:
    return f"{nilai:.2f}".rstrip("0").rstrip(".")


def _jalur(modul: list[list[bool]]) -> str:
    """SVG path data: one rectangle per run of dark modules in a row."""
    bagian = []
    for y, baris in enumerate(modul):
        x = 0
        while x < len(baris):
            if not baris[x]:
                x += 1
                continue
            awal = x
            while x < len(baris) and baris[x]:
                x += 1
            bagian.append(f"M{awal + TEPI},{y + TEPI}h{x - awal}v1h-{x - awal}z")
    return "".join(bagian)


def svg_qr(teks: str, ukuran_mm: float | None = None, *, label: str = "") -> str:
    """An <svg> QR code of `teks`: `ukuran_mm` wide and high, or filling its box if None.

    Error correction M (15 %) survives a scuffed poster; the quiet zone is part of the
    drawing, on a white background, so the code scans on any paper or screen.
    """
    qr = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=0)
    qr.add_data(teks)
    qr.make(fit=True)
    modul = qr.get_matrix()
    sisi = len(modul) + 2 * TEPI
    ukuran = ""
    if ukuran_mm is not None:
        ukuran = f' width="{_angka(ukuran_mm)}mm" height="{_angka(ukuran_mm)}mm"'
    judul = escape(label or f"Kode QR: {teks}")
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {sisi} {sisi}"{ukuran} '
        f'role="img" aria-label="{judul}" shape-rendering="crispEdges">'
        f'<rect width="{sisi}" height="{sisi}" fill="#fff"/>'
        f'<path fill="#000" d="{_jalur(modul)}"/></svg>'
    )


def data_uri_qr(teks: str, ukuran_mm: float | None = None) -> str:
    """The QR code as a data:image/svg+xml URI, for an <img src> in a PDF template."""
    isi = svg_qr(teks, ukuran_mm).encode("utf-8")
    return "data:image/svg+xml;base64," + base64.b64encode(isi).decode("ascii")
