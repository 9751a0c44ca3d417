"""Questionnaires typed in by staff: the paper-entry grid and the Excel import.

Both are all-or-nothing: every row is checked first (`responden.validasi_responden`, the
rules of the public form), and only when all pass are they stored, each through
`responden.catat_responden` (one audit record per questionnaire), inside one transaction.
A bad row is reported with its number and every reason, in Indonesian; nothing is written.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .models import Layanan, PeriodeSurvei, Responden
from .responden import catat_responden, validasi_responden
from .services import _pastikan_boleh

KOLOM_PROFIL = ["layanan", "tanggal", "jenis_kelamin", "usia", "pendidikan", "pekerjaan"]
KOLOM_JAWABAN = [f"U{i}" for i in range(1, 10)]
KOLOM = [*KOLOM_PROFIL, *KOLOM_JAWABAN, "saran"]
JUDUL_KOLOM = {
    "layanan": "Layanan",
    "tanggal": "Tanggal",
    "jenis_kelamin": "Jenis kelamin",
    "usia": "Usia",
    "pendidikan": "Pendidikan",
    "pekerjaan": "Pekerjaan",
    "saran": "Saran",
}
MAKS_BARIS = 5000  # questionnaires per import; bytes and sheet size: the Excel kit's limits
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class BarisTidakSah(ValidationError):
    """Rows that cannot be stored: `per_baris` = {row number: {field: message}}."""

    def __init__(self, per_baris: dict[int, dict[str, str]], *, label: str = "Baris"):
        self.per_baris = per_baris
        pesan = [
            f"{label} {nomor}: " + " ".join(galat.values())
            for nomor, galat in sorted(per_baris.items())
        ]
        super().__init__(pesan)


def _galat_dict(exc: ValidationError) -> dict[str, str]:
    if hasattr(exc, "error_dict"):
        return {k: " ".join(m for e in v for m in e.messages) for k, v in exc.error_dict.items()}
    return {"__all__": " ".join(exc.messages)}


def _layanan_dari(teks, layanan: list[Layanan]) -> Layanan | None:
    """A service by its name or link code, case-insensitive; the only one when blank."""
    kunci = str(teks or "").strip().lower()
    if not kunci:
        aktif = [lay for lay in layanan if lay.aktif]
        return aktif[0] if len(aktif) == 1 else None
    for lay in layanan:
        if kunci in (lay.nama.lower(), lay.slug.lower(), str(lay.pk)):
            return lay
    return None


def periksa_baris(
    periode: PeriodeSurvei, baris: Iterable[tuple[int, Mapping]], sumber: str
) -> list[tuple[int, Layanan, dict]]:
    """Check every (row number, data) pair; BarisTidakSah naming each bad row, else the
    rows ready to store. `data["layanan"]` is a Layanan, or its name/code/id as text."""
    layanan = list(Layanan.objects.filter(instansi_id=periode.instansi_id))
    siap, per_baris = [], {}
    for nomor, data in baris:
        lay = data.get("layanan")
        if not isinstance(lay, Layanan):
            lay = _layanan_dari(lay, layanan)
        galat = {}
        if lay is None:
            galat["layanan"] = _("Layanan “%(l)s” tidak dikenal; tulis nama layanan.") % {
                "l": data.get("layanan") or ""
            }
        try:
            validasi_responden(periode, data, layanan=lay, sumber=sumber)
        except ValidationError as exc:
            galat = {**_galat_dict(exc), **galat}
        if galat:
            per_baris[nomor] = galat
        else:
            siap.append((nomor, lay, dict(data)))
    if per_baris:
        raise BarisTidakSah(per_baris)
    return siap


def simpan_semua(
    *, aktor, periode: PeriodeSurvei, baris: list[tuple[int, Mapping]], sumber: str
) -> list[Responden]:
    """Store every row or none (per-row errors in BarisTidakSah). Idempotent per row when
    the row carries a `token` (the entry grid's, so a double submit stores nothing twice)."""
    _pastikan_boleh(aktor, periode.instansi_id)
    if not baris:
        raise ValidationError(_("Tidak ada baris yang diisi."))
    siap = periksa_baris(periode, baris, sumber)
    hasil = []
    with transaction.atomic():
        for _nomor, lay, data in siap:
            token = data.pop("token", None)
            data.pop("layanan", None)
            hasil.append(
                catat_responden(
                    periode=periode,
                    layanan=lay,
                    data=data,
                    sumber=sumber,
                    aktor=aktor,
                    token=token,
                )  # fmt: skip
            )
    return hasil


# ---------------------------------------------------------------- Excel


def templat_xlsx(periode: PeriodeSurvei) -> bytes:
    """A blank workbook: the header row, one example row to overwrite, and a sheet listing
    the allowed values and the agency's services."""
    from sakip.dokumen.excel import (
        Font,
        PatternFill,
        buku_baru,
        simpan_buku,
        tambah_baris,
        validasi_bulat,
    )

    wb = buku_baru()
    ws = wb.create_sheet("Kuesioner")
    tambah_baris(ws, [JUDUL_KOLOM.get(k, k) for k in KOLOM])
    for sel in ws[1]:
        sel.font = Font(bold=True)
        sel.fill = PatternFill("solid", fgColor="D9E2F3")
    ws.freeze_panes = "A2"
    lebar = {"A": 34, "B": 12, "C": 14, "D": 7, "E": 12, "F": 12, "P": 50}
    for kolom, w in lebar.items():
        ws.column_dimensions[kolom].width = w
    validasi_bulat(ws, "G2:O5001", 1, 4, "Isi 1, 2, 3 atau 4")

    petunjuk = wb.create_sheet("Petunjuk")
    tambah_baris(petunjuk, ["Kolom", "Isi yang diterima"])
    layanan = Layanan.objects.filter(instansi_id=periode.instansi_id, aktif=True)
    for kolom, isi in [
        ("Layanan", "; ".join(lay.nama for lay in layanan)),
        ("Tanggal", f"Tanggal pengisian, {periode.mulai:%Y-%m-%d} s.d. {periode.selesai:%Y-%m-%d}"),
        ("Jenis kelamin", "L / P (atau Laki-laki / Perempuan)"),
        ("Usia", "Angka tahun, 10–120"),
        ("Pendidikan", ", ".join(k for k, _l in Responden.Pendidikan.choices)),
        ("Pekerjaan", ", ".join(k for k, _l in Responden.Pekerjaan.choices)),
        *[
            (u.get("kode"), f"{u.get('nama')}: 1–4 ({' / '.join(u.get('jawaban', []))})")
            for u in periode.unsur
        ],
        ("Saran", "Boleh kosong"),
    ]:
        tambah_baris(petunjuk, [kolom, isi])
    petunjuk.column_dimensions["A"].width = 16
    petunjuk.column_dimensions["B"].width = 100
    return simpan_buku(wb)


def _kunci_kolom(judul) -> str | None:
    teks = str(judul or "").strip().lower().replace(" ", "_")
    for k in KOLOM:
        if teks in (k.lower(), JUDUL_KOLOM.get(k, k).lower().replace(" ", "_")):
            return k
    return None


def _sel(nilai):
    if isinstance(nilai, datetime.datetime) and nilai.time() == datetime.time(0):
        return nilai.date()
    return nilai


def baca_xlsx(berkas) -> list[tuple[int, dict]]:
    """(Excel row number, data) for every non-empty row of the first sheet."""
    from sakip.dokumen.excel import BerkasDitolak, BukanExcel, buka_buku

    try:  # the kit's limits (bytes, unpacked size, rows) hold before anything is parsed
        wb = buka_buku(berkas, hanya_baca=True)
    except BukanExcel as exc:
        raise ValidationError(
            _("Berkas bukan lembar kerja Excel (.xlsx) yang dapat dibaca.")
        ) from exc
    except BerkasDitolak as exc:
        raise ValidationError(exc.pesan) from exc
    ws = wb.worksheets[0]
    baris = ws.iter_rows(values_only=True)
    kepala = [_kunci_kolom(j) for j in next(baris, [])]
    kurang = [JUDUL_KOLOM.get(k, k) for k in KOLOM if k != "saran" and k not in kepala]
    if kurang:
        raise ValidationError(
            _("Kolom berikut tidak ada di baris judul: %(k)s. Gunakan templat.")
            % {"k": ", ".join(kurang)}
        )
    hasil = []
    for nomor, sel in enumerate(baris, start=2):
        if not any(v not in (None, "") for v in sel):
            continue
        if len(hasil) >= MAKS_BARIS:
            raise ValidationError(_("Paling banyak %(n)s baris sekali impor.") % {"n": MAKS_BARIS})
        data = {k: _sel(v) for k, v in zip(kepala, sel, strict=False) if k}
        data["waktu"] = data.pop("tanggal", None)
        hasil.append((nomor, data))
    wb.close()
    return hasil


def impor_xlsx(*, aktor, periode: PeriodeSurvei, berkas) -> list[Responden]:
    """Import an Excel file of paper questionnaires: all rows, or none with every bad row
    named by its Excel row number."""
    _pastikan_boleh(aktor, periode.instansi_id)
    baris = baca_xlsx(berkas)
    if not baris:
        raise ValidationError(_("Berkas tidak berisi satu baris kuesioner pun."))
    return simpan_semua(aktor=aktor, periode=periode, baris=baris, sumber=Responden.Sumber.IMPOR)
