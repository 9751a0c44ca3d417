"""Planning pages as the personas use them: the Kasubag keeps the numbers, the Camat signs,
the evaluator reads, and Kecamatan Beta sees nothing of Alpha.

Access, query counts and the overview here; editing rows, the PK and the matrices in
`test_halaman_butir`, `test_halaman_pk` and `test_halaman_matriks`.
"""

from decimal import Decimal as D

import pytest

from sakip import testing
from sakip.perencanaan import services
from sakip.perencanaan.models import (
    AnggaranKas,
    AnggaranPK,
    DokumenAnggaran,
    Indikator,
    IndikatorItem,
    IndikatorPK,
    ItemAnggaran,
    Misi,
    PerjanjianKinerja,
    Renstra,
    SasaranPK,
    Strategi,
    TargetTahunan,
    Tujuan,
)

from .halaman_bantu import audit_untuk, halaman, isian_butir

# ---------------------------------------------------------------- access


KENDALI_UBAH = {
    "ikhtisar": "Buat RKA 2025",
    "renstra": "/perencanaan/butir/indikator/",
    "iku": "/perencanaan/baru/iku/",
    "renja": "/perencanaan/butir/item/",
    "dpa": "/perencanaan/butir/kas/",
    "pk": "Tandatangani PK",
    "rencana_aksi": "Simpan rencana aksi",
}


@pytest.mark.parametrize("nama", list(KENDALI_UBAH))
def test_halaman_terbuka_untuk_instansinya_dan_404_untuk_instansi_lain(
    persona, rencana, masuk, nama
):
    url = halaman(persona.a, rencana)[nama]
    isi = masuk(persona.a.kasubag).get(url).content.decode()
    assert "Kecamatan Alpha" in isi
    assert KENDALI_UBAH[nama] in isi  # the agency's staff edit
    for orang in (persona.b.kasubag, persona.b.camat, persona.evaluator_lain):
        assert masuk(orang).get(url).status_code == 404, orang


def test_evaluator_membaca_tanpa_kendali_ubah_dan_setiap_post_ditolak(persona, rencana, masuk):
    c = masuk(persona.evaluator)
    for nama, url in halaman(persona.a, rencana).items():
        isi = c.get(url).content.decode()
        assert "Kecamatan Alpha" in isi, nama
        for kendali in ("/perencanaan/butir/", "/perencanaan/baru/", "Impor Excel", "Buat PK"):
            assert kendali not in isi, (nama, kendali)
    assert "Tandatangani PK" not in c.get(halaman(persona.a, rencana)["pk"]).content.decode()
    ind = rencana["renstra"].indikator.get(kode="IT1")
    pk = rencana["pk"]
    ditolak = [
        (f"/perencanaan/butir/indikator/{ind.pk}/", isian_butir("indikator", ind, nama="X")),
        (f"/perencanaan/butir/indikator/{ind.pk}/hapus/", {}),
        (f"/perencanaan/baru/misi/{rencana['renstra'].pk}/", {"kode": "M9", "uraian": "x"}),
        (f"/perencanaan/pk/{pk.pk}/tandatangan/", {"tanggal": "2025-01-10"}),
        (f"/perencanaan/pk/{pk.pk}/rencana-aksi/", {}),
        (f"/perencanaan/matriks/pk/{pk.pk}/impor/", {}),
    ]
    for url, data in ditolak:
        assert c.post(url, data).status_code == 403, url
    assert c.get(f"/perencanaan/matriks/pk/{pk.pk}/impor/").status_code == 403
    # and the Pemda list leads to every agency's planning
    isi = c.get("/perencanaan/").content.decode()
    assert "Kecamatan Alpha" in isi and "Kecamatan Beta" in isi
    assert Indikator.objects.get(pk=ind.pk).nama == "Indeks kepuasan masyarakat"
    assert pk.sasaran.count() == 2 and not audit_untuk(Misi).exists()


def test_menu_perencanaan_untuk_staf_dan_peran_pemda(persona, masuk):
    for orang in (persona.a.staf, persona.evaluator, persona.admin_pemda):
        assert 'href="/perencanaan/"' in masuk(orang).get("/").content.decode()
    r = masuk(persona.a.staf).get("/perencanaan/")
    assert (
        r.status_code == 302 and r["Location"] == f"/perencanaan/instansi/{persona.a.instansi.pk}/"
    )


# ---------------------------------------------------------------- query counts


def _tambah_renstra(r: Renstra, mulai: int, n: int) -> None:
    for k in range(mulai, mulai + n):
        t = Tujuan.objects.create(renstra=r, kode=f"TX{k}", uraian=f"Tujuan tambahan {k}")
        s = t.sasaran.create(renstra=r, kode=f"SX{k}", uraian=f"Sasaran tambahan {k}")
        st = Strategi.objects.create(renstra=r, sasaran=s, kode=f"ST{k}", uraian="Strategi")
        st.kebijakan.create(renstra=r, kode=f"K{k}", uraian="Kebijakan")
        s.program.create(renstra=r, kode=f"P{k}", uraian="Program")
        for nama, induk in (("tujuan", t), ("sasaran", s)):
            ind = Indikator.objects.create(
                renstra=r, kode=f"I{nama}{k}", nama=f"Indikator {k}", satuan="%", **{nama: induk}
            )
            TargetTahunan.objects.bulk_create(
                TargetTahunan(indikator=ind, tahun=th, target=D(k)) for th in r.tahun
            )


def _tambah_anggaran(d: DokumenAnggaran, mulai: int, n: int) -> None:
    for k in range(mulai, mulai + n):
        program = ItemAnggaran.objects.create(
            dokumen=d, level="program", kode=f"9.{k:02d}", nama=f"Program {k}", pagu=100
        )
        kegiatan = ItemAnggaran.objects.create(
            dokumen=d, induk=program, level="kegiatan", kode=f"9.{k:02d}.1", nama="K", pagu=100
        )
        sub = ItemAnggaran.objects.create(
            dokumen=d, induk=kegiatan, level="sub", kode=f"9.{k:02d}.1.1", nama="S", pagu=100
        )
        for item in (program, kegiatan, sub):
            IndikatorItem.objects.create(item=item, nama="Keluaran", satuan="dok", target=1)
        AnggaranKas.objects.bulk_create(AnggaranKas(item=sub, bulan=b, jumlah=5) for b in (1, 2))


def _tambah_pk(pk: PerjanjianKinerja, mulai: int, n: int) -> None:
    for k in range(mulai, mulai + n):
        s = SasaranPK.objects.create(pk_dokumen=pk, urutan=10 + k, uraian=f"Sasaran {k}")
        for j in range(2):
            IndikatorPK.objects.create(sasaran=s, nama=f"Indikator {k}.{j}", satuan="%", target=k)
        AnggaranPK.objects.create(pk_dokumen=pk, uraian=f"Kegiatan {k}", anggaran=k * 1000)


def _tambah_bawahan(persona, pk: PerjanjianKinerja, mulai: int, n: int) -> None:
    """Positions under the Camat, each with a PK cascaded from the Camat's."""
    for k in range(mulai, mulai + n):
        j = persona.a.j_camat.bawahan.create(instansi=persona.a.instansi, nama=f"Kasi {k}")
        testing.buat_pegawai(f"kasi{k}.a", instansi=persona.a.instansi, jabatan=j)
        services.buat_pk(aktor=persona.a.kasubag, jabatan=j, tahun=pk.tahun, pk_atasan=pk)


def _tambah_isi_pk(persona, rencana, mulai: int, n: int) -> None:
    _tambah_pk(rencana["pk"], mulai, n)
    _tambah_bawahan(persona, rencana["pk"], mulai, min(n, 4))


@pytest.mark.parametrize(
    ("nama", "tambah"),
    [
        ("renstra", lambda p, r, m, n: _tambah_renstra(r["renstra"], m, n)),
        ("dpa", lambda p, r, m, n: _tambah_anggaran(r["dpa"], m, n)),
        ("renja", lambda p, r, m, n: _tambah_anggaran(r["renja"], m, n)),
        ("pk", _tambah_isi_pk),
    ],
)
def test_jumlah_query_editor_tidak_tumbuh_dengan_baris(
    persona, rencana, masuk, django_assert_max_num_queries, nama, tambah
):
    c = masuk(persona.a.kasubag)
    url = halaman(persona.a, rencana)[nama]
    tambah(persona, rencana, 0, 1)
    c.get(url)  # warm: session, content types
    with django_assert_max_num_queries(30) as sedikit:
        assert c.get(url).status_code == 200
    tambah(persona, rencana, 1, 15)
    with django_assert_max_num_queries(len(sedikit.captured_queries)):
        isi = c.get(url).content.decode()
    assert "15" in isi


# ---------------------------------------------------------------- overview


def test_ikhtisar_membuat_renstra_dan_dokumen_yang_belum_ada(persona, masuk):
    a = persona.a
    c = masuk(a.kasubag)
    isi = c.get(f"/perencanaan/instansi/{a.instansi.pk}/").content.decode()
    assert "Belum ada Renstra." in isi and "Buat Renstra" in isi
    c.post(
        f"/perencanaan/instansi/{a.instansi.pk}/renstra/baru/",
        {"tahun_awal": 2025, "tahun_akhir": 2029},
    )
    r = Renstra.objects.get(instansi=a.instansi)
    isi = c.get(f"/perencanaan/instansi/{a.instansi.pk}/?tahun=2026").content.decode()
    assert "Buat Renja 2026" in isi and "Buat DPA 2026" in isi
    resp = c.post(f"/perencanaan/renstra/{r.pk}/dokumen/baru/", {"jenis": "dpa", "tahun": 2026})
    dpa = DokumenAnggaran.objects.get(instansi=a.instansi, jenis="dpa", tahun=2026)
    assert resp["Location"] == f"/perencanaan/anggaran/{dpa.pk}/"
    isi = c.get(f"/perencanaan/instansi/{a.instansi.pk}/?tahun=2026").content.decode()
    assert "belum disahkan" in isi.split('id="dok-dpa"')[1].split("</div>")[0]
    # a year outside the period is refused by the model's rule, in Indonesian
    r2 = c.post(
        f"/perencanaan/renstra/{r.pk}/dokumen/baru/", {"jenis": "renja", "tahun": 2031}, follow=True
    )
    assert "di luar periode Renstra" in r2.content.decode()
