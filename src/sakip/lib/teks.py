"""What typed text may contain before it reaches a header, a filename or the database.

Two rules for input, one cleaner for output:

- `tolak_kontrol` — a multi-line field (a note, a description) may hold tab and line
  breaks, never NUL or another C0/C1 control character: PostgreSQL refuses NUL in text
  and the others only ever arrive by accident or by attack.
- `satu_baris` — a single-line field (an SOP run's title, a letter's subject, a survey
  answer, a file's name) may hold no control character at all, line breaks included: such
  a text ends up in an email Subject or a Content-Disposition header, where CR/LF would
  inject a header (`"Uji\\rBcc: x@evil"`).
- `bersihkan_baris` — for text already stored (or from the system) that goes into a header:
  control characters become spaces, so the mail is sent rather than raising.

And the one builder of Content-Disposition headers (`content_disposition`), with an
ASCII fallback name and the full name in RFC 5987 `filename*`.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import quote

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# C0 controls, DEL and C1 controls; line and paragraph separators count as line breaks.
_KONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_KONTROL_MULTI = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")  # tab, LF, CR allowed
_BARIS_BARU = re.compile(r"[\r\n\x0b\x0c\x85\u2028\u2029]")
# What may never be part of a downloaded file's name: path separators, quotes, controls.
_TERLARANG_BERKAS = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029/\\\"';:*?<>|]")


def tolak_kontrol(teks: str | None) -> str | None:
    """Refuse NUL and control characters other than tab and line breaks; return the text."""
    if teks and _KONTROL_MULTI.search(teks):
        raise ValidationError(
            _(
                "Teks memuat karakter kendali yang tidak diizinkan (mis. NUL); "
                "hapus lalu kirim ulang."
            ),
            code="karakter_kendali",
        )
    return teks


def satu_baris(teks: str | None) -> str | None:
    """Refuse line breaks and any other control character in a single-line text."""
    if not teks:
        return teks
    if _BARIS_BARU.search(teks):
        raise ValidationError(
            _("Teks ini harus satu baris: hapus ganti baris (Enter) di dalamnya."),
            code="baris_baru",
        )
    if _KONTROL.search(teks):
        raise ValidationError(
            _(
                "Teks memuat karakter kendali yang tidak diizinkan (mis. NUL atau tab); "
                "hapus lalu kirim ulang."
            ),
            code="karakter_kendali",
        )
    return teks


def bersihkan_baris(teks: str | None) -> str:
    """One header-safe line: control characters become spaces, runs of spaces collapse."""
    return " ".join(_KONTROL.sub(" ", teks or "").split())


def nama_berkas_aman(nama: str | None, cadangan: str = "berkas") -> str:
    """A file name that is only a name: no directory, quotes, controls; never empty."""
    nama = unicodedata.normalize("NFC", nama or "")
    nama = re.split(r"[/\\]", nama)[-1]  # a browser may send "C:\\Users\\x\\surat.pdf"
    nama = " ".join(_TERLARANG_BERKAS.sub(" ", nama).split()).strip(" .")
    return nama[:200] or cadangan


def _ascii(nama: str) -> str:
    # "Surat Undangan — Ákun.pdf" → "Surat Undangan - Akun.pdf": accents dropped, the rest "_".
    dasar = unicodedata.normalize("NFKD", nama.replace("—", "-").replace("–", "-"))
    hasil = "".join(c for c in dasar if not unicodedata.combining(c))
    hasil = "".join(c if 0x20 <= ord(c) < 0x7F else "_" for c in hasil)
    return hasil.strip() or "berkas"


def content_disposition(nama: str | None, *, unduh: bool = True) -> str:
    """`attachment; filename="…"; filename*=UTF-8''…` with the name made safe first."""
    aman = nama_berkas_aman(nama)
    jenis = "attachment" if unduh else "inline"
    cadangan = _ascii(aman)
    if cadangan == aman:
        return f'{jenis}; filename="{aman}"'
    return f"{jenis}; filename=\"{cadangan}\"; filename*=UTF-8''{quote(aman, safe='')}"
