"""The Excel import in bulk (issue 15): checked whole before anything is written, written
with bulk statements, and audited by ONE record per import that lists every row."""

import io
from decimal import Decimal as D

from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from sakip.audit.models import CatatanAudit
from sakip.pengukuran import excel
from sakip.pengukuran.forms import daftar_acuan
from sakip.pengukuran.models import Realisasi
from sakip.perencanaan.models import Indikator, Tujuan
from sakip.perencanaan.tests import bangun


def _agensi_besar(a, jumlah: int):
    """`jumlah` more indicators on the agency's Renstra (bulk: what is tested is the import)."""
    r = bangun.renstra(a, isi=False)
    t = Tujuan.objects.create(renstra=r, urutan=0, kode="T1", uraian="Tujuan")
    Indikator.objects.bulk_create(
        Indikator(renstra=r, tujuan=t, urutan=n, kode=f"M{n:04d}", nama=f"Ind {n}", satuan="%")
        for n in range(jumlah)
    )


def _lembar(a, ubah: dict[int, object] | None = None, geser: int = 0) -> bytes:
    """The month's template (the page's own), every Realisasi filled; `ubah` sets a row."""
    daftar = daftar_acuan(a.instansi, 2025)
    buku = load_workbook(io.BytesIO(excel.templat_realisasi(a.instansi, 2025, 3, daftar)))
    ws = buku["Realisasi"]
    for r in range(7, ws.max_row + 1):
        ws.cell(r, 5, (ubah or {}).get(r, r + geser))
    keluar = io.BytesIO()
    buku.save(keluar)
    return keluar.getvalue()


def _impor(a, berkas):
    return excel.impor_realisasi(
        aktor=a.kasubag, instansi=a.instansi, tahun=2025, bulan=3, berkas=berkas
    )


def _audit_impor(a):
    return CatatanAudit.objects.filter(instansi_id=a.instansi.pk, aksi="lain")


def test_satu_baris_salah_di_antara_500_tidak_menyimpan_apa_pun(persona):
    a = persona.a
    _agensi_besar(a, 500)
    hasil = _impor(a, _lembar(a, {300: "tiga hari"}))
    assert [(g.baris, g.kolom) for g in hasil.galat] == [(300, "Realisasi")]
    assert "“tiga hari” bukan angka" in hasil.galat[0].pesan
    assert not Realisasi.objects.exists() and not _audit_impor(a).exists()


def test_impor_n_baris_satu_catatan_audit_berisi_n_perubahan(persona):
    a = persona.a
    _agensi_besar(a, 120)
    hasil = _impor(a, _lembar(a))
    assert (hasil.dibuat, hasil.diubah, hasil.galat) == (120, 0, [])
    assert Realisasi.objects.filter(bulan=3).count() == 120
    (catatan,) = _audit_impor(a)
    baris = {k: v for k, v in catatan.perubahan.items() if "(baris " in k}
    assert len(baris) == 120
    assert baris["M0000 (baris 7)"] == [None, "7.0000 · draf"]
    assert catatan.perubahan["Periode"] == [None, "2025-03"]
    assert catatan.perubahan["Dibuat"] == [None, 120]
    assert not CatatanAudit.objects.filter(content_type__model="realisasi").exists()

    # again with every value changed: one more record, the changed rows with before/after
    hasil = _impor(a, _lembar(a, {8: 99}))
    assert (hasil.dibuat, hasil.diubah) == (0, 1)
    terbaru = _audit_impor(a).first()
    assert terbaru.perubahan["M0001 (baris 8)"] == ["8.0000", "99.0000"]
    assert Realisasi.objects.get(indikator__kode="M0001").nilai == D(99)
    assert _audit_impor(a).count() == 2
    # the same sheet a third time: nothing changes, nothing is written or audited
    assert _impor(a, _lembar(a, {8: 99})).diubah == 0 and _audit_impor(a).count() == 2

    from sakip.audit import rantai

    for c in CatatanAudit.objects.filter(instansi_id=a.instansi.pk):  # the chain holds
        assert c.hash == rantai.hitung_hash(c, rantai.label_konten(c.content_type))


def _kueri(a, berkas) -> tuple[int, int]:
    """(statements other than the realisasi writes, realisasi INSERT/UPDATE statements)."""
    with CaptureQueriesContext(connection) as q:
        hasil = _impor(a, berkas)
    assert hasil.berhasil, hasil.galat
    tulis = [
        s["sql"]
        for s in q.captured_queries
        # an executemany is logged as "<n> times: UPDATE …": still one statement sent
        if 'INSERT INTO "pengukuran_realisasi"' in s["sql"]
        or 'UPDATE "pengukuran_realisasi"' in s["sql"]
    ]
    return len(q.captured_queries) - len(tulis), len(tulis)


def test_jumlah_kueri_impor_tidak_bergantung_baris(persona):
    kecil, besar = persona.a, persona.b  # 50 rows and 500 rows
    _agensi_besar(kecil, 50)
    _agensi_besar(besar, 500)
    for geser in (0, 1):  # every row new, then every row changed
        q50, t50 = _kueri(kecil, _lembar(kecil, geser=geser))
        q500, t500 = _kueri(besar, _lembar(besar, geser=geser))
        # The reads, the locks and the one audit record: the same for 50 and 500 rows.
        assert q50 == q500 <= 40
        # The writes: one statement per batch (SQLite takes ~70 rows a statement, its 999
        # parameters; PostgreSQL 500), never one per row.
        assert t50 == 1 and t500 <= 10
