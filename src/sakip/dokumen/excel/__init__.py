"""The Excel kit every app's import and export share (openpyxl).

- `nilai`: cell values — Indonesian numbers (`ke_desimal`), dates (`ke_tanggal`), targets
  (`Nilai`: a number, a range "a - b" or a scale value), choice labels, month names.
- `baris`: `Baris`, one uploaded row read cell by cell, each bad cell a `GalatBaris`.
- `tulis`: a sheet described once (`Lembar` of `Kolom`s) and written in the house style,
  with the "Petunjuk" sheet of a template (`buku_excel`).
- `baca`: opening an upload (`buka_buku`, the one place a file is opened) and finding
  each sheet's table by its header row (`baca_berkas`, `Tabel`).
- `batas`: the limits an upload passes before it is parsed (bytes, unpacked size and
  compression ratio, rows per sheet); a refusal is a `BerkasDitolak`.
- `aman`: the one place a workbook is created and saved (`buku_baru`, `isi_sel`,
  `tambah_baris`, `simpan_buku`): text never becomes a formula, only a `Rumus` does.
- `penulis`: phase 2, all-or-nothing: `Penulis` calls the services, `tulis_semua` rolls
  the whole import back when one row fails (`HasilImpor`).

An import reads every row first and writes only a clean sheet; the planning matrices
(`sakip.perencanaan.excel`) are the fullest example. No module outside the kit imports
openpyxl (a test checks it): the styles an export needs are re-exported here.
"""

from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from .aman import PEMICU_RUMUS, Rumus, buku_baru, isi_sel, simpan_buku, tambah_baris, validasi_bulat
from .baca import (
    Tabel,
    baca_berkas,
    baca_tabel,
    baris_data,
    baris_terisi,
    buka_buku,
    cari_lembar,
    galat_judul,
    periksa_judul_tetap,
    tanpa_ekor_kosong,
    teks,
)
from .baris import Baris, BentukTarget, GalatBaris, HasilImpor
from .batas import BerkasDitolak, BukanExcel
from .nilai import (
    BATAS_ANGKA,
    BULAN,
    BULAN_PANJANG,
    TRIWULAN,
    Nilai,
    bulatkan,
    jumlah_desimal,
    ke_desimal,
    ke_tanggal,
    kunci,
    label_pendek,
    label_pilihan,
    peta_pilihan,
    sel_angka,
    teks_angka,
)
from .penulis import Batal, Penulis, galat_validasi, tulis_semua
from .tulis import (
    BINGKAI,
    LATAR_JUDUL,
    TIPIS,
    Kolom,
    Lembar,
    buku_excel,
    format_angka,
    tulis_lembar,
    tulis_petunjuk,
    tulis_sel,
)

__all__ = [
    "PEMICU_RUMUS",
    "Alignment",
    "BerkasDitolak",
    "BukanExcel",
    "Font",
    "PatternFill",
    "Rumus",
    "buku_baru",
    "get_column_letter",
    "isi_sel",
    "simpan_buku",
    "tambah_baris",
    "validasi_bulat",
    "BATAS_ANGKA",
    "BINGKAI",
    "BULAN",
    "BULAN_PANJANG",
    "LATAR_JUDUL",
    "TIPIS",
    "TRIWULAN",
    "Baris",
    "Batal",
    "BentukTarget",
    "GalatBaris",
    "HasilImpor",
    "Kolom",
    "Lembar",
    "Nilai",
    "Penulis",
    "Tabel",
    "baca_berkas",
    "baca_tabel",
    "baris_data",
    "baris_terisi",
    "bulatkan",
    "buka_buku",
    "buku_excel",
    "cari_lembar",
    "format_angka",
    "galat_judul",
    "galat_validasi",
    "jumlah_desimal",
    "ke_desimal",
    "ke_tanggal",
    "kunci",
    "label_pendek",
    "label_pilihan",
    "periksa_judul_tetap",
    "peta_pilihan",
    "sel_angka",
    "tanpa_ekor_kosong",
    "teks",
    "teks_angka",
    "tulis_lembar",
    "tulis_petunjuk",
    "tulis_sel",
    "tulis_semua",
]
