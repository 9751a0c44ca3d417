"""The public survey form: a resident of Kecamatan Alpha rates a service on a phone,
without signing in; bots, double taps and floods are turned away without losing data."""

import datetime
import re

import pytest
from django.utils import timezone

from sakip.audit.models import CatatanAudit
from sakip.ikm import publik
from sakip.ikm.models import PeriodeSurvei, Responden

from .test_publik_bangun import (
    buat_layanan,
    buat_periode,
    buat_standar,
    jawaban,
    tiket_lama,
    url_formulir,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def survei(persona):
    """Alpha's open period with one service (and a second, inactive one)."""
    a = persona.a
    layanan = buat_layanan(a)
    buat_layanan(a, nama="Legalisir Lama", slug="legalisir", aktif=False)
    periode = buat_periode(a)
    return a, layanan, periode


def _kirim(client, layanan, periode, data=None, **kw):
    isi = dict(data if data is not None else jawaban())
    isi.setdefault("tiket", tiket_lama(periode, layanan))
    return client.post(url_formulir(layanan), isi, **kw)


def test_formulir_menampilkan_sembilan_pertanyaan_periode(client, survei):
    a, layanan, periode = survei
    periode.unsur[0]["pertanyaan"] = "Apakah persyaratan di papan pengumuman mudah dipahami?"
    periode.unsur[0]["jawaban"] = ["Sulit", "Agak sulit", "Mudah", "Sangat mudah"]
    periode.save()

    r = client.get(url_formulir(layanan))

    assert r.status_code == 200
    html = r.content.decode()
    assert layanan.nama in html
    # the questions come from the period's own copy, not from the file
    assert "Apakah persyaratan di papan pengumuman mudah dipahami?" in html
    assert "Agak sulit" in html
    for u in periode.unsur[1:]:
        assert u["pertanyaan"] in html
    assert html.count('<fieldset class="pertanyaan') == 9
    for i in range(1, 10):
        assert len(re.findall(rf'type="radio" id="isian-u{i}-\d" name="u{i}"', html)) == 4
    # profile fields, and nothing asks for a name
    for nama in ("jenis_kelamin", "usia", "pendidikan", "pekerjaan", "saran"):
        assert f'name="{nama}"' in html
    assert "S2 ke atas" in html and "Wirausaha" in html
    assert 'name="nama"' not in html
    # honeypot: hidden from people and screen readers, skipped by the keyboard
    assert re.search(
        r'<div class="umpan" aria-hidden="true">.*?name="situs_web"[^>]*autocomplete="off" '
        r'tabindex="-1"',
        html,
        re.S,
    )


def test_kiriman_sah_tersimpan_sekali_sebagai_daring(client, survei):
    a, layanan, periode = survei
    sebelum = timezone.now()

    r = _kirim(client, layanan, periode, REMOTE_ADDR="203.0.113.7")

    assert r.status_code == 302
    assert r["Location"] == "/survei/terima-kasih/?instansi=KEC-A"
    resp = Responden.objects.get()
    assert resp.periode == periode and resp.layanan == layanan
    assert resp.sumber == Responden.Sumber.DARING
    assert resp.jawaban == {f"U{i}": n for i, n in enumerate((4, 3, 4, 4, 3, 4, 4, 3, 3), 1)}
    assert (resp.jenis_kelamin, resp.usia, resp.pendidikan, resp.pekerjaan) == (
        "P",
        34,
        "SMA",
        "Wirausaha",
    )
    assert resp.waktu >= sebelum  # date and time recorded by the server
    assert resp.dicatat_oleh is None and resp.token is not None
    # the sender is remembered only as a keyed hash, never as the address
    assert len(resp.sidik) == 64 and "203.0.113.7" not in resp.sidik
    catatan = CatatanAudit.objects.get(object_id=str(resp.pk))
    assert catatan.aktor_nama == "sistem" and catatan.ip is None

    halaman = client.get(r["Location"])
    assert "Terima kasih" in halaman.content.decode()
    assert "Kecamatan Alpha" in halaman.content.decode()


def test_kirim_dua_kali_menyimpan_satu_kuesioner(client, survei):
    a, layanan, periode = survei
    tiket = tiket_lama(periode, layanan)

    pertama = _kirim(client, layanan, periode, jawaban(tiket=tiket))
    kedua = _kirim(client, layanan, periode, jawaban(tiket=tiket))

    assert pertama.status_code == kedua.status_code == 302
    assert kedua["Location"].startswith("/survei/terima-kasih/")
    assert Responden.objects.count() == 1


def test_umpan_terisi_tampak_berhasil_tetapi_tidak_disimpan(client, survei):
    a, layanan, periode = survei

    r = _kirim(client, layanan, periode, jawaban(situs_web="http://spam.example"))

    assert r.status_code == 302 and r["Location"].startswith("/survei/terima-kasih/")
    assert not Responden.objects.exists()


def test_kiriman_terlalu_cepat_ditolak_halus(client, survei):
    a, layanan, periode = survei
    tiket = publik.buat_tiket(periode, layanan)  # drawn just now

    r = _kirim(client, layanan, periode, jawaban(tiket=tiket))

    assert r.status_code == 200
    assert not Responden.objects.exists()
    html = r.content.decode()
    assert "terlalu cepat" in html
    # the answers are kept, so one more tap sends them
    assert 'name="u1"\n            value="4" checked' in html or re.search(
        r'name="u1"\s+value="4" checked', html
    )
    assert 'value="34"' in html


def test_tiket_palsu_atau_milik_layanan_lain_tidak_menyimpan(client, survei):
    a, layanan, periode = survei
    lain = buat_layanan(a, nama="Surat Pindah", slug="pindah")

    for tiket in ("bukan-tiket", tiket_lama(periode, lain), ""):
        r = _kirim(client, layanan, periode, jawaban(tiket=tiket))
        assert r.status_code == 400
        assert "Formulir ini sudah terlalu lama dibuka" in r.content.decode()
    assert not Responden.objects.exists()


def test_batas_kiriman_per_jam_per_pengirim(client, survei, settings):
    settings.IKM_BATAS_PER_JAM = 3
    a, layanan, periode = survei
    for _ in range(3):
        assert _kirim(client, layanan, periode, REMOTE_ADDR="198.51.100.20").status_code == 302

    r = _kirim(client, layanan, periode, REMOTE_ADDR="198.51.100.20")

    assert r.status_code == 429
    assert "Terlalu banyak kiriman" in r.content.decode()
    assert Responden.objects.count() == 3
    # another sender is not affected
    assert _kirim(client, layanan, periode, REMOTE_ADDR="198.51.100.21").status_code == 302
    assert Responden.objects.count() == 4
    # an hour later the first sender may send again
    Responden.objects.update(dicatat_pada=timezone.now() - datetime.timedelta(minutes=61))
    assert _kirim(client, layanan, periode, REMOTE_ADDR="198.51.100.20").status_code == 302


def test_batas_bawaan_lima_dan_ipv6_per_jaringan(client, survei):
    a, layanan, periode = survei
    for akhir in range(5):
        r = _kirim(client, layanan, periode, REMOTE_ADDR=f"2001:db8:1:2::{akhir + 1}")
        assert r.status_code == 302
    # a neighbour address in the same /64 is the same sender
    assert _kirim(client, layanan, periode, REMOTE_ADDR="2001:db8:1:2::99").status_code == 429
    assert Responden.objects.count() == 5


def test_alamat_proksi_hanya_dipercaya_bila_diatur(client, survei, settings):
    settings.IKM_BATAS_PER_JAM = 1
    a, layanan, periode = survei
    proksi = {"REMOTE_ADDR": "10.0.0.1"}
    assert (
        _kirim(client, layanan, periode, HTTP_X_FORWARDED_FOR="192.0.2.1", **proksi).status_code
        == 302
    )
    # untrusted header: the proxy's address counts, so a second person is limited
    r = _kirim(client, layanan, periode, HTTP_X_FORWARDED_FOR="192.0.2.2", **proksi)
    assert r.status_code == 429

    settings.TRUST_X_FORWARDED_FOR = True
    r = _kirim(client, layanan, periode, HTTP_X_FORWARDED_FOR="192.0.2.3", **proksi)
    assert r.status_code == 302
    assert Responden.objects.count() == 2


def test_jawaban_tidak_sah_dijelaskan_dan_tidak_disimpan(client, survei):
    a, layanan, periode = survei
    data = jawaban(usia="tujuh", pendidikan="", u3="5")
    del data["u7"]

    r = _kirim(client, layanan, periode, data)

    assert r.status_code == 200
    assert not Responden.objects.exists()
    html = r.content.decode()
    assert 'role="alert"' in html
    assert "Isi usia dengan angka tahun" in html
    assert "Pilih pendidikan terakhir." in html
    assert "Jawaban Waktu Penyelesaian harus salah satu dari 1, 2, 3 atau 4." in html
    assert "Pertanyaan Perilaku Pelaksana belum dijawab." in html
    # each message is tied to its field and linked from the summary
    assert 'id="galat-u7"' in html and 'aria-describedby="galat-u7"' in html
    assert 'href="#isian-u7-1"' in html and 'href="#isian-usia"' in html
    assert re.search(r'id="isian-usia"[^>]*aria-describedby="galat-usia"', html, re.S)
    # what was right stays filled in
    assert re.search(r'name="u1"\s+value="4" checked', html)


def test_periode_ditutup_tanpa_formulir(client, survei):
    a, layanan, periode = survei
    periode.status = PeriodeSurvei.Status.DITUTUP
    periode.save()

    for url in (url_formulir(layanan), "/survei/KEC-A/"):
        r = client.get(url)
        assert r.status_code == 200
        html = r.content.decode()
        assert "Survei belum dibuka" in html
        assert '<form method="post" class="formulir survei"' not in html
    # a form still open in a browser sends into a closed period: nothing stored
    r = _kirim(client, layanan, periode)
    assert "Survei belum dibuka" in r.content.decode()
    assert not Responden.objects.exists()


def test_periode_dibuka_tetapi_di_luar_tanggal(client, persona):
    a = persona.a
    layanan = buat_layanan(a)
    hari = timezone.localdate()
    buat_periode(
        a,
        mulai=hari + datetime.timedelta(days=3),
        selesai=hari + datetime.timedelta(days=30),
    )
    r = client.get(url_formulir(layanan))
    assert r.status_code == 200
    html = r.content.decode()
    assert "Survei belum dibuka" in html and "Survei berikutnya dibuka mulai" in html
    assert 'name="u1"' not in html


def test_layanan_nonaktif_atau_tak_dikenal_404(client, survei):
    a, layanan, periode = survei
    assert client.get("/survei/KEC-A/legalisir/").status_code == 404
    assert client.get("/survei/KEC-A/tidak-ada/").status_code == 404
    assert client.get("/survei/KEC-ZZ/izin-usaha/").status_code == 404
    assert client.get("/survei/KEC-ZZ/").status_code == 404
    r = client.post("/survei/KEC-A/legalisir/", jawaban(tiket=tiket_lama(periode, layanan)))
    assert r.status_code == 404
    assert not Responden.objects.exists()


def test_layanan_agensi_lain_tidak_lewat_alamat_agensi_ini(client, persona):
    buat_periode(persona.a)
    buat_layanan(persona.a)
    buat_layanan(persona.b, nama="Layanan Beta", slug="khusus-beta")
    assert client.get("/survei/KEC-A/khusus-beta/").status_code == 404


def test_pilih_layanan(client, survei):
    a, layanan, periode = survei
    # one active service: straight to its form
    r = client.get("/survei/KEC-A/")
    assert r.status_code == 302 and r["Location"] == url_formulir(layanan)
    # kode unit typed in lower case still finds the agency
    assert client.get("/survei/kec-a/").status_code == 302

    kedua = buat_layanan(a, nama="Surat Keterangan Pindah", slug="pindah", urutan=1)
    r = client.get("/survei/KEC-A/")
    assert r.status_code == 200
    html = r.content.decode()
    assert url_formulir(layanan) in html and url_formulir(kedua) in html
    assert "Legalisir Lama" not in html  # inactive services are not offered


def test_halaman_publik_tanpa_masuk(client, survei):
    a, layanan, periode = survei
    for url in (url_formulir(layanan), "/survei/terima-kasih/", "/standar-pelayanan/KEC-A/"):
        r = client.get(url)
        assert r.status_code == 200, url
        assert "/akun/masuk/" not in r.get("Location", "")


@pytest.mark.parametrize("jumlah", [3, 9])
def test_daftar_publik_jumlah_kueri_terbatas(
    client, persona, jumlah, django_assert_max_num_queries
):
    a = persona.a
    buat_periode(a)
    for n in range(jumlah):
        buat_standar(buat_layanan(a, nama=f"Layanan {n}", slug=f"layanan-{n}"))
    with django_assert_max_num_queries(6):
        r = client.get("/survei/KEC-A/")
    assert r.content.decode().count('class="tombol-layanan"') == jumlah
    with django_assert_max_num_queries(6):
        r = client.get("/standar-pelayanan/KEC-A/")
    assert r.content.decode().count('class="tombol-layanan"') == jumlah
