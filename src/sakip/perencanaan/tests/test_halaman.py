"""Planning pages as the personas use them: the Kasubag keeps the numbers, the Camat signs,
the evaluator reads, and Kecamatan Beta sees nothing of Alpha."""

import datetime
import io
from decimal import Decimal as D

import pytest
from django.contrib.contenttypes.models import ContentType
from openpyxl import load_workbook
from pypdf import PdfReader

from sakip import testing
from sakip.audit.models import CatatanAudit
from sakip.perencanaan import excel, services, views
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
    RencanaAksi,
    Renstra,
    SasaranPK,
    Strategi,
    TargetTahunan,
    Tujuan,
)
from sakip.perencanaan.tests import bangun

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def rencana(persona):
    """Alpha's Renstra 2021–2026 with IKU, its 2025 Renja and approved DPA, the Camat's draft PK."""
    a = persona.a
    r = bangun.renstra(a)
    bangun.iku(r, a)
    return {
        "renstra": r,
        "renja": bangun.dokumen(a, r, "renja"),
        "dpa": bangun.dokumen(a, r, "dpa"),
        "pk": bangun.pk(a, r),
    }


def halaman(a, rencana) -> dict[str, str]:
    r, pk = rencana["renstra"], rencana["pk"]
    return {
        "ikhtisar": f"/perencanaan/instansi/{a.instansi.pk}/?tahun=2025",
        "renstra": f"/perencanaan/renstra/{r.pk}/",
        "iku": f"/perencanaan/renstra/{r.pk}/iku/",
        "renja": f"/perencanaan/anggaran/{rencana['renja'].pk}/",
        "dpa": f"/perencanaan/anggaran/{rencana['dpa'].pk}/",
        "pk": f"/perencanaan/pk/{pk.pk}/",
        "rencana_aksi": f"/perencanaan/pk/{pk.pk}/rencana-aksi/",
    }


def isian_awal(form) -> dict:
    """What a browser posts for an untouched form."""
    data = {}
    for nama in form.fields:
        nilai = form[nama].value()
        data[nama] = "" if nilai is None else nilai
    return data


def isian_butir(bagian: str, objek, wadah=None, **ubah) -> dict:
    jenis = views.BAGIAN[bagian]
    form = jenis.form(instance=objek, wadah=wadah or jenis.wadah_dari(objek))
    return {**isian_awal(form), **ubah}


def unggahan(buku) -> io.BytesIO:
    berkas = io.BytesIO()
    buku.save(berkas)
    berkas.seek(0)
    berkas.name = "pk.xlsx"
    return berkas


def audit_untuk(model) -> CatatanAudit:
    return CatatanAudit.objects.filter(content_type=ContentType.objects.get_for_model(model))


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


# ---------------------------------------------------------------- editing rows


def test_kasubag_mengubah_target_tahunan_sebaris_dengan_audit(persona, rencana, masuk):
    c = masuk(persona.a.kasubag)
    ind = rencana["renstra"].indikator.get(kode="IT1")
    url = f"/perencanaan/butir/indikator/{ind.pk}/"
    fragmen = c.get(url, **HTMX).content.decode()
    assert fragmen.lstrip().startswith("<tr") and "<html" not in fragmen
    assert 'name="target_2021"' in fragmen and 'value="80"' in fragmen

    # a scale value for a numeric indicator: refused next to its year, nothing saved
    r = c.post(url, isian_butir("indikator", ind, target_2023="WTP", target_2024="83,5"), **HTMX)
    isi = r.content.decode()
    assert r.status_code == 200 and "sunting-wadah" in isi
    galat = isi.split('name="target_2023"')[1].split("</div>")[0]
    assert "target harus angka" in galat
    assert TargetTahunan.objects.get(indikator=ind, tahun=2024).target == D(83)

    r = c.post(url, isian_butir("indikator", ind, target_2024="83,5", target_2026=""), **HTMX)
    assert r["HX-Retarget"] == "#isi-editor" and "Indikator tersimpan." in r.content.decode()
    assert TargetTahunan.objects.get(indikator=ind, tahun=2024).target == D("83.5")
    assert not TargetTahunan.objects.filter(indikator=ind, tahun=2026).exists()
    catatan = audit_untuk(TargetTahunan).filter(aktor=persona.a.kasubag)
    assert {c.aksi for c in catatan} == {"ubah", "hapus"}
    assert catatan.get(aksi="ubah").perubahan["target"] == ["83.0000", "83.5"]


def test_indikator_rentang_dan_skala_ditulis_seperti_diucapkan(persona, rencana, masuk):
    c = masuk(persona.a.kasubag)
    r = rencana["renstra"]
    data = isian_butir(
        "indikator",
        Indikator(renstra=r),
        wadah=r,
        induk=f"s{r.sasaran.get(kode='S2').pk}",
        kode="IS9",
        nama="Nilai SAKIP",
        satuan="%",
        polaritas="rentang",
        target_2025="70 – 80",
        akhir="75 s.d. 85",
    )
    c.post(f"/perencanaan/baru/indikator/{r.pk}/", data, **HTMX)
    ind = Indikator.objects.get(kode="IS9")
    assert (ind.sasaran.kode, ind.target_akhir, ind.target_akhir_atas) == ("S2", 75, 85)
    t = ind.target.get()
    assert (t.tahun, t.target, t.target_atas) == (2025, 70, 80)
    assert "70 – 80" in c.get(f"/perencanaan/renstra/{r.pk}/").content.decode()


def test_tambah_dan_hapus_lewat_formulir_biasa_tanpa_javascript(persona, rencana, masuk):
    c = masuk(persona.a.kasubag)
    r = rencana["renstra"]
    t1 = r.tujuan.get(kode="T1")
    form = c.get(f"/perencanaan/baru/sasaran/{r.pk}/?tujuan={t1.pk}").content.decode()
    assert f'<option value="{t1.pk}" selected>' in form
    resp = c.post(
        f"/perencanaan/baru/sasaran/{r.pk}/",
        {"tujuan": t1.pk, "kode": "S9", "uraian": "Meningkatnya partisipasi warga"},
    )
    assert resp.status_code == 302 and resp["Location"] == f"/perencanaan/renstra/{r.pk}/"
    s9 = r.sasaran.get(kode="S9")
    assert audit_untuk(type(s9)).get(object_id=str(s9.pk)).aktor == persona.a.kasubag
    # a duplicate code comes back as a message on the form, in Indonesian
    resp = c.post(
        f"/perencanaan/baru/sasaran/{r.pk}/", {"tujuan": t1.pk, "kode": "S9", "uraian": "x"}
    )
    isi = resp.content.decode()
    assert resp.status_code == 200 and "Kode ini sudah dipakai di dokumen yang sama" in isi

    assert "akan dihapus" in c.get(f"/perencanaan/butir/sasaran/{s9.pk}/hapus/").content.decode()
    resp = c.post(f"/perencanaan/butir/sasaran/{s9.pk}/hapus/", follow=True)
    assert "dihapus" in resp.content.decode() and not r.sasaran.filter(kode="S9").exists()
    assert audit_untuk(type(s9)).filter(object_id=str(s9.pk), aksi="hapus").exists()


def test_pohon_anggaran_pagu_rupiah_jumlah_dan_kas(persona, rencana, masuk):
    c = masuk(persona.a.kasubag)
    dpa = rencana["dpa"]
    isi = c.get(f"/perencanaan/anggaran/{dpa.pk}/").content.decode()
    assert "Rp 150.000.000" in isi and "22.500.000,50" in isi  # cents of the cash plan shown
    assert isi.count("sesuai pagu") == 2
    kegiatan = dpa.item.get(level="kegiatan")
    r = c.post(
        f"/perencanaan/baru/item/{dpa.pk}/",
        {
            "level": "sub",
            "induk": kegiatan.pk,
            "kode": "7.01.01.2.01.0009",
            "nama": "Baru",
            "pagu": "Rp 12.500.000",
        },
        **HTMX,
    )
    assert r["HX-Retarget"] == "#isi-editor"
    sub = dpa.item.get(kode="7.01.01.2.01.0009")
    assert sub.pagu == D(12_500_000)
    kas = {f"bulan_{b}": "1.250.000" for b in range(1, 11)}
    isi = c.post(f"/perencanaan/butir/kas/{sub.pk}/", kas, **HTMX).content.decode()
    assert AnggaranKas.objects.filter(item=sub).count() == 10
    baris = isi.split('id="tabel-kas"')[1].split("7.01.01.2.01.0009 Baru")[1].split("</tr>")[0]
    assert "sesuai pagu" in baris
    assert audit_untuk(AnggaranKas).filter(aktor=persona.a.kasubag).count() == 10
    # a kegiatan is not a child of a sub-kegiatan: refused at its field
    r = c.post(
        f"/perencanaan/baru/item/{dpa.pk}/",
        {"level": "kegiatan", "induk": kegiatan.pk, "kode": "X", "nama": "X", "pagu": "1"},
        **HTMX,
    )
    assert "harus berinduk pada program" in r.content.decode()


def test_pengesahan_dpa_dan_indikator_program_merujuk_renstra(persona, rencana, masuk):
    c = masuk(persona.a.kasubag)
    renja = rencana["renja"]
    program = renja.item.get(level="program")
    ind = rencana["renstra"].indikator.get(kode="IT1")
    r = c.post(
        f"/perencanaan/baru/indikator-item/{renja.pk}/",
        {
            "item": program.pk,
            "nama": "IKM",
            "satuan": "Indeks",
            "indikator_renstra": ind.pk,
            "target_isian": "WTP",
        },
        **HTMX,
    )
    assert "target harus angka" in r.content.decode()
    c.post(
        f"/perencanaan/baru/indikator-item/{renja.pk}/",
        {
            "item": program.pk,
            "nama": "IKM",
            "satuan": "Indeks",
            "indikator_renstra": ind.pk,
            "target_isian": "84",
        },
        **HTMX,
    )
    assert program.indikator.get(nama="IKM").indikator_renstra == ind
    c.post(
        f"/perencanaan/butir/dokumen/{renja.pk}/",
        {"nomor": "050/12/2025", "tanggal_pengesahan": "2025-01-02"},
    )
    renja.refresh_from_db()
    assert (renja.nomor, renja.tanggal_pengesahan) == ("050/12/2025", datetime.date(2025, 1, 2))


def test_iku_dipilih_dari_indikator_renstra(persona, rencana, masuk):
    c = masuk(persona.a.kasubag)
    r = rencana["renstra"]
    is1 = r.indikator.get(kode="IS1")
    isi = c.get(f"/perencanaan/renstra/{r.pk}/iku/").content.decode()
    assert "Waktu penyelesaian layanan" in isi.split("belum menjadi IKU")[1]
    form = c.get(f"/perencanaan/baru/iku/{r.pk}/?indikator={is1.pk}", **HTMX).content.decode()
    assert f'value="{is1.pk}" selected' in form
    data = {
        "indikator": is1.pk,
        "tahun_mulai": 2021,
        "definisi": "Rata-rata hari",
        "formula": "Σ hari / Σ layanan",
        "sumber_data": "Aplikasi layanan",
        "penanggung_jawab": persona.a.j_sekcam.pk,
    }
    c.post(f"/perencanaan/baru/iku/{r.pk}/", data, **HTMX)
    assert r.iku.filter(indikator=is1).exists()
    # outside the period: next to the year
    data["indikator"] = r.indikator.get(kode="IS4").pk
    data["tahun_mulai"] = 2030
    assert "di luar periode" in c.post(f"/perencanaan/baru/iku/{r.pk}/", data).content.decode()


# ---------------------------------------------------------------- PK


def test_buat_pk_kepala_dan_pk_bawahan_menurunkan_sasaran(persona, masuk):
    a = persona.a
    r = bangun.renstra(a)
    bangun.dokumen(a, r, "dpa")
    c = masuk(a.kasubag)
    url = f"/perencanaan/instansi/{a.instansi.pk}/pk/baru/"
    r1 = c.post(url, {"jabatan": a.j_camat.pk, "tahun": 2025})
    pk = PerjanjianKinerja.objects.get(jabatan=a.j_camat)
    assert r1["Location"] == f"/perencanaan/pk/{pk.pk}/"
    SasaranPK.objects.create(pk_dokumen=pk, uraian="Meningkatnya kepuasan masyarakat")
    isi = c.get(f"/perencanaan/pk/{pk.pk}/").content.decode()
    kaskade = isi.split('id="kaskade"')[1].split("</section>")[0]
    assert "Belum ada PK bawahan" in kaskade
    assert "Buat PK bawahan" in isi.split('id="pk-bawahan"')[1]
    c.post(url, {"jabatan": a.j_sekcam.pk, "tahun": 2025, "pk_atasan": pk.pk})
    bawahan = PerjanjianKinerja.objects.get(jabatan=a.j_sekcam)
    assert bawahan.pk_atasan == pk
    assert bawahan.sasaran.get().sasaran_atasan.pk_dokumen == pk
    # a vacant position: the service's message, no PK
    a.sekcam.jabatan = None
    a.sekcam.save()
    c.post(url, {"jabatan": a.j_sekcam.pk, "tahun": 2026})
    isi = c.get(f"/perencanaan/instansi/{a.instansi.pk}/?tahun=2026").content.decode()
    assert "lowong" in isi


def test_pk_dokumen_kaskade_dan_unduhan(persona, rencana, masuk):
    pk = rencana["pk"]
    c = masuk(persona.a.camat)
    isi = c.get(f"/perencanaan/pk/{pk.pk}/").content.decode()
    assert "PIHAK PERTAMA" in isi and "PIHAK KEDUA" in isi and "Bupati" in isi
    assert "Rp 225.500.000" in isi and "85 – 95 %" in isi and "WTP" in isi
    r = c.get(f"/perencanaan/pk/{pk.pk}/pdf/")
    assert r["Content-Type"] == "application/pdf"
    assert 'filename="PK_Kecamatan_Alpha_2025_Camat.pdf"' in r["Content-Disposition"]
    teks = PdfReader(io.BytesIO(r.content)).pages[0].extract_text()
    assert "PERJANJIAN KINERJA" in teks
    r = c.get(f"/perencanaan/pk/{pk.pk}/docx/")
    assert r["Content-Type"].endswith("wordprocessingml.document") and r.content[:2] == b"PK"
    assert r["Content-Disposition"].endswith('.docx"')


def test_tandatangan_sebelum_dpa_disahkan_ditolak(persona, rencana, masuk):
    pk = rencana["pk"]
    DokumenAnggaran.objects.filter(pk=rencana["dpa"].pk).update(tanggal_pengesahan=None)
    c = masuk(persona.a.camat)
    isi = c.get(f"/perencanaan/pk/{pk.pk}/").content.decode()
    assert "DPA tahun 2025 belum disahkan" in isi.split('id="tandatangan"')[1]
    r = c.post(f"/perencanaan/pk/{pk.pk}/tandatangan/", {"tanggal": "2025-01-10"}, follow=True)
    assert "belum dapat ditandatangani: DPA tahun 2025 belum disahkan" in r.content.decode()
    pk.refresh_from_db()
    assert pk.status == "draf"


def test_pk_ditandatangani_terkunci_lalu_direvisi(persona, rencana, masuk):
    pk = rencana["pk"]
    c = masuk(persona.a.camat)
    # late after the DPA (3 January): signed, with the service's warning
    r = c.post(f"/perencanaan/pk/{pk.pk}/tandatangan/", {"tanggal": "2025-03-10"}, follow=True)
    isi = r.content.decode()
    assert "PK ditandatangani dan dikunci." in isi and "melewati batas 30 hari" in isi
    dokumen = isi.split('id="dokumen-pk"')[1]
    assert "/perencanaan/butir/" not in dokumen and "/perencanaan/baru/" not in dokumen
    assert "Impor Excel" not in isi and "Tandatangani PK" not in isi

    ikm = IndikatorPK.objects.get(sasaran__pk_dokumen=pk, nama="Indeks kepuasan masyarakat")
    data = isian_butir("indikator-pk", ikm, target_isian="99")
    r = c.post(f"/perencanaan/butir/indikator-pk/{ikm.pk}/", data, follow=True)
    assert "sudah ditandatangani dan tidak dapat diubah; buat revisi PK" in r.content.decode()
    ikm.refresh_from_db()
    assert ikm.target == 82
    # the action plan breaks the signed targets down and stays adjustable while the PK stands
    r = c.post(f"/perencanaan/pk/{pk.pk}/rencana-aksi/", {}, follow=True)
    assert "sudah ditandatangani" not in r.content.decode()

    r = c.post(
        f"/perencanaan/pk/{pk.pk}/revisi/",
        {"alasan": "anggaran", "keterangan": "Perubahan APBD"},
        follow=True,
    )
    baru = PerjanjianKinerja.objects.get(revisi_dari=pk)
    isi = r.content.decode()
    assert r.redirect_chain[-1][0] == f"/perencanaan/pk/{baru.pk}/"
    assert "Revisi ke-1" in isi and "Perubahan APBD" in isi
    rantai = isi.split('id="rantai-revisi"')[1].split("</section>")[0]
    assert f'href="/perencanaan/pk/{pk.pk}/"' in rantai and "Diganti revisi" in rantai
    assert "/perencanaan/butir/indikator-pk/" in isi  # the revision is a draft again
    r = c.post(f"/perencanaan/pk/{pk.pk}/rencana-aksi/", {}, follow=True)
    assert "sudah diganti revisinya" in r.content.decode()  # the replaced PK's plan is frozen


def test_rencana_aksi_disimpan_bersama_atau_tidak_sama_sekali(persona, rencana, masuk):
    pk = rencana["pk"]
    c = masuk(persona.a.kasubag)
    url = f"/perencanaan/pk/{pk.pk}/rencana-aksi/"
    form = c.get(url).context["form"]
    data = isian_awal(form)
    ikm = IndikatorPK.objects.get(sasaran__pk_dokumen=pk, nama="Indeks kepuasan masyarakat")
    opini = IndikatorPK.objects.get(sasaran__pk_dokumen=pk, nama="Opini laporan keuangan")
    sebelum = audit_untuk(RencanaAksi).count()
    data.update({f"aksi_{ikm.pk}_1": "Survei kepuasan awal tahun", f"target_{opini.pk}_2": "88"})
    isi = c.post(url, data).content.decode()
    assert "Tidak ada yang disimpan" in isi and "Opini BPK" in isi  # the bad cell says why
    assert RencanaAksi.objects.get(indikator=ikm, periode=1).aksi == "Survei kepuasan TW 1"
    assert audit_untuk(RencanaAksi).count() == sebelum

    data[f"target_{opini.pk}_2"] = "WTP"
    data[f"anggaran_{opini.pk}_2"] = "1.000.000"
    r = c.post(url, data, follow=True)
    assert "Rencana aksi tersimpan (2 baris)." in r.content.decode()
    assert RencanaAksi.objects.get(indikator=ikm, periode=1).aksi == "Survei kepuasan awal tahun"
    assert RencanaAksi.objects.get(indikator=opini, periode=2).anggaran == D(1_000_000)
    assert audit_untuk(RencanaAksi).count() == sebelum + 2


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
