"""Is an upload what its name says? Checked by structure, not by its first bytes.

The first bytes alone let through an HTML page that starts with `%PDF-`, or any ZIP
named `.docx`; a browser that later opens such a file may run what it carries. So:

- PDF: starts with `%PDF-`, carries no HTML/SVG markup, and pypdf reads at least one page;
- DOCX / XLSX: a ZIP (bounded in entries and unpacked size, against zip bombs) holding
  `[Content_Types].xml` and `word/document.xml` / `xl/workbook.xml`;
- PNG / JPEG: the magic bytes, and Pillow (when installed) verifies the image is that format;
- SVG and HTML are never accepted, whatever their name says.

Also the one way a stored file is sent back: `respons_berkas`, whose Content-Disposition
comes from `lib.teks.content_disposition`.
"""

from __future__ import annotations

import io
import logging
import re
import zipfile

from django.http import FileResponse
from django.utils.translation import gettext as _

from .teks import content_disposition, nama_berkas_aman

log = logging.getLogger(__name__)

MIME = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "png": "image/png",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
}
_ISI_ZIP = {"docx": "word/document.xml", "xlsx": "xl/workbook.xml"}
ZIP_MAKS_ENTRI = 5000
ZIP_MAKS_TERURAI = 200 * 1024 * 1024  # unpacked bytes: an Office file is rarely > 50 MB
# Markup a browser would render or run; a document never needs it at top level.
_MARKUP = re.compile(rb"<\s*(!doctype|html|head|body|script|svg|iframe|object|embed)\b", re.I)


class BerkasTidakSah(ValueError):
    """The content is not a valid file of the named kind; the message says why."""


def periksa_isi(isi: bytes, jenis: str) -> None:
    """Raise BerkasTidakSah unless `isi` is a valid file of `jenis` (pdf, docx, …)."""
    jenis = jenis.lower().lstrip(".")
    if jenis not in MIME:
        raise BerkasTidakSah(_("Jenis berkas ini tidak diterima."))
    if _tampak_markup(isi):
        raise BerkasTidakSah(
            _("Berkas berisi HTML atau SVG, bukan %(jenis)s.") % {"jenis": jenis.upper()}
        )
    if jenis == "pdf":
        _periksa_pdf(isi)
    elif jenis in _ISI_ZIP:
        _periksa_office(isi, jenis)
    else:
        _periksa_gambar(isi, jenis)


def periksa_berkas(berkas, jenis: str) -> None:
    """`periksa_isi` on an uploaded file, leaving it at its start for whoever reads it next."""
    berkas.seek(0)
    try:
        periksa_isi(berkas.read(), jenis)
    finally:
        berkas.seek(0)


def _tampak_markup(isi: bytes) -> bool:
    kepala = isi[:1024].lstrip(b"\xef\xbb\xbf \t\r\n")
    if kepala.startswith(b"<"):
        return True  # SVG, HTML or XML renamed: none of ours starts with "<"
    # "%PDF-" then a page: HTML near the top of a real PDF does not happen.
    return bool(_MARKUP.search(isi[:4096])) and not isi.startswith((b"PK\x03\x04",))


def _periksa_pdf(isi: bytes) -> None:
    if not isi.startswith(b"%PDF-"):
        raise BerkasTidakSah(_("Berkas bukan PDF."))
    from pypdf import PdfReader

    try:
        pembaca = PdfReader(io.BytesIO(isi), strict=False)
        if pembaca.is_encrypted and not pembaca.decrypt(""):
            return  # encrypted with a password: its structure was read, its pages cannot be
        halaman = len(pembaca.pages)
    except Exception as exc:  # noqa: BLE001 — pypdf raises many kinds on a broken file
        log.info("PDF tidak terbaca: %s", exc)
        raise BerkasTidakSah(_("Berkas PDF rusak atau bukan PDF yang sah.")) from exc
    if halaman < 1:
        raise BerkasTidakSah(_("Berkas PDF tidak memiliki halaman."))


def _periksa_office(isi: bytes, jenis: str) -> None:
    galat = BerkasTidakSah(_("Berkas bukan dokumen %(jenis)s yang sah.") % {"jenis": jenis.upper()})
    if not isi.startswith(b"PK\x03\x04"):
        raise galat
    try:
        with zipfile.ZipFile(io.BytesIO(isi)) as arsip:
            daftar = arsip.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise galat from exc
    if len(daftar) > ZIP_MAKS_ENTRI or sum(i.file_size for i in daftar) > ZIP_MAKS_TERURAI:
        raise BerkasTidakSah(_("Isi berkas terlalu besar setelah diurai."))
    nama = {i.filename for i in daftar}
    if "[Content_Types].xml" not in nama or _ISI_ZIP[jenis] not in nama:
        raise galat


_MAGIC = {"png": (b"\x89PNG\r\n\x1a\n", "PNG"), "jpg": (b"\xff\xd8\xff", "JPEG")}


def _periksa_gambar(isi: bytes, jenis: str) -> None:
    awalan, format_pil = _MAGIC["jpg" if jenis == "jpeg" else jenis]
    galat = BerkasTidakSah(_("Berkas bukan gambar %(jenis)s yang sah.") % {"jenis": jenis.upper()})
    if not isi.startswith(awalan):
        raise galat
    try:
        from PIL import Image
    except ImportError:  # Pillow is optional: the magic bytes are all we can check then
        return
    try:
        with Image.open(io.BytesIO(isi)) as gambar:
            if gambar.format != format_pil:
                raise galat
            gambar.verify()
    except BerkasTidakSah:
        raise
    except Exception as exc:  # noqa: BLE001 — Pillow raises many kinds on a broken image
        raise galat from exc


def respons_berkas(
    berkas, nama: str, *, unduh: bool = True, content_type: str | None = None
) -> FileResponse:
    """A stored file sent back under a safe name (see `lib.teks.content_disposition`)."""
    aman = nama_berkas_aman(nama)
    respons = FileResponse(berkas, as_attachment=unduh, filename=aman, content_type=content_type)
    respons["Content-Disposition"] = content_disposition(aman, unduh=unduh)
    return respons
