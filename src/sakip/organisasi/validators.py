"""NIP (Nomor Induk Pegawai) rules, PP 11/2017 and BKN practice.

A NIP has 18 digits: birth date YYYYMMDD, appointment year and month YYYYMM,
sex (1 man, 2 woman), and a 3-digit serial. People write it with spaces
("19720713 199203 1 005"); we store digits only.
"""

import datetime
import re

from django.core.exceptions import ValidationError


def normalisasi_nip(value: str) -> str:
    """Digits only: spaces, dots and dashes people type are removed."""
    return re.sub(r"[\s.\-]", "", value or "")


def validasi_nip(value: str) -> None:
    nip = normalisasi_nip(value)
    if not re.fullmatch(r"\d{18}", nip):
        raise ValidationError(
            "NIP harus terdiri dari 18 angka (contoh: 19720713 199203 1 005).", code="nip_format"
        )
    try:
        lahir = datetime.date(int(nip[0:4]), int(nip[4:6]), int(nip[6:8]))
    except ValueError as exc:
        raise ValidationError(
            "8 angka pertama NIP harus tanggal lahir yang sah (TTTTBBHH).", code="nip_lahir"
        ) from exc
    tahun_angkat, bulan_angkat = int(nip[8:12]), int(nip[12:14])
    if not 1 <= bulan_angkat <= 12 or tahun_angkat < lahir.year + 15:
        raise ValidationError(
            "Angka ke-9 s.d. 14 NIP harus tahun dan bulan pengangkatan yang sah (TTTTBB).",
            code="nip_angkat",
        )
    if nip[14] not in "12":
        raise ValidationError(
            "Angka ke-15 NIP harus kode jenis kelamin (1 = pria, 2 = wanita).", code="nip_kelamin"
        )


def format_nip(nip: str) -> str:
    """'197207131992031005' → '19720713 199203 1 005' (as printed on letters)."""
    if not nip or len(nip) != 18:
        return nip or ""
    return f"{nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]}"
