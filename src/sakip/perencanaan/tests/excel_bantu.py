"""What the Excel tests of every matrix share: sheet and database snapshots, containers.

`siapkan` gives a matrix's container for an agency (Alpha's filled one, Beta's empty one);
`isi_lembar` and `isi_db` are what an export and the stored rows hold, to compare.
"""

from __future__ import annotations

from io import BytesIO

from openpyxl import load_workbook

from sakip.perencanaan import excel
from sakip.perencanaan.models import (
    IKU,
    AnggaranKas,
    AnggaranPK,
    DokumenAnggaran,
    Indikator,
    IndikatorItem,
    IndikatorPK,
    ItemAnggaran,
    PerjanjianKinerja,
    RencanaAksi,
    Renstra,
    Sasaran,
    SasaranPK,
    TargetTahunan,
    Tujuan,
)

from . import bangun

JUDUL_KOLOM = 5  # three title rows, one blank row, then the header
DATA = JUDUL_KOLOM + 1


def isi_lembar(data: bytes) -> dict[str, list[tuple]]:
    """Every matrix sheet's values from the header row down (the title names the agency)."""
    buku = load_workbook(BytesIO(data))
    return {
        ws.title: list(ws.iter_rows(min_row=JUDUL_KOLOM, values_only=True))
        for ws in buku.worksheets
        if ws.title != "Petunjuk"
    }


def ubah(data: bytes, perubahan: dict[tuple[int, str], object], lembar: str | None = None) -> bytes:
    """The workbook with cells changed, addressed as (Excel row, header text)."""
    buku = load_workbook(BytesIO(data))
    ws = buku[lembar] if lembar else buku.worksheets[0]
    kolom = {sel.value: sel.column for sel in ws[JUDUL_KOLOM]}
    for (baris, judul), nilai in perubahan.items():
        ws.cell(baris, kolom[judul]).value = nilai  # cell(r, c, None) would not clear it
    keluaran = BytesIO()
    buku.save(keluaran)
    return keluaran.getvalue()


def tempat(hasil: excel.HasilImpor) -> list[tuple[int, str]]:
    return [(g.baris, g.kolom) for g in hasil.galat]


def target(obj) -> tuple:
    return (obj.target, obj.target_atas, obj.target_skala)


def isi_renstra(r: Renstra) -> dict[str, list]:
    return {
        "tujuan": sorted(Tujuan.objects.filter(renstra=r).values_list("kode", "uraian")),
        "sasaran": sorted(
            Sasaran.objects.filter(renstra=r).values_list("kode", "tujuan__kode", "uraian")
        ),
        "indikator": sorted(
            Indikator.objects.filter(renstra=r).values_list(
                "kode",
                "tujuan__kode",
                "sasaran__kode",
                "nama",
                "satuan",
                "skala__nama",
                "polaritas",
                "agregasi",
                "toleransi",
                "baseline",
                "baseline_skala",
                "target_akhir",
                "target_akhir_atas",
                "target_akhir_skala",
                "definisi",
                "formula",
                "sumber_data",
                "penanggung_jawab__nama",
            )
        ),  # fmt: skip
        "target": sorted(
            (t.indikator.kode, t.tahun, *target(t))
            for t in TargetTahunan.objects.filter(indikator__renstra=r).select_related("indikator")
        ),
    }


def isi_anggaran(d: DokumenAnggaran) -> dict[str, list]:
    return {
        "item": sorted(
            ItemAnggaran.objects.filter(dokumen=d).values_list(
                "kode", "level", "induk__kode", "nama", "pagu"
            )
        ),
        "indikator": sorted(
            IndikatorItem.objects.filter(item__dokumen=d).values_list(
                "item__kode",
                "nama",
                "satuan",
                "target",
                "target_atas",
                "target_skala",
                "indikator_renstra__kode",
            )
        ),  # fmt: skip
        "kas": sorted(
            AnggaranKas.objects.filter(item__dokumen=d).values_list("item__kode", "bulan", "jumlah")
        ),
    }


def isi_iku(r: Renstra) -> list:
    return sorted(
        IKU.objects.filter(renstra=r).values_list(
            "indikator__kode", "alasan", "definisi", "formula", "sumber_data",
            "penanggung_jawab__nama", "tahun_mulai",
        )
    )  # fmt: skip


def isi_pk(pk: PerjanjianKinerja) -> dict[str, list]:
    return {
        "sasaran": list(SasaranPK.objects.filter(pk_dokumen=pk).values_list("urutan", "uraian")),
        "indikator": sorted(
            IndikatorPK.objects.filter(sasaran__pk_dokumen=pk).values_list(
                "sasaran__uraian",
                "urutan",
                "nama",
                "satuan",
                "target",
                "target_atas",
                "target_skala",
                "indikator_renstra__kode",
            )
        ),  # fmt: skip
        "anggaran": list(
            AnggaranPK.objects.filter(pk_dokumen=pk).values_list("urutan", "uraian", "anggaran")
        ),
        "aksi": sorted(
            RencanaAksi.objects.filter(indikator__sasaran__pk_dokumen=pk).values_list(
                "indikator__nama",
                "jenis_periode",
                "periode",
                "target",
                "target_atas",
                "target_skala",
                "aksi",
                "anggaran",
            )
        ),  # fmt: skip
    }


def isi_db(jenis: str, objek) -> dict:
    if jenis == "renstra":
        return isi_renstra(objek)
    if jenis == "iku":
        return {"iku": isi_iku(objek)}
    if jenis in ("renja", "rka", "dpa"):
        return isi_anggaran(objek)
    hasil = isi_pk(objek)
    del hasil["anggaran" if jenis == "rencana_aksi" else "aksi"]  # each sheet holds one of them
    return hasil


def siapkan(jenis: str, persona, *, isi: bool = True):
    """The container of `jenis` for an agency: Alpha's filled one, or Beta's empty one."""
    agensi = persona.a if isi else persona.b
    renstra = bangun.renstra(agensi, isi=isi or jenis != "renstra")
    if jenis == "renstra":
        return renstra
    if jenis == "iku":
        if isi:
            bangun.iku(renstra, agensi)
        return renstra
    if jenis in ("renja", "rka", "dpa"):
        return bangun.dokumen(agensi, renstra, jenis, isi=isi)
    return bangun.pk(agensi, renstra, isi=isi)
