"""Excel for measurement: the month's realisasi sheet (template and import), and the
writer of the house style shared with the capaian and Pemda exports (`ekspor_capaian`).

The realisasi sheet: a title block (agency, year, month), then the header row
Kode Indikator | Indikator | Satuan | Target | Realisasi | Catatan. Rows are matched on the
code (a Renstra indicator's code, or "PK-<id>" for an own PK indicator), so importing the
same sheet again updates instead of duplicating.

Import is all-or-nothing (`sakip.dokumen.excel`'s two phases). Phase 1 reads every row and
collects every problem (Excel row, column, reason in Indonesian) without touching the
database: an unknown code, a value that is not a number or not on the indicator's scale,
an indicator the user is not responsible for, an approved row only the Kasubag may change,
a closed month — the entry rules are `services.pelanggaran_isian`, the same function the
grid and the API go through; an unchanged row is left out. The indicators, the month's
stored rows (locked), its closure and the user's positions are loaded once, in a few
queries, whatever the sheet's length. Only a clean sheet reaches phase 2, in the same
transaction: `services.isi_realisasi_massal` writes the new rows with `bulk_create`, the
changed ones with `bulk_update`, and one audit record for the import listing every row's
before and after.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from sakip.dokumen.excel import (
    BATAS_ANGKA,
    BINGKAI,
    BULAN,
    BULAN_PANJANG,
    LATAR_JUDUL,
    Alignment,
    BerkasDitolak,
    Font,
    GalatBaris,
    HasilImpor,
    baris_terisi,
    buka_buku,
    buku_baru,
    get_column_letter,
    isi_sel,
    ke_desimal,
    simpan_buku,
)
from sakip.dokumen.excel import sel_angka as _sel

from . import services
from .forms import Acuan, daftar_acuan, realisasi_bulan
from .models import Realisasi

KOLOM_REALISASI = ("Kode Indikator", "Indikator", "Satuan", "Target", "Realisasi", "Catatan")
LEBAR_REALISASI = (16, 60, 14, 14, 14, 50)
JUDUL_REALISASI = "REALISASI KINERJA BULANAN"


def nama_berkas(awal: str, instansi, tahun: int, *bagian: Any) -> str:
    """A workbook's file name: what, whose, the year and the period, e.g.
    "Realisasi_Kecamatan_Alpha_2025_03.xlsx" (a month is written 01–12)."""
    isi = [awal, instansi.nama, str(tahun)]
    isi += [f"{b:02d}" if isinstance(b, int) else str(b) for b in bagian]
    return "_".join(re.sub(r"[^0-9A-Za-z-]+", "_", b).strip("_") for b in isi) + ".xlsx"


def _kunci(teks: Any) -> str:
    return re.sub(r"\s+", " ", "" if teks is None else str(teks)).strip().casefold()


# ---------------------------------------------------------------- writing a sheet


@dataclass
class Lembar:
    nama: str
    judul: list[list[Any]]
    kolom: list[tuple[str, float]]  # header text, width
    baris: list[list[Any]]
    petunjuk: list[tuple[str, str]] | None = None

    @property
    def nomor_judul_kolom(self) -> int:
        return len(self.judul) + 2


def buku_xlsx(daftar: list[Lembar]) -> bytes:
    """The workbook of `daftar`, through the kit: text people typed never runs as a formula."""
    buku = buku_baru()
    for lembar in daftar:
        ws = buku.create_sheet(lembar.nama)
        for r, isi in enumerate(lembar.judul, 1):
            for c, nilai in enumerate(isi, 1):
                isi_sel(ws.cell(r, c), nilai).font = Font(bold=True, size=13 if r == 1 else 11)
        h = lembar.nomor_judul_kolom
        for c, (judul, lebar) in enumerate(lembar.kolom, 1):
            sel = isi_sel(ws.cell(h, c), judul)
            sel.font, sel.fill, sel.border = Font(bold=True), LATAR_JUDUL, BINGKAI
            sel.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
            ws.column_dimensions[get_column_letter(c)].width = lebar
        for r, isi in enumerate(lembar.baris, h + 1):
            for c in range(1, len(lembar.kolom) + 1):
                sel = isi_sel(ws.cell(r, c), isi[c - 1] if c <= len(isi) else None)
                sel.border = BINGKAI
                sel.alignment = Alignment(vertical="top", wrap_text=isinstance(sel.value, str))
                if isinstance(sel.value, float):
                    sel.number_format = "#,##0.00"
                elif isinstance(sel.value, int) and c > 1:
                    sel.number_format = "#,##0"
        ws.freeze_panes = ws.cell(h + 1, 1)
        ws.page_setup.orientation = "landscape"
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.page_setup.fitToHeight = 0
        if lembar.petunjuk:
            _tulis_petunjuk(buku.create_sheet("Petunjuk"), lembar.petunjuk)
    return simpan_buku(buku)


def _tulis_petunjuk(ws, petunjuk: list[tuple[str, str]]) -> None:
    isi_sel(ws.cell(1, 1), _("Petunjuk pengisian")).font = Font(bold=True, size=13)
    for r, (hal, keterangan) in enumerate(petunjuk, 3):
        isi_sel(ws.cell(r, 1), hal).font = Font(bold=True)
        sel = isi_sel(ws.cell(r, 2), keterangan)
        sel.alignment = Alignment(wrap_text=True, vertical="top")
    ws.column_dimensions["A"].width = 24
    ws.column_dimensions["B"].width = 100


# ---------------------------------------------------------------- the month's realisasi sheet


PETUNJUK_REALISASI = [
    ("Kode Indikator", "Kode indikator Renstra, atau PK-<nomor> untuk indikator PK sendiri."),
    ("Realisasi", "Angka (mis. 82,5 atau 82.5), atau nilai skala untuk indikator berskala."),
    ("Catatan", "Penjelasan singkat; sel kosong mempertahankan catatan yang tersimpan."),
    ("Baris kosong", "Baris dengan Realisasi kosong dilewati: datanya tidak berubah."),
    (
        "Semua atau tidak",
        "Semua baris diperiksa dulu. Bila satu saja bermasalah, tidak ada yang disimpan.",
    ),
    ("Bukti", "Berkas atau tautan bukti diunggah per indikator di halaman Realisasi."),
]


def templat_realisasi(instansi, tahun: int, bulan: int, daftar: list[Acuan]) -> bytes:
    """The month's sheet pre-filled with `daftar` and the values already stored."""
    ada = realisasi_bulan(instansi, tahun, bulan)
    baris = []
    for a in daftar:
        r = ada.get(a.kunci)
        nilai = (r.nilai_skala or _sel(r.nilai)) if r is not None else None
        target = _sel(a.target_angka) if a.target_angka is not None else a.target
        baris.append([a.kode, a.nama, a.satuan, target, nilai, r.catatan if r else None])
    return buku_xlsx(
        [
            Lembar(
                "Realisasi",
                [
                    [JUDUL_REALISASI],
                    ["Instansi", instansi.nama],
                    ["Tahun", tahun],
                    ["Bulan", BULAN_PANJANG[bulan - 1]],
                ],
                list(zip(KOLOM_REALISASI, LEBAR_REALISASI, strict=True)),
                baris,
                PETUNJUK_REALISASI,
            )
        ]
    )


def impor_realisasi(
    *, aktor, instansi, tahun: int, bulan: int, berkas, ajukan: bool = False
) -> HasilImpor:
    """Read the month's sheet: everything is written, or nothing and every galat.

    Raises PermissionDenied when `aktor` may not write this agency's data (evaluators).
    """
    konteks = services.KonteksIsian(aktor, instansi.pk, tahun, bulan)
    if not konteks.boleh_ubah:
        raise PermissionDenied(_("Anda tidak berwenang mengisi realisasi instansi ini."))
    if konteks.tertutup:
        return HasilImpor(galat=[_galat_tertutup(tahun, bulan)])
    galat: list[GalatBaris] = []
    baris = _baca_lembar(berkas, instansi, tahun, bulan, galat)
    if galat:
        return HasilImpor(galat=galat)
    try:
        with transaction.atomic():
            return _periksa_lalu_tulis(konteks, instansi, baris, ajukan=ajukan)
    except IntegrityError:  # a concurrent entry of the same month got there first
        pesan = _("Bentrok dengan data yang baru saja disimpan pengguna lain; ulangi impor.")
        return HasilImpor(galat=[GalatBaris(0, "", pesan)])


def _galat_tertutup(tahun: int, bulan: int) -> GalatBaris:
    pesan = _("Data %(b)s %(t)s sudah ditutup; minta Kasubag membukanya kembali dengan alasan.")
    return GalatBaris(0, "", pesan % {"b": BULAN_PANJANG[bulan - 1], "t": tahun})


def _periksa_lalu_tulis(konteks, instansi, baris, *, ajukan: bool) -> HasilImpor:
    """In one transaction: the month re-checked open and its stored rows locked, every row
    checked against them (phase 1), then — only if no row failed — the changed rows written
    in bulk with one audit record (phase 2)."""
    tahun, bulan = konteks.tahun, konteks.bulan
    vars(konteks).pop("tertutup", None)  # read again in the transaction: just closed?
    if konteks.tertutup:
        return HasilImpor(galat=[_galat_tertutup(tahun, bulan)])
    ada = services.realisasi_bulan_terkunci(instansi.pk, tahun, bulan)
    galat: list[GalatBaris] = []
    isian = _periksa_baris(konteks, instansi, baris, ada, galat, ajukan=ajukan)
    if galat:
        return HasilImpor(galat=sorted(galat, key=lambda g: g.baris))
    if not isian:
        return HasilImpor()  # the same sheet again: nothing to write, nothing to audit
    baru = sum(1 for r in isian if r.lama is None)
    dibuat, diubah = services.isi_realisasi_massal(
        aktor=konteks.aktor,
        instansi=instansi,
        tahun=tahun,
        bulan=bulan,
        isian=isian,
        ajukan=ajukan,
        keterangan=_("Impor Excel realisasi %(b)s %(t)s: %(d)s baru, %(u)s diubah")
        % {"b": BULAN_PANJANG[bulan - 1], "t": tahun, "d": baru, "u": len(isian) - baru},
    )
    return HasilImpor(dibuat, diubah)


def _baca_lembar(berkas, instansi, tahun: int, bulan: int, galat) -> list[tuple[int, tuple]]:
    """The data rows (Excel row number, values) under a header row and a title block that
    name this agency, year and month."""
    try:
        buku = buka_buku(berkas)
    except BerkasDitolak as exc:  # not an .xlsx, or over a limit: nothing was parsed
        galat.append(GalatBaris(0, "", exc.pesan))
        return []
    try:
        lembar = [ws for ws in buku.worksheets if _kunci(ws.title) != "petunjuk"]
        if not lembar:
            galat.append(GalatBaris(0, "", _("Berkas tidak berisi lembar realisasi.")))
            return []
        rows = list(baris_terisi(lembar[0]))
    finally:
        buku.close()
    judul: dict[str, Any] = {}
    for nomor, nilai in enumerate(rows[:20], 1):
        isi = list(nilai) + [None, None]
        if _kunci(isi[0]) == _kunci(KOLOM_REALISASI[0]):
            _periksa_judul(judul, instansi, tahun, bulan, galat)
            kolom = [_kunci(v) for v in isi[: len(KOLOM_REALISASI)]]
            if kolom != [_kunci(k) for k in KOLOM_REALISASI]:
                galat.append(
                    GalatBaris(
                        nomor,
                        "",
                        _("Judul kolom tidak sesuai. Yang diharapkan: %(h)s")
                        % {"h": " | ".join(KOLOM_REALISASI)},
                    )
                )
            data_baris = []
            for n, v in enumerate(rows[nomor:], nomor + 1):
                if any(x is not None and str(x).strip() for x in v):
                    data_baris.append((n, tuple(v) + (None,) * len(KOLOM_REALISASI)))
            return data_baris
        judul[_kunci(isi[0])] = isi[1]
    galat.append(
        GalatBaris(
            0,
            "",
            _("Baris judul kolom tidak ditemukan. Judul kolom yang diharapkan: %(h)s")
            % {"h": " | ".join(KOLOM_REALISASI)},
        )
    )
    return []


def _periksa_judul(judul: dict, instansi, tahun: int, bulan: int, galat) -> None:
    """The title block must name the page's agency, year and month: a sheet of another
    month imported by mistake would overwrite the wrong data."""
    nama_bulan = BULAN_PANJANG[bulan - 1]
    if _kunci(judul.get("instansi")) != _kunci(instansi.nama):
        galat.append(
            GalatBaris(
                0,
                "Instansi",
                _("Berkas ini untuk “%(a)s”, bukan %(b)s.")
                % {"a": judul.get("instansi") or "—", "b": instansi.nama},
            )
        )
    try:
        tahun_berkas = int(ke_desimal(judul.get("tahun")))
    except (ValueError, TypeError):
        tahun_berkas = None
    if tahun_berkas != tahun:
        galat.append(
            GalatBaris(
                0,
                "Tahun",
                _("Berkas ini untuk tahun %(a)s, bukan %(b)s.")
                % {"a": judul.get("tahun") or "—", "b": tahun},
            )
        )
    b = judul.get("bulan")
    cocok = _kunci(b) in (_kunci(nama_bulan), _kunci(BULAN[bulan - 1]), str(bulan))
    if not cocok and not (isinstance(b, int | float) and int(b) == bulan):
        galat.append(
            GalatBaris(
                0,
                "Bulan",
                _("Berkas ini untuk bulan %(a)s, bukan %(b)s. Unduh templat bulan %(b)s.")
                % {"a": b or "—", "b": nama_bulan},
            )
        )


def _periksa_baris(
    konteks, instansi, baris, ada: dict[str, Realisasi], galat, *, ajukan: bool
) -> list[services.IsianBaris]:
    """Phase 1: every row checked against the agency's indicators and the stored rows `ada`
    (loaded once), with the entry rules of `services.pelanggaran_isian`; nothing written.
    The rows that would change nothing are left out."""
    tahun = konteks.tahun
    semua = {_kunci(a.kode): a for a in daftar_acuan(instansi, tahun)}
    dilihat: dict[str, int] = {}
    isian = []
    for nomor, nilai in baris:
        kode, _nama, _satuan, _target, isi, catatan = nilai[: len(KOLOM_REALISASI)]
        kode_teks = "" if kode is None else str(kode).strip()
        if not kode_teks:
            galat.append(GalatBaris(nomor, "Kode Indikator", _("Kode indikator kosong.")))
            continue
        acuan = semua.get(_kunci(kode_teks))
        if acuan is None:
            galat.append(
                GalatBaris(
                    nomor,
                    "Kode Indikator",
                    _("Kode “%(k)s” tidak dikenal: bukan indikator %(i)s tahun %(t)s.")
                    % {"k": kode_teks, "i": instansi.nama, "t": tahun},
                )
            )
            continue
        if acuan.kunci in dilihat:
            galat.append(
                GalatBaris(
                    nomor,
                    "Kode Indikator",
                    _("Kode “%(k)s” sudah ada di baris %(n)s.")
                    % {"k": kode_teks, "n": dilihat[acuan.kunci]},
                )
            )
            continue
        dilihat[acuan.kunci] = nomor
        if isi is None or str(isi).strip() == "":
            continue  # an empty Realisasi leaves the stored row as it is
        lama = ada.get(acuan.kunci)
        tolak = services.pelanggaran_isian(
            konteks,
            jabatan_id=acuan.jabatan_id,
            status_lama=lama.status if lama is not None else None,
            kode=acuan.kode,
            jabatan_nama=acuan.jabatan_nama,
        )
        if tolak is not None:
            kolom = "Kode Indikator" if isinstance(tolak, PermissionDenied) else "Realisasi"
            galat.append(GalatBaris(nomor, kolom, " ".join(_pesan(tolak))))
            continue
        angka, skala = _baca_nilai(isi, acuan, nomor, galat)
        if angka is None and not skala:
            continue
        teks_catatan = (
            None if catatan is None or str(catatan).strip() == "" else str(catatan).strip()
        )
        if not _sama(lama, angka, skala, teks_catatan, ajukan=ajukan):
            isian.append(
                services.IsianBaris(
                    label=f"{acuan.kode} (baris {nomor})",
                    indikator=acuan.indikator,
                    indikator_pk=acuan.indikator_pk,
                    nilai=angka,
                    nilai_skala=skala,
                    catatan=teks_catatan,
                    lama=lama,
                )
            )
    return isian


def _pesan(tolak: Exception) -> list[str]:
    return tolak.messages if isinstance(tolak, ValidationError) else [str(tolak)]


def _sama(lama: Realisasi | None, nilai, skala: str, catatan: str | None, *, ajukan: bool) -> bool:
    """Whether the stored row already says this (importing the same sheet again writes
    nothing); submitting keeps a row only if it is submitted already."""
    if lama is None:
        return False
    catatan = lama.catatan if catatan is None else catatan
    status = Realisasi.Status.DIAJUKAN if ajukan else lama.status
    return (lama.nilai, lama.nilai_skala, lama.catatan, lama.status) == (
        nilai,
        skala,
        catatan,
        status,
    )


def _baca_nilai(isi, acuan: Acuan, nomor: int, galat) -> tuple[Decimal | None, str]:
    if acuan.skala is not None:
        peta = {_kunci(v): v for v in acuan.skala}
        if _kunci(isi) not in peta:
            galat.append(
                GalatBaris(
                    nomor,
                    "Realisasi",
                    _("“%(v)s” bukan nilai skala indikator %(k)s (pilihan: %(p)s).")
                    % {"v": isi, "k": acuan.kode, "p": ", ".join(acuan.skala)},
                )
            )
            return None, ""
        return None, peta[_kunci(isi)]
    try:
        angka = ke_desimal(isi)
    except ValueError:
        galat.append(
            GalatBaris(
                nomor,
                "Realisasi",
                _("“%(v)s” bukan angka; indikator %(k)s bersatuan %(s)s.")
                % {"v": isi, "k": acuan.kode, "s": acuan.satuan},
            )
        )
        return None, ""
    if abs(angka) >= BATAS_ANGKA:
        galat.append(GalatBaris(nomor, "Realisasi", _("Angka %(v)s terlalu besar.") % {"v": isi}))
        return None, ""
    return angka.quantize(Decimal("0.0001")), ""
