"""Indonesian number and money formats: 1.234,56 and Rp 1.500.000."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation


def angka(value, desimal: int = 0) -> str:
    """1234.5 → '1.234,50' (desimal=2); rounds half up, as people round by hand."""
    if value is None or value == "":
        return ""
    try:
        d = Decimal(str(value))
    except InvalidOperation:
        return str(value)
    q = Decimal(1).scaleb(-desimal)
    d = d.quantize(q, rounding=ROUND_HALF_UP)
    tanda = "-" if d < 0 else ""
    bulat, _, pecahan = f"{abs(d):f}".partition(".")
    kelompok = []
    while len(bulat) > 3:
        kelompok.insert(0, bulat[-3:])
        bulat = bulat[:-3]
    kelompok.insert(0, bulat)
    teks = ".".join(kelompok)
    return f"{tanda}{teks},{pecahan}" if desimal > 0 else f"{tanda}{teks}"


def rupiah(value, desimal: int = 0) -> str:
    """1500000 → 'Rp 1.500.000'."""
    teks = angka(value, desimal)
    if not teks:
        return ""
    if teks.startswith("-"):
        return f"-Rp {teks[1:]}"
    return f"Rp {teks}"
