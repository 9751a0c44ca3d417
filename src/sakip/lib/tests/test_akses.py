"""One access path: every page and API route, enumerated, answers 404 to other agencies.

The URL patterns are read from the resolver, so a route added later is covered
without anyone remembering; a route with a parameter this file does not know
fails until an example for it is added to CONTOH below.
"""

import functools
import importlib
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver

from sakip.akun.services import buat_token
from sakip.notifikasi import services as notifikasi
from sakip.organisasi.models import PemetaanPelaksana
from sakip.perencanaan.models import Misi
from sakip.perencanaan.tests import bangun
from sakip.sop import engine, services
from sakip.sop.models import Lampiran
from sakip.testing import pdf_uji

# Routes that are not agency data: framework plumbing, public docs, the admin
# (tested separately: it is for Pemda administrators and is scoped by Pemda).
DILEWATI = re.compile(r"^(admin/|static/|media/|api/docs|api/openapi\.json|api/$)")
# Public by design (no sign-in; their own tests cover them): the survey form and
# Standar Pelayanan pages, the signature verification page, receipt confirmation links.
PUBLIK = re.compile(r"^(survei/|standar-pelayanan/|verifikasi/|tanda-terima/)")
# Apps add examples for their URL parameters in their own module (`contoh(persona)`).
CONTOH_APP = (
    "sakip.ikm.tests.contoh_akses",
    "sakip.surat.tests.contoh_akses",
    "sakip.surat.tests.contoh_akses_tte",
    "sakip.surat.tests.contoh_akses_kirim",
)
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
    renstra, indikator, renja, dpa, pk = _perencanaan(a)
    monitoring = _monitoring(a)
    realisasi = _realisasi(a, indikator)
    permintaan = _permintaan_data(persona)
    laporan = _laporan(a)
    dari_app: dict[str, list] = {}
    for nama in CONTOH_APP:
        try:
            modul = importlib.import_module(nama)
        except ModuleNotFoundError:
            continue
        for kunci, nilai in modul.contoh(persona).items():
            # Several apps may name the same parameter (surat_id): every example is checked.
            dari_app.setdefault(kunci, [])
            dari_app[kunci] += [v for v in nilai if v not in dari_app[kunci]]
    return {
        **dari_app,
        **permintaan,
        **laporan,
        **monitoring,
        **realisasi,
        "renstra_id": [renstra.pk],
        "indikator_id": [indikator.pk],
        "dokumen_id": [renja.pk, dpa.pk],
        "pk_id": [pk.pk],
        "sop_id": [sop.pk],
        "versi_id": [sop.versi_terbaru().pk],
        "pelaksanaan_id": [run.pk],
        "tugas_id": [tugas.pk],
        "lampiran_id": [lampiran.pk],
        "notifikasi_id": [a.camat.notifikasi.first().pk],
        ("instansi_id", "kode"): [(a.instansi.pk, "000-rka")],
        ("instansi_id", "jenis"): [(a.instansi.pk, "pk")],
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
            ("renstra", renstra.pk),
            ("pk", pk.pk),
            ("laporan", laporan["laporan_id"][0]),
        ],
        # perencanaan/butir/<bagian>/<butir_id>/ (and …/hapus/): one row of each kind
        ("bagian", "butir_id"): [
            ("misi", renstra.misi.first().pk),
            ("tujuan", renstra.tujuan.first().pk),
            ("sasaran", renstra.sasaran.first().pk),
            ("indikator", renstra.indikator.first().pk),
            ("iku", renstra.iku.first().pk),
            ("item", dpa.item.first().pk),
            ("indikator-item", dpa.item.first().indikator.first().pk),
            ("sasaran-pk", pk.sasaran.first().pk),
            ("indikator-pk", pk.sasaran.first().indikator.first().pk),
            ("anggaran-pk", pk.anggaran.first().pk),
        ],
        # perencanaan/baru/<bagian>/<wadah_id>/: a new row inside its container
        ("bagian", "wadah_id"): [
            ("tujuan", renstra.pk),
            ("indikator", renstra.pk),
            ("iku", renstra.pk),
            ("item", dpa.pk),
            ("indikator-item", dpa.pk),
            ("sasaran-pk", pk.pk),
            ("indikator-pk", pk.pk),
        ],
        ("matriks", "objek_id"): [
            ("renstra", renstra.pk),
            ("iku", renstra.pk),
            ("renja", renja.pk),
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
    berkas = SimpleUploadedFile("bahan.pdf", pdf_uji("bahan"), "application/pdf")
    engine.selesaikan(aktor=a.kasubag, tugas=pertama, berkas=[berkas])
    return sop, run, run.tugas.get(status="terbuka"), Lampiran.objects.get()


def _perencanaan(a):
    """Agency A's planning: Renstra (with a mission, indicators, IKU), Renja and DPA with
    their trees, and the Camat's draft PK with sasaran, budget and rencana aksi."""
    renstra = bangun.renstra(a)
    bangun.iku(renstra, a)
    Misi.objects.create(renstra=renstra, kode="M1", uraian="Misi Alpha")
    renja = bangun.dokumen(a, renstra, "renja")
    dpa = bangun.dokumen(a, renstra, "dpa")
    pk = bangun.pk(a, renstra)
    return renstra, renstra.indikator.first(), renja, dpa, pk


def _monitoring(a) -> dict:
    """Agency A's April 2025 control card, TW I evaluation with a recommendation, and the
    2025 archive (needs the DPA of `_perencanaan`)."""
    from sakip.pengukuran import monitoring as m

    kartu = m.buat_kartu(aktor=a.kasubag, instansi=a.instansi, tahun=2025, bulan=4)
    ev = m.buat_evaluasi(aktor=a.kasubag, instansi=a.instansi, tahun=2025, triwulan=1)
    rek = m.terbitkan_rekomendasi(aktor=a.camat, evaluasi=ev, uraian="Uji", jabatan=a.j_kasubag)
    arsip = m.susun_arsip(aktor=a.kasubag, instansi=a.instansi, tahun=2025)
    return {
        "kartu_id": [kartu.pk],
        "evaluasi_id": [ev.pk],
        "rekomendasi_id": [rek.pk],
        "arsip_id": [arsip.pk],
    }


def _realisasi(a, indikator) -> dict:
    """Agency A's submitted May 2025 realisation of a Renstra indicator, with a PDF as proof."""
    from sakip.pengukuran import services as pengukuran
    from sakip.pengukuran.models import Realisasi

    r = Realisasi(instansi=a.instansi, tahun=2025, bulan=5, indikator=indikator, nilai=80)
    r = pengukuran.simpan_realisasi(aktor=a.camat, realisasi=r, ajukan=True)
    berkas = SimpleUploadedFile("bukti.pdf", pdf_uji("bukti"), "application/pdf")
    bukti = pengukuran.tambah_bukti(aktor=a.camat, realisasi=r, berkas=berkas)
    return {"realisasi_id": [r.pk], "bukti_id": [bukti.pk]}


def _permintaan_data(persona) -> dict:
    """A Pemda data request (seed 003) that only agency A was asked (B joined later), with
    A's answer: B's staff and the other Pemda's evaluator get 404, A's staff are sent on."""
    from sakip.pengukuran.models import JawabanData, PermintaanData

    p = PermintaanData.objects.create(
        pemda=persona.pemda,
        judul="Permintaan data Alpha",
        tahun=2025,
        sampai_bulan=3,
        batas_waktu="2025-04-10",
        dibuat_oleh=persona.evaluator,
    )
    j = JawabanData.objects.create(permintaan=p, instansi=persona.a.instansi)
    return {"permintaan_id": [p.pk], "jawaban_id": [j.pk]}


def _laporan(a) -> dict:
    """Agency A's 2025 LKjIP draft with a reviewer's comment."""
    from sakip.laporan import services as laporan

    lap = laporan.siapkan_laporan(aktor=a.kasubag, instansi=a.instansi, jenis="lkjip", tahun=2025)
    k = laporan.komentari(aktor=a.sekcam, laporan=lap, isi="Uji komentar", bagian="penutup")
    return {"laporan_id": [lap.pk], "komentar_id": [k.pk]}


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


def _contoh_skema(skema: dict, semua: dict):
    """The smallest value that validates against an OpenAPI schema (for request bodies)."""
    if "$ref" in skema:
        return _contoh_skema(semua["components"]["schemas"][skema["$ref"].split("/")[-1]], semua)
    for kunci in ("anyOf", "oneOf", "allOf"):
        if kunci in skema:
            pilihan = [x for x in skema[kunci] if x.get("type") != "null"] or skema[kunci]
            return _contoh_skema(pilihan[0], semua)
    jenis = skema.get("type")
    if jenis == "object":
        return {
            nama: _contoh_skema(skema["properties"][nama], semua)
            for nama in skema.get("required", [])
        }
    if jenis == "array":
        return []
    if jenis == "integer":
        return 1
    if jenis == "number":
        return 1
    if jenis == "boolean":
        return False
    if skema.get("format") == "date":
        return "2026-01-02"
    return "uji akses"


@functools.cache
def _openapi() -> dict:
    from sakip.api import api

    return api.get_openapi_schema()


def _badan_api(url: str, metode: str):
    """A valid JSON body for an API write, built from the route's OpenAPI schema."""
    semua = _openapi()
    for pola, operasi in semua["paths"].items():
        regex = "^" + re.sub(r"\{\w+\}", r"[^/]+", pola) + "/?$"
        if re.match(regex, url) and metode in operasi:
            isi = operasi[metode].get("requestBody", {}).get("content", {})
            skema = isi.get("application/json", {}).get("schema")
            return _contoh_skema(skema, semua) if skema else {}
    return {}


def minta(client, url):
    """GET, else the write method the route accepts, with a body that passes validation."""
    r = client.get(url)
    for metode in ("post", "put", "patch", "delete"):
        if r.status_code != 405:
            break
        kirim = getattr(client, metode)
        if url.startswith("/api/"):
            r = kirim(url, _badan_api(url, metode), "application/json")
        else:
            r = kirim(url)
    return r


@pytest.fixture
def rute_dengan_parameter(persona):
    contoh = contoh_agensi_a(persona)
    urls = []
    for rute, _p in semua_rute():
        if DILEWATI.match(rute) or PUBLIK.match(rute) or not PARAMETER.search(rute):
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
        if DILEWATI.match(rute) or PUBLIK.match(rute) or PARAMETER.search(rute):
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
        if DILEWATI.match(rute) or PUBLIK.match(rute) or rute.startswith("akun/masuk"):
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
