"""Services of the survey: elements, services and standards, periods, results from the
database against hand-computed values, priorities, trend, the IKM realisation."""

import datetime
from decimal import Decimal
from fractions import Fraction

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sakip.audit.models import CatatanAudit
from sakip.ikm import services
from sakip.ikm.models import Layanan, PeriodeSurvei, StandarPelayanan, UnsurSurvei
from sakip.ikm.tests import bangun


def test_unsur_bawaan_dibuat_sekali_dan_disalin_ke_periode(persona):
    unsur = services.pastikan_unsur(persona.pemda)
    assert [u.kode for u in unsur] == [f"U{i}" for i in range(1, 10)]
    assert unsur[3].nama == "Biaya/Tarif" and unsur[3].jawaban_4 == "Gratis"
    services.pastikan_unsur(persona.pemda)
    assert UnsurSurvei.objects.filter(pemda=persona.pemda).count() == 9
    p = bangun.periode(persona.a, buka=False)
    assert p.unsur[0]["kode"] == "U1" and len(p.unsur[8]["jawaban"]) == 4
    # rewording an element later does not change what this period asked
    u1 = unsur[0]
    u1.nama = "Persyaratan Pelayanan"
    services.simpan_unsur(aktor=persona.admin_pemda, unsur=u1)
    p.refresh_from_db()
    assert p.unsur[0]["nama"] == "Persyaratan"
    assert services.nama_unsur(p)["U1"] == "Persyaratan"
    with pytest.raises(PermissionDenied):
        services.simpan_unsur(aktor=persona.a.camat, unsur=u1)


def test_periode_sekali_per_tahun_semester_dan_status(persona):
    a = persona.a
    p = services.buat_periode(aktor=a.kasubag, instansi=a.instansi, tahun=2026, semester=1)
    assert (p.mulai, p.selesai) == (datetime.date(2026, 1, 1), datetime.date(2026, 6, 30))
    lagi = services.buat_periode(aktor=a.staf, instansi=a.instansi, tahun=2026, semester=1)
    assert lagi == p and PeriodeSurvei.objects.count() == 1
    assert p.status == "draf"
    p = services.buka_periode(aktor=a.staf, periode=p)
    assert services.buka_periode(aktor=a.staf, periode=p).status == "dibuka"  # double click
    p = services.tutup_periode(aktor=a.staf, periode=p)
    assert p.status == "ditutup"
    draf = services.buat_periode(aktor=a.staf, instansi=a.instansi, tahun=2026, semester=2)
    with pytest.raises(ValidationError, match="tidak dapat diubah"):
        services.tutup_periode(aktor=a.staf, periode=draf)
    with pytest.raises(PermissionDenied):
        services.buat_periode(aktor=persona.evaluator, instansi=a.instansi, tahun=2026)
    with pytest.raises(PermissionDenied):
        services.buka_periode(aktor=persona.b.camat, periode=p)
    with pytest.raises(ValidationError, match="sebelum"):
        services.buat_periode(
            aktor=a.camat, instansi=a.instansi, tahun=2027,
            mulai=datetime.date(2027, 5, 1), selesai=datetime.date(2027, 4, 1),
        )  # fmt: skip
    assert CatatanAudit.objects.filter(object_repr__contains="SKM").exists()


def test_layanan_dan_standar_pelayanan(persona):
    a = persona.a
    lay = bangun.layanan(a, "Surat Keterangan Usaha")
    assert lay.slug == "surat-keterangan-usaha"
    lain = services.simpan_layanan(
        aktor=a.staf, layanan=Layanan(instansi=a.instansi, nama="Surat Keterangan Usaha")
    )
    assert lain.slug == "surat-keterangan-usaha-2"
    with pytest.raises(ValidationError, match="sudah dipakai"):
        services.simpan_layanan(
            aktor=a.staf, layanan=Layanan(instansi=a.instansi, nama="X", slug=lay.slug)
        )
    with pytest.raises(PermissionDenied):
        services.simpan_layanan(
            aktor=persona.b.camat, layanan=Layanan(instansi=a.instansi, nama="Y")
        )
    sp = services.simpan_standar(aktor=a.staf, layanan=lay, data={"persyaratan": "KTP\nKK"})
    with pytest.raises(ValidationError, match="Lengkapi dahulu komponen"):
        services.tetapkan_standar(
            aktor=a.camat, standar=sp, nomor="1/2026", tanggal=datetime.date(2026, 1, 2)
        )
    isi = {k: f"isi {k}" for k, _l, _g in StandarPelayanan.KOMPONEN}
    sp = services.simpan_standar(aktor=a.staf, layanan=lay, data=isi)
    sp = services.tetapkan_standar(
        aktor=a.camat, standar=sp, nomor="Keputusan Camat Nomor 3 Tahun 2026",
        tanggal=datetime.date(2026, 1, 5),
    )  # fmt: skip
    assert sp.ditetapkan and StandarPelayanan.objects.get(layanan=lay).nomor_penetapan.startswith(
        "Kep"
    )


@pytest.fixture
def survei(persona):
    """Two services; hand-countable answers.

    Surat Keterangan: 3 questionnaires — all 4; all 3; [4,4,4,4,3,3,3,2,2].
    Legalisasi: 1 questionnaire — all 2.
    """
    a = persona.a
    sk = bangun.layanan(a, "Surat Keterangan")
    leg = bangun.layanan(a, "Legalisasi Dokumen")
    p = bangun.periode(a, populasi=100)
    bangun.responden(p, sk, 4, jenis_kelamin="P", usia=19, pendidikan="S1", pekerjaan="PNS")
    bangun.responden(p, sk, 3, jenis_kelamin="L", usia=45, saran="Antrian lama")
    bangun.responden(p, sk, [4, 4, 4, 4, 3, 3, 3, 2, 2], jenis_kelamin="P", usia=62)
    bangun.responden(p, leg, 2, jenis_kelamin="L", usia=30, pendidikan="SD", saran="Tambah kursi")
    return p, sk, leg


def test_hasil_periode_dihitung_tangan(survei, django_assert_max_num_queries):
    p, sk, leg = survei
    with django_assert_max_num_queries(1):
        hasil = services.hasil_periode(p)
    # U1: 4+3+4+2 = 13 over 4; U8: 4+3+2+2 = 11 over 4
    assert hasil.responden == 4
    assert hasil.nrr["U1"] == Fraction(13, 4) and hasil.nrr["U8"] == Fraction(11, 4)
    jumlah = 36 + 27 + 29 + 18  # 110 answers' sum over 36 answers
    assert hasil.ikm == 25 * Fraction(jumlah, 36)  # 76,388… → C
    assert (hasil.mutu, hasil.kinerja) == ("C", "Kurang Baik")
    hanya_sk = services.hasil_periode(p, sk)
    assert hanya_sk.ikm == 25 * Fraction(36 + 27 + 29, 27) and hanya_sk.mutu == "B"  # 85,19
    per = {b.label: b.hasil for b in services.hasil_per_layanan(p)}
    assert per["Legalisasi Dokumen"].ikm == 50 and per["Legalisasi Dokumen"].mutu == "D"
    assert per["Surat Keterangan"] == hanya_sk


def test_demografi(survei, django_assert_max_num_queries):
    p, _sk, _leg = survei
    with django_assert_max_num_queries(4):
        d = services.demografi(p)
    jk = {b.kunci: b.hasil for b in d["jenis_kelamin"]["baris"]}
    assert jk["P"].responden == 2 and jk["P"].ikm == 25 * Fraction(36 + 29, 18)
    assert jk["L"].ikm == 25 * Fraction(27 + 18, 18)
    usia = {b.label: b.hasil.responden for b in d["usia"]["baris"]}
    assert usia == {"< 20 tahun": 1, "20–29 tahun": 0, "30–39 tahun": 1, "40–49 tahun": 1,
                    "50–59 tahun": 0, "≥ 60 tahun": 1}  # fmt: skip
    pend = {b.kunci: b.hasil.responden for b in d["pendidikan"]["baris"]}
    assert pend["SMA"] == 2 and pend["S1"] == 1 and pend["SD"] == 1 and pend["S2+"] == 0
    assert [b.kunci for b in d["pekerjaan"]["baris"]][0] == "PNS"


def test_prioritas_unsur_terendah(survei):
    p, _sk, _leg = survei
    hasil = services.hasil_periode(p)
    prio = services.prioritas(p, hasil)
    # U8 and U9 (11/4 = 2,75 → C) are below B; U5–U7 (12/4 = 3 → C) too; at least 3
    assert [x.kode for x in prio] == ["U8", "U9", "U5", "U6", "U7"]
    assert prio[0].mutu == "C" and prio[0].nama.startswith("Penanganan")


def test_prioritas_minimal_tiga_bila_semua_baik(persona):
    a = persona.a
    lay = bangun.layanan(a)
    p = bangun.periode(a)
    bangun.responden(p, lay, [4, 4, 4, 4, 4, 4, 4, 4, 4])
    bangun.responden(p, lay, [4, 3, 4, 4, 4, 3, 4, 4, 4])
    prio = services.prioritas(p, services.hasil_periode(p))
    assert [x.kode for x in prio] == ["U2", "U6", "U1"]  # ties keep questionnaire order


def test_tren_dan_kemajuan(survei, persona):
    p, sk, _leg = survei
    baru = bangun.periode(persona.a, tahun=2026, semester=1, populasi=1000)
    bangun.responden(baru, sk, 4)
    tren = services.tren(persona.a.instansi)
    assert [(x.label, h.responden) for x, h in tren] == [("Tahun 2025", 4), ("Semester I 2026", 1)]
    assert tren[1][1].ikm == 100
    k = services.kemajuan(baru)
    assert (k.responden, k.sampel, k.kurang, k.cukup) == (1, 278, 277, False)
    assert services.kemajuan(p).sampel == 80


def test_ringkasan_pemda(survei, persona, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        r = services.ringkasan_pemda(persona.evaluator)
    per = {x["instansi"].kode_unit: x for x in r}
    assert per["KEC-A"]["hasil"].responden == 4 and per["KEC-B"]["periode"] is None
    assert {x["instansi"].kode_unit for x in services.ringkasan_pemda(persona.b.camat)} == {"KEC-B"}


def test_narasi_dan_tanda_tangan(survei, persona):
    p, _sk, _leg = survei
    a = persona.a
    services.simpan_narasi(aktor=a.kasubag, periode=p, data={"kesimpulan": "Baik."})
    with pytest.raises(ValidationError, match="tidak dikenal"):
        services.simpan_narasi(aktor=a.kasubag, periode=p, data={"lain": "x"})
    p = services.tandatangani_periode(aktor=a.camat, periode=p)
    assert p.status == "ditandatangani" and p.pdf.name.endswith(".pdf") and p.docx.name
    assert p.isi_beku["hasil"]["ikm"] == "76,39" and p.isi_beku["narasi"]["kesimpulan"] == "Baik."
    assert p.isi_beku["periode"]["draf"] is False
    with pytest.raises(ValidationError, match="sudah ditandatangani"):
        services.simpan_narasi(aktor=a.kasubag, periode=p, data={"kesimpulan": "Ubah"})


def test_tanda_tangan_tanpa_responden_ditolak(persona):
    p = bangun.periode(persona.a)
    with pytest.raises(ValidationError, match="Belum ada responden"):
        services.tandatangani_periode(aktor=persona.a.camat, periode=p)
    p.refresh_from_db()
    assert p.status == "dibuka" and not p.pdf


@pytest.fixture
def indikator_ikm(persona):
    from sakip.perencanaan.models import Indikator
    from sakip.perencanaan.tests import bangun as bangun_rencana

    r = bangun_rencana.renstra(persona.a)
    return Indikator.objects.get(renstra=r, kode="IT1")


def test_catat_realisasi_ikm(survei, persona, indikator_ikm):
    from sakip.pengukuran.models import Realisasi

    p, _sk, _leg = survei
    a = persona.a
    assert list(services.indikator_ikm(p)) == [indikator_ikm]
    r = services.catat_realisasi_ikm(aktor=a.kasubag, periode=p, indikator=indikator_ikm)
    assert (r.tahun, r.bulan, r.nilai, r.status) == (2025, 12, Decimal("76.39"), "diajukan")
    # again: the same month's row is updated, never a second one
    services.catat_realisasi_ikm(aktor=a.kasubag, periode=p, indikator=indikator_ikm)
    assert Realisasi.objects.filter(indikator=indikator_ikm).count() == 1
    with pytest.raises(PermissionDenied):
        services.catat_realisasi_ikm(aktor=persona.evaluator, periode=p, indikator=indikator_ikm)
    lain = bangun.periode(persona.b)
    with pytest.raises(ValidationError, match="bukan indikator"):
        services.catat_realisasi_ikm(aktor=persona.b.camat, periode=lain, indikator=indikator_ikm)


def test_templat_word_bawaan_lolos_pemeriksaan_unggahan():
    # Agencies download the built-in template, restyle it and upload it back.
    from sakip.dokumen.jenis import jenis_dokumen
    from sakip.dokumen.templat import periksa_templat

    jenis = jenis_dokumen("laporan_skm")
    assert periksa_templat(jenis.bawaan.read_bytes(), jenis) == []
