"""The PK page: drafting, cascading, signing, revising, and the Rencana Aksi grid."""

import io
from decimal import Decimal as D

from pypdf import PdfReader

from sakip.perencanaan.models import (
    DokumenAnggaran,
    IndikatorPK,
    PerjanjianKinerja,
    RencanaAksi,
    SasaranPK,
)
from sakip.perencanaan.tests import bangun

from .halaman_bantu import audit_untuk, isian_awal, isian_butir

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
