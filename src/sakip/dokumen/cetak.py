"""What every printed document shares: the letterhead (kop surat), long dates, HTML → PDF.

The kop follows the usual Indonesian naskah dinas (Permendagri 1/2023 on tata naskah
dinas): the regional emblem on the left, PEMERINTAH … and the agency's name in capitals
centred beside it, the address and contacts below, and a double rule under the whole.
"""

from __future__ import annotations

import base64
import logging
import mimetypes
from dataclasses import dataclass

from sakip.lib.formatting import BULAN, tanggal_panjang  # noqa: F401 — re-exported
from sakip.organisasi.models import Instansi

log = logging.getLogger(__name__)

# A logo larger than this is not an emblem but a photo: left out rather than bloating every PDF.
LOGO_MAKS_BYTE = 2 * 1024 * 1024


@dataclass(frozen=True)
class Logo:
    isi: bytes
    mime: str

    @property
    def data_uri(self) -> str:
        return f"data:{self.mime};base64,{base64.b64encode(self.isi).decode('ascii')}"

    @property
    def raster(self) -> bool:
        """Word can embed PNG and JPEG; an SVG logo appears only in the PDF."""
        return self.mime in ("image/png", "image/jpeg")


def logo(instansi: Instansi) -> Logo | None:
    """The agency's own logo, else its Pemda's emblem; read from storage, never a URL."""
    for berkas in (instansi.logo, instansi.pemda.logo):
        if not berkas:
            continue
        try:
            with berkas.open("rb") as f:
                isi = f.read(LOGO_MAKS_BYTE + 1)
        except OSError:
            log.warning("Logo %s tidak dapat dibaca", berkas.name)
            continue
        if len(isi) > LOGO_MAKS_BYTE:
            log.warning("Logo %s melebihi %s byte, dilewati", berkas.name, LOGO_MAKS_BYTE)
            continue
        mime = mimetypes.guess_type(berkas.name)[0] or "application/octet-stream"
        return Logo(isi, mime)
    return None


def nama_pemerintah(pemda_nama: str) -> str:
    """'Kabupaten Siak' → 'PEMERINTAH KABUPATEN SIAK' (not doubled if already there)."""
    nama = pemda_nama.strip().upper()
    return nama if nama.startswith("PEMERINTAH") else f"PEMERINTAH {nama}"


def _situs_tampil(situs: str) -> str:
    return situs.removeprefix("https://").removeprefix("http://").rstrip("/")


def kop(instansi: Instansi) -> dict:
    """The letterhead's text and logo (`logo` as a data: URI, '' without one)."""
    gambar = logo(instansi)
    situs = _situs_tampil(instansi.situs)
    kontak = [
        f"Telp. {instansi.telepon}" if instansi.telepon else "",
        f"Email: {instansi.email}" if instansi.email else "",
        f"Laman: {situs}" if situs else "",
    ]
    return {
        "pemda": nama_pemerintah(instansi.pemda.nama),
        "instansi": instansi.nama.upper(),
        "alamat": " ".join(instansi.alamat.split()),
        "telepon": instansi.telepon,
        "email": instansi.email,
        "situs": situs,
        # Non-breaking spaces inside each item: a long line wraps after a comma only.
        "kontak": ", ".join(k.replace(" ", "\u00a0") for k in kontak if k),
        "logo": gambar.data_uri if gambar else "",
    }


def pdf_dari_html(html: str) -> bytes:
    """Render HTML with WeasyPrint, fetching nothing but data: URIs.

    Documents are made offline: a template (or a logo name) pointing at a network or
    local file URL is skipped, never fetched (no SSRF, no reading server files).
    """
    from weasyprint import HTML  # imported late: Pango loads only when a PDF is made
    from weasyprint.urls import URLFetcher

    return HTML(string=html, url_fetcher=URLFetcher(allowed_protocols=("data",))).write_pdf()
