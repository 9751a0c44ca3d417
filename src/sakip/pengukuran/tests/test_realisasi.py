"""Entering a month's realisasi: the responsible holder types and submits, the Kasubag
approves or returns it with a note, a closed month stays locked until reopened with a
reason, evidence files are checked, and the budget realisation is the Kasubag's."""

from decimal import Decimal as D

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sakip import testing
from sakip.audit.models import CatatanAudit
from sakip.pengukuran import services
from sakip.pengukuran.models import (
    BuktiRealisasi,
    PenutupanBulan,
    Realisasi,
    RealisasiAnggaran,
)
from sakip.perencanaan.models import Indikator, IndikatorPK, ItemAnggaran, TargetTahunan
from sakip.perencanaan.tests import bangun
from sakip.testing import pdf_uji

HTMX = {"HTTP_HX_REQUEST": "true"}
PDF = pdf_uji("bukti kegiatan")


@pytest.fixture
def renstra(persona):
    """Agency A's Renstra 2021–2026; the Staf is responsible for IS4 (pengaduan tertangani)."""
    r = bangun.renstra(persona.a)
    Indikator.objects.filter(renstra=r, kode="IS4").update(penanggung_jawab=persona.a.j_staf)
    return r


def _ind(renstra, kode: str) -> Indikator:
    return renstra.indikator.get(kode=kode)


def url_grid(a, bulan=3, tahun=2025) -> str:
    return f"/pengukuran/instansi/{a.instansi.pk}/realisasi/?tahun={tahun}&bulan={bulan}"


def url_baris(a, kunci: str, bulan=3, tahun=2025) -> str:
    url = reverse("pengukuran:baris", args=[a.instansi.pk])
    return f"{url}?acuan={kunci}&tahun={tahun}&bulan={bulan}"


def isi(client, a, indikator, nilai, *, aksi="draf", bulan=3, htmx=True, **lain):
    kunci = f"i{indikator.pk}" if isinstance(indikator, Indikator) else f"p{indikator.pk}"
    data = {"nilai": nilai, "catatan": lain.pop("catatan", ""), "aksi": aksi, **lain}
    return client.post(url_baris(a, kunci, bulan), data, **(HTMX if htmx else {}))


def test_penanggung_jawab_mengisi_draf_lalu_mengajukan(persona, renstra, client):
    a = persona.a
    client.force_login(a.staf)
    halaman = client.get(url_grid(a)).content.decode()
    assert "Jumlah pengaduan tertangani" in halaman  # IS4: hers
    assert "Indeks kepuasan masyarakat" not in halaman  # IT1: the Camat's
    assert "Realisasi kinerja Maret 2025" in halaman

    r = isi(client, a, _ind(renstra, "IS4"), "3", catatan="Tiga pengaduan selesai")
    assert r.status_code == 200
    baris = r.content.decode()
    assert baris.lstrip().startswith("<tr") and "Tersimpan sebagai draf." in baris
    tersimpan = Realisasi.objects.get(indikator__kode="IS4", tahun=2025, bulan=3)
    assert tersimpan.status == "draf" and tersimpan.nilai == D(3)
    assert tersimpan.diisi_oleh == a.staf and tersimpan.catatan == "Tiga pengaduan selesai"

    r = isi(client, a, _ind(renstra, "IS4"), "4,5", aksi="ajukan")
    assert "Diajukan ke Kasubag." in r.content.decode()
    tersimpan.refresh_from_db()
    assert tersimpan.status == "diajukan" and tersimpan.nilai == D("4.5")
    jenis = ContentType.objects.get_for_model(Realisasi)
    assert CatatanAudit.objects.filter(content_type=jenis, object_id=str(tersimpan.pk)).count() == 2


def test_mengajukan_tanpa_nilai_dan_bukan_angka_ditolak_di_barisnya(persona, renstra, client):
    client.force_login(persona.a.staf)
    r = isi(client, persona.a, _ind(renstra, "IS4"), "", aksi="ajukan").content.decode()
    assert "Isi realisasi sebelum mengajukan." in r
    r = isi(client, persona.a, _ind(renstra, "IS4"), "tiga").content.decode()
    assert "“tiga” bukan angka" in r
    assert not Realisasi.objects.exists()


def test_tanpa_javascript_kembali_ke_grid_dengan_pesan(persona, renstra, client):
    client.force_login(persona.a.staf)
    r = isi(client, persona.a, _ind(renstra, "IS4"), "7", htmx=False)
    assert r.status_code == 302 and r["Location"].endswith(f"#baris-i{_ind(renstra, 'IS4').pk}")
    assert "IS4: Tersimpan sebagai draf." in client.get(r["Location"]).content.decode()


def test_pegawai_lain_di_instansi_ditolak(persona, renstra, client):
    """The Staf holds IS4, not the Camat's IT1; a new clerk holds nothing."""
    a = persona.a
    client.force_login(a.staf)
    assert isi(client, a, _ind(renstra, "IT1"), "80").status_code == 403
    juru = testing.buat_pegawai("juru.a", instansi=a.instansi)
    client.force_login(juru)
    halaman = client.get(url_grid(a)).content.decode()
    assert "Anda bukan penanggung jawab indikator mana pun" in halaman
    assert isi(client, a, _ind(renstra, "IS4"), "3").status_code == 403
    client.force_login(persona.evaluator)  # reads the Pemda, writes nothing
    assert isi(client, a, _ind(renstra, "IS4"), "3").status_code == 403
    assert not Realisasi.objects.exists()


def test_instansi_lain_mendapat_404(persona, renstra, client):
    a = persona.a
    r = services.simpan_realisasi(
        aktor=a.camat,
        realisasi=Realisasi(
            instansi=a.instansi, tahun=2025, bulan=3, indikator=_ind(renstra, "IT1"), nilai=D(80)
        ),
        ajukan=True,
    )
    bukti = services.tambah_bukti(
        aktor=a.camat, realisasi=r, berkas=SimpleUploadedFile("foto.pdf", PDF)
    )
    client.force_login(persona.b.camat)
    assert client.get(url_grid(a)).status_code == 404
    assert isi(client, a, _ind(renstra, "IT1"), "90").status_code == 404
    assert (
        client.post(f"/pengukuran/realisasi/{r.pk}/periksa/", {"keputusan": "setuju"}).status_code
        == 404
    )
    assert client.get(f"/pengukuran/bukti/{bukti.pk}/").status_code == 404
    assert (
        client.post(
            f"/pengukuran/instansi/{a.instansi.pk}/bulan/",
            {"tahun": 2025, "bulan": 3, "aksi": "tutup"},
        ).status_code
        == 404
    )
    r.refresh_from_db()
    assert r.nilai == D(80) and r.status == "diajukan"
    assert not PenutupanBulan.objects.exists()


def test_kasubag_mengembalikan_dengan_catatan_lalu_menyetujui(persona, renstra, client):
    """Staf submits; Kasubag returns it (a note is required), Staf fixes it, Kasubag approves;
    afterwards only the Kasubag may change it."""
    a = persona.a
    is4 = _ind(renstra, "IS4")
    client.force_login(a.staf)
    isi(client, a, is4, "3", aksi="ajukan")
    r = Realisasi.objects.get()

    client.force_login(a.kasubag)
    halaman = client.get(url_grid(a)).content.decode()
    assert "Menunggu pemeriksaan (1)" in halaman and f'id="periksa-{r.pk}"' in halaman
    url = f"/pengukuran/realisasi/{r.pk}/periksa/"
    tanpa_catatan = client.post(url, {"keputusan": "kembalikan", "catatan": " "}, **HTMX)
    assert "Tulis catatan: apa yang harus diperbaiki?" in tanpa_catatan.content.decode()
    r.refresh_from_db()
    assert r.status == "diajukan"
    kembali = client.post(url, {"keputusan": "kembalikan", "catatan": "Lampirkan rekap"}, **HTMX)
    assert "Dikembalikan" in kembali.content.decode()
    r.refresh_from_db()
    assert r.status == "dikembalikan" and r.diperiksa_oleh == a.kasubag

    client.force_login(a.staf)
    halaman = client.get(url_grid(a)).content.decode()
    assert "Kasubag: Lampirkan rekap" in halaman
    isi(client, a, is4, "3", aksi="ajukan", bukti_tautan="https://drive.example.id/rekap")
    assert BuktiRealisasi.objects.get().tautan == "https://drive.example.id/rekap"

    client.force_login(a.kasubag)
    setuju = client.post(url, {"keputusan": "setuju"})
    assert setuju.status_code == 302
    r.refresh_from_db()
    assert r.status == "disetujui"
    assert client.post(url, {"keputusan": "setuju"}).status_code == 302  # not pending: refused
    assert "tidak sedang diajukan" in client.get(url_grid(a)).content.decode()

    client.force_login(a.staf)
    halaman = client.get(url_grid(a)).content.decode()
    assert "Sudah disetujui Kasubag." in halaman
    lagi = isi(client, a, is4, "9").content.decode()
    assert "hanya diubah pemeriksa" in lagi
    r.refresh_from_db()
    assert r.nilai == D(3) and r.status == "disetujui"


def test_staf_tidak_dapat_memeriksa(persona, renstra, client):
    a = persona.a
    client.force_login(a.staf)
    isi(client, a, _ind(renstra, "IS4"), "3", aksi="ajukan")
    r = Realisasi.objects.get()
    assert (
        client.post(f"/pengukuran/realisasi/{r.pk}/periksa/", {"keputusan": "setuju"}).status_code
        == 403
    )
    assert "Menunggu pemeriksaan" not in client.get(url_grid(a)).content.decode()


def test_bulan_ditutup_terkunci_dan_dibuka_dengan_alasan_teraudit(persona, renstra, client):
    a = persona.a
    is4 = _ind(renstra, "IS4")
    client.force_login(a.staf)
    isi(client, a, is4, "3")
    url_bulan = f"/pengukuran/instansi/{a.instansi.pk}/bulan/"
    assert client.post(url_bulan, {"tahun": 2025, "bulan": 3, "aksi": "tutup"}).status_code == 403

    client.force_login(a.kasubag)
    r = client.post(url_bulan, {"tahun": 2025, "bulan": 3, "aksi": "tutup"})
    assert r.status_code == 302
    halaman = client.get(r["Location"]).content.decode()
    assert "sudah ditutup oleh Kasubag Alpha" in halaman and "Terkunci" in halaman
    assert 'name="nilai"' not in halaman  # read-only rows
    assert 'bulan=3" aria-current="page" title="Ditutup">Mar <svg class="ikon-kunci"' in halaman

    client.force_login(a.staf)
    terkunci = isi(client, a, is4, "5").content.decode()
    assert "sudah ditutup" in terkunci
    assert Realisasi.objects.get().nilai == D(3)

    client.force_login(a.kasubag)
    tanpa_alasan = client.post(url_bulan, {"tahun": 2025, "bulan": 3, "aksi": "buka", "alasan": ""})
    assert "Tulis alasan membuka kembali" in client.get(tanpa_alasan["Location"]).content.decode()
    assert services.bulan_tertutup(a.instansi.pk, 2025, 3)
    alasan = "Koreksi data pengaduan dari kelurahan"
    client.post(url_bulan, {"tahun": 2025, "bulan": 3, "aksi": "buka", "alasan": alasan})
    assert not services.bulan_tertutup(a.instansi.pk, 2025, 3)
    p = PenutupanBulan.objects.get()
    jejak = CatatanAudit.objects.filter(
        content_type=ContentType.objects.get_for_model(PenutupanBulan), object_id=str(p.pk)
    ).first()
    assert jejak.aktor == a.kasubag and alasan in jejak.keterangan
    halaman = client.get(url_grid(a)).content.decode()
    assert f"Dibuka kembali oleh {a.kasubag.nama_lengkap}" in halaman and alasan in halaman

    client.force_login(a.staf)
    isi(client, a, is4, "5")
    assert Realisasi.objects.get().nilai == D(5)


@pytest.mark.parametrize(
    ("nama", "isi_berkas", "pesan"),
    [
        ("program.exe", b"MZ\x90\x00", "hanya PDF, DOCX, XLSX, PNG atau JPG"),
        ("palsu.pdf", b"bukan pdf sama sekali", "bukan PDF yang sah"),
    ],
)
def test_jenis_berkas_bukti_diperiksa(persona, renstra, client, nama, isi_berkas, pesan):
    client.force_login(persona.a.staf)
    berkas = SimpleUploadedFile(nama, isi_berkas)
    r = isi(client, persona.a, _ind(renstra, "IS4"), "3", aksi="ajukan", bukti_berkas=berkas)
    assert pesan in r.content.decode()
    # the value was not saved either: a submission never loses its proof silently
    assert not Realisasi.objects.exists() and not BuktiRealisasi.objects.exists()


def test_bukti_berkas_tersimpan_dan_diunduh(persona, renstra, client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(persona.a.staf)
    berkas = SimpleUploadedFile("rekap-pengaduan.pdf", PDF, "application/pdf")
    r = isi(
        client, persona.a, _ind(renstra, "IS4"), "3", bukti_berkas=berkas, bukti_keterangan="Rekap"
    )
    bukti = BuktiRealisasi.objects.get()
    assert f"/pengukuran/bukti/{bukti.pk}/" in r.content.decode() and "Rekap" in r.content.decode()
    unduh = client.get(f"/pengukuran/bukti/{bukti.pk}/")
    assert unduh.status_code == 200 and b"".join(unduh.streaming_content) == PDF


def test_indikator_skala_dan_indikator_pk_sendiri(persona, renstra, client):
    """The Kasubag fills every indicator: a scale value from its list; the Camat fills the
    own indicator of his PK."""
    a = persona.a
    pk = bangun.pk(a, renstra)
    client.force_login(a.kasubag)
    halaman = client.get(url_grid(a)).content.decode()
    for kode in ("IT1", "IS1", "IS2", "IS3", "IS4", "Layanan selesai tepat waktu"):
        assert kode in halaman
    assert '<option value="WDP">WDP</option>' in halaman
    r = isi(client, a, _ind(renstra, "IS2"), "XYZ").content.decode()
    assert "Pilih pilihan yang valid" in r or "bukan salah satu" in r or "valid" in r
    isi(client, a, _ind(renstra, "IS2"), "WTP")
    assert Realisasi.objects.get(indikator__kode="IS2").nilai_skala == "WTP"

    sendiri = IndikatorPK.objects.get(sasaran__pk_dokumen=pk, indikator_renstra__isnull=True)
    client.force_login(a.camat)
    r = isi(client, a, sendiri, "93,5", aksi="ajukan")
    assert r.status_code == 200
    assert Realisasi.objects.get(indikator_pk=sendiri).nilai == D("93.5")


def test_anggaran_bulan_diisi_kasubag(persona, renstra, client):
    a = persona.a
    dpa = bangun.dokumen(a, renstra, "dpa")
    sub1, sub2 = ItemAnggaran.objects.filter(dokumen=dpa, level="sub").order_by("kode")
    url = f"/pengukuran/instansi/{a.instansi.pk}/anggaran/?tahun=2025&bulan=3"
    client.force_login(a.kasubag)
    halaman = client.get(url).content.decode()
    assert "Penyusunan Dokumen Perencanaan" in halaman and "Rp 5.000.000" in halaman  # kas
    r = client.post(url, {f"item_{sub1.pk}": "Rp 4.500.000", f"item_{sub2.pk}": ""})
    assert r.status_code == 302
    assert RealisasiAnggaran.objects.get(item=sub1, bulan=3).jumlah == D(4_500_000)
    assert not RealisasiAnggaran.objects.filter(item=sub2).exists()
    halaman = client.get(url).content.decode()
    assert "4.500.000 / 60.000.000 × 100 = 7,50%" in halaman

    client.force_login(a.staf)
    assert 'name="item_' not in client.get(url).content.decode()
    assert client.post(url, {f"item_{sub1.pk}": "1"}).status_code == 403
    assert RealisasiAnggaran.objects.get(item=sub1, bulan=3).jumlah == D(4_500_000)


def test_jumlah_query_grid_tidak_tumbuh_dengan_indikator(
    persona, renstra, client, django_assert_max_num_queries
):
    a = persona.a

    def indikator_terisi(n):
        ind = Indikator.objects.create(
            renstra=renstra, sasaran=sasaran, kode=f"X{n}", nama=f"Indikator {n}", satuan="%",
            penanggung_jawab=a.j_staf, urutan=10 + n,
        )  # fmt: skip
        TargetTahunan.objects.create(indikator=ind, tahun=2025, target=D(50))
        r = Realisasi.objects.create(
            instansi=a.instansi, tahun=2025, bulan=3, indikator=ind, nilai=D(n), status="diajukan"
        )
        BuktiRealisasi.objects.create(realisasi=r, tautan=f"https://contoh.id/{n}")

    sasaran = renstra.sasaran.first()
    indikator_terisi(0)
    client.force_login(a.kasubag)
    with django_assert_max_num_queries(40) as sedikit:
        client.get(url_grid(a))
    for n in range(1, 21):
        indikator_terisi(n)
    with django_assert_max_num_queries(len(sedikit.captured_queries)):
        halaman = client.get(url_grid(a)).content.decode()
    assert halaman.count('data-kode="X') == 21 and "Menunggu pemeriksaan (21)" in halaman
