"""Excel and PDF matrices from the pages: downloads, templates, an import with errors."""

import io

from openpyxl import load_workbook

from sakip.perencanaan import excel
from sakip.perencanaan.models import IndikatorPK

from .halaman_bantu import unggahan

# ---------------------------------------------------------------- Excel and PDF


def test_unduhan_excel_templat_dan_pdf_matriks(persona, rencana, masuk):
    c = masuk(persona.evaluator)  # reading is enough to download
    r, renja = rencana["renstra"], rencana["renja"]
    for url, jenis, nama in [
        (
            f"/perencanaan/matriks/renstra/{r.pk}/excel/",
            "sheet",
            "Renstra_Kecamatan_Alpha_2021-2026.xlsx",
        ),
        (
            f"/perencanaan/matriks/iku/{r.pk}/templat/",
            "sheet",
            "Templat_IKU_Kecamatan_Alpha_2021-2026.xlsx",
        ),
        (f"/perencanaan/matriks/renja/{renja.pk}/pdf/", "pdf", "Renja_Kecamatan_Alpha_2025.pdf"),
        (f"/perencanaan/matriks/rencana_aksi/{rencana['pk'].pk}/excel/", "sheet", None),
    ]:
        resp = c.get(url)
        assert resp.status_code == 200 and jenis in resp["Content-Type"], url
        assert nama is None or f'filename="{nama}"' in resp["Content-Disposition"], url
    # a DPA id under another kind, an unknown kind, or a PDF the matrix has not: 404
    for url in (
        f"/perencanaan/matriks/rka/{rencana['dpa'].pk}/excel/",
        f"/perencanaan/matriks/lain/{r.pk}/excel/",
        f"/perencanaan/matriks/dpa/{rencana['dpa'].pk}/pdf/",
    ):
        assert c.get(url).status_code == 404, url


def test_impor_excel_dengan_baris_salah_menampilkan_tabel_dan_tidak_mengubah_apa_pun(
    persona, rencana, masuk
):
    pk = rencana["pk"]
    buku = load_workbook(io.BytesIO(excel.ekspor("pk", pk)))
    buku["Sasaran"]["E6"] = "tinggi"
    buku["Sasaran"]["C7"] = "Layanan selesai tepat waktu (diubah)"
    buku["Anggaran"]["C7"] = "banyak"
    sebelum = list(IndikatorPK.objects.filter(sasaran__pk_dokumen=pk).values_list("nama", "target"))

    c = masuk(persona.a.kasubag)
    isi = c.post(
        f"/perencanaan/matriks/pk/{pk.pk}/impor/", {"berkas": unggahan(buku)}
    ).content.decode()
    assert "tidak ada data yang disimpan" in isi
    tabel = isi.split('id="tabel-galat"')[1].split("</table>")[0]
    assert "<th>Baris</th><th>Kolom</th><th>Masalah</th>" in tabel
    assert ">6</td>" in tabel and "“tinggi” bukan angka." in tabel
    assert ">7</td>" in tabel and "“banyak” bukan angka." in tabel
    sesudah = list(IndikatorPK.objects.filter(sasaran__pk_dokumen=pk).values_list("nama", "target"))
    assert sesudah == sebelum

    buku["Sasaran"]["E6"] = 83
    buku["Anggaran"]["C7"] = 80_000_000
    r = c.post(f"/perencanaan/matriks/pk/{pk.pk}/impor/", {"berkas": unggahan(buku)}, follow=True)
    assert r.redirect_chain[-1][0] == f"/perencanaan/pk/{pk.pk}/"
    # the renamed indicator is a new row; the target and the budget are changed ones
    assert "Impor selesai: 1 baris dibuat, 2 baris diubah." in r.content.decode()
    # a file that is not Excel is refused at the field
    bukan = io.BytesIO(b"bukan excel")
    bukan.name = "data.csv"
    isi = c.post(f"/perencanaan/matriks/pk/{pk.pk}/impor/", {"berkas": bukan}).content.decode()
    assert "berakhiran .xlsx" in isi
