"""Letter-number patterns and gap-free counters (docs/domain.md §11).

A pattern is data an agency edits (`PengaturanSurat.pola_nomor`), e.g.
`{kode}/{nomor:03d}/{unit}/{tahun}` → 000.7.2.7/015/KEC-BR/2026. It is interpreted with
`str.format` but only after every field and format spec is checked, so a pattern can
neither reach attributes (`{kode.__class__}`) nor ask for a gigabyte of padding.

Counters (`Urutan`) are taken under a row lock inside the caller's transaction: a
rolled-back letter rolls its number back too, so numbers are never skipped, and two
requests at once wait for each other, so they are never doubled. `naikkan` takes the
lock and the number in one `UPDATE … RETURNING`: every number of an agency waits for
the one before it to commit, so each statement inside the lock costs every client.
"""

from __future__ import annotations

import datetime
import re
import string

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils.translation import gettext as _

from .models import Urutan

FIELD_POLA = ("kode", "nomor", "unit", "tahun", "bulan", "bulan_romawi")
ROMAWI = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")
PANJANG_MAKS = 120  # Surat.nomor_surat
# A format spec may pad and align, nothing wider than two digits (no {nomor:999999999d}).
SPEC_SAH = re.compile(r"^(?:.?[<>=^])?[+\- ]?0?\d{0,2}[dsn]?$")


def bulan_romawi(bulan: int) -> str:
    """1 → 'I', 12 → 'XII' (the month as some agencies print it in letter numbers)."""
    if not 1 <= bulan <= 12:
        raise ValueError(bulan)
    return ROMAWI[bulan - 1]


def _bagian(pola: str) -> list[tuple[str, str | None, str | None, str | None]]:
    try:
        return list(string.Formatter().parse(pola))
    except ValueError as exc:
        raise ValidationError(
            _("Pola nomor “%(pola)s” tidak sah: kurung kurawal tidak berpasangan.") % {"pola": pola}
        ) from exc


def periksa_pola(pola: str) -> None:
    """Raise ValidationError (Indonesian) unless `pola` is a usable numbering pattern."""
    pola = pola or ""
    if not pola.strip():
        raise ValidationError(_("Pola nomor surat wajib diisi."))
    dipakai = set()
    for _teks, nama, spec, konversi in _bagian(pola):
        if nama is None:
            continue
        if nama not in FIELD_POLA:
            raise ValidationError(
                _("Isian “{%(nama)s}” tidak dikenal. Isian yang dapat dipakai: %(daftar)s.")
                % {"nama": nama, "daftar": ", ".join("{" + f + "}" for f in FIELD_POLA)}
            )
        if konversi or (spec and not SPEC_SAH.match(spec)):
            raise ValidationError(
                _("Format “%(spec)s” pada isian {%(nama)s} tidak didukung; pakai mis. {nomor:03d}.")
                % {"spec": spec or "!" + (konversi or ""), "nama": nama}
            )
        dipakai.add(nama)
    if "nomor" not in dipakai:
        raise ValidationError(_("Pola nomor surat harus memuat isian {nomor} (nomor urut)."))
    if "tahun" not in dipakai:
        raise ValidationError(
            _("Pola nomor surat harus memuat isian {tahun}: nomor urut dimulai lagi setiap tahun.")
        )


def format_nomor(pola: str, *, kode: str, nomor: int, unit: str, tanggal: datetime.date) -> str:
    """The letter number `pola` gives; ValidationError when the pattern cannot be used."""
    periksa_pola(pola)
    nilai = {
        "kode": kode,
        "nomor": nomor,
        "unit": unit,
        "tahun": tanggal.year,
        "bulan": tanggal.month,
        "bulan_romawi": bulan_romawi(tanggal.month),
    }
    try:
        hasil = pola.format_map(nilai)
    except (ValueError, TypeError, KeyError, IndexError) as exc:
        raise ValidationError(
            _("Pola nomor “%(pola)s” tidak dapat dipakai: %(galat)s") % {"pola": pola, "galat": exc}
        ) from exc
    if len(hasil) > PANJANG_MAKS:
        raise ValidationError(
            _("Nomor surat yang dihasilkan lebih dari %(n)s karakter.") % {"n": PANJANG_MAKS}
        )
    return hasil


def contoh_nomor(pola: str, *, unit: str, tanggal: datetime.date | None = None) -> str:
    """A sample number for the settings page (ValidationError when the pattern is bad)."""
    tanggal = tanggal or datetime.date.today()
    return format_nomor(pola, kode="000.7.2.7", nomor=15, unit=unit or "UNIT", tanggal=tanggal)


def kunci_urutan(*, instansi_id: int, jenis: str, tahun: int, kode: str = "") -> Urutan:
    """The counter row, created if missing and locked until the transaction ends.

    Two first requests of a year may both try to create the row: the loser's INSERT
    fails inside its own savepoint, and it then waits on the winner's lock like anyone.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("kunci_urutan() harus dipanggil di dalam transaksi.")
    kunci = {"instansi_id": instansi_id, "jenis": jenis, "tahun": tahun, "kode": kode}
    try:
        with transaction.atomic():
            Urutan.objects.get_or_create(**kunci)
    except IntegrityError:
        pass  # created meanwhile by a concurrent request
    return Urutan.objects.select_for_update().get(**kunci)


def ambil_nomor(urutan: Urutan) -> int:
    """The next number of a locked counter (never decremented, so never reused)."""
    urutan.terakhir += 1
    urutan.save(update_fields=["terakhir"])
    return urutan.terakhir


def naikkan(*, instansi_id: int, jenis: str, tahun: int, kode: str = "") -> int:
    """The counter's next number, its row locked until the transaction ends.

    One statement locks, increments and returns (never decremented, so never reused).
    The first number of a year finds no row: it is created (a concurrent creator's
    INSERT fails inside its own savepoint) and the update runs again, waiting on the
    winner's lock like anyone.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("naikkan() harus dipanggil di dalam transaksi.")
    kunci = {"instansi_id": instansi_id, "jenis": jenis, "tahun": tahun, "kode": kode}
    nomor = _naikkan(kunci)
    if nomor is None:
        try:
            with transaction.atomic():
                Urutan.objects.get_or_create(**kunci)
        except IntegrityError:
            pass  # created meanwhile by a concurrent request
        nomor = _naikkan(kunci)
    return nomor


def _naikkan(kunci: dict) -> int | None:
    # Raw SQL: the ORM's update() returns a row count, not the new value.
    with connection.cursor() as c:
        c.execute(
            f"UPDATE {Urutan._meta.db_table} SET terakhir = terakhir + 1"  # noqa: S608 — own table
            " WHERE instansi_id = %s AND jenis = %s AND tahun = %s AND kode = %s"
            " RETURNING terakhir",
            [kunci["instansi_id"], kunci["jenis"], kunci["tahun"], kunci["kode"]],
        )
        baris = c.fetchone()
    return baris[0] if baris else None
