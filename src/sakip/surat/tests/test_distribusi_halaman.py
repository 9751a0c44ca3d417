"""The distribution pages: the kirim form without JavaScript, the bukti pengiriman (page and
PDF), who sees what (agency B nothing; a recipient elsewhere only its receipt page), and
query counts that do not grow with the recipients."""

import io
import re

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory
from pypdf import PdfReader

from sakip.surat import distribusi
from sakip.surat.models import Pengiriman, Surat

from .contoh_akses_kirim import bagian_organisasi, kode, surat_bertanda_tangan

BATAS_QUERY_PENGIRIMAN = 14


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def org(persona):
    return bagian_organisasi(persona.pemda)


def _kosong(prefix: str, n: int = 5) -> dict:
    data = {f"{prefix}-TOTAL_FORMS": str(n), f"{prefix}-INITIAL_FORMS": "0"}
    for i in range(n):
        data[f"{prefix}-{i}-cara"] = "aplikasi" if prefix == "int" else "email"
    return data


def test_form_kirim_lima_baris_tanpa_js_dan_jabatan_per_instansi(persona, org, masuk):
    a = persona.a
    surat = surat_bertanda_tangan(a)
    c = masuk(a.staf)
    isi = c.get(f"/surat/{surat.pk}/kirim/").content.decode()
    assert len(re.findall(r'name="int-\d+-jabatan"', isi)) == 5
    assert len(re.findall(r'name="eks-\d+-nama"', isi)) == 5
    # The select groups the Pemda's positions by agency, the letter's own agency first.
    grup = re.findall(r'<optgroup label="([^"]+)"', isi)
    assert grup[0] == "Kecamatan Alpha"
    assert {"Bagian Organisasi", "Kecamatan Beta"} <= set(grup)
    assert "Kepala Bagian Organisasi — Kabag Organisasi" in isi

    data = {**_kosong("int"), **_kosong("eks")}
    data.update(
        {
            "int-0-jabatan": str(org[1].pk),
            "int-1-jabatan": str(a.j_camat.pk),
            "int-1-cara": "kertas",
            "eks-0-nama": "Inspektorat Daerah",
            "eks-0-email": "irda@contoh.go.id",
            "eks-2-nama": "BPKAD",
            "eks-2-email": "bpkad@contoh.go.id",
            "eks-4-nama": "Kantor Pos",
            "eks-4-alamat": "Jl. Pos 1",
            "eks-4-cara": "kertas",
        }
    )
    # "Tambah baris" redraws the form with three more rows, keeping what was typed.
    lagi = c.post(f"/surat/{surat.pk}/kirim/", {**data, "tambah_baris": "1"}).content.decode()
    assert len(re.findall(r'name="eks-\d+-nama"', lagi)) == 8
    assert 'value="Inspektorat Daerah"' in lagi and not Pengiriman.objects.exists()

    r = c.post(f"/surat/{surat.pk}/kirim/", data)
    p = Pengiriman.objects.get()
    assert r.status_code == 302 and r["Location"] == f"/surat/pengiriman/{p.pk}/"
    assert sorted(p.penerima.values_list("cara", flat=True)) == [
        "aplikasi",
        "email",
        "email",
        "kertas",
        "kertas",
    ]


def test_form_kirim_menolak_dengan_pesan_dan_surat_belum_ttd(persona, masuk):
    a = persona.a
    surat = surat_bertanda_tangan(a)
    c = masuk(a.staf)
    data = {**_kosong("int"), **_kosong("eks"), "eks-0-nama": "Tanpa surel"}
    isi = c.post(f"/surat/{surat.pk}/kirim/", data).content.decode()
    assert "Penerima 1: pengiriman surel memerlukan alamat surel." in isi
    isi = c.post(f"/surat/{surat.pk}/kirim/", {**_kosong("int"), **_kosong("eks")}).content.decode()
    assert "Pilih sedikitnya satu penerima." in isi
    assert not Pengiriman.objects.exists()

    draf = Surat.objects.create(
        instansi=a.instansi, arah="keluar", status=Surat.Status.BERNOMOR, perihal="Draf"
    )
    isi = c.get(f"/surat/{draf.pk}/kirim/").content.decode()
    assert "belum ditandatangani" in isi and 'name="int-0-jabatan"' not in isi
    data = {**_kosong("int"), **_kosong("eks"), "int-0-jabatan": str(a.j_camat.pk)}
    c.post(f"/surat/{draf.pk}/kirim/", data)
    assert not Pengiriman.objects.exists()


def _pengiriman(a, org, n: int = 1, nomor: str = "000.7.2.7/015/KEC-A/2026") -> Pengiriman:
    surat = surat_bertanda_tangan(a, nomor=nomor)
    penerima = [{"jabatan": org[1], "cara": "aplikasi"}]
    penerima += [
        {"nama": f"Kantor {i}", "email": f"k{i}@contoh.go.id", "cara": "email"} for i in range(n)
    ]
    penerima += [
        {"nama": f"Desa {i}", "alamat": f"Jl. Desa {i}", "cara": "kertas"} for i in range(n)
    ]
    return distribusi.mulai_pengiriman(aktor=a.staf, surat=surat, penerima=penerima)


def test_bukti_pengiriman_halaman_dan_pdf(persona, org, masuk):
    a = persona.a
    p = _pengiriman(a, org)
    kabag = p.penerima.get(jabatan=org[1])
    distribusi.tandai_dibaca(aktor=org[2], penerima=kabag)
    c = masuk(a.kasubag)
    isi = c.get(f"/surat/pengiriman/{p.pk}/").content.decode()
    assert "1 dari 3 tanda terima" in isi
    assert isi.count("Belum diterima") == 2 and "Menunggu konfirmasi tautan surel" in isi
    kertas = p.penerima.get(cara="kertas")
    assert f'action="/surat/penerima/{kertas.pk}/tanda-terima/"' in isi  # upload on paper rows
    assert f'action="/surat/pengiriman/{p.pk}/tutup/"' in isi

    r = c.get(f"/surat/pengiriman/{p.pk}/pdf/")
    assert r["Content-Type"] == "application/pdf"
    teks = " ".join(pg.extract_text() for pg in PdfReader(io.BytesIO(r.content)).pages)
    teks = " ".join(teks.split())
    for harus in (
        "KECAMATAN ALPHA",
        "BUKTI PENGIRIMAN SURAT",
        "000.7.2.7/015/KEC-A/2026",
        "Kepala Bagian Organisasi",
        "Kantor 0",
        "Desa 0",
        "Dibaca dalam aplikasi",
        "Kabag Organisasi",
        "Belum diterima",
        "Menunggu tanda terima",
    ):
        assert harus in teks, harus


def test_evaluator_membaca_bukti_tanpa_tombol(persona, org, masuk):
    p = _pengiriman(persona.a, org)
    c = masuk(persona.evaluator)
    isi = c.get(f"/surat/pengiriman/{p.pk}/").content.decode()
    assert "Kepala Bagian Organisasi" in isi
    assert "/tutup/" not in isi and "/tanda-terima/" not in isi
    assert c.get(f"/surat/{p.surat_id}/kirim/").status_code == 404
    c.post(f"/surat/pengiriman/{p.pk}/tutup/", {"alasan": "Coba"})
    p.refresh_from_db()
    assert p.status == Pengiriman.Status.BERJALAN


def test_jumlah_query_halaman_pengiriman_tetap(persona, org, masuk, django_assert_max_num_queries):
    a = persona.a
    c = masuk(a.staf)
    for n in (1, 3):
        p = _pengiriman(a, org, n, nomor=f"000.7.2.7/0{n}9/KEC-A/2026")
        distribusi.tandai_dibaca(aktor=org[2], penerima=p.penerima.get(jabatan=org[1]))
        with django_assert_max_num_queries(BATAS_QUERY_PENGIRIMAN):
            isi = c.get(f"/surat/pengiriman/{p.pk}/").content.decode()
        assert isi.count('id="penerima-') == 1 + 2 * n


def _rute(p: Pengiriman) -> list[tuple[str, str]]:
    kertas = p.penerima.get(cara="kertas")
    dibaca = p.penerima.get(cara="aplikasi")
    s = p.surat_id
    return [
        ("get", f"/surat/{s}/kirim/"),
        ("get", f"/surat/pengiriman/{p.pk}/"),
        ("get", f"/surat/pengiriman/{p.pk}/pdf/"),
        ("post", f"/surat/pengiriman/{p.pk}/tutup/"),
        ("post", f"/surat/penerima/{kertas.pk}/tanda-terima/"),
        ("get", f"/surat/penerima/{kertas.pk}/tanda-terima/"),
        ("get", f"/surat/terima/{dibaca.pk}/"),
        ("get", f"/surat/terima/{dibaca.pk}/unduh/"),
        ("get", f"/surat/instansi/{p.surat.instansi_id}/arsip/"),
        ("get", f"/surat/arsip/{s}/unduh/"),
        ("post", f"/surat/arsip/{s}/arsipkan/"),
    ]


def test_agensi_b_dan_pemda_lain_mendapat_404_di_setiap_rute(persona, client):
    a = persona.a
    surat = surat_bertanda_tangan(a, klasifikasi=kode())
    p = distribusi.mulai_pengiriman(
        aktor=a.staf,
        surat=surat,
        penerima=[
            {"jabatan": a.j_camat, "cara": "aplikasi"},
            {"nama": "Desa", "alamat": "Jl. Desa", "cara": "kertas"},
        ],
    )
    for orang in (persona.b.camat, persona.b.staf, persona.evaluator_lain, persona.admin_lain):
        client.force_login(orang)
        for metode, url in _rute(p):
            assert getattr(client, metode)(url).status_code == 404, (orang, url)
    client.force_login(a.camat)
    for metode, url in _rute(p):
        assert getattr(client, metode)(url).status_code in (200, 302), url
    p.refresh_from_db()
    assert p.status == Pengiriman.Status.BERJALAN  # nothing written by the empty posts
    # Agency B's inbox shows nothing of Alpha.
    client.force_login(persona.b.camat)
    assert "Alpha" not in client.get("/surat/diterima/").content.decode()


def test_penerima_di_instansi_lain_hanya_melihat_halaman_terimanya(persona, org, client):
    a = persona.a
    p = _pengiriman(a, org)
    client.force_login(org[2])
    kabag = p.penerima.get(jabatan=org[1])
    assert client.get(f"/surat/terima/{kabag.pk}/").status_code == 200
    assert client.get("/surat/diterima/").status_code == 200
    for metode, url in _rute(p):
        if "/terima/" in url:
            continue
        assert getattr(client, metode)(url).status_code == 404, url
    # Only its own recipient row: the paper recipient's page does not exist for it.
    kertas = p.penerima.get(cara="kertas")
    assert client.get(f"/surat/terima/{kertas.pk}/").status_code == 404


def test_tamu_diarahkan_masuk(persona, org, client):
    p = _pengiriman(persona.a, org)
    for metode, url in _rute(p) + [("get", "/surat/diterima/")]:
        r = getattr(client, metode)(url)
        assert r.status_code == 302 and "/akun/masuk/" in r["Location"], url


def test_bagian_kirim_pada_halaman_surat(persona, org, masuk):
    a = persona.a
    k = kode(aktif=2, inaktif=3)
    surat = surat_bertanda_tangan(a, klasifikasi=k)
    p = distribusi.mulai_pengiriman(
        aktor=a.staf,
        surat=surat,
        penerima=[
            {"jabatan": org[1], "cara": "aplikasi"},
            {"nama": "Desa", "alamat": "Jl. Desa", "cara": "kertas"},
        ],
    )
    distribusi.tandai_dibaca(aktor=org[2], penerima=p.penerima.get(jabatan=org[1]))
    surat.refresh_from_db()
    request = RequestFactory().get(f"/surat/{surat.pk}/")
    request.user = a.staf
    isi = render_to_string("surat/_kirim_bagian.html", {"surat": surat}, request=request)
    assert "1 dari 2 tanda terima" in isi and f"/surat/pengiriman/{p.pk}/" in isi
    assert f'href="/surat/{surat.pk}/kirim/"' in isi and "Arsipkan" in isi
    assert "aktif sampai 2028, inaktif sampai 2031, keterangan akhir Musnah" in isi

    request.user = persona.evaluator
    isi = render_to_string("surat/_kirim_bagian.html", {"surat": surat}, request=request)
    assert "/kirim/" not in isi and "Arsipkan" not in isi

    # On the letter's page (the agenda's detail) the section shows for its staff.
    c = masuk(a.staf)
    isi = c.get(f"/surat/{surat.pk}/").content.decode()
    assert 'id="pengiriman-surat"' in isi and "1 dari 2 tanda terima" in isi
