"""The limits an upload must pass before openpyxl parses it.

Parsing is the expensive part: a 100,000-row sheet took 38 s and 1.3 GB in one request,
and a 2 MB zip bomb (480 MB of sheet XML) ran into MemoryError. So each check costs less
than the one after it and refuses before the next begins:

1. bytes: at most `SAKIP_IMPOR_MAKS_BYTE` (settings, 5 MB) are read at all;
2. the archive: an .xlsx is a zip; the sizes its directory declares must add up to at
   most 50 MB, and no large member may be compressed more than 200 times (real sheets
   compress 5–30 times). Python's zipfile never unpacks more than a member declares, so
   the declared sizes bound the work that follows;
3. rows: each sheet is streamed (read-only) and counting stops at 20,000 rows.

A refusal is a `BerkasDitolak` with a message in Indonesian for the import page.
"""

from __future__ import annotations

import zipfile
from io import BytesIO

from django.conf import settings
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from sakip.lib.formatting import angka

MB = 1024 * 1024
MAKS_BYTE = 5 * MB
MAKS_TERURAI = 50 * MB
MAKS_RASIO = 200
RASIO_DARI = 1 * MB  # tiny members (styles, an empty sheet) may compress oddly; no matter
MAKS_BARIS = 20_000


class BerkasDitolak(ValueError):
    """An upload refused before it was parsed; `pesan` says why, in Indonesian."""

    def __init__(self, pesan: str):
        super().__init__(pesan)
        self.pesan = pesan


class BukanExcel(BerkasDitolak):
    """Not an .xlsx file at all (not a zip, or a zip openpyxl cannot read)."""


def batas(nama: str, bawaan: int) -> int:
    """A limit from settings (tests and deployments may lower it), else the default."""
    return int(getattr(settings, nama, bawaan))


def baca_unggahan(berkas) -> bytes:
    """The bytes of `berkas` (bytes or a file), refused unread beyond the byte limit."""
    maks = batas("SAKIP_IMPOR_MAKS_BYTE", MAKS_BYTE)
    if isinstance(berkas, bytes | bytearray):
        data = bytes(berkas)
    else:
        ukuran = getattr(berkas, "size", None)
        if isinstance(ukuran, int) and ukuran > maks:
            raise BerkasDitolak(_pesan_byte(maks))
        if hasattr(berkas, "seek"):
            berkas.seek(0)
        data = berkas.read(maks + 1)
    if len(data) > maks:
        raise BerkasDitolak(_pesan_byte(maks))
    return data


def periksa_arsip(data: bytes) -> None:
    """The zip's declared unpacked size and compression ratio are within bounds."""
    try:
        with zipfile.ZipFile(BytesIO(data)) as arsip:
            anggota = arsip.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise BukanExcel(_("Berkas bukan Excel (.xlsx)")) from None
    maks = batas("SAKIP_IMPOR_MAKS_TERURAI", MAKS_TERURAI)
    terurai = sum(a.file_size for a in anggota)
    if terurai > maks:
        raise BerkasDitolak(
            _(
                "Isi berkas terlalu besar setelah diurai: %(u)s, paling banyak %(m)s. "
                "Berkas ini rusak atau bukan lembar kerja biasa; tidak ada data yang disimpan."
            )
            % {"u": _ukuran(terurai), "m": _ukuran(maks)}
        )
    rasio_maks = batas("SAKIP_IMPOR_MAKS_RASIO", MAKS_RASIO)
    for a in anggota:
        if a.file_size > RASIO_DARI and a.file_size > rasio_maks * max(a.compress_size, 1):
            raise BerkasDitolak(
                _(
                    "Berkas dimampatkan secara tidak wajar (%(r)s kali, paling banyak %(m)s "
                    "kali). Berkas ini rusak atau bukan lembar kerja biasa; tidak ada data "
                    "yang disimpan."
                )
                % {"r": angka(a.file_size // max(a.compress_size, 1)), "m": rasio_maks}
            )


def periksa_baris(data: bytes) -> None:
    """No sheet holds more rows than the limit: streamed, counting stops at the limit."""
    maks = batas("SAKIP_IMPOR_MAKS_BARIS", MAKS_BARIS)
    try:
        buku = load_workbook(BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a zip that is not a workbook
        raise BukanExcel(_("Berkas bukan Excel (.xlsx)")) from None
    try:
        for ws in buku.worksheets:
            # max_row given: the stream stops there even if the sheet's dimension lies.
            jumlah = sum(1 for _baris in ws.iter_rows(max_row=maks + 1, values_only=True))
            if jumlah > maks:
                raise BerkasDitolak(
                    _(
                        "Lembar “%(n)s” berisi lebih dari %(m)s baris. Bagi datanya menjadi "
                        "beberapa berkas; tidak ada data yang disimpan."
                    )
                    % {"n": ws.title, "m": angka(maks)}
                )
    except BerkasDitolak:
        raise
    except Exception:
        raise BukanExcel(_("Berkas bukan Excel (.xlsx)")) from None
    finally:
        buku.close()


def periksa_unggahan(berkas) -> bytes:
    """Every check above, in order; the bytes of an upload that may be parsed."""
    data = baca_unggahan(berkas)
    periksa_arsip(data)
    periksa_baris(data)
    return data


def _ukuran(byte: int) -> str:
    """5 MB, 60,2 MB, 2 KB: as a person reads a file size."""
    satuan, besar = ("MB", byte / MB) if byte >= MB else ("KB", byte / 1024)
    return f"{angka(besar, 0 if besar == int(besar) else 1)} {satuan}"


def _pesan_byte(maks: int) -> str:
    return _(
        "Berkas lebih dari %(m)s. Kurangi isinya atau bagi menjadi beberapa berkas; "
        "tidak ada data yang disimpan."
    ) % {"m": _ukuran(maks)}
