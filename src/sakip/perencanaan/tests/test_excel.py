"""Excel matrices, told as the personas' stories.

Staf Alpha exports a matrix, Staf Beta imports it into an empty document of the same kind
and exports it again: the cells and the stored rows are the same. A sheet with several bad
rows is refused whole with one galat per bad row; a second import updates, never
duplicates; a signed PK and outsiders cannot import.
"""

from __future__ import annotations

from decimal import Decimal as D
from io import BytesIO

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from sakip.audit.models import CatatanAudit
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

pytestmark = pytest.mark.django_db

JUDUL_KOLOM = 5  # three title rows, one blank row, then the header
DATA = JUDUL_KOLOM + 1


# ---------------------------------------------------------------- helpers


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


# ---------------------------------------------------------------- round trip


@pytest.mark.parametrize("jenis", excel.JENIS)
def test_staf_beta_mengimpor_ekspor_alpha_dan_hasilnya_sama(persona, jenis):
    asal = siapkan(jenis, persona)
    kosong = siapkan(jenis, persona, isi=False)
    data = excel.ekspor(jenis, asal)
    berkas = SimpleUploadedFile(excel.NAMA_BERKAS(jenis, asal), data)

    hasil = excel.impor(jenis, aktor=persona.b.staf, objek=kosong, berkas=berkas)

    assert hasil.galat == []
    assert hasil.berhasil and hasil.dibuat > 0 and hasil.diubah == 0
    assert isi_lembar(excel.ekspor(jenis, kosong)) == isi_lembar(data)
    assert isi_db(jenis, kosong) == isi_db(jenis, asal)


@pytest.mark.parametrize("jenis", excel.JENIS)
def test_impor_ulang_lembar_yang_sama_tidak_mengubah_apa_pun(persona, jenis):
    objek = siapkan(jenis, persona)
    sebelum = isi_db(jenis, objek)
    jumlah_audit = CatatanAudit.objects.count()

    hasil = excel.impor(
        jenis, aktor=persona.a.staf, objek=objek, berkas=BytesIO(excel.ekspor(jenis, objek))
    )

    assert (hasil.dibuat, hasil.diubah, hasil.galat) == (0, 0, [])
    assert isi_db(jenis, objek) == sebelum
    assert CatatanAudit.objects.count() == jumlah_audit  # nothing written, nothing audited


@pytest.mark.parametrize(
    ("jenis", "blok"),
    [
        # T2's code and text merged over its four rows, S2's over its three indicators.
        (
            "renstra",
            [f"A{DATA + 2}:A{DATA + 5}", f"B{DATA + 2}:B{DATA + 5}", f"D{DATA + 2}:D{DATA + 4}"],
        ),
        # The program's name and pagu merged over its two indicator rows.
        ("dpa", [f"B{DATA}:B{DATA + 1}", f"F{DATA}:F{DATA + 1}"]),
    ],
)
def test_sel_yang_digabung_dibaca_untuk_setiap_baris(persona, jenis, blok):
    asal = siapkan(jenis, persona)
    kosong = siapkan(jenis, persona, isi=False)
    buku = load_workbook(BytesIO(excel.ekspor(jenis, asal)))
    for rentang in blok:
        buku.active.merge_cells(rentang)
    keluaran = BytesIO()
    buku.save(keluaran)

    hasil = excel.impor(jenis, aktor=persona.b.staf, objek=kosong, berkas=keluaran)

    assert hasil.galat == []
    assert isi_db(jenis, kosong) == isi_db(jenis, asal)


def test_ekspor_memakai_angka_dan_format_indonesia(persona):
    dpa = siapkan("dpa", persona)
    ws = load_workbook(BytesIO(excel.ekspor("dpa", dpa)))["DPA"]

    assert ws["A1"].value == "DOKUMEN PELAKSANAAN ANGGARAN (DPA) TAHUN 2025"
    assert ws["A2"].value == "Kecamatan Alpha — Kabupaten Uji"
    assert ws["B3"].value.date() == bangun.TANGGAL_DPA
    assert ws.freeze_panes == f"A{DATA}"
    pagu = ws.cell(DATA, 6)
    assert (pagu.value, pagu.number_format) == (150_000_000, "#,##0")
    kegiatan = ws.cell(DATA + 2, 5)
    assert (kegiatan.value, kegiatan.number_format) == (97.5, "#,##0.00")
    assert ws.cell(DATA, 5).value == "WTP"  # a scale target as its value
    assert ws.cell(DATA + 1, 5).value == "85 – 95"  # a range target
    assert ws.cell(DATA + 1, 2).value is None  # second indicator: kode repeated, name empty


def test_nama_berkas(persona):
    renstra = siapkan("renstra", persona)
    pk = bangun.pk(persona.a, renstra, isi=False)
    dpa = bangun.dokumen(persona.a, renstra, "dpa", isi=False)

    assert excel.NAMA_BERKAS("renstra", renstra) == "Renstra_Kecamatan_Alpha_2021-2026.xlsx"
    assert excel.NAMA_BERKAS("iku", renstra) == "IKU_Kecamatan_Alpha_2021-2026.xlsx"
    assert excel.NAMA_BERKAS("dpa", dpa) == "DPA_Kecamatan_Alpha_2025.xlsx"
    assert excel.NAMA_BERKAS("pk", pk) == "PK_Kecamatan_Alpha_2025_Camat.xlsx"
    assert excel.NAMA_BERKAS("rencana_aksi", pk) == "Rencana_Aksi_Kecamatan_Alpha_2025_Camat.xlsx"
    with pytest.raises(ValueError):
        excel.NAMA_BERKAS("rka", dpa)


# ---------------------------------------------------------------- templates


@pytest.mark.parametrize("jenis", excel.JENIS)
def test_templat_berisi_judul_kolom_dan_petunjuk_lalu_diimpor_tanpa_perubahan(persona, jenis):
    objek = siapkan(jenis, persona)
    data = excel.templat(jenis, objek)
    buku = load_workbook(BytesIO(data))

    assert buku.sheetnames[-1] == "Petunjuk"
    petunjuk = " ".join(str(v) for row in buku["Petunjuk"].values for v in row if v)
    assert "Semua atau tidak sama sekali" in petunjuk
    for nama, baris in isi_lembar(data).items():
        assert baris[0] == tuple(isi_lembar(excel.ekspor(jenis, objek))[nama][0])
        assert len(baris) == 1  # header only

    sebelum = isi_db(jenis, objek)
    hasil = excel.impor(jenis, aktor=persona.a.staf, objek=objek, berkas=BytesIO(data))
    assert (hasil.dibuat, hasil.diubah, hasil.galat) == (0, 0, [])
    assert isi_db(jenis, objek) == sebelum


def test_petunjuk_renstra_menyebut_polaritas_skala_dan_jabatan(persona):
    renstra = siapkan("renstra", persona)
    buku = load_workbook(BytesIO(excel.templat("renstra", renstra)))
    petunjuk = " ".join(str(v) for row in buku["Petunjuk"].values for v in row if v)

    assert "Rentang target" in petunjuk and "Akhir periode" in petunjuk
    assert "Opini BPK: WTP, WDP, TW, TMP" in petunjuk
    assert "Sekretaris Camat" in petunjuk
    assert buku["Renstra"].cell(JUDUL_KOLOM, 12).value == "Target 2021"


# ---------------------------------------------------------------- bad sheets


def test_lembar_renstra_salah_ditolak_utuh_dengan_satu_galat_per_baris(persona):
    kosong = siapkan("renstra", persona, isi=False)
    data = ubah(
        excel.ekspor("renstra", siapkan("renstra", persona)),
        {
            (DATA, "Polaritas"): "Naik-turun",
            (DATA + 1, "Target 2023"): "empat",
            (DATA + 2, "Target 2024"): "BAIK",
            (DATA + 3, "Penanggung Jawab"): "Lurah",
            (DATA + 4, "Kode Indikator"): "IT1",
            (DATA + 6, "Tujuan"): None,
        },
    )

    hasil = excel.impor("renstra", aktor=persona.b.staf, objek=kosong, berkas=BytesIO(data))

    assert not hasil.berhasil and (hasil.dibuat, hasil.diubah) == (0, 0)
    assert tempat(hasil) == [
        (DATA, "Polaritas"),
        (DATA + 1, "Target 2023"),
        (DATA + 2, "Target 2024"),
        (DATA + 3, "Penanggung Jawab"),
        (DATA + 4, "Kode Indikator"),
        (DATA + 6, "Tujuan"),
    ]
    pesan = [g.pesan for g in hasil.galat]
    assert "Polaritas “Naik-turun” tidak dikenal" in pesan[0]
    assert pesan[1] == "“empat” bukan angka."
    assert pesan[2] == "“BAIK” bukan nilai skala Opini BPK (pilihan: WTP, WDP, TW, TMP)."
    assert pesan[3] == "Jabatan “Lurah” tidak ada di Kecamatan Beta."
    assert pesan[4] == f"Kode indikator IT1 sudah dipakai di baris {DATA}."
    assert pesan[5] == "Tujuan wajib diisi."
    assert isi_renstra(kosong) == {"tujuan": [], "sasaran": [], "indikator": [], "target": []}


def test_kolom_tahun_di_luar_periode_renstra_ditolak(persona):
    renstra = siapkan("renstra", persona)
    sebelum = isi_renstra(renstra)
    buku = load_workbook(BytesIO(excel.ekspor("renstra", renstra)))
    buku.active.cell(JUDUL_KOLOM, 17, "Target 2027")  # was Target 2026
    keluaran = BytesIO()
    buku.save(keluaran)

    hasil = excel.impor("renstra", aktor=persona.a.staf, objek=renstra, berkas=keluaran)

    assert tempat(hasil) == [(JUDUL_KOLOM, "Target 2027")]
    assert hasil.galat[0].pesan == "Kolom Target 2027 di luar periode Renstra 2021–2026."
    assert isi_renstra(renstra) == sebelum


def test_galat_validasi_model_dikembalikan_per_baris_dan_semua_dibatalkan(persona):
    """The model (not the reader) refuses a range whose upper bound is below the lower."""
    kosong = siapkan("renstra", persona, isi=False)
    data = ubah(
        excel.ekspor("renstra", siapkan("renstra", persona)),
        {(DATA + 3, "Target 2023"): "95 - 85"},
    )

    hasil = excel.impor("renstra", aktor=persona.b.staf, objek=kosong, berkas=BytesIO(data))

    assert tempat(hasil) == [(DATA + 3, "Target 2023")]
    assert "Batas atas rentang" in hasil.galat[0].pesan
    assert not Tujuan.objects.filter(renstra=kosong).exists()  # earlier rows rolled back
    assert not Indikator.objects.filter(renstra=kosong).exists()


def test_lembar_dpa_salah_ditolak_utuh(persona):
    kosong = siapkan("dpa", persona, isi=False)
    data = ubah(
        excel.ekspor("dpa", siapkan("dpa", persona)),
        {
            (DATA, "Pagu (Rp)"): "seratus juta",
            (DATA + 1, "Program/Kegiatan/Sub Kegiatan"): "Program ganda",
            (DATA + 2, "Jan"): 1000,
            (DATA + 3, "Kode Indikator Renstra"): "IX9",
            (DATA + 4, "Kode"): "7.01.01.2.02.0006",
        },
    )

    hasil = excel.impor("dpa", aktor=persona.b.staf, objek=kosong, berkas=BytesIO(data))

    assert tempat(hasil) == [
        (DATA, "Pagu (Rp)"),
        (DATA + 1, "Kode"),
        (DATA + 2, "Jan"),
        (DATA + 3, "Kode Indikator Renstra"),
        (DATA + 4, "Kode"),
    ]
    pesan = [g.pesan for g in hasil.galat]
    assert pesan[0] == "“seratus juta” bukan angka."
    assert pesan[1].startswith(f"Kode 7.01.01 sudah dipakai di baris {DATA}")
    assert pesan[2] == "Anggaran kas hanya diisi pada sub kegiatan."
    assert pesan[3] == "Kode indikator IX9 tidak ada di Renstra 2021–2026."
    assert pesan[4] == (
        "Sub kegiatan 7.01.01.2.02.0006: kode kegiatan 7.01.01.2.02 tidak ada di lembar "
        "maupun di dokumen."
    )
    assert isi_anggaran(kosong) == {"item": [], "indikator": [], "kas": []}


def test_anggaran_kas_harus_sama_dengan_pagu(persona):
    rka = siapkan("rka", persona)
    data = ubah(excel.ekspor("rka", rka), {(DATA + 3, "Des"): 6_000_000})

    hasil = excel.impor("rka", aktor=persona.a.staf, objek=rka, berkas=BytesIO(data))

    assert tempat(hasil) == [(DATA + 3, "Pagu (Rp)")]
    assert hasil.galat[0].pesan == (
        "Jumlah anggaran kas Rp 61.000.000 tidak sama dengan pagu Rp 60.000.000."
    )


@pytest.mark.parametrize(
    ("jenis", "lembar", "perubahan", "harapan"),
    [
        (
            "iku",
            None,
            {(DATA, "Kode Indikator"): "IX", (DATA + 1, "Berlaku Mulai"): 2030},
            [(DATA, "Kode Indikator"), (DATA + 1, "Berlaku Mulai")],
        ),
        ("iku", None, {(DATA, "Penanggung Jawab"): None}, [(DATA, "Penanggung Jawab")]),
        ("pk", "Sasaran", {(DATA, "Target"): "delapan puluh"}, [(DATA, "Target")]),
        ("pk", "Anggaran", {(DATA + 1, "Anggaran (Rp)"): "banyak"}, [(DATA + 1, "Anggaran (Rp)")]),
        (
            "rencana_aksi",
            None,
            {(DATA, "TW I"): "x", (DATA + 2, "TW IV"): "Baik", (DATA + 3, "TW II"): 45},
            [(DATA, "TW I"), (DATA + 2, "TW IV"), (DATA + 3, "TW II")],
        ),
    ],
)
def test_sel_salah_di_iku_pk_dan_rencana_aksi(persona, jenis, lembar, perubahan, harapan):
    objek = siapkan(jenis, persona)
    sebelum = isi_db(jenis, objek)
    data = ubah(excel.ekspor(jenis, objek), perubahan, lembar)

    hasil = excel.impor(jenis, aktor=persona.a.staf, objek=objek, berkas=BytesIO(data))

    assert tempat(hasil) == harapan
    assert isi_db(jenis, objek) == sebelum


def test_judul_kolom_yang_tidak_cocok_satu_galat(persona):
    renstra = siapkan("iku", persona)
    data = ubah(excel.ekspor("iku", renstra), {(JUDUL_KOLOM, "Satuan"): "Unit"})

    hasil = excel.impor("iku", aktor=persona.a.staf, objek=renstra, berkas=BytesIO(data))

    assert tempat(hasil) == [(JUDUL_KOLOM, "")]
    assert "Kode Indikator | Indikator Kinerja Utama | Satuan | Alasan" in hasil.galat[0].pesan


@pytest.mark.parametrize("isi", [b"bukan excel", b"PK\x03\x04rusak", b""])
def test_berkas_bukan_xlsx(persona, isi):
    renstra = siapkan("renstra", persona)
    berkas = SimpleUploadedFile("renstra.xls", isi)

    hasil = excel.impor("renstra", aktor=persona.a.staf, objek=renstra, berkas=berkas)

    assert [(g.baris, g.pesan) for g in hasil.galat] == [(0, "Berkas bukan Excel (.xlsx)")]


# ---------------------------------------------------------------- updates


@pytest.mark.parametrize(
    ("jenis", "lembar", "perubahan"),
    [
        ("renstra", None, {(DATA + 1, "Target 2023"): "3,75"}),
        ("dpa", None, {(DATA + 3, "Target"): 4}),
        ("iku", None, {(DATA + 1, "Sumber Data"): "Aplikasi SAKIP"}),
        ("pk", "Anggaran", {(DATA + 1, "Anggaran (Rp)"): "80.000.000"}),
        ("rencana_aksi", None, {(DATA, "Rencana Aksi TW II"): "Survei ulang"}),
    ],
)
def test_impor_ulang_memperbarui_tanpa_menggandakan(persona, jenis, lembar, perubahan):
    objek = siapkan(jenis, persona)
    sebelum = isi_db(jenis, objek)

    data = ubah(excel.ekspor(jenis, objek), perubahan, lembar)
    hasil = excel.impor(jenis, aktor=persona.a.staf, objek=objek, berkas=BytesIO(data))

    assert (hasil.dibuat, hasil.diubah, hasil.galat) == (0, 1, [])
    sesudah = isi_db(jenis, objek)
    assert sesudah != sebelum
    assert {k: len(v) for k, v in sesudah.items()} == {k: len(v) for k, v in sebelum.items()}


def test_target_renstra_berubah_setelah_impor_ulang(persona):
    renstra = siapkan("renstra", persona)
    data = ubah(excel.ekspor("renstra", renstra), {(DATA + 1, "Target 2023"): "3,75"})

    excel.impor("renstra", aktor=persona.a.staf, objek=renstra, berkas=BytesIO(data))

    assert TargetTahunan.objects.get(indikator__kode="IS1", tahun=2023).target == D("3.75")
    assert TargetTahunan.objects.filter(indikator__renstra=renstra).count() == 30
    catatan = CatatanAudit.objects.filter(keterangan="Impor Excel").get()
    assert catatan.aktor == persona.a.staf


def test_tanggal_pengesahan_dpa_dibaca_dari_blok_judul(persona):
    dpa = siapkan("dpa", persona)
    buku = load_workbook(BytesIO(excel.ekspor("dpa", dpa)))
    buku.active["B3"] = "15 Januari 2025"
    keluaran = BytesIO()
    buku.save(keluaran)

    hasil = excel.impor("dpa", aktor=persona.a.staf, objek=dpa, berkas=keluaran)

    assert (hasil.dibuat, hasil.diubah, hasil.galat) == (0, 1, [])
    assert dpa.tanggal_pengesahan.isoformat() == "2025-01-15"


# ---------------------------------------------------------------- who may import


@pytest.mark.parametrize("jenis", ["pk", "rencana_aksi"])
def test_pk_yang_ditandatangani_menolak_impor(persona, jenis):
    pk = siapkan(jenis, persona)
    data = excel.ekspor(jenis, pk)
    PerjanjianKinerja.objects.filter(pk=pk.pk).update(status="ditandatangani")
    sebelum = isi_pk(pk)

    hasil = excel.impor(jenis, aktor=persona.a.staf, objek=pk, berkas=BytesIO(data))

    assert not hasil.berhasil
    assert [(g.baris, g.pesan) for g in hasil.galat] == [
        (0, "PK ini sudah ditandatangani dan tidak dapat diubah; buat revisi PK.")
    ]
    assert isi_pk(pk) == sebelum


@pytest.mark.parametrize("siapa", ["evaluator", "evaluator_lain", "staf_beta", "admin_lain"])
def test_evaluator_dan_instansi_lain_tidak_boleh_mengimpor(persona, siapa):
    aktor = {
        "evaluator": persona.evaluator,
        "evaluator_lain": persona.evaluator_lain,
        "staf_beta": persona.b.staf,
        "admin_lain": persona.admin_lain,
    }[siapa]
    renstra = siapkan("renstra", persona)
    data = excel.ekspor("renstra", renstra)

    with pytest.raises(PermissionDenied):
        excel.impor("renstra", aktor=aktor, objek=renstra, berkas=BytesIO(data))


# ---------------------------------------------------------------- cell readers


@pytest.mark.parametrize(
    ("nilai", "harapan"),
    [
        (3, D(3)),
        (2.5, D("2.5")),
        ("1.250.000", D(1_250_000)),
        ("12,5", D("12.5")),
        ("1.234,56", D("1234.56")),
        ("1.5", D("1.5")),
        ("Rp 1.000", D(1000)),
        ("-2", D(-2)),
    ],
)
def test_angka_indonesia_dibaca(nilai, harapan):
    assert excel.ke_desimal(nilai) == harapan


@pytest.mark.parametrize("nilai", ["abc", "1,2,3", "NaN", True, ""])
def test_bukan_angka(nilai):
    with pytest.raises(ValueError):
        excel.ke_desimal(nilai)


@pytest.mark.parametrize(
    ("kode", "harapan"),
    [
        ("7.01.01", ("program", "")),
        ("7.01.01.2.01", ("kegiatan", "7.01.01")),
        ("7.01.01.2.01.0001", ("sub", "7.01.01.2.01")),
        ("7.01", None),
        ("7.01.01.2", None),
        ("7..01", None),
    ],
)
def test_tingkat_dari_kode_kepmendagri(kode, harapan):
    assert excel.tingkat_dari_kode(kode) == harapan
