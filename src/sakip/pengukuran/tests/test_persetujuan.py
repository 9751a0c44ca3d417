"""Only approved realisasi count (issue 12 point 5), and the approver's queue.

Alpha's Staf holds IT1 (IKM, target 84 in 2025). January's 70 is approved: capaian 70/84 =
83,33%. The Staf submits March's 80: until the Kasubag approves it, every surface — the
dashboard, the capaian page, the PK, the Pemda grid and ranking, the API — still says
83,33% and shows March as waiting; once approved, 80/84 = 95,24% everywhere.
"""

import json
import re
from decimal import Decimal as D
from io import BytesIO

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from sakip.akun.services import buat_token
from sakip.audit.models import CatatanAudit
from sakip.organisasi.models import Instansi
from sakip.pengukuran import pemda, penilaian, services
from sakip.pengukuran.models import Realisasi
from sakip.perencanaan.models import Indikator, IndikatorPK
from sakip.perencanaan.tests import bangun

TAHUN = 2025


def _realisasi(a, indikator, bulan: int, nilai, *, aktor=None, pk=None) -> Realisasi:
    r = Realisasi(instansi=a.instansi, tahun=TAHUN, bulan=bulan, nilai=D(str(nilai)))
    if pk is not None:
        r.indikator_pk = pk
    else:
        r.indikator = indikator
    return services.simpan_realisasi(aktor=aktor or a.staf, realisasi=r, ajukan=True)


def setujui(a, indikator, bulan: int, nilai, **kw) -> Realisasi:
    r = _realisasi(a, indikator, bulan, nilai, aktor=kw.pop("aktor", a.kasubag), **kw)
    return services.periksa_realisasi(aktor=a.kasubag, realisasi=r, setuju=True)


@pytest.fixture
def data(persona):
    a = persona.a
    renstra = bangun.renstra(a)
    Indikator.objects.filter(renstra=renstra, kode="IT1").update(penanggung_jawab=a.j_staf)
    ind = {i.kode: i for i in renstra.indikator.all()}
    setujui(a, ind["IT1"], 1, 70)
    return renstra, ind


@pytest.fixture
def diajukan(persona, data):
    """The Staf submits March's 80 for IT1: waiting for the Kasubag."""
    return _realisasi(persona.a, data[1]["IT1"], 3, 80)


def _it1(baris):
    return next(b for b in baris if b.kode == "IT1")


def _url(a, halaman: str, **query) -> str:
    q = "&".join(f"{k}={v}" for k, v in {"tahun": TAHUN, "sampai": 3, **query}.items())
    return f"/pengukuran/instansi/{a.instansi.pk}/{halaman}/?{q}"


def _grafik(isi: str) -> dict:
    teks = re.search(r'<script id="data-grafik" type="application/json">(.*?)</script>', isi, re.S)
    return json.loads(teks[1])


def _auth(pegawai):
    _t, token = buat_token(aktor=pegawai, nama="uji")
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


# ---------------------------------------------------------------- one rule everywhere


def test_dasbor_tidak_bergerak_sampai_disetujui(persona, diajukan, masuk):
    a = persona.a
    c = masuk(a.kasubag)
    isi = c.get(_url(a, "dasbor")).content.decode()
    capaian = dict(zip(*(_grafik(isi)["capaian"][k] for k in ("label", "nilai")), strict=True))
    assert capaian["IT1"] == 83.33  # January's approved 70, not March's submitted 80
    assert "70 / 84 × 100 = 83,33%" in isi
    waiting = isi.split('id="menunggu-persetujuan"')[1].split("</section>")[0]
    assert "1 realisasi menunggu persetujuan" in waiting and "Maret: <strong>80</strong>" in waiting
    assert 'id="kpi-menunggu"' in isi  # "+1 menunggu persetujuan" beside March's data count
    # the breadcrumb names where we are (it said "Perencanaan")
    jejak = isi.split('class="jejak"')[1].split("</div>")[0]
    assert "Pengukuran kinerja" in jejak and "Perencanaan" not in jejak

    services.periksa_realisasi(aktor=a.kasubag, realisasi=diajukan, setuju=True)
    isi = c.get(_url(a, "dasbor")).content.decode()
    capaian = dict(zip(*(_grafik(isi)["capaian"][k] for k in ("label", "nilai")), strict=True))
    assert capaian["IT1"] == 95.24 and 'id="menunggu-persetujuan"' not in isi


def test_halaman_capaian_dan_api_memakai_yang_disetujui(persona, diajukan, masuk, client):
    a = persona.a
    isi = masuk(a.staf).get(_url(a, "capaian")).content.decode()
    assert "70 / 84 × 100 = 83,33%" in isi and "80 / 84" not in isi
    assert "Maret: 80 menunggu persetujuan" in isi
    api = f"/api/instansi/{a.instansi.pk}/capaian?tahun={TAHUN}&sampai_bulan=3"
    baris = next(b for b in client.get(api, **_auth(a.staf)).json() if b["kode"] == "IT1")
    assert baris["realisasi"] == "70.0000" and baris["bulanan"][2] is None
    assert _it1(penilaian.capaian_renstra(a.instansi, TAHUN, 3)).nilai.quantize(D("0.01")) == D(
        "83.33"
    )

    services.periksa_realisasi(aktor=a.kasubag, realisasi=diajukan, setuju=True)
    baris = next(b for b in client.get(api, **_auth(a.staf)).json() if b["kode"] == "IT1")
    assert baris["realisasi"] == "80.0000" and baris["rumus"].startswith("80 / 84 × 100")
    isi = masuk(a.staf).get(_url(a, "capaian")).content.decode()
    assert "80 / 84 × 100 = 95,24%" in isi and "menunggu persetujuan" not in isi


def test_capaian_pk_hanya_dari_yang_disetujui(persona, data, diajukan, client):
    a = persona.a
    pk = bangun.pk(a, data[0])
    sendiri = IndikatorPK.objects.get(sasaran__pk_dokumen=pk, indikator_renstra__isnull=True)
    r = _realisasi(a, None, 3, 90, aktor=a.camat, pk=sendiri)  # the Camat's own indicator
    api = f"/api/pk/{pk.pk}/capaian?sampai_bulan=3"
    hasil = {b["nama"]: b for b in client.get(api, **_auth(a.camat)).json()}
    assert hasil["Indeks kepuasan masyarakat"]["realisasi"] == "70.0000"  # PK target 82
    assert hasil["Layanan selesai tepat waktu"]["capaian"] is None

    services.periksa_realisasi(aktor=a.kasubag, realisasi=diajukan, setuju=True)
    services.periksa_realisasi(aktor=a.kasubag, realisasi=r, setuju=True)
    baris = {b.nama: b for b in penilaian.capaian_pk(pk, 3)}
    assert baris["Indeks kepuasan masyarakat"].realisasi == 80
    assert baris["Layanan selesai tepat waktu"].realisasi == 90


def test_kisi_kelengkapan_dan_peringkat_pemda(persona, data, diajukan, masuk):
    a, b = persona.a, persona.b
    bangun.renstra(b)
    instansi = [a.instansi, b.instansi]
    assert [s.terisi for s in pemda.kelengkapan_semua(instansi, TAHUN, 3)[a.instansi.pk]][:3] == [
        1,
        0,
        0,
    ]
    assert penilaian.kelengkapan_bulanan(a.instansi, TAHUN)[2] == (3, 0, 5)
    alpha = next(x for x in pemda.bandingkan(instansi, TAHUN, 3) if x.instansi == a.instansi)
    assert alpha.capaian.rata.quantize(D("0.01")) == D("83.33")
    isi = masuk(persona.evaluator).get(f"/pengukuran/pemda/?tahun={TAHUN}&bulan=3")
    assert "83,33%" in isi.content.decode() or "83.33%" in isi.content.decode()

    services.periksa_realisasi(aktor=a.kasubag, realisasi=diajukan, setuju=True)
    assert pemda.kelengkapan_semua(instansi, TAHUN, 3)[a.instansi.pk][2].terisi == 1
    alpha = next(x for x in pemda.bandingkan(instansi, TAHUN, 3) if x.instansi == a.instansi)
    assert alpha.capaian.rata.quantize(D("0.01")) == D("95.24")


def test_baris_isian_menandai_yang_menunggu(persona, data, diajukan, masuk):
    a = persona.a
    isi = masuk(a.staf).get(f"/pengukuran/instansi/{a.instansi.pk}/realisasi/?tahun=2025&bulan=3")
    baris = isi.content.decode().split(f'id="baris-i{data[1]["IT1"].pk}"')[1].split("</tr>")[0]
    assert "menunggu" in baris.split(">")[0] and 'data-status="diajukan"' in baris
    assert '<span class="lencana menunggu">Menunggu persetujuan</span>' in baris
    assert "Belum dihitung dalam capaian sampai disetujui Kasubag." in baris


# ---------------------------------------------------------------- the approver's queue


@pytest.fixture
def antrean(persona, data):
    """Three submissions waiting: IT1 February and March (Staf), IS1 March (Sekcam)."""
    a, ind = persona.a, data[1]
    return [
        _realisasi(a, ind["IT1"], 2, 75),
        _realisasi(a, ind["IT1"], 3, 80),
        _realisasi(a, ind["IS1"], 3, "3.5", aktor=a.sekcam),
    ]


def _antrean_url(a) -> str:
    return f"/pengukuran/instansi/{a.instansi.pk}/persetujuan/"


def _jumlah_audit(r: Realisasi) -> int:
    return CatatanAudit.objects.filter(
        content_type=ContentType.objects.get_for_model(Realisasi), object_id=str(r.pk)
    ).count()


def test_antrean_per_bulan_dan_lencana_di_menu(persona, antrean, masuk):
    a = persona.a
    c = masuk(a.kasubag)
    beranda = c.get("/").content.decode()
    assert 'id="nav-persetujuan"' in beranda
    menu = beranda.split('id="nav-persetujuan"')[1].split("</a>")[0]
    assert "Persetujuan realisasi" in menu and ">3</span>" in menu
    isi = c.get(_antrean_url(a)).content.decode()
    assert isi.index("Februari 2025") < isi.index("Maret 2025")
    maret = isi.split('id="bulan-2025-3"')[1].split("</section>")[0]
    assert maret.index("IT1") < maret.index("IS1")  # by indicator within the month
    assert "Staf Alpha" in maret and a.sekcam.nama in maret
    assert f'value="setuju:{antrean[0].pk}"' in isi and "Setujui yang dipilih" in isi
    # the Staf has nothing to approve: no badge, a read-only list
    c = masuk(a.staf)
    assert 'id="nav-persetujuan"' not in c.get("/").content.decode()
    isi = c.get(_antrean_url(a)).content.decode()
    assert "Setujui" not in isi.replace("disetujui", "") and "IT1" in isi
    assert c.post(_antrean_url(a), {"aksi": f"setuju:{antrean[0].pk}"}).status_code == 403
    # another agency's Kasubag: nothing of Alpha exists
    c = masuk(persona.b.kasubag)
    assert c.get(_antrean_url(a)).status_code == 404
    assert 'id="nav-persetujuan"' not in c.get("/").content.decode()
    assert not services.antrean_persetujuan(persona.evaluator).exists()


def test_setujui_satu_lalu_kembalikan_sekaligus_dengan_catatan(persona, antrean, masuk):
    a = persona.a
    feb, mar, is1 = antrean
    c = masuk(a.kasubag)
    r = c.post(_antrean_url(a), {"aksi": f"setuju:{feb.pk}"}, follow=True)
    assert "1 realisasi disetujui." in r.content.decode()
    feb.refresh_from_db()
    assert feb.status == "disetujui" and feb.diperiksa_oleh == a.kasubag
    # returning without a note changes nothing
    r = c.post(_antrean_url(a), {"aksi": "kembalikan", "pilih": [mar.pk, is1.pk]}, follow=True)
    assert "Tulis catatan" in r.content.decode()
    assert set(
        Realisasi.objects.filter(pk__in=[mar.pk, is1.pk]).values_list("status", flat=True)
    ) == {"diajukan"}
    r = c.post(
        _antrean_url(a),
        {"aksi": "kembalikan", "pilih": [mar.pk, is1.pk], "catatan": "Lampirkan hasil survei."},
        follow=True,
    )
    assert "2 realisasi dikembalikan dengan catatan." in r.content.decode()
    for x in (mar, is1):
        x.refresh_from_db()
        assert (x.status, x.catatan_pemeriksa) == ("dikembalikan", "Lampirkan hasil survei.")
        assert _jumlah_audit(x) == 2  # submitted, then returned: one record each
    assert _jumlah_audit(feb) == 2
    assert (
        "Tidak ada realisasi yang menunggu persetujuan." in c.get(_antrean_url(a)).content.decode()
    )
    assert 'id="nav-persetujuan"' not in c.get("/").content.decode()


def test_sekaligus_semua_atau_tidak_sama_sekali(persona, antrean):
    a = persona.a
    feb, mar, is1 = antrean
    services.periksa_realisasi(aktor=a.kasubag, realisasi=mar, setuju=False, catatan="Cek.")
    with pytest.raises(services.AturanPengukuran, match="Tidak ada realisasi yang diubah"):
        services.periksa_sekaligus(aktor=a.kasubag, realisasi=[feb, mar, is1], setuju=True)
    assert Realisasi.objects.get(pk=feb.pk).status == "diajukan"
    assert [r.status for r in services.periksa_sekaligus(
        aktor=a.kasubag, realisasi=[feb, is1], setuju=True
    )] == ["disetujui", "disetujui"]  # fmt: skip


def test_antrean_jumlah_kueri_tetap(persona, data, masuk, django_assert_max_num_queries):
    a = persona.a
    renstra = data[0]
    for n in range(12):
        ind = Indikator.objects.create(
            renstra=renstra, sasaran=renstra.sasaran.first(), kode=f"X{n}", nama=f"Indikator {n}",
            satuan="%", urutan=10 + n, penanggung_jawab=a.j_staf,
        )  # fmt: skip
        for bulan in (2, 3):
            r = _realisasi(a, ind, bulan, n)
            r.bukti.create(tautan=f"https://contoh.id/{n}/{bulan}", diunggah_oleh=a.staf)
    c = masuk(a.kasubag)
    with django_assert_max_num_queries(16):  # the same for 2 rows or 24
        isi = c.get(_antrean_url(a)).content.decode()
    assert isi.count('name="pilih"') == 24 and ">24</span>" in isi
    # The menu badge costs one query on every page, whatever the queue holds.
    with CaptureQueriesContext(connection) as q:
        assert ">24</span>" in c.get("/").content.decode()
    assert sum("pengukuran_realisasi" in x["sql"] for x in q.captured_queries) == 1


def test_api_antrean_dan_periksa_sekaligus(persona, antrean, client):
    a = persona.a
    r = client.get("/api/realisasi/menunggu", **_auth(a.kasubag))
    assert [x["id"] for x in r.json()["items"]] == [antrean[0].pk, antrean[1].pk, antrean[2].pk]
    assert not any(x["dihitung"] for x in r.json()["items"])
    assert client.get("/api/realisasi/menunggu", **_auth(a.staf)).json()["count"] == 0
    body = {"realisasi_id": [antrean[0].pk, antrean[1].pk], "setuju": False}
    r = client.post("/api/realisasi/menunggu", body, "application/json", **_auth(a.kasubag))
    assert r.status_code == 422 and "catatan" in r.json()["detail"]
    body["setuju"] = True
    r = client.post("/api/realisasi/menunggu", body, "application/json", **_auth(a.staf))
    assert r.status_code == 403
    r = client.post("/api/realisasi/menunggu", body, "application/json", **_auth(persona.b.kasubag))
    assert r.status_code == 422  # Alpha's rows do not exist for Beta
    r = client.post("/api/realisasi/menunggu", body, "application/json", **_auth(a.kasubag))
    assert [x["status"] for x in r.json()] == ["disetujui", "disetujui"]
    assert all(x["dihitung"] for x in r.json())
    assert client.get("/api/realisasi/menunggu", **_auth(a.kasubag)).json()["count"] == 1


# ---------------------------------------------------------------- the Pemda ranking and Excel


@pytest.fixture
def pemda_dua(persona):
    """Alpha: all five indicators approved for January (complete), mean 84,8%.
    Beta: only IT1 approved, 84/84 = 100% — higher, but 1 of 5 (20%) complete."""
    a, b = persona.a, persona.b
    ra, rb = bangun.renstra(a), bangun.renstra(b)
    ia = {i.kode: i for i in ra.indikator.all()}
    for kode, nilai in (("IT1", 63), ("IS1", "4.5"), ("IS3", 90), ("IS4", 10)):
        setujui(a, ia[kode], 1, nilai, aktor=a.kasubag)
    r = Realisasi(instansi=a.instansi, tahun=TAHUN, bulan=1, indikator=ia["IS2"])
    r.nilai_skala = "WTP"
    r = services.simpan_realisasi(aktor=a.kasubag, realisasi=r, ajukan=True)
    services.periksa_realisasi(aktor=a.kasubag, realisasi=r, setuju=True)
    setujui(b, rb.indikator.get(kode="IT1"), 1, 84, aktor=b.kasubag)
    return persona


def test_peringkat_instansi_lengkap_lebih_dulu(pemda_dua, masuk):
    a, b = pemda_dua.a, pemda_dua.b
    baris = pemda.bandingkan([a.instansi, b.instansi], TAHUN, 1)
    assert [(x.instansi, x.peringkat, x.lengkap) for x in baris] == [
        (a.instansi, 1, True),
        (b.instansi, 2, False),
    ]
    assert baris[1].capaian.rata > baris[0].capaian.rata  # Beta's figure is higher
    assert pemda.peringkat({1: D(90), 2: D(99), 3: None}, {1: True, 2: False}) == {
        1: 1,
        2: 2,
        3: None,
    }
    isi = masuk(pemda_dua.evaluator).get(f"/pengukuran/pemda/?tahun={TAHUN}&bulan=1")
    isi = isi.content.decode()
    tabel = isi.split('id="tabel-peringkat"')[1].split("</table>")[0]
    assert tabel.index("Kecamatan Alpha") < tabel.index("Kecamatan Beta")
    assert "data lengkap" in tabel and "data 20% — belum lengkap" in tabel
    assert 'id="aturan-peringkat"' in isi and "diurutkan lebih dulu" in isi


def test_ekspor_excel_perbandingan_pemda(pemda_dua, masuk):
    a, b = pemda_dua.a, pemda_dua.b
    Instansi.objects.filter(pk=b.instansi.pk).update(nama='=HYPERLINK("http://x","Beta")')
    c = masuk(pemda_dua.evaluator)
    halaman = c.get(f"/pengukuran/pemda/?tahun={TAHUN}&bulan=1").content.decode()
    assert f"/pengukuran/pemda/excel/?tahun={TAHUN}&amp;bulan=1" in halaman
    r = c.get(f"/pengukuran/pemda/excel/?tahun={TAHUN}&bulan=1")
    assert (
        r.status_code == 200
        and "Perbandingan_kabupaten_uji_2025_01.xlsx" in r["Content-Disposition"]
    )
    buku = load_workbook(BytesIO(r.content))
    assert buku.sheetnames == [
        "Perbandingan",
        "Kelengkapan",
        "Capaian per sasaran",
        "Capaian indikator",
    ]
    ws = buku["Perbandingan"]
    assert ws["A1"].value == "PERBANDINGAN KINERJA INSTANSI" and ws["B2"].value == "Kabupaten Uji"
    baris = [[s.value for s in row] for row in ws.iter_rows(min_row=8)]
    assert baris[0][:2] == [1, "Kecamatan Alpha"] and baris[0][5] == "Ya"
    assert baris[0][4] == 100 and baris[1][4] == 20 and baris[1][2] == 100
    assert baris[1][1] == '=HYPERLINK("http://x","Beta")' and ws["B9"].data_type == "s"
    assert baris[2][1] == "Rata-rata Pemda"
    kelengkapan = [[s.value for s in row] for row in buku["Kelengkapan"].iter_rows(min_row=7)]
    assert kelengkapan[0][:2] == ["Kecamatan Alpha", "5/5"] and kelengkapan[1][1] == "1/5"
    indikator = buku["Capaian indikator"]
    kode = [row[2].value for row in indikator.iter_rows(min_row=7)]
    assert kode.count("IT1") == 2 and all(
        row[1].data_type == "s" for row in indikator.iter_rows(min_row=7)
    )
    # agency staff are sent to their own pages, never to the Pemda's workbook
    assert masuk(a.kasubag).get(f"/pengukuran/pemda/excel/?tahun={TAHUN}").status_code == 302
