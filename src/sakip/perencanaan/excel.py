"""Excel import/export of the planning matrices (docs/domain.md §6) in the layouts staff use.

Each matrix is described once as sheets (`Lembar`: title block, columns, rows); the same
description writes the filled export, the blank template and checks an uploaded file.

Import is all-or-nothing. Phase 1 reads every row and collects every bad cell (Excel row
number, column, reason in Indonesian) without touching the database. Only a clean sheet
reaches phase 2, which writes everything in one transaction through `services.simpan`, so
permissions, `full_clean` and the audit record are the same as on screen; a validation
error raised there also becomes a `GalatBaris` and rolls the whole import back.

Conventions shared by every sheet (the template's "Petunjuk" sheet repeats them):
- Rows are matched on their code or natural key, so importing the same sheet again updates
  instead of duplicating; records whose values did not change are not written at all.
- An import never deletes: records missing from the sheet, and empty target or cash
  cells, keep what is stored. The other cells of a matched row replace the stored values.
- Numbers may be Excel numbers or Indonesian text ("1.250.000", "12,5"): a dot followed by
  groups of three digits separates thousands, otherwise it is a decimal point.
- A range target (polaritas Rentang) is written "a - b" (hyphen or dash); a scale target is
  the scale's value, and a scale indicator's Satuan is the scale's name (e.g. "Opini BPK").
- `GalatBaris.baris == 0` means the whole file rather than one row.
- A user who may not change the container gets `PermissionDenied` raised (views already
  turn it into 403/404); a signed PK comes back as one galat.
"""

from __future__ import annotations

import datetime
import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from io import BytesIO
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import from_excel
from openpyxl.utils.exceptions import InvalidFileException

from sakip.lib.formatting import angka as format_angka
from sakip.lib.formatting import rupiah

from . import services
from .models import (
    IKU,
    Agregasi,
    AnggaranKas,
    AnggaranPK,
    DokumenAnggaran,
    Indikator,
    IndikatorItem,
    IndikatorPK,
    ItemAnggaran,
    PerjanjianKinerja,
    Polaritas,
    RencanaAksi,
    Renstra,
    Sasaran,
    SasaranPK,
    Skala,
    TargetTahunan,
    Tujuan,
)

JENIS = ("renstra", "renja", "rka", "dpa", "iku", "pk", "rencana_aksi")


@dataclass
class GalatBaris:
    """One bad cell of an uploaded sheet: Excel row number (0 = the whole file), column, reason."""

    baris: int
    kolom: str
    pesan: str


@dataclass
class HasilImpor:
    """What an import did: records created and changed, or why nothing was written."""

    dibuat: int = 0
    diubah: int = 0
    galat: list[GalatBaris] = field(default_factory=list)

    @property
    def berhasil(self) -> bool:
        return not self.galat


# ---------------------------------------------------------------- public interface


def ekspor(jenis: str, objek) -> bytes:
    """The filled matrix of `objek` as an .xlsx file."""
    return _buku_excel(_matriks(jenis, objek).lembar(objek, isi=True))


def templat(jenis: str, objek) -> bytes:
    """The same layout with headers only, plus a "Petunjuk" sheet explaining every column."""
    matriks = _matriks(jenis, objek)
    lembar = matriks.lembar(objek, isi=False)
    return _buku_excel(lembar, petunjuk=matriks.catatan(objek) + CATATAN_UMUM)


def impor(jenis: str, *, aktor, objek, berkas) -> HasilImpor:
    """Read an uploaded matrix into `objek`: everything is written, or nothing and every galat.

    Raises PermissionDenied when `aktor` may not change `objek` (evaluators, other agencies).
    """
    matriks = _matriks(jenis, objek)
    try:
        # PermissionDenied passes through; only a planning rule (signed PK) becomes a galat.
        services.pastikan_boleh_ubah(aktor, objek)
    except ValidationError as exc:
        return HasilImpor(galat=[GalatBaris(0, "", " ".join(exc.messages))])
    galat: list[GalatBaris] = []
    tabel = _baca_berkas(berkas, matriks, objek, galat)
    if galat:
        return HasilImpor(galat=galat)
    rencana = matriks.baca(objek, tabel, galat)
    if galat:
        return HasilImpor(galat=sorted(galat, key=lambda g: g.baris))
    hasil = _tulis_semua(matriks, objek, rencana, aktor)
    if hasil.berhasil:
        objek.refresh_from_db()
    return hasil


def NAMA_BERKAS(jenis: str, objek) -> str:  # upper case: the name the shared interface fixed
    """File name for the download, e.g. "Renstra_Kecamatan_Alpha_2021-2026.xlsx"."""
    _matriks(jenis, objek)
    if isinstance(objek, Renstra):
        bagian = [jenis.upper() if jenis == "iku" else "Renstra", objek.instansi.nama]
        bagian.append(f"{objek.tahun_awal}-{objek.tahun_akhir}")
    elif isinstance(objek, DokumenAnggaran):
        bagian = [objek.get_jenis_display(), objek.instansi.nama, str(objek.tahun)]
    else:
        awal = "PK" if jenis == "pk" else "Rencana Aksi"
        bagian = [awal, objek.instansi.nama, str(objek.tahun), objek.jabatan.nama]
        if objek.nomor_revisi:
            bagian.append(f"Revisi {objek.nomor_revisi}")
    aman = [re.sub(r"[^0-9A-Za-z-]+", "_", b).strip("_") for b in bagian]
    return "_".join(a for a in aman if a) + ".xlsx"


# ---------------------------------------------------------------- cell values


def _kunci(teks: Any) -> str:
    """Case-, space- and separator-blind key for names typed by hand ("Rata-rata" = "rata_rata")."""
    return re.sub(r"[\s_\-]+", " ", "" if teks is None else str(teks)).strip().casefold()


_RIBUAN = re.compile(r"-?\d{1,3}(\.\d{3})+")
_RENTANG = re.compile(r"\s*(-?[\d.,]+)\s*[-–—]\s*(-?[\d.,]+)\s*")
BATAS_ANGKA = Decimal(10) ** 16  # the integer digits every amount field of the models holds


def ke_desimal(nilai: Any) -> Decimal:
    """A cell value as Decimal (Excel number or Indonesian text); ValueError if it is none."""
    if isinstance(nilai, bool):
        raise ValueError(nilai)
    if isinstance(nilai, int | Decimal):
        hasil = Decimal(nilai)
    elif isinstance(nilai, float):
        hasil = Decimal(repr(nilai))  # repr: the shortest text, not the binary expansion
    else:
        teks = re.sub(r"\s", "", str(nilai))
        teks = re.sub(r"^rp\.?", "", teks, flags=re.IGNORECASE)
        if "," in teks:
            teks = teks.replace(".", "").replace(",", ".")
        elif _RIBUAN.fullmatch(teks):
            teks = teks.replace(".", "")
        try:
            hasil = Decimal(teks)
        except InvalidOperation:
            raise ValueError(nilai) from None
    if not hasil.is_finite():
        raise ValueError(nilai)
    return hasil


def _bulatkan(nilai: Decimal, desimal: int) -> Decimal:
    return nilai.quantize(Decimal(1).scaleb(-desimal), rounding=ROUND_HALF_UP)


def _jumlah_desimal(nilai: Decimal) -> int:
    return min(4, max(0, -nilai.normalize().as_tuple().exponent))


def _sel_angka(nilai: Decimal | None) -> int | float | None:
    """A Decimal as an Excel number: whole numbers stay int so they show without decimals."""
    if nilai is None:
        return None
    return int(nilai) if nilai == nilai.to_integral_value() else float(nilai)


def _teks_angka(nilai: Decimal) -> str:
    return format_angka(nilai, _jumlah_desimal(nilai))


def _ke_tanggal(nilai: Any) -> datetime.date:
    """A cell as a date: an Excel date, "31/12/2025", "2025-12-31" or "31 Desember 2025"."""
    if isinstance(nilai, datetime.datetime):
        return nilai.date()
    if isinstance(nilai, datetime.date):
        return nilai
    if isinstance(nilai, int | float) and not isinstance(nilai, bool):
        return from_excel(nilai).date()
    teks = " ".join(str(nilai).split())
    for pola in ("%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d"):
        try:
            return datetime.datetime.strptime(teks, pola).date()
        except ValueError:
            pass
    cocok = re.fullmatch(r"(\d{1,2}) (\w+) (\d{4})", teks)
    bulan = [_kunci(b) for b in BULAN_PANJANG]
    if cocok and _kunci(cocok[2]) in bulan:
        return datetime.date(int(cocok[3]), bulan.index(_kunci(cocok[2])) + 1, int(cocok[1]))
    raise ValueError(nilai)


BULAN = ("Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des")
BULAN_PANJANG = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)
TRIWULAN = ("I", "II", "III", "IV")


@dataclass(frozen=True)
class Nilai:
    """A target as read or written: a number, a range [target, atas], or a scale value."""

    target: Decimal | None = None
    atas: Decimal | None = None
    skala: str = ""

    @property
    def kosong(self) -> bool:
        return self.target is None and not self.skala

    @classmethod
    def dari(cls, objek: models.Model, awalan: str = "target") -> Nilai:
        """Read `<awalan>`, `<awalan>_atas` and `<awalan>_skala` of a model instance."""
        return cls(
            getattr(objek, awalan),
            getattr(objek, f"{awalan}_atas", None),
            getattr(objek, f"{awalan}_skala"),
        )

    def sebagai_field(self, awalan: str = "target", *, dengan_atas: bool = True) -> dict:
        hasil = {awalan: self.target, f"{awalan}_skala": self.skala}
        if dengan_atas:
            hasil[f"{awalan}_atas"] = self.atas
        return hasil

    def ke_sel(self) -> int | float | str | None:
        if self.skala:
            return self.skala
        if self.target is not None and self.atas is not None:
            return f"{_teks_angka(self.target)} – {_teks_angka(self.atas)}"
        return _sel_angka(self.target)


@dataclass(frozen=True)
class BentukTarget:
    """What a target cell may hold, given the Renstra indicator it measures (docs/domain.md §6–7).

    `rentang` None: no indicator to tell, so a number or a range are both accepted.
    """

    skala: Skala | None = None
    rentang: bool | None = False

    @classmethod
    def dari_indikator(cls, indikator: Indikator | None) -> BentukTarget:
        if indikator is None:
            return cls(rentang=None)
        return cls(skala=indikator.skala, rentang=indikator.polaritas == Polaritas.RENTANG)


def _peta_pilihan(pilihan: type[models.TextChoices]) -> dict[str, str]:
    """Accept the stored value, the full label or its short form: "naik", "Naik"."""
    peta = {}
    for nilai, label in pilihan.choices:
        for teks in (nilai, str(label), _label_pendek(label)):
            peta[_kunci(teks)] = nilai
    return peta


def _label_pendek(label) -> str:
    return str(label).split(" (")[0]


def _label(pilihan: type[models.TextChoices], nilai: str) -> str:
    return _label_pendek(pilihan(nilai).label)


POLARITAS = _peta_pilihan(Polaritas)
AGREGASI = _peta_pilihan(Agregasi)


# ---------------------------------------------------------------- reading one row


class Baris:
    """One data row of an uploaded sheet; every reader records a GalatBaris for a bad cell."""

    def __init__(self, nomor: int, sel: dict[str, Any], galat: list[GalatBaris]):
        self.nomor = nomor
        self.sel = sel
        self.galat = galat

    def salah(self, kolom: str, pesan: str) -> None:
        self.galat.append(GalatBaris(self.nomor, kolom, pesan))

    def mentah(self, kolom: str) -> Any:
        nilai = self.sel.get(kolom)
        if isinstance(nilai, str) and not nilai.strip():
            return None
        return nilai

    def ada(self, *kolom: str) -> bool:
        return any(self.mentah(k) is not None for k in kolom)

    def wajib(self, kolom: str) -> None:
        self.salah(kolom, _("%(k)s wajib diisi.") % {"k": kolom})

    def teks(self, kolom: str, *, wajib: bool = False, maks: int | None = None) -> str:
        nilai = self.mentah(kolom)
        if nilai is None:
            if wajib:
                self.wajib(kolom)
            return ""
        if isinstance(nilai, float) and nilai.is_integer():
            nilai = int(nilai)  # a code typed as a number: "2", not "2.0"
        teks = str(nilai).strip()
        if maks and len(teks) > maks:
            self.salah(kolom, _("Terlalu panjang: paling banyak %(n)s karakter.") % {"n": maks})
        return teks

    def angka(self, kolom: str, *, wajib: bool = False, desimal: int = 4) -> Decimal | None:
        nilai = self.mentah(kolom)
        if nilai is None:
            if wajib:
                self.wajib(kolom)
            return None
        try:
            hasil = ke_desimal(nilai)
        except ValueError:
            self.salah(kolom, _("“%(v)s” bukan angka.") % {"v": nilai})
            return None
        if abs(hasil) >= BATAS_ANGKA:
            self.salah(kolom, _("Angka terlalu besar."))
            return None
        return _bulatkan(hasil, desimal)

    def uang(self, kolom: str, *, wajib: bool = False) -> Decimal | None:
        hasil = self.angka(kolom, wajib=wajib, desimal=2)
        if hasil is not None and hasil < 0:
            self.salah(kolom, _("Jumlah rupiah tidak boleh negatif."))
            return None
        return hasil

    def tahun(self, kolom: str, *, wajib: bool = False) -> int | None:
        nilai = self.angka(kolom, wajib=wajib)
        if nilai is None:
            return None
        if nilai != nilai.to_integral_value() or not 2000 <= nilai <= 2100:
            self.salah(kolom, _("“%(v)s” bukan tahun.") % {"v": self.mentah(kolom)})
            return None
        return int(nilai)

    def pilihan(self, kolom: str, peta: dict[str, str], daftar: str) -> str:
        nilai = self.mentah(kolom)
        if nilai is None:
            self.salah(kolom, _("%(k)s wajib diisi: %(d)s.") % {"k": kolom, "d": daftar})
            return ""
        hasil = peta.get(_kunci(nilai))
        if hasil is None:
            self.salah(
                kolom,
                _("%(k)s “%(v)s” tidak dikenal; pilih %(d)s.")
                % {"k": kolom, "v": nilai, "d": daftar},
            )
            return ""
        return hasil

    def jabatan(self, kolom: str, peta: dict[str, Any], instansi, *, wajib: bool = False):
        nama = self.teks(kolom, wajib=wajib)
        if not nama:
            return None
        jabatan = peta.get(_kunci(nama))
        if jabatan is None:
            self.salah(
                kolom,
                _("Jabatan “%(j)s” tidak ada di %(i)s.") % {"j": nama, "i": instansi.nama},
            )
        return jabatan

    def target(self, kolom: str, bentuk: BentukTarget) -> Nilai | None:
        """The target in `kolom` in the shape `bentuk` allows; None (and a galat) if it is bad."""
        nilai = self.mentah(kolom)
        if nilai is None:
            return Nilai()
        if bentuk.skala is not None:
            return self._nilai_skala(kolom, nilai, bentuk.skala)
        rentang = _RENTANG.fullmatch(nilai) if isinstance(nilai, str) else None
        if rentang and bentuk.rentang is False:
            self.salah(kolom, _("Target “a - b” hanya untuk indikator berpolaritas Rentang."))
            return None
        try:
            if rentang:
                bawah, atas = (_bulatkan(ke_desimal(rentang[i]), 4) for i in (1, 2))
                return Nilai(target=bawah, atas=atas)
            if bentuk.rentang:
                self.salah(kolom, _("Target indikator rentang ditulis “a - b”, mis. “80 - 90”."))
                return None
            return Nilai(target=_bulatkan(ke_desimal(nilai), 4))
        except (ValueError, InvalidOperation):
            self.salah(kolom, _("“%(v)s” bukan angka.") % {"v": nilai})
            return None

    def _nilai_skala(self, kolom: str, nilai: Any, skala: Skala) -> Nilai | None:
        pilihan = [str(v) for v in skala.nilai]
        cocok = {_kunci(p): p for p in pilihan}.get(_kunci(nilai))
        if cocok is None:
            self.salah(
                kolom,
                _("“%(v)s” bukan nilai skala %(s)s (pilihan: %(p)s).")
                % {"v": nilai, "s": skala.nama, "p": ", ".join(pilihan)},
            )
            return None
        return Nilai(skala=cocok)


# ---------------------------------------------------------------- sheets


@dataclass(frozen=True)
class Kolom:
    """One column: header text, width, how its cells are formatted, its Petunjuk line."""

    judul: str
    lebar: float = 14
    jenis: str = "teks"  # teks | kode | angka | uang | tahun | no
    keterangan: str = ""


@dataclass
class Lembar:
    """One sheet: a title block, one blank row, the header row, then the data rows."""

    nama: str
    judul: list[list[Any]]
    kolom: list[Kolom]
    baris: list[list[Any]] = field(default_factory=list)
    penutup: list[list[Any]] = field(default_factory=list)  # e.g. a total row; not imported

    @property
    def nomor_baris_judul_kolom(self) -> int:
        return len(self.judul) + 2


@dataclass
class Tabel:
    """An uploaded sheet: the title block rows (number, values) and the data rows."""

    atas: list[tuple[int, tuple]]
    kolom: list[str]
    baris: list[Baris]


TIPIS = Side(style="thin", color="808080")
BINGKAI = Border(left=TIPIS, right=TIPIS, top=TIPIS, bottom=TIPIS)
LATAR_JUDUL = PatternFill("solid", fgColor="DDEBF7")


def _format_angka(nilai: int | float) -> str:
    """#,##0 for whole numbers, else as many decimals as needed (at least two).

    Excel shows these with the reader's separators: 1.250.000 and 97,50 in Indonesian.
    """
    if isinstance(nilai, int):
        return "#,##0"
    return "#,##0." + "0" * max(2, _jumlah_desimal(Decimal(repr(nilai))))


def _buku_excel(daftar: list[Lembar], petunjuk: list[tuple[str, str]] | None = None) -> bytes:
    buku = Workbook()
    buku.remove(buku.active)
    for lembar in daftar:
        _tulis_lembar(buku.create_sheet(lembar.nama), lembar)
    if petunjuk is not None:
        _tulis_petunjuk(buku.create_sheet("Petunjuk"), daftar, petunjuk)
    keluaran = BytesIO()
    buku.save(keluaran)
    return keluaran.getvalue()


def _tulis_lembar(ws, lembar: Lembar) -> None:
    for r, isi in enumerate(lembar.judul, 1):
        for c, nilai in enumerate(isi, 1):
            sel = ws.cell(r, c, nilai)
            sel.font = Font(bold=True, size=13 if r == 1 else 11)
            if isinstance(nilai, datetime.date):
                sel.number_format = "dd/mm/yyyy"
    h = lembar.nomor_baris_judul_kolom
    for c, kolom in enumerate(lembar.kolom, 1):
        sel = ws.cell(h, c, kolom.judul)
        sel.font = Font(bold=True)
        sel.fill = LATAR_JUDUL
        sel.border = BINGKAI
        sel.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        ws.column_dimensions[get_column_letter(c)].width = kolom.lebar
    for r, isi in enumerate(lembar.baris + lembar.penutup, h + 1):
        for c, kolom in enumerate(lembar.kolom, 1):
            _tulis_sel(ws.cell(r, c), kolom, isi[c - 1] if c <= len(isi) else None)
            if r > h + len(lembar.baris):
                ws.cell(r, c).font = Font(bold=True)
    ws.freeze_panes = ws.cell(h + 1, 1)
    ws.print_title_rows = f"{h}:{h}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def _tulis_sel(sel, kolom: Kolom, nilai: Any) -> None:
    sel.value = nilai
    sel.border = BINGKAI
    sel.alignment = Alignment(vertical="top", wrap_text=kolom.jenis == "teks")
    if kolom.jenis == "kode":
        sel.number_format = "@"  # "1.10" must stay text, not become the number 1.1
    elif isinstance(nilai, int | float):
        bulat = {"tahun": "0", "no": "0"}  # years and numbers print without separators
        sel.number_format = bulat.get(kolom.jenis) or _format_angka(nilai)


def _tulis_petunjuk(ws, daftar: list[Lembar], catatan: list[tuple[str, str]]) -> None:
    ws.cell(1, 1, _("Petunjuk pengisian")).font = Font(bold=True, size=13)
    ws.cell(2, 1, daftar[0].judul[0][0] if daftar[0].judul else "")
    baris = 4
    for lembar in daftar:
        ws.cell(baris, 1, _("Kolom lembar “%(n)s”") % {"n": lembar.nama}).font = Font(bold=True)
        ws.cell(baris, 2, _("Keterangan")).font = Font(bold=True)
        baris += 1
        for kolom in lembar.kolom:
            ws.cell(baris, 1, kolom.judul)
            ws.cell(baris, 2, kolom.keterangan)
            baris += 1
        baris += 1
    ws.cell(baris, 1, _("Aturan")).font = Font(bold=True)
    for hal, keterangan in catatan:
        baris += 1
        ws.cell(baris, 1, hal)
        ws.cell(baris, 2, keterangan)
    ws.column_dimensions["A"].width = 30
    ws.column_dimensions["B"].width = 110
    for row in ws.iter_rows(min_row=4):
        for sel in row:
            sel.alignment = Alignment(vertical="top", wrap_text=True)


CATATAN_UMUM = [
    (
        "Isian",
        "Isi data mulai baris tepat di bawah judul kolom; jangan mengubah judul kolom. "
        "Baris kosong dilewati.",
    ),
    (
        "Angka",
        "Tulis sebagai angka Excel atau teks Indonesia: 1.250.000 atau 12,5. Titik yang diikuti "
        "kelompok tiga angka dibaca pemisah ribuan; selain itu dibaca tanda desimal.",
    ),
    (
        "Target",
        "Angka; untuk indikator berpolaritas Rentang tulis “a - b” (mis. 80 - 90); untuk "
        "indikator bersatuan skala tulis nilai skalanya (mis. WTP).",
    ),
    (
        "Impor",
        "Semua atau tidak sama sekali: bila ada baris yang salah, tidak ada yang disimpan dan "
        "semua kesalahan ditampilkan dengan nomor baris dan kolomnya.",
    ),
    (
        "Impor ulang",
        "Baris dicocokkan dengan kode (atau nama) yang sudah ada lalu diperbarui, tidak "
        "digandakan. Impor tidak pernah menghapus: data yang tidak ada di lembar dan sel "
        "target/anggaran kas yang kosong tetap seperti tersimpan.",
    ),
]


# ---------------------------------------------------------------- reading a file


def _baca_berkas(berkas, matriks: Matriks, objek, galat: list[GalatBaris]) -> dict[str, Tabel]:
    """Every sheet the matrix expects, with checked headers; problems go to `galat`."""
    buku = _buka_buku(berkas)
    if buku is None:
        galat.append(GalatBaris(0, "", _("Berkas bukan Excel (.xlsx)")))
        return {}
    try:
        hasil = {}
        daftar = matriks.lembar(objek, isi=False)
        for lembar in daftar:
            tabel = _baca_tabel(buku, lembar, matriks, objek, galat, satu_lembar=len(daftar) == 1)
            if tabel is not None:
                hasil[lembar.nama] = tabel
        return hasil
    finally:
        buku.close()


def _buka_buku(berkas):
    if isinstance(berkas, bytes | bytearray):
        data = bytes(berkas)
    else:
        if hasattr(berkas, "seek"):
            berkas.seek(0)
        data = berkas.read()
    try:
        # Not read_only: merged cells (common in these matrices) are only known this way.
        return load_workbook(BytesIO(data), data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError, TypeError):
        return None


def _cari_lembar(buku, lembar: Lembar, satu_lembar: bool):
    for ws in buku.worksheets:
        if _kunci(ws.title) == _kunci(lembar.nama):
            return ws
    if satu_lembar:  # a renamed single sheet still counts, the Petunjuk sheet does not
        lain = [ws for ws in buku.worksheets if _kunci(ws.title) != "petunjuk"]
        return lain[0] if lain else None
    return None


def _baca_tabel(buku, lembar: Lembar, matriks: Matriks, objek, galat, *, satu_lembar: bool):
    """The table of `lembar` in the workbook, found by its header row; None if unusable."""
    ws = _cari_lembar(buku, lembar, satu_lembar)
    if ws is None:
        galat.append(GalatBaris(0, "", _("Lembar “%(n)s” tidak ada.") % {"n": lembar.nama}))
        return None
    harapan = " | ".join(k.judul for k in lembar.kolom)
    rows = _baris_terisi(ws)
    atas: list[tuple[int, tuple]] = []
    for nomor, nilai in enumerate(rows, 1):
        isi = _tanpa_ekor_kosong(nilai)
        if isi and _kunci(isi[0]) == _kunci(lembar.kolom[0].judul):
            kolom, salah = matriks.periksa_judul(objek, lembar, [_teks(v) for v in isi], nomor)
            galat.extend(salah)
            if kolom is None:
                return None
            return Tabel(atas, kolom, _baris_data(rows, nomor, kolom, galat))
        atas.append((nomor, nilai))
        if nomor >= 20:
            break
    galat.append(
        GalatBaris(
            0,
            "",
            _(
                "Lembar “%(n)s”: baris judul kolom tidak ditemukan. "
                "Judul kolom yang diharapkan: %(h)s"
            )
            % {"n": lembar.nama, "h": harapan},
        )
    )
    return None


def _baris_terisi(ws) -> Iterable[tuple]:
    """The sheet's rows of values, every cell of a merged block holding the block's value.

    Staff merge a tujuan or sasaran over the rows of its indicators; each row must still
    read as belonging to it.
    """
    gabungan = {}
    for blok in ws.merged_cells.ranges:
        nilai = ws.cell(blok.min_row, blok.min_col).value
        for r in range(blok.min_row, blok.max_row + 1):
            for c in range(blok.min_col, blok.max_col + 1):
                gabungan[(r, c)] = nilai
    for r, baris in enumerate(ws.iter_rows(values_only=True), 1):
        if gabungan:
            baris = tuple(gabungan.get((r, c), v) for c, v in enumerate(baris, 1))
        yield baris


def _teks(nilai: Any) -> str:
    return "" if nilai is None else str(nilai).strip()


def _tanpa_ekor_kosong(nilai: tuple) -> list:
    isi = list(nilai)
    while isi and (isi[-1] is None or _teks(isi[-1]) == ""):
        isi.pop()
    return isi


def _baris_data(rows, nomor_judul: int, kolom: list[str], galat) -> list[Baris]:
    hasil = []
    for nomor, nilai in enumerate(rows, nomor_judul + 1):
        if all(v is None or _teks(v) == "" for v in nilai):
            continue
        hasil.append(Baris(nomor, dict(zip(kolom, nilai, strict=False)), galat))
    return hasil


# ---------------------------------------------------------------- writing (phase 2)


class _Batal(Exception):
    """Raised inside the import transaction to roll it back after a row failed."""


class Penulis:
    """Phase 2: saves through `services.simpan`, counts, turns validation errors into galat."""

    def __init__(self, aktor):
        self.aktor = aktor
        self.dibuat = 0
        self.diubah = 0
        self.galat: list[GalatBaris] = []

    def pasang(
        self,
        objek: models.Model,
        nilai: dict[str, Any],
        *,
        baris: int,
        kolom: str,
        peta_kolom: dict[str, str] | None = None,
    ) -> bool:
        """Set `nilai` on `objek` and save it if it is new or changed; False if it failed."""
        baru = objek.pk is None
        berubah = baru or any(not _sama(objek, nama, v) for nama, v in nilai.items())
        for nama, v in nilai.items():
            setattr(objek, nama, v)
        if not berubah:
            return True
        try:
            services.simpan(aktor=self.aktor, objek=objek, keterangan="Impor Excel")
        except ValidationError as exc:
            self.galat.extend(_galat_validasi(exc, baris, kolom, peta_kolom or {}))
            return False
        except IntegrityError:  # a concurrent edit got there first
            pesan = _("Bentrok dengan data yang baru saja disimpan pengguna lain; ulangi impor.")
            self.galat.append(GalatBaris(baris, kolom, pesan))
            return False
        if baru:
            self.dibuat += 1
        else:
            self.diubah += 1
        return True


def _sama(objek: models.Model, nama: str, nilai: Any) -> bool:
    medan = objek._meta.get_field(nama)
    if medan.is_relation:  # compare ids: no query for the related row
        return getattr(objek, medan.attname) == (nilai.pk if nilai is not None else None)
    return getattr(objek, nama) == nilai


def _galat_validasi(exc: ValidationError, baris: int, kolom: str, peta: dict[str, str]):
    if not hasattr(exc, "error_dict"):
        return [GalatBaris(baris, kolom, " ".join(exc.messages))]
    return [
        GalatBaris(baris, peta.get(nama, kolom), " ".join(pesan))
        for nama, pesan in exc.message_dict.items()
    ]


def _tulis_semua(matriks: Matriks, objek, rencana, aktor) -> HasilImpor:
    penulis = Penulis(aktor)
    try:
        with transaction.atomic():
            matriks.tulis(objek, rencana, penulis)
            if penulis.galat:
                raise _Batal
    except _Batal:
        return HasilImpor(galat=sorted(penulis.galat, key=lambda g: g.baris))
    return HasilImpor(penulis.dibuat, penulis.diubah)


# ---------------------------------------------------------------- matrices


class Matriks:
    """One planning matrix: its sheets, its Petunjuk notes, how an upload is read and written."""

    def lembar(self, objek, *, isi: bool) -> list[Lembar]:
        raise NotImplementedError

    def catatan(self, objek) -> list[tuple[str, str]]:
        return []

    def periksa_judul(
        self, objek, lembar: Lembar, judul: list[str], nomor: int
    ) -> tuple[list[str] | None, list[GalatBaris]]:
        """(column names to read the rows with, galat) for the header row found in a sheet."""
        harapan = [k.judul for k in lembar.kolom]
        if [_kunci(j) for j in judul] == [_kunci(h) for h in harapan]:
            return harapan, []
        return None, [_galat_judul(nomor, lembar, harapan)]

    def baca(self, objek, tabel: dict[str, Tabel], galat: list[GalatBaris]):
        """Phase 1: every row checked against the database, nothing written."""
        raise NotImplementedError

    def tulis(self, objek, rencana, penulis: Penulis) -> None:
        """Phase 2: write what `baca` planned, inside the caller's transaction."""
        raise NotImplementedError


def _galat_judul(nomor: int, lembar: Lembar, harapan: list[str]) -> GalatBaris:
    return GalatBaris(
        nomor,
        "",
        _("Judul kolom lembar “%(n)s” tidak sesuai. Judul kolom yang diharapkan: %(h)s")
        % {"n": lembar.nama, "h": " | ".join(harapan)},
    )


def _nama_instansi(instansi) -> str:
    return f"{instansi.nama} — {instansi.pemda.nama}"


def _peta_jabatan(instansi) -> dict[str, Any]:
    peta: dict[str, Any] = {}
    for jabatan in instansi.jabatan.order_by("urutan", "nama"):
        peta.setdefault(_kunci(jabatan.nama), jabatan)
    return peta


def _catatan_jabatan(instansi) -> tuple[str, str]:
    nama = ", ".join(instansi.jabatan.order_by("urutan", "nama").values_list("nama", flat=True))
    return "Penanggung Jawab", f"Nama jabatan di {instansi.nama}: {nama}."


def _kunci_kode(kode: str) -> tuple:
    """Sort key for dotted codes: 7.01.01.2.10 after 7.01.01.2.9, a parent before its children."""
    return tuple((0, int(b), "") if b.isdigit() else (1, 0, b) for b in kode.split("."))


def _periode(renstra: Renstra) -> str:
    return f"{renstra.tahun_awal}–{renstra.tahun_akhir}"


# ---------------------------------------------------------------- Renstra


@dataclass
class _Bagian:
    """A tujuan or sasaran read from the sheet (`induk`: the sasaran's tujuan code)."""

    kode: str
    uraian: str
    baris: int
    urutan: int
    induk: str = ""


@dataclass
class _IndikatorBaca:
    kode: str
    baris: int
    tujuan: str
    sasaran: str
    nilai: dict[str, Any]
    target: dict[int, Nilai]


@dataclass
class _RencanaRenstra:
    tujuan: dict[str, _Bagian] = field(default_factory=dict)
    sasaran: dict[str, _Bagian] = field(default_factory=dict)
    indikator: list[_IndikatorBaca] = field(default_factory=list)


class MatriksRenstra(Matriks):
    """Tujuan → sasaran → indicators with baseline, a target per year and the end target."""

    AWAL = [
        Kolom("Kode Tujuan", 9, "kode", "Kode tujuan, mis. T1. Wajib di setiap baris."),
        Kolom("Tujuan", 34, keterangan="Uraian tujuan (cukup sekali per kode)."),
        Kolom("Kode Sasaran", 9, "kode", "Kosongkan untuk indikator tujuan."),
        Kolom("Sasaran", 34, keterangan="Uraian sasaran strategis (cukup sekali per kode)."),
        Kolom("Kode Indikator", 10, "kode", "Kode indikator, unik dalam Renstra."),
        Kolom("Indikator", 40, keterangan="Nama indikator kinerja."),
        Kolom("Satuan", 12, keterangan="Mis. %, dokumen, hari; atau nama skala (Opini BPK)."),
        Kolom("Polaritas", 11, keterangan="Naik, Turun, Rentang atau Stabil."),
        Kolom("Agregasi", 13, keterangan="Kumulatif, Rata-rata atau Akhir periode."),
        Kolom("Toleransi", 10, "angka", "Hanya polaritas Stabil: batas simpangan (satuan)."),
        Kolom("Kondisi Awal", 12, "angka", "Nilai tahun sebelum periode (baseline)."),
    ]
    AKHIR = [
        Kolom("Target Akhir Periode", 12, "angka", "Target pada akhir periode Renstra."),
        Kolom("Definisi", 40, keterangan="Definisi operasional."),
        Kolom("Formula", 30, keterangan="Cara menghitung."),
        Kolom("Sumber Data", 20, keterangan="Asal data realisasi."),
        Kolom("Penanggung Jawab", 22, keterangan="Nama jabatan di instansi ini."),
    ]
    PETA_KOLOM = {
        "kode": "Kode Indikator",
        "nama": "Indikator",
        "satuan": "Satuan",
        "polaritas": "Polaritas",
        "agregasi": "Agregasi",
        "toleransi": "Toleransi",
        "baseline": "Kondisi Awal",
        "baseline_skala": "Kondisi Awal",
        "target_akhir": "Target Akhir Periode",
        "target_akhir_atas": "Target Akhir Periode",
        "target_akhir_skala": "Target Akhir Periode",
        "definisi": "Definisi",
        "formula": "Formula",
        "sumber_data": "Sumber Data",
        "penanggung_jawab": "Penanggung Jawab",
    }

    def kolom(self, renstra: Renstra) -> list[Kolom]:
        tahun = [Kolom(f"Target {t}", 11, "angka", f"Target tahun {t}.") for t in renstra.tahun]
        return self.AWAL + tahun + self.AKHIR

    def lembar(self, renstra: Renstra, *, isi: bool) -> list[Lembar]:
        judul = [
            [f"MATRIKS RENCANA STRATEGIS (RENSTRA) {_periode(renstra)}"],
            [_nama_instansi(renstra.instansi)],
            [f"Periode {_periode(renstra)}"],
        ]
        baris = list(self._baris(renstra)) if isi else []
        return [Lembar("Renstra", judul, self.kolom(renstra), baris)]

    def _baris(self, renstra: Renstra) -> Iterable[list]:
        indikator = renstra.indikator.select_related("skala", "penanggung_jawab")
        per_tujuan: dict[int, list] = {}
        per_sasaran: dict[int, list] = {}
        for ind in indikator.prefetch_related("target"):
            if ind.sasaran_id:
                per_sasaran.setdefault(ind.sasaran_id, []).append(ind)
            else:
                per_tujuan.setdefault(ind.tujuan_id, []).append(ind)
        kosong = [None] * (len(self.kolom(renstra)) - 4)
        for tujuan in renstra.tujuan.prefetch_related("sasaran"):
            kepala = [tujuan.kode, tujuan.uraian]
            milik = per_tujuan.get(tujuan.id, [])
            for ind in milik:
                yield kepala + [None, None] + self._sel_indikator(renstra, ind)
            for sasaran in tujuan.sasaran.all():
                ind_sasaran = per_sasaran.get(sasaran.id, [])
                for ind in ind_sasaran:
                    yield (
                        kepala + [sasaran.kode, sasaran.uraian] + self._sel_indikator(renstra, ind)
                    )
                if not ind_sasaran:
                    yield kepala + [sasaran.kode, sasaran.uraian] + kosong
            if not milik and not tujuan.sasaran.all():
                yield kepala + [None, None] + kosong

    def _sel_indikator(self, renstra: Renstra, ind: Indikator) -> list:
        target = {t.tahun: Nilai.dari(t).ke_sel() for t in ind.target.all()}
        return [
            ind.kode,
            ind.nama,
            ind.skala.nama if ind.skala else ind.satuan,
            _label(Polaritas, ind.polaritas),
            _label(Agregasi, ind.agregasi),
            _sel_angka(ind.toleransi),
            Nilai.dari(ind, "baseline").ke_sel(),
            *[target.get(t) for t in renstra.tahun],
            Nilai.dari(ind, "target_akhir").ke_sel(),
            ind.definisi,
            ind.formula,
            ind.sumber_data,
            ind.penanggung_jawab.nama if ind.penanggung_jawab else None,
        ]

    def catatan(self, renstra: Renstra) -> list[tuple[str, str]]:
        skala = "; ".join(
            f"{s.nama}: {', '.join(map(str, s.nilai))}"
            for s in Skala.objects.filter(pemda=renstra.instansi.pemda_id)
        )
        return [
            ("Polaritas", "; ".join(str(label) for _v, label in Polaritas.choices) + "."),
            ("Agregasi", "; ".join(str(label) for _v, label in Agregasi.choices) + "."),
            ("Skala", (skala or "Belum ada skala.") + " Tulis nama skala di kolom Satuan."),
            _catatan_jabatan(renstra.instansi),
            (
                "Susunan",
                "Satu baris per indikator; kode dan uraian tujuan/sasaran diulang atau cukup "
                "kodenya. Indikator tujuan: kosongkan Kode Sasaran dan Sasaran. Tujuan atau "
                "sasaran tanpa indikator: satu baris tanpa kolom indikator.",
            ),
            ("Kolom tahun", f"Satu kolom Target per tahun periode {_periode(renstra)}."),
        ]

    def periksa_judul(self, renstra, lembar, judul, nomor):
        """Year columns may be fewer than the period, never outside it."""
        galat, kolom, tetap = [], [], []
        for teks in judul:
            cocok = re.fullmatch(r"target (\d{4})", _kunci(teks))
            if cocok is None:
                tetap.append(teks)
                kolom.append(teks)
                continue
            nama = f"Target {cocok[1]}"
            if not renstra.memuat_tahun(int(cocok[1])):
                pesan = _("Kolom %(k)s di luar periode Renstra %(p)s.")
                galat.append(GalatBaris(nomor, teks, pesan % {"k": nama, "p": _periode(renstra)}))
            elif nama in kolom:
                galat.append(GalatBaris(nomor, teks, _("Kolom %(k)s ganda.") % {"k": nama}))
            kolom.append(nama)
        harapan = [k.judul for k in lembar.kolom if not re.fullmatch(r"Target \d{4}", k.judul)]
        if [_kunci(t) for t in tetap] != [_kunci(h) for h in harapan]:
            return None, [_galat_judul(nomor, lembar, [k.judul for k in lembar.kolom])]
        kanonik = iter(harapan)  # the expected spelling, whatever case the sheet used
        kolom = [k if k.startswith("Target ") and k[7:].isdigit() else next(kanonik) for k in kolom]
        return kolom, galat

    def baca(self, renstra, tabel, galat) -> _RencanaRenstra:
        data = tabel["Renstra"]
        konteks = {
            "tahun": [t for t in renstra.tahun if f"Target {t}" in data.kolom],
            "jabatan": _peta_jabatan(renstra.instansi),
            "skala": {
                _kunci(s.nama): s for s in Skala.objects.filter(pemda=renstra.instansi.pemda_id)
            },
            "tujuan": {t.kode: t for t in renstra.tujuan.all()},
            "sasaran": {s.kode: s for s in renstra.sasaran.all()},
            "dilihat": {},
        }
        rencana = _RencanaRenstra()
        kolom_indikator = data.kolom[data.kolom.index("Kode Indikator") :]
        for b in data.baris:
            kode_tujuan = b.teks("Kode Tujuan", wajib=True, maks=30)
            if kode_tujuan:
                self._bagian(b, rencana.tujuan, kode_tujuan, "Tujuan", konteks["tujuan"])
            kode_sasaran = b.teks("Kode Sasaran", maks=30)
            if kode_sasaran and kode_tujuan:
                self._bagian(
                    b, rencana.sasaran, kode_sasaran, "Sasaran", konteks["sasaran"], kode_tujuan
                )
            elif b.ada("Sasaran") and not kode_sasaran:
                b.wajib("Kode Sasaran")
            if b.ada(*kolom_indikator):
                self._indikator(b, renstra, rencana, konteks, kode_tujuan, kode_sasaran)
        return rencana

    def _bagian(self, b, peta, kode, label, tersimpan, induk: str = "") -> None:
        uraian = b.teks(label)
        ada = peta.get(kode)
        if ada is not None:
            if uraian and _kunci(uraian) != _kunci(ada.uraian):
                pesan = _("%(l)s %(k)s ditulis berbeda dengan baris %(n)s.")
                b.salah(label, pesan % {"l": label, "k": kode, "n": ada.baris})
            if induk and induk != ada.induk:
                pesan = _("Sasaran %(k)s sudah di bawah tujuan %(t)s (baris %(n)s).")
                b.salah("Kode Tujuan", pesan % {"k": kode, "t": ada.induk, "n": ada.baris})
            return
        if not uraian and kode in tersimpan:
            uraian = tersimpan[kode].uraian
        if not uraian:
            b.wajib(label)
        peta[kode] = _Bagian(kode, uraian, b.nomor, len(peta), induk)

    def _indikator(self, b, renstra, rencana, konteks, kode_tujuan, kode_sasaran) -> None:
        kode = b.teks("Kode Indikator", wajib=True, maks=30)
        if kode in konteks["dilihat"]:
            pesan = _("Kode indikator %(k)s sudah dipakai di baris %(n)s.")
            b.salah("Kode Indikator", pesan % {"k": kode, "n": konteks["dilihat"][kode]})
            return
        konteks["dilihat"][kode] = b.nomor
        satuan = b.teks("Satuan", wajib=True, maks=50)
        skala = konteks["skala"].get(_kunci(satuan))
        polaritas = b.pilihan("Polaritas", POLARITAS, "Naik, Turun, Rentang atau Stabil")
        toleransi = b.angka("Toleransi")
        if polaritas == Polaritas.STABIL and toleransi is None and skala is None:
            b.salah("Toleransi", _("Indikator berpolaritas Stabil memerlukan toleransi."))
        bentuk = BentukTarget(skala=skala, rentang=polaritas == Polaritas.RENTANG)
        awal = b.target("Kondisi Awal", replace(bentuk, rentang=False))
        akhir = b.target("Target Akhir Periode", bentuk)
        target = {t: b.target(f"Target {t}", bentuk) for t in konteks["tahun"]}
        nilai = {
            "nama": b.teks("Indikator", wajib=True, maks=500),
            "satuan": satuan,
            "skala": skala,
            "polaritas": polaritas,
            "agregasi": b.pilihan("Agregasi", AGREGASI, "Kumulatif, Rata-rata atau Akhir periode"),
            "toleransi": toleransi,
            **(awal or Nilai()).sebagai_field("baseline", dengan_atas=False),
            **(akhir or Nilai()).sebagai_field("target_akhir"),
            "definisi": b.teks("Definisi"),
            "formula": b.teks("Formula"),
            "sumber_data": b.teks("Sumber Data", maks=300),
            "penanggung_jawab": b.jabatan("Penanggung Jawab", konteks["jabatan"], renstra.instansi),
            "urutan": len(rencana.indikator),
        }
        target = {t: n for t, n in target.items() if n is not None and not n.kosong}
        rencana.indikator.append(
            _IndikatorBaca(kode, b.nomor, kode_tujuan, kode_sasaran, nilai, target)
        )

    def tulis(self, renstra, rencana: _RencanaRenstra, penulis: Penulis) -> None:
        tujuan = self._tulis_bagian(
            penulis, rencana.tujuan, renstra.tujuan.all(), Tujuan, renstra, {}, "Tujuan"
        )
        sasaran = self._tulis_bagian(
            penulis, rencana.sasaran, renstra.sasaran.all(), Sasaran, renstra, tujuan, "Sasaran"
        )
        tersimpan = {i.kode: i for i in renstra.indikator.prefetch_related("target")}
        for r in rencana.indikator:
            induk = sasaran.get(r.sasaran) if r.sasaran else tujuan.get(r.tujuan)
            if induk is None:
                continue  # its tujuan/sasaran failed and was reported
            objek = tersimpan.get(r.kode) or Indikator(renstra=renstra, kode=r.kode)
            nilai = {
                "tujuan": None if r.sasaran else induk,
                "sasaran": induk if r.sasaran else None,
                **r.nilai,
            }
            if penulis.pasang(
                objek, nilai, baris=r.baris, kolom="Indikator", peta_kolom=self.PETA_KOLOM
            ):
                self._tulis_target(penulis, objek, r)

    def _tulis_bagian(self, penulis, rencana, tersimpan, model, renstra, tujuan, label):
        ada = {b.kode: b for b in tersimpan}
        hasil = {}
        for r in rencana.values():
            nilai = {"uraian": r.uraian, "urutan": r.urutan}
            if r.induk:
                nilai["tujuan"] = tujuan.get(r.induk)
                if nilai["tujuan"] is None:
                    continue
            objek = ada.get(r.kode) or model(renstra=renstra, kode=r.kode)
            peta = {"uraian": label, "kode": f"Kode {label}"}
            if penulis.pasang(objek, nilai, baris=r.baris, kolom=f"Kode {label}", peta_kolom=peta):
                hasil[r.kode] = objek
        return hasil

    def _tulis_target(self, penulis, indikator: Indikator, r: _IndikatorBaca) -> None:
        ada = {t.tahun: t for t in indikator.target.all()}
        for tahun, nilai in r.target.items():
            objek = ada.get(tahun) or TargetTahunan(indikator=indikator, tahun=tahun)
            penulis.pasang(objek, nilai.sebagai_field(), baris=r.baris, kolom=f"Target {tahun}")


# ---------------------------------------------------------------- Renja, RKA, DPA


@dataclass
class _IndikatorItemBaca:
    nama: str
    satuan: str
    nilai: Nilai
    acuan: Indikator | None
    baris: int


@dataclass
class _ItemBaca:
    kode: str
    nama: str
    level: str | None
    induk: str
    pagu: Decimal | None
    kas: dict[int, Decimal]
    baris: int
    sel: dict[str, Any]  # the item's own cells as typed on its first row
    indikator: list[_IndikatorItemBaca] = field(default_factory=list)


@dataclass
class _RencanaAnggaran:
    item: dict[str, _ItemBaca]
    tanggal: tuple[int, datetime.date] | None  # (row, date) of the DPA approval, if given


Level = ItemAnggaran.Level
TINGKAT_KODE = {3: Level.PROGRAM, 5: Level.KEGIATAN, 6: Level.SUB_KEGIATAN}  # parts → level
PANJANG_INDUK = {Level.KEGIATAN: 3, Level.SUB_KEGIATAN: 5}  # a parent's code: the leading parts


def tingkat_dari_kode(kode: str) -> tuple[str, str] | None:
    """(level, parent code) from a Kepmendagri 050 code, or None if it is not one.

    Program a.bb.cc (3 parts), kegiatan a.bb.cc.d.ee (5), sub kegiatan a.bb.cc.d.ee.ffff (6);
    the parent code is the child's leading parts.
    """
    bagian = kode.split(".")
    if not all(b.isalnum() for b in bagian) or len(bagian) not in TINGKAT_KODE:
        return None
    level = str(TINGKAT_KODE[len(bagian)])
    panjang_induk = PANJANG_INDUK.get(level)
    return level, ".".join(bagian[:panjang_induk]) if panjang_induk else ""


class MatriksAnggaran(Matriks):
    """Program → kegiatan → sub kegiatan with indicators and pagu (+ monthly cash for RKA/DPA).

    Level comes from the code depth (see `tingkat_dari_kode`). Several indicators of one item:
    repeat its code on the following rows with name, pagu and cash left empty.
    """

    JUDUL = {
        "renja": "RENCANA KERJA (RENJA)",
        "rka": "RENCANA KERJA DAN ANGGARAN (RKA)",
        "dpa": "DOKUMEN PELAKSANAAN ANGGARAN (DPA)",
    }
    NAMA = "Program/Kegiatan/Sub Kegiatan"
    KOLOM = [
        Kolom("Kode", 18, "kode", "Program a.bb.cc, kegiatan a.bb.cc.d.ee, sub a.bb.cc.d.ee.ffff."),
        Kolom(NAMA, 44, keterangan="Nama; kosongkan pada baris indikator tambahan."),
        Kolom("Indikator", 40, keterangan="Indikator program/kegiatan/sub kegiatan."),
        Kolom("Satuan", 12, keterangan="Satuan indikator."),
        Kolom("Target", 11, "angka", "Target tahun ini."),
        Kolom("Pagu (Rp)", 17, "uang", "Pagu; kosongkan pada baris indikator tambahan."),
        Kolom("Kode Indikator Renstra", 12, "kode", "Bila indikator menurunkan indikator Renstra."),
    ]
    KOLOM_INDIKATOR = ("Indikator", "Satuan", "Target", "Kode Indikator Renstra")

    def __init__(self, jenis: str):
        self.jenis = jenis
        self.dengan_kas = jenis in ("rka", "dpa")

    def lembar(self, dokumen: DokumenAnggaran, *, isi: bool) -> list[Lembar]:
        kolom = list(self.KOLOM)
        if self.dengan_kas:
            bulan = zip(BULAN, BULAN_PANJANG, strict=True)
            kolom += [Kolom(b, 13, "uang", f"Anggaran kas bulan {p}.") for b, p in bulan]
        judul = [
            [f"{self.JUDUL[self.jenis]} TAHUN {dokumen.tahun}"],
            [_nama_instansi(dokumen.instansi)],
        ]
        if self.jenis == "dpa":
            judul.append(["Tanggal Pengesahan", dokumen.tanggal_pengesahan])
        else:
            judul.append([f"Renstra {_periode(dokumen.renstra)}"])
        baris = list(self._baris(dokumen)) if isi else []
        return [Lembar(self.jenis.upper(), judul, kolom, baris)]

    def _baris(self, dokumen: DokumenAnggaran) -> Iterable[list]:
        item = dokumen.item.prefetch_related("indikator__indikator_renstra", "kas")
        for i in sorted(item, key=lambda i: _kunci_kode(i.kode)):
            kas = {k.bulan: _sel_angka(k.jumlah) for k in i.kas.all()}
            for n, ind in enumerate(list(i.indikator.all()) or [None]):
                pertama = n == 0
                baris = [i.kode, i.nama if pertama else None]
                if ind is None:
                    baris += [None, None, None, _sel_angka(i.pagu), None]
                else:
                    baris += [ind.nama, ind.satuan, Nilai.dari(ind).ke_sel()]
                    baris += [_sel_angka(i.pagu) if pertama else None]
                    baris += [ind.indikator_renstra.kode if ind.indikator_renstra else None]
                if self.dengan_kas:
                    baris += [kas.get(b) if pertama else None for b in range(1, 13)]
                yield baris

    def catatan(self, dokumen) -> list[tuple[str, str]]:
        hasil = [
            (
                "Tingkat",
                "Ditentukan dari kode (kodefikasi Kepmendagri 050): 3 bagian = program "
                "(7.01.01), 5 bagian = kegiatan (7.01.01.2.01), 6 bagian = sub kegiatan "
                "(7.01.01.2.01.0001). Program induk kegiatan dan kegiatan induk sub kegiatan "
                "harus ada di lembar atau sudah tersimpan.",
            ),
            (
                "Indikator",
                "Beberapa indikator untuk satu kode: ulangi kodenya pada baris berikutnya dengan "
                "nama, pagu dan anggaran kas dikosongkan.",
            ),
            (
                "Kode Indikator Renstra",
                f"Kode indikator Renstra {_periode(dokumen.renstra)}; target mengikuti "
                "polaritas dan skala indikator itu.",
            ),
        ]
        if self.dengan_kas:
            hasil.append(
                (
                    "Anggaran kas",
                    "Hanya pada baris sub kegiatan; bila diisi, jumlah Jan–Des harus sama "
                    "dengan pagu.",
                )
            )
        if self.jenis == "dpa":
            hasil.append(("Tanggal Pengesahan", "Di blok judul (baris 3), format dd/mm/yyyy."))
        return hasil

    def baca(self, dokumen, tabel, galat) -> _RencanaAnggaran:
        data = tabel[self.jenis.upper()]
        acuan = {i.kode: i for i in dokumen.renstra.indikator.select_related("skala")}
        tersimpan = set(dokumen.item.values_list("kode", flat=True))
        item: dict[str, _ItemBaca] = {}
        for b in data.baris:
            kode = b.teks("Kode", wajib=True, maks=40)
            if not kode:
                continue
            if kode not in item:
                item[kode] = self._item(b, kode)
            elif not self._baris_lanjutan(b, item[kode]):
                pesan = _(
                    "Kode %(k)s sudah dipakai di baris %(n)s; baris indikator tambahan "
                    "mengosongkan nama, pagu dan anggaran kas."
                )
                b.salah("Kode", pesan % {"k": kode, "n": item[kode].baris})
                continue
            if b.ada(*self.KOLOM_INDIKATOR):
                self._indikator(b, item[kode], acuan, dokumen.renstra)
        for i in item.values():
            if i.induk and i.induk not in item and i.induk not in tersimpan:
                galat.append(GalatBaris(i.baris, "Kode", self._pesan_tanpa_induk(i)))
        tanggal = self._tanggal(data, galat) if self.jenis == "dpa" else None
        return _RencanaAnggaran(item, tanggal)

    def _baris_lanjutan(self, b: Baris, item: _ItemBaca) -> bool:
        """A repeated code adds an indicator if the item's cells are empty (or merged: equal)."""
        return all(b.mentah(k) in (None, v) for k, v in item.sel.items())

    def _pesan_tanpa_induk(self, item: _ItemBaca) -> str:
        induk = "program" if item.level == Level.KEGIATAN else "kegiatan"
        label = Level(item.level).label
        return _("%(l)s %(k)s: kode %(i)s %(n)s tidak ada di lembar maupun di dokumen.") % {
            "l": label,
            "k": item.kode,
            "i": induk,
            "n": item.induk,
        }

    def _item(self, b: Baris, kode: str) -> _ItemBaca:
        tingkat = tingkat_dari_kode(kode)
        if tingkat is None:
            b.salah(
                "Kode",
                _(
                    "Kode %(k)s bukan kode program (a.bb.cc), kegiatan (a.bb.cc.d.ee) atau sub "
                    "kegiatan (a.bb.cc.d.ee.ffff)."
                )
                % {"k": kode},
            )
        level, induk = tingkat or (None, "")
        item = _ItemBaca(
            kode=kode,
            nama=b.teks(self.NAMA, wajib=True, maks=500),
            level=level,
            induk=induk,
            pagu=b.uang("Pagu (Rp)", wajib=True),
            kas={},
            baris=b.nomor,
            sel={k: b.mentah(k) for k in (self.NAMA, "Pagu (Rp)", *BULAN)},
        )
        if self.dengan_kas:
            self._kas(b, item)
        return item

    def _kas(self, b: Baris, item: _ItemBaca) -> None:
        for bulan, nama in enumerate(BULAN, 1):
            jumlah = b.uang(nama)
            if jumlah is not None:
                item.kas[bulan] = jumlah
        if not item.kas or item.level is None:
            return
        if item.level != Level.SUB_KEGIATAN:
            b.salah(BULAN[min(item.kas) - 1], _("Anggaran kas hanya diisi pada sub kegiatan."))
        elif item.pagu is not None and sum(item.kas.values()) != item.pagu:
            pesan = _("Jumlah anggaran kas %(k)s tidak sama dengan pagu %(p)s.")
            b.salah(
                "Pagu (Rp)", pesan % {"k": rupiah(sum(item.kas.values())), "p": rupiah(item.pagu)}
            )

    def _indikator(self, b: Baris, item: _ItemBaca, acuan: dict, renstra: Renstra) -> None:
        nama = b.teks("Indikator", wajib=True, maks=500)
        kode_renstra = b.teks("Kode Indikator Renstra")
        indikator_renstra = acuan.get(kode_renstra) if kode_renstra else None
        if kode_renstra and indikator_renstra is None:
            pesan = _("Kode indikator %(k)s tidak ada di Renstra %(p)s.")
            b.salah("Kode Indikator Renstra", pesan % {"k": kode_renstra, "p": _periode(renstra)})
        for lain in item.indikator:
            if nama and _kunci(lain.nama) == _kunci(nama):
                pesan = _("Indikator “%(i)s” sudah ada pada kode %(k)s (baris %(n)s).")
                b.salah("Indikator", pesan % {"i": nama, "k": item.kode, "n": lain.baris})
        nilai = b.target("Target", BentukTarget.dari_indikator(indikator_renstra))
        satuan = b.teks("Satuan", wajib=True, maks=50)
        item.indikator.append(
            _IndikatorItemBaca(nama, satuan, nilai or Nilai(), indikator_renstra, b.nomor)
        )

    def _tanggal(self, data: Tabel, galat) -> tuple[int, datetime.date] | None:
        for nomor, nilai in data.atas:
            if nilai and _kunci(nilai[0]) == "tanggal pengesahan":
                isi = nilai[1] if len(nilai) > 1 else None
                if isi is None or _teks(isi) == "":
                    return None
                try:
                    return nomor, _ke_tanggal(isi)
                except (ValueError, OverflowError):
                    pesan = _("“%(v)s” bukan tanggal (tulis dd/mm/yyyy).") % {"v": isi}
                    galat.append(GalatBaris(nomor, "Tanggal Pengesahan", pesan))
        return None

    def tulis(self, dokumen, rencana: _RencanaAnggaran, penulis: Penulis) -> None:
        if rencana.tanggal is not None:
            # A fresh copy: the caller's object must not change if the import is rolled back.
            salinan = DokumenAnggaran.objects.get(pk=dokumen.pk)
            baris, tanggal = rencana.tanggal
            penulis.pasang(
                salinan, {"tanggal_pengesahan": tanggal}, baris=baris, kolom="Tanggal Pengesahan"
            )
        tersimpan = {i.kode: i for i in dokumen.item.prefetch_related("indikator", "kas")}
        disimpan: dict[str, ItemAnggaran] = {}
        for r in sorted(rencana.item.values(), key=lambda i: _kunci_kode(i.kode)):
            induk = None
            if r.induk:
                induk = disimpan.get(r.induk)
                if induk is None and r.induk not in rencana.item:
                    induk = tersimpan.get(r.induk)
                if induk is None:
                    continue  # the parent row failed and was reported
            objek = tersimpan.get(r.kode) or ItemAnggaran(dokumen=dokumen, kode=r.kode)
            nilai = {"induk": induk, "level": r.level, "nama": r.nama, "pagu": r.pagu}
            peta = {"nama": self.NAMA, "pagu": "Pagu (Rp)"}
            if penulis.pasang(objek, nilai, baris=r.baris, kolom="Kode", peta_kolom=peta):
                disimpan[r.kode] = objek
                self._tulis_isi(penulis, objek, r)

    def _tulis_isi(self, penulis: Penulis, item: ItemAnggaran, r: _ItemBaca) -> None:
        indikator = {_kunci(i.nama): i for i in item.indikator.all()}
        for urutan, ind in enumerate(r.indikator):
            objek = indikator.get(_kunci(ind.nama)) or IndikatorItem(item=item)
            nilai = {
                "nama": ind.nama,
                "satuan": ind.satuan,
                "indikator_renstra": ind.acuan,
                "urutan": urutan,
                **ind.nilai.sebagai_field(),
            }
            penulis.pasang(objek, nilai, baris=ind.baris, kolom="Target")
        kas = {k.bulan: k for k in item.kas.all()}
        for bulan, jumlah in r.kas.items():
            objek = kas.get(bulan) or AnggaranKas(item=item, bulan=bulan)
            penulis.pasang(objek, {"jumlah": jumlah}, baris=r.baris, kolom=BULAN[bulan - 1])


# ---------------------------------------------------------------- IKU


class MatriksIKU(Matriks):
    """The IKU table: Renstra indicators chosen as key indicators, with their IKU fields."""

    KOLOM = [
        Kolom("No", 5, "no", "Nomor urut (tidak dibaca saat impor)."),
        Kolom("Kode Indikator", 10, "kode", "Kode indikator Renstra yang dijadikan IKU."),
        Kolom("Indikator Kinerja Utama", 40, keterangan="Dari Renstra (tidak dibaca saat impor)."),
        Kolom("Satuan", 12, keterangan="Dari Renstra (tidak dibaca saat impor)."),
        Kolom("Alasan", 30, keterangan="Alasan pemilihan indikator."),
        Kolom("Definisi Operasional", 40, keterangan="Wajib."),
        Kolom("Formulasi", 30, keterangan="Wajib: cara menghitung."),
        Kolom("Sumber Data", 20, keterangan="Wajib."),
        Kolom("Penanggung Jawab", 22, keterangan="Wajib: nama jabatan di instansi ini."),
        Kolom("Berlaku Mulai", 10, "tahun", "Tahun mulai berlaku, dalam periode Renstra."),
    ]
    PETA_KOLOM = {
        "alasan": "Alasan",
        "definisi": "Definisi Operasional",
        "formula": "Formulasi",
        "sumber_data": "Sumber Data",
        "penanggung_jawab": "Penanggung Jawab",
        "tahun_mulai": "Berlaku Mulai",
    }

    def lembar(self, renstra: Renstra, *, isi: bool) -> list[Lembar]:
        judul = [
            ["INDIKATOR KINERJA UTAMA (IKU)"],
            [_nama_instansi(renstra.instansi)],
            [f"Renstra {_periode(renstra)}"],
        ]
        baris = []
        if isi:
            daftar = renstra.iku.select_related("indikator__skala", "penanggung_jawab").order_by(
                "indikator__urutan", "indikator__kode"
            )
            for no, iku in enumerate(daftar, 1):
                ind = iku.indikator
                baris.append(
                    [
                        no,
                        ind.kode,
                        ind.nama,
                        ind.skala.nama if ind.skala else ind.satuan,
                        iku.alasan,
                        iku.definisi,
                        iku.formula,
                        iku.sumber_data,
                        iku.penanggung_jawab.nama,
                        iku.tahun_mulai,
                    ]
                )
        return [Lembar("IKU", judul, self.KOLOM, baris)]

    def catatan(self, renstra) -> list[tuple[str, str]]:
        kode = ", ".join(renstra.indikator.values_list("kode", flat=True)) or "belum ada"
        return [
            ("Kode Indikator", f"Kode indikator Renstra {_periode(renstra)}: {kode}."),
            _catatan_jabatan(renstra.instansi),
        ]

    def baca(self, renstra, tabel, galat) -> list[tuple[Baris, Indikator, dict]]:
        indikator = {i.kode: i for i in renstra.indikator.all()}
        jabatan = _peta_jabatan(renstra.instansi)
        dilihat: dict[str, int] = {}
        hasil = []
        for b in tabel["IKU"].baris:
            kode = b.teks("Kode Indikator", wajib=True)
            ind = indikator.get(kode)
            if kode and ind is None:
                pesan = _("Kode indikator %(k)s tidak ada di Renstra %(p)s.")
                b.salah("Kode Indikator", pesan % {"k": kode, "p": _periode(renstra)})
            elif kode in dilihat:
                pesan = _("Kode indikator %(k)s sudah dipakai di baris %(n)s.")
                b.salah("Kode Indikator", pesan % {"k": kode, "n": dilihat[kode]})
            dilihat.setdefault(kode, b.nomor)
            tahun = b.tahun("Berlaku Mulai", wajib=True)
            if tahun and not renstra.memuat_tahun(tahun):
                pesan = _("Tahun %(t)s di luar periode Renstra %(p)s.")
                b.salah("Berlaku Mulai", pesan % {"t": tahun, "p": _periode(renstra)})
            nilai = {
                "alasan": b.teks("Alasan"),
                "definisi": b.teks("Definisi Operasional", wajib=True),
                "formula": b.teks("Formulasi", wajib=True),
                "sumber_data": b.teks("Sumber Data", wajib=True, maks=300),
                "penanggung_jawab": b.jabatan(
                    "Penanggung Jawab", jabatan, renstra.instansi, wajib=True
                ),
                "tahun_mulai": tahun,
            }
            hasil.append((b, ind, nilai))
        return hasil

    def tulis(self, renstra, rencana, penulis: Penulis) -> None:
        tersimpan = {iku.indikator_id: iku for iku in renstra.iku.all()}
        for b, ind, nilai in rencana:
            objek = tersimpan.get(ind.pk) or IKU(renstra=renstra, indikator=ind)
            penulis.pasang(
                objek, nilai, baris=b.nomor, kolom="Kode Indikator", peta_kolom=self.PETA_KOLOM
            )


# ---------------------------------------------------------------- PK and Rencana Aksi


@dataclass
class _IndikatorPKBaca:
    nama: str
    satuan: str
    target: Nilai
    acuan: Indikator | None
    baris: int
    urutan: int
    triwulan: dict[int, tuple[Nilai, str, Decimal]] = field(default_factory=dict)


@dataclass
class _SasaranPKBaca:
    uraian: str
    baris: int
    urutan: int
    indikator: dict[str, _IndikatorPKBaca] = field(default_factory=dict)


class KonteksPK:
    """What rows of a PK sheet are matched against: the PK's own rows and the Renstra's.

    The PK layout carries no codes, so sasaran and indicators are matched by their text;
    a new indicator is linked to the Renstra indicator of the same name (for its polarity
    and scale), a new budget row to the DPA item of the same name.
    """

    def __init__(self, pk: PerjanjianKinerja):
        self.pk = pk
        self.renstra = Renstra.objects.filter(
            instansi=pk.instansi_id, tahun_awal__lte=pk.tahun, tahun_akhir__gte=pk.tahun
        ).first()
        self.sasaran = {
            _kunci(s.uraian): s
            for s in pk.sasaran.prefetch_related("indikator__indikator_renstra__skala")
        }
        self.indikator_renstra: dict[str, Indikator] = {}
        self.sasaran_renstra: dict[str, Sasaran] = {}
        if self.renstra is not None:
            for i in self.renstra.indikator.select_related("skala"):
                self.indikator_renstra.setdefault(_kunci(i.nama), i)
            for s in self.renstra.sasaran.all():
                self.sasaran_renstra.setdefault(_kunci(s.uraian), s)

    def indikator_tersimpan(self, uraian: str, nama: str) -> IndikatorPK | None:
        sasaran = self.sasaran.get(_kunci(uraian))
        if sasaran is None:
            return None
        return next((i for i in sasaran.indikator.all() if _kunci(i.nama) == _kunci(nama)), None)

    def acuan(self, uraian: str, nama: str) -> Indikator | None:
        tersimpan = self.indikator_tersimpan(uraian, nama)
        if tersimpan is not None:
            return tersimpan.indikator_renstra
        return self.indikator_renstra.get(_kunci(nama))


class DaftarSasaran:
    """Sasaran in sheet order: a filled Sasaran cell opens a group, an empty one continues it."""

    def __init__(self, kolom: str, kolom_indikator: str, kolom_target: str):
        self.kolom = kolom
        self.kolom_indikator = kolom_indikator
        self.kolom_target = kolom_target
        self.sasaran: dict[str, _SasaranPKBaca] = {}
        self.aktif: _SasaranPKBaca | None = None

    def untuk(self, b: Baris) -> _SasaranPKBaca | None:
        uraian = b.teks(self.kolom)
        if not uraian:
            if self.aktif is None:
                b.salah(self.kolom, _("Baris pertama harus berisi sasaran."))
            return self.aktif
        kunci = _kunci(uraian)
        if self.aktif is not None and kunci == _kunci(self.aktif.uraian):
            return self.aktif
        if kunci in self.sasaran:
            pesan = _("Sasaran ini sudah ditulis di baris %(n)s; tulis indikatornya di bawahnya.")
            b.salah(self.kolom, pesan % {"n": self.sasaran[kunci].baris})
            return None
        self.aktif = _SasaranPKBaca(uraian, b.nomor, len(self.sasaran))
        self.sasaran[kunci] = self.aktif
        return self.aktif


def _baca_indikator_pk(
    b: Baris, sasaran: _SasaranPKBaca, konteks: KonteksPK, daftar: DaftarSasaran
) -> _IndikatorPKBaca | None:
    kolom_nama = daftar.kolom_indikator
    nama = b.teks(kolom_nama, wajib=True, maks=500)
    satuan = b.teks("Satuan", wajib=True, maks=50)
    kunci = _kunci(nama)
    if nama and kunci in sasaran.indikator:
        pesan = _("Indikator ini sudah ditulis di baris %(n)s untuk sasaran yang sama.")
        b.salah(kolom_nama, pesan % {"n": sasaran.indikator[kunci].baris})
        return None
    acuan = konteks.acuan(sasaran.uraian, nama)
    target = b.target(daftar.kolom_target, BentukTarget.dari_indikator(acuan))
    hasil = _IndikatorPKBaca(
        nama, satuan, target or Nilai(), acuan, b.nomor, len(sasaran.indikator)
    )
    sasaran.indikator[kunci] = hasil
    return hasil


def _tulis_sasaran_pk(
    penulis: Penulis,
    konteks: KonteksPK,
    daftar: DaftarSasaran,
    r: _SasaranPKBaca,
    *,
    atur_urutan: bool,
) -> dict[str, IndikatorPK]:
    """Save one sasaran and its indicators; `atur_urutan` False keeps the stored order."""
    objek = konteks.sasaran.get(_kunci(r.uraian))
    baru = objek is None
    if baru:
        objek = SasaranPK(
            pk_dokumen=konteks.pk, sasaran_renstra=konteks.sasaran_renstra.get(_kunci(r.uraian))
        )
    nilai: dict[str, Any] = {"uraian": r.uraian}
    if atur_urutan or baru:
        nilai["urutan"] = r.urutan
    if not penulis.pasang(objek, nilai, baris=r.baris, kolom=daftar.kolom):
        return {}
    tersimpan = {_kunci(i.nama): i for i in objek.indikator.all()} if not baru else {}
    hasil = {}
    for kunci, ind in r.indikator.items():
        o = tersimpan.get(kunci) or IndikatorPK(sasaran=objek, indikator_renstra=ind.acuan)
        nilai = {"nama": ind.nama, "satuan": ind.satuan, **ind.target.sebagai_field()}
        if atur_urutan or o.pk is None:
            nilai["urutan"] = ind.urutan
        peta = {"nama": daftar.kolom_indikator, "satuan": "Satuan"}
        if penulis.pasang(o, nilai, baris=ind.baris, kolom=daftar.kolom_target, peta_kolom=peta):
            hasil[kunci] = o
    return hasil


class MatriksPK(Matriks):
    """The PK tables (PermenPAN-RB 53/2014): sasaran–indikator–target, then programs and budget."""

    KOLOM_SASARAN = [
        Kolom("No", 5, "no", "Nomor sasaran (tidak dibaca saat impor)."),
        Kolom("Sasaran Strategis", 40, keterangan="Isi pada baris pertama tiap sasaran."),
        Kolom("Indikator Kinerja", 40, keterangan="Satu indikator per baris."),
        Kolom("Satuan", 12, keterangan="Satuan indikator."),
        Kolom("Target", 12, "angka", "Target tahun PK."),
    ]
    KOLOM_ANGGARAN = [
        Kolom("No", 5, "no", "Nomor urut (tidak dibaca saat impor)."),
        Kolom("Program/Kegiatan", 60, keterangan="Program (eselon III) atau kegiatan/sub."),
        Kolom("Anggaran (Rp)", 18, "uang", "Anggaran dalam rupiah."),
    ]

    def judul(self, pk: PerjanjianKinerja, awal: str) -> list[list[Any]]:
        revisi = f" (REVISI {pk.nomor_revisi})" if pk.nomor_revisi else ""
        kedua = " ".join(filter(None, [pk.pihak_kedua_nama, f"({pk.pihak_kedua_jabatan})"]))
        return [
            [f"{awal} TAHUN {pk.tahun}{revisi}"],
            [f"{pk.jabatan.nama} — {_nama_instansi(pk.instansi)}"],
            [f"Pihak pertama: {pk.pihak_pertama.nama_lengkap} · Pihak kedua: {kedua}"],
        ]

    def lembar(self, pk: PerjanjianKinerja, *, isi: bool) -> list[Lembar]:
        judul = self.judul(pk, "PERJANJIAN KINERJA")
        sasaran = Lembar("Sasaran", judul, self.KOLOM_SASARAN)
        anggaran = Lembar("Anggaran", judul, self.KOLOM_ANGGARAN)
        if isi:
            sasaran.baris = list(self._baris_sasaran(pk))
            daftar = list(pk.anggaran.all())
            anggaran.baris = [
                [no, a.uraian, _sel_angka(a.anggaran)] for no, a in enumerate(daftar, 1)
            ]
            total = sum((a.anggaran for a in daftar), Decimal("0"))
            anggaran.penutup = [[None, "Jumlah", _sel_angka(total)]]
        return [sasaran, anggaran]

    def _baris_sasaran(self, pk: PerjanjianKinerja) -> Iterable[list]:
        for no, s in enumerate(pk.sasaran.prefetch_related("indikator"), 1):
            for n, ind in enumerate(list(s.indikator.all()) or [None]):
                kepala = [no, s.uraian] if n == 0 else [None, None]
                if ind is None:
                    yield kepala
                else:
                    yield kepala + [ind.nama, ind.satuan, Nilai.dari(ind).ke_sel()]

    def catatan(self, pk) -> list[tuple[str, str]]:
        return [
            (
                "Sasaran",
                "Tulis sasaran pada baris indikator pertamanya; baris berikutnya dengan kolom "
                "Sasaran kosong adalah indikator sasaran yang sama.",
            ),
            (
                "Pencocokan",
                "Sasaran dan indikator dicocokkan dengan teksnya; indikator baru dikaitkan ke "
                "indikator Renstra yang bernama sama (polaritas dan skalanya ikut).",
            ),
            ("Jumlah", "Baris Jumlah di lembar Anggaran dihitung ulang, tidak dibaca."),
            ("PK ditandatangani", "PK yang sudah ditandatangani tidak dapat diimpor; buat revisi."),
        ]

    def baca(self, pk, tabel, galat):
        konteks = KonteksPK(pk)
        daftar = DaftarSasaran("Sasaran Strategis", "Indikator Kinerja", "Target")
        for b in tabel["Sasaran"].baris:
            sasaran = daftar.untuk(b)
            if sasaran is not None and b.ada("Indikator Kinerja", "Satuan", "Target"):
                _baca_indikator_pk(b, sasaran, konteks, daftar)
        anggaran: dict[str, tuple[Baris, str, Decimal | None]] = {}
        for b in tabel["Anggaran"].baris:
            uraian = b.teks("Program/Kegiatan", maks=500)
            if not b.ada("No") and _kunci(uraian) in ("jumlah", "total", "jumlah total"):
                continue  # the total row is recomputed on export
            if not uraian:
                b.wajib("Program/Kegiatan")
            elif _kunci(uraian) in anggaran:
                pesan = _("Program/kegiatan ini sudah ditulis di baris %(n)s.")
                b.salah("Program/Kegiatan", pesan % {"n": anggaran[_kunci(uraian)][0].nomor})
                continue
            anggaran[_kunci(uraian)] = (b, uraian, b.uang("Anggaran (Rp)", wajib=True))
        return konteks, daftar, anggaran

    def tulis(self, pk, rencana, penulis: Penulis) -> None:
        konteks, daftar, anggaran = rencana
        for sasaran in daftar.sasaran.values():
            _tulis_sasaran_pk(penulis, konteks, daftar, sasaran, atur_urutan=True)
        tersimpan = {_kunci(a.uraian): a for a in pk.anggaran.all()}
        dpa = services.dpa_tahun(pk.instansi_id, pk.tahun)
        item = {_kunci(i.nama): i for i in dpa.item.all()} if dpa else {}
        for urutan, (kunci, (b, uraian, jumlah)) in enumerate(anggaran.items()):
            objek = tersimpan.get(kunci) or AnggaranPK(pk_dokumen=pk, item=item.get(kunci))
            nilai = {"uraian": uraian, "anggaran": jumlah, "urutan": urutan}
            penulis.pasang(objek, nilai, baris=b.nomor, kolom="Anggaran (Rp)")


class MatriksRencanaAksi(Matriks):
    """PK targets broken into quarters, with the actions and budget of each quarter."""

    def kolom(self) -> list[Kolom]:
        return [
            Kolom("Sasaran", 34, keterangan="Isi pada baris indikator pertamanya."),
            Kolom("Indikator", 36, keterangan="Indikator kinerja PK."),
            Kolom("Satuan", 11, keterangan="Satuan indikator."),
            Kolom("Target Tahunan", 11, "angka", "Target PK setahun."),
            *[Kolom(f"TW {t}", 10, "angka", f"Target triwulan {t}.") for t in TRIWULAN],
            *[Kolom(f"Rencana Aksi TW {t}", 30, keterangan="Kegiatan triwulan.") for t in TRIWULAN],
            *[Kolom(f"Anggaran TW {t}", 15, "uang", "Rupiah.") for t in TRIWULAN],
        ]

    def lembar(self, pk: PerjanjianKinerja, *, isi: bool) -> list[Lembar]:
        judul = MatriksPK().judul(pk, "RENCANA AKSI")
        return [Lembar("Rencana Aksi", judul, self.kolom(), list(self._baris(pk)) if isi else [])]

    def _baris(self, pk: PerjanjianKinerja) -> Iterable[list]:
        for s in pk.sasaran.prefetch_related("indikator__aksi"):
            for n, ind in enumerate(list(s.indikator.all()) or [None]):
                kepala = [s.uraian if n == 0 else None]
                if ind is None:
                    yield kepala
                    continue
                aksi = {
                    a.periode: a
                    for a in ind.aksi.all()
                    if a.jenis_periode == RencanaAksi.Periode.TRIWULAN
                }
                tw = [aksi.get(k) for k in range(1, 5)]
                yield [
                    *kepala,
                    ind.nama,
                    ind.satuan,
                    Nilai.dari(ind).ke_sel(),
                    *[Nilai.dari(a).ke_sel() if a else None for a in tw],
                    *[a.aksi or None if a else None for a in tw],
                    *[_sel_angka(a.anggaran) if a else None for a in tw],
                ]

    def catatan(self, pk) -> list[tuple[str, str]]:
        return MatriksPK().catatan(pk)[:2] + [
            (
                "Triwulan",
                "Target, rencana aksi dan anggaran per triwulan; triwulan yang ketiganya kosong "
                "dilewati.",
            ),
        ]

    def baca(self, pk, tabel, galat):
        konteks = KonteksPK(pk)
        daftar = DaftarSasaran("Sasaran", "Indikator", "Target Tahunan")
        for b in tabel["Rencana Aksi"].baris:
            sasaran = daftar.untuk(b)
            if sasaran is None or not b.ada(*[k.judul for k in self.kolom()[1:]]):
                continue
            ind = _baca_indikator_pk(b, sasaran, konteks, daftar)
            if ind is None:
                continue
            bentuk = BentukTarget.dari_indikator(ind.acuan)
            for k, tw in enumerate(TRIWULAN, 1):
                kolom = (f"TW {tw}", f"Rencana Aksi TW {tw}", f"Anggaran TW {tw}")
                target = b.target(kolom[0], bentuk)
                aksi = b.teks(kolom[1])
                anggaran = b.uang(kolom[2])
                if b.ada(*kolom):
                    ind.triwulan[k] = (target or Nilai(), aksi, anggaran or Decimal("0"))
        return konteks, daftar

    def tulis(self, pk, rencana, penulis: Penulis) -> None:
        konteks, daftar = rencana
        for sasaran in daftar.sasaran.values():
            # Rencana aksi does not reorder the PK; only new rows take the sheet's order.
            tersimpan = _tulis_sasaran_pk(penulis, konteks, daftar, sasaran, atur_urutan=False)
            for kunci, ind in sasaran.indikator.items():
                if kunci in tersimpan:
                    self._tulis_triwulan(penulis, tersimpan[kunci], ind)

    def _tulis_triwulan(self, penulis: Penulis, indikator: IndikatorPK, r: _IndikatorPKBaca):
        ada = {
            a.periode: a
            for a in indikator.aksi.all()
            if a.jenis_periode == RencanaAksi.Periode.TRIWULAN
        }
        for k, (target, aksi, anggaran) in r.triwulan.items():
            objek = ada.get(k) or RencanaAksi(
                indikator=indikator, jenis_periode=RencanaAksi.Periode.TRIWULAN, periode=k
            )
            nilai = {"aksi": aksi, "anggaran": anggaran, **target.sebagai_field()}
            penulis.pasang(objek, nilai, baris=r.baris, kolom=f"TW {TRIWULAN[k - 1]}")


# ---------------------------------------------------------------- registry


_MATRIKS: dict[str, Matriks] = {
    "renstra": MatriksRenstra(),
    "renja": MatriksAnggaran("renja"),
    "rka": MatriksAnggaran("rka"),
    "dpa": MatriksAnggaran("dpa"),
    "iku": MatriksIKU(),
    "pk": MatriksPK(),
    "rencana_aksi": MatriksRencanaAksi(),
}
_WADAH = {
    "renstra": Renstra,
    "iku": Renstra,
    "renja": DokumenAnggaran,
    "rka": DokumenAnggaran,
    "dpa": DokumenAnggaran,
    "pk": PerjanjianKinerja,
    "rencana_aksi": PerjanjianKinerja,
}


def _matriks(jenis: str, objek) -> Matriks:
    """The matrix of `jenis`, after checking `objek` is its container (a programming error)."""
    if jenis not in _MATRIKS:
        raise ValueError(f"Jenis matriks tidak dikenal: {jenis!r}; pilih salah satu {JENIS}.")
    if not isinstance(objek, _WADAH[jenis]):
        raise TypeError(f"Matriks {jenis} memerlukan {_WADAH[jenis].__name__}, bukan {objek!r}.")
    if isinstance(objek, DokumenAnggaran) and objek.jenis != jenis:
        raise ValueError(f"Dokumen ini {objek.jenis}, bukan {jenis}.")
    return _MATRIKS[jenis]
