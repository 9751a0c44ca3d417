"""One access path: every page and API route, enumerated, answers 404 to other agencies.

The URL patterns are read from the resolver, so a route added later is covered
without anyone remembering; a route with a parameter this file does not know
fails until an example for it is added to CONTOH below.
"""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver

from sakip.akun.services import buat_token
from sakip.notifikasi import services as notifikasi
from sakip.organisasi.models import PemetaanPelaksana
from sakip.sop import engine, services
from sakip.sop.models import Lampiran

# Routes that are not agency data: framework plumbing, public docs, the admin
# (tested separately: it is for Pemda administrators and is scoped by Pemda).
DILEWATI = re.compile(r"^(admin/|static/|media/|api/docs|api/openapi\.json|api/$)")
PARAMETER = re.compile(r"<(?:(?P<conv>\w+):)?(?P<nama>\w+)>")


def semua_rute(resolvers=None, awalan=""):
    """(route text, URLPattern) for every leaf pattern, nested includes flattened."""
    for p in resolvers if resolvers is not None else get_resolver().url_patterns:
        teks = awalan + str(p.pattern).lstrip("^").rstrip("$")
        if isinstance(p, URLResolver):
            yield from semua_rute(p.url_patterns, teks)
        elif isinstance(p, URLPattern):
            yield teks, p


def contoh_agensi_a(persona):
    """Values for each URL parameter that name objects of agency A (Kecamatan Alpha)."""
    a = persona.a
    token, _ = buat_token(aktor=a.camat, nama="token alpha")
    sop, run, tugas, lampiran = _sop_berjalan(a)
    notifikasi.kirim(penerima=a.camat, judul="Notifikasi Alpha")
    return {
        "sop_id": [sop.pk],
        "versi_id": [sop.versi_terbaru().pk],
        "pelaksanaan_id": [run.pk],
        "tugas_id": [tugas.pk],
        "lampiran_id": [lampiran.pk],
        "notifikasi_id": [a.camat.notifikasi.first().pk],
        ("instansi_id", "kode"): [(a.instansi.pk, "000-rka")],
        "instansi_id": [a.instansi.pk],
        "jabatan_id": [a.j_kasubag.pk, a.j_camat.pk],
        "pegawai_id": [a.staf.pk, a.camat.pk],
        "token_id": [token.pk],
        # riwayat/<jenis>/<objek_id>: one example per model that shows a Riwayat
        ("jenis", "objek_id"): [
            ("instansi", a.instansi.pk),
            ("jabatan", a.j_staf.pk),
            ("pegawai", a.camat.pk),
            ("pemetaan", a.instansi.pemetaan.first().pk),
        ],
    }


def _sop_berjalan(a):
    """Agency A adopts Laporan Bulanan and runs it past a step with an attachment."""
    PemetaanPelaksana.objects.create(
        instansi=a.instansi, nama_pelaksana="Kasubag Umum", jabatan=a.j_kasubag
    )
    sop = services.adopsi(aktor=a.camat, instansi=a.instansi, kode="000-laporan-bulanan")
    run = engine.mulai(aktor=a.kasubag, sop=sop, judul="Laporan Bulanan Alpha")
    pertama = run.tugas.get()
    berkas = SimpleUploadedFile("bahan.pdf", b"%PDF-1.4 bahan", "application/pdf")
    engine.selesaikan(aktor=a.kasubag, tugas=pertama, berkas=[berkas])
    return sop, run, run.tugas.get(status="terbuka"), Lampiran.objects.get()


def isi_rute(rute: str, contoh: dict) -> list[str]:
    nama = tuple(m["nama"] for m in PARAMETER.finditer(rute))
    if not nama:
        return [rute]
    kunci = nama[0] if len(nama) == 1 else nama
    if kunci not in contoh:
        pytest.fail(f"Rute /{rute} memakai parameter {kunci}: tambahkan contohnya ke CONTOH.")
    hasil = []
    for nilai in contoh[kunci]:
        nilai = nilai if isinstance(nilai, tuple) else (nilai,)
        url = rute
        for v in nilai:
            url = PARAMETER.sub(str(v), url, count=1)
        hasil.append(url)
    return hasil


# A body every API action accepts, so the request reaches the view's access check.
BADAN_API = {"judul": "uji akses", "catatan": "uji akses", "periode": ""}


def minta(client, url):
    r = client.get(url)
    if r.status_code == 405:
        if url.startswith("/api/"):
            r = client.post(url, BADAN_API, "application/json")
        else:
            r = client.post(url)
    return r


@pytest.fixture
def rute_dengan_parameter(persona):
    contoh = contoh_agensi_a(persona)
    urls = []
    for rute, _p in semua_rute():
        if DILEWATI.match(rute) or not PARAMETER.search(rute):
            continue
        urls += ["/" + u for u in isi_rute(rute, contoh)]
    assert len(urls) >= 12, urls  # the enumeration itself must find the routes
    return urls


@pytest.mark.parametrize("siapa", ["b_camat", "b_staf", "evaluator_lain"])
def test_persona_lain_mendapat_404_di_semua_rute_berparameter(
    persona, client, rute_dengan_parameter, siapa
):
    orang = {
        "b_camat": persona.b.camat,
        "b_staf": persona.b.staf,
        "evaluator_lain": persona.evaluator_lain,
    }[siapa]
    client.force_login(orang)
    gagal = [
        (u, r.status_code)
        for u in rute_dengan_parameter
        if (r := minta(client, u)).status_code != 404
    ]
    assert not gagal, f"{siapa} tidak mendapat 404 pada: {gagal}"


def test_pemilik_sendiri_tidak_mendapat_404(persona, client, rute_dengan_parameter):
    """The same URLs open for agency A's head: the 404s above are about scope, not typos."""
    client.force_login(persona.a.camat)
    gagal = [
        (u, r.status_code)
        for u in rute_dengan_parameter
        if (r := minta(client, u)).status_code == 404 or r.status_code >= 500
    ]
    assert not gagal


def test_rute_tanpa_parameter_tidak_membocorkan_agensi_lain(persona, client):
    contoh = contoh_agensi_a(persona)
    client.force_login(persona.b.camat)
    diperiksa = 0
    for rute, _p in semua_rute():
        if DILEWATI.match(rute) or PARAMETER.search(rute):
            continue
        url = "/" + isi_rute(rute, contoh)[0]
        client.force_login(persona.b.camat)  # "keluar" signs out; sign in again each time
        r = minta(client, url)
        assert r.status_code in (200, 302), (url, r.status_code)
        isi = r.content.decode()
        for rahasia in (
            "Kecamatan Alpha",
            "Camat Alpha",
            "Staf Alpha",
            "KEC-A",
            "Laporan Bulanan Alpha",
        ):
            assert rahasia not in isi, (url, rahasia)
        diperiksa += 1
    assert diperiksa >= 6


def test_tamu_diarahkan_masuk_atau_ditolak(persona, client):
    contoh = contoh_agensi_a(persona)
    for rute, _p in semua_rute():
        if DILEWATI.match(rute) or rute.startswith("akun/masuk"):
            continue
        for url in isi_rute(rute, contoh):
            r = minta(client, "/" + url)
            if url.startswith("api/"):
                assert r.status_code == 401, url
            else:
                assert r.status_code in (302, 404), url
                if r.status_code == 302:
                    assert "/akun/masuk/" in r["Location"], url


def test_admin_pemda_lain_mendapat_404_di_admin(persona, client):
    client.force_login(persona.admin_lain)
    for model, pk in [
        ("jabatan", persona.a.j_camat.pk),
        ("pegawai", persona.a.staf.pk),
        ("instansi", persona.a.instansi.pk),
        ("pemda", persona.pemda.pk),
    ]:
        r = client.get(f"/admin/organisasi/{model}/{pk}/change/")
        assert r.status_code == 404, model
    daftar = client.get("/admin/organisasi/pegawai/").content.decode()
    assert "Staf Alpha" not in daftar


def test_pegawai_instansi_tidak_bisa_membuka_admin(persona, client):
    client.force_login(persona.a.camat)
    r = client.get("/admin/organisasi/jabatan/")
    assert r.status_code == 302 and "/admin/login/" in r["Location"]
