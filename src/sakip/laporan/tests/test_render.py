"""A draft's PDF is rendered by the worker: the download queues one job per content, the
status fragment polls until the file is there, a changed report renders anew, and another
agency finds nothing."""

from decimal import Decimal as D

import pytest
from django.core.management import call_command

from sakip.antrian.models import Pekerjaan
from sakip.laporan import dokumen, render, services
from sakip.laporan.models import RenderLaporan
from sakip.pengukuran.models import Realisasi
from sakip.perencanaan.tests import bangun

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def lkjip(persona):
    a = persona.a
    renstra = bangun.renstra(a)
    bangun.iku(renstra, a)
    bangun.dokumen(a, renstra, "dpa")
    bangun.pk(a, renstra)
    Realisasi.objects.create(
        instansi=a.instansi,
        tahun=2025,
        bulan=12,
        indikator=renstra.indikator.get(kode="IT1"),
        nilai=D(80),
        status=Realisasi.Status.DISETUJUI,
    )
    return services.siapkan_laporan(aktor=a.kasubag, instansi=a.instansi, jenis="lkjip", tahun=2025)


def _pekerjaan():
    return Pekerjaan.objects.filter(jenis=render.JENIS_PEKERJAAN)


def _worker_sekali():
    call_command("worker", "--sekali", stdout=None)


def test_dua_klik_mengantrekan_satu_pekerjaan(persona, lkjip, masuk):
    c = masuk(persona.a.kasubag)
    for _ in range(2):
        r = c.get(f"/laporan/{lkjip.pk}/pdf/")
        isi = r.content.decode()
        assert r.status_code == 200 and "Sedang disusun… (antre)" in isi
    assert _pekerjaan().count() == 1
    (rd,) = RenderLaporan.objects.filter(laporan=lkjip)
    assert rd.status == "antre" and rd.isi  # the data that was fingerprinted, kept to render
    assert f'hx-get="/laporan/{lkjip.pk}/pdf/status/?sidik={rd.sidik}"' in isi
    assert 'hx-trigger="every 2s"' in isi
    # no worker has beaten: the page says why nothing moves
    assert 'id="tanpa-pekerja"' in isi


def test_pekerja_menyusun_berkas_lalu_status_menawarkan_unduhan(persona, lkjip, masuk):
    c = masuk(persona.a.kasubag)
    c.get(f"/laporan/{lkjip.pk}/pdf/")
    rd = RenderLaporan.objects.get(laporan=lkjip)
    status = f"/laporan/{lkjip.pk}/pdf/status/?sidik={rd.sidik}"

    _worker_sekali()

    rd.refresh_from_db()
    assert rd.status == "selesai" and rd.berkas and rd.isi == {} and rd.selesai_pada
    isi = c.get(status, **HTMX).content.decode()
    assert "PDF selesai disusun." in isi and "<html" not in isi  # the fragment only
    assert "every 2s" not in isi  # polling stops
    berkas = f"/laporan/{lkjip.pk}/pdf/berkas/?sidik={rd.sidik}"
    assert f'href="{berkas}"' in isi
    r = c.get(berkas)
    assert r["Content-Type"] == "application/pdf"
    assert 'filename="LKjIP_Tahun_2025_Kecamatan_Alpha.pdf"' in r["Content-Disposition"]
    pdf = b"".join(r.streaming_content)
    assert pdf.startswith(b"%PDF")
    # The download link itself now serves the kept file: no second job, no second file.
    r = c.get(f"/laporan/{lkjip.pk}/pdf/")
    assert b"".join(r.streaming_content) == pdf
    assert _pekerjaan().count() == 1 and RenderLaporan.objects.count() == 1


def test_laporan_berubah_dirender_ulang_dan_berkas_lama_dibuang(persona, lkjip, masuk):
    c = masuk(persona.a.kasubag)
    c.get(f"/laporan/{lkjip.pk}/pdf/")
    _worker_sekali()
    lama = RenderLaporan.objects.get(laporan=lkjip)
    nama_lama = lama.berkas.name

    services.simpan_narasi(aktor=persona.a.kasubag, laporan=lkjip, kunci="penutup", teks="Baru.")
    r = c.get(f"/laporan/{lkjip.pk}/pdf/")
    assert "Sedang disusun" in r.content.decode()
    assert _pekerjaan().count() == 2
    baru = RenderLaporan.objects.exclude(pk=lama.pk).get(laporan=lkjip)
    assert baru.sidik != lama.sidik
    # the old link no longer serves stale content once the new file is there
    _worker_sekali()
    assert list(RenderLaporan.objects.filter(laporan=lkjip)) == [baru]
    assert not lama.berkas.storage.exists(nama_lama)
    r = c.get(f"/laporan/{lkjip.pk}/pdf/berkas/?sidik={lama.sidik}")
    assert r.status_code == 302 and r["Location"] == f"/laporan/{lkjip.pk}/pdf/"
    isi = c.get(f"/laporan/{lkjip.pk}/pdf/status/?sidik={lama.sidik}", **HTMX).content.decode()
    assert "Isi draf sudah berubah" in isi


def test_sidik_sama_untuk_isi_sama(lkjip):
    from sakip.laporan.data import data_laporan

    isi = render._json(data_laporan(lkjip))
    assert render.sidik_isi(lkjip, isi) == render.sidik_isi(
        lkjip, render._json(data_laporan(lkjip))
    )
    assert render.minta_pdf(lkjip).pk == render.minta_pdf(lkjip).pk


def test_gagal_lalu_diminta_lagi_mengantrekan_percobaan_baru(persona, lkjip, masuk, monkeypatch):
    def rusak(*args, **kwargs):
        raise RuntimeError("WeasyPrint jatuh")

    monkeypatch.setattr(dokumen, "laporan_pdf", rusak)
    c = masuk(persona.a.kasubag)
    c.get(f"/laporan/{lkjip.pk}/pdf/")
    _worker_sekali()
    rd = RenderLaporan.objects.get(laporan=lkjip)
    assert rd.status == "gagal" and "WeasyPrint jatuh" in rd.galat
    isi = c.get(f"/laporan/{lkjip.pk}/pdf/status/?sidik={rd.sidik}", **HTMX).content.decode()
    assert "PDF gagal disusun" in isi and "every 2s" not in isi

    monkeypatch.undo()
    for _ in range(2):  # "Coba lagi", clicked twice
        c.get(f"/laporan/{lkjip.pk}/pdf/")
    assert _pekerjaan().count() == 2
    assert _pekerjaan().filter(kunci__endswith=":1").exists()
    _worker_sekali()
    rd.refresh_from_db()
    assert rd.status == "selesai" and rd.ulang == 1


def test_ditandatangani_tidak_memakai_render_draf(persona, lkjip, masuk):
    c = masuk(persona.a.kasubag)
    c.get(f"/laporan/{lkjip.pk}/pdf/")
    rd = RenderLaporan.objects.get(laporan=lkjip)
    services.tandatangani_laporan(aktor=persona.a.camat, laporan=lkjip)
    _worker_sekali()  # the queued draft rendering is dropped, not rendered
    assert not RenderLaporan.objects.filter(pk=rd.pk).exists()
    isi = c.get(f"/laporan/{lkjip.pk}/pdf/status/?sidik={rd.sidik}", **HTMX).content.decode()
    assert "sudah ditandatangani" in isi
    r = c.get(f"/laporan/{lkjip.pk}/pdf/")
    assert r["Content-Type"] == "application/pdf"


def test_instansi_lain_mendapat_404_di_status_dan_berkas(persona, lkjip, masuk):
    masuk(persona.a.kasubag).get(f"/laporan/{lkjip.pk}/pdf/")
    _worker_sekali()
    rd = RenderLaporan.objects.get(laporan=lkjip)
    for orang in (persona.b.kasubag, persona.b.camat, persona.evaluator_lain):
        c = masuk(orang)
        for url in (
            f"/laporan/{lkjip.pk}/pdf/",
            f"/laporan/{lkjip.pk}/pdf/status/?sidik={rd.sidik}",
            f"/laporan/{lkjip.pk}/pdf/berkas/?sidik={rd.sidik}",
        ):
            assert c.get(url).status_code == 404, (orang, url)
            assert c.get(url, **HTMX).status_code == 404, (orang, url)
    assert _pekerjaan().count() == 1 and RenderLaporan.objects.count() == 1
