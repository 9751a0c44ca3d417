"""A data request from the Pemda (seed 003) travels as an SOP task to every agency.

The story: the evaluator of Bagian Organisasi asks every kecamatan for its data up to
March 2025; the Kasubag of Alpha gathers it, Staf types the answer, the Sekretaris sends it
back once, Staf fixes it, the Sekretaris approves, the Camat signs (the data is frozen and
sent) and Staf sends the cover letter. The Pemda then compiles the answers.
"""

import datetime
from decimal import Decimal as D
from io import BytesIO

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from openpyxl import load_workbook

from sakip.audit.models import CatatanAudit
from sakip.notifikasi.models import Notifikasi
from sakip.organisasi.models import PemetaanPelaksana
from sakip.pengukuran import permintaan as layanan
from sakip.pengukuran.models import JawabanData, PermintaanData, Realisasi
from sakip.perencanaan.tests import bangun
from sakip.sop import dokumen_terikat, engine
from sakip.sop import services as sop_services
from sakip.sop.models import Pelaksanaan, SopInstansi, Tugas

TAHUN = 2025


def isi_realisasi(agensi, kode: str, bulan: int, nilai) -> Realisasi:
    renstra = agensi.instansi.renstra.get()
    indikator = renstra.indikator.get(kode=kode)
    angka = isinstance(nilai, int | float | D)
    return Realisasi.objects.create(
        instansi=agensi.instansi,
        tahun=TAHUN,
        bulan=bulan,
        indikator=indikator,
        nilai=D(str(nilai)) if angka else None,
        nilai_skala="" if angka else nilai,
        status=Realisasi.Status.DISETUJUI,
    )


@pytest.fixture
def data(persona):
    """Both kecamatan have a Renstra; Alpha measured IKM 42 in March (target 84 → 50%)."""
    bangun.renstra(persona.a)
    bangun.renstra(persona.b)
    isi_realisasi(persona.a, "IT1", 3, 42)
    isi_realisasi(persona.a, "IS2", 3, "WTP")
    return persona


def kirim(persona, aktor=None, **kw):
    nilai = {
        "judul": "Data kinerja triwulan I 2025",
        "uraian": "Mohon data sampai Maret.",
        "tahun": TAHUN,
        "sampai_bulan": 3,
        "batas_waktu": timezone.localdate() + datetime.timedelta(days=7),
    } | kw
    return layanan.kirim_permintaan(aktor=aktor or persona.evaluator, pemda=persona.pemda, **nilai)


def tugas_di(pegawai):
    return list(engine.kotak_tugas(pegawai))


def test_permintaan_menjadi_tugas_kasubag_di_tiap_instansi(data):
    p = kirim(data)
    jawaban = {j.instansi_id: j for j in p.jawaban.all()}
    assert set(jawaban) == {data.a.instansi.pk, data.b.instansi.pk}
    for agensi in (data.a, data.b):
        [tugas] = tugas_di(agensi.kasubag)
        assert tugas.instansi_id == agensi.instansi.pk
        assert tugas.langkah_no == 1 and tugas.pelaksana_nama == "Kasubag Evapor"
        assert tugas.tenggat is not None
        assert dokumen_terikat.dokumen_dari(tugas.pelaksanaan) == jawaban[agensi.instansi.pk]
        assert tugas_di(agensi.staf) == [] and tugas_di(agensi.camat) == []
        assert jawaban[agensi.instansi.pk].catatan == ""
    # The evaluator holds no position there: the system adopted the SOP, and said so.
    sop = SopInstansi.objects.get(instansi=data.a.instansi, kode=layanan.KODE_SOP)
    catatan = CatatanAudit.objects.get(object_id=str(sop.pk), keterangan__contains="otomatis")
    assert catatan.aktor is None and "Eval Uji" in catatan.keterangan
    assert CatatanAudit.objects.filter(object_id=str(p.pk), aktor=data.evaluator).exists()
    # The run names who asked.
    run = Pelaksanaan.objects.get(instansi=data.a.instansi)
    assert run.peristiwa.filter(aktor=data.evaluator, catatan__contains="Eval Uji").exists()


def test_alpha_menjawab_lewat_sop_dan_rekap_memuatnya(data):
    p = kirim(data)
    a = data.a
    [t1] = tugas_di(a.kasubag)
    engine.selesaikan(aktor=a.kasubag, tugas=t1, catatan="Data Maret lengkap")
    [t2] = tugas_di(a.staf)
    engine.selesaikan(aktor=a.staf, tugas=t2)
    [t3] = tugas_di(a.sekcam)
    engine.putuskan(aktor=a.sekcam, tugas=t3, setuju=False, catatan="Lengkapi IKM")
    [t2b] = tugas_di(a.staf)
    assert t2b.langkah_no == 2
    isi_realisasi(a, "IS3", 3, 90)  # Staf completes the data while fixing the answer
    engine.selesaikan(aktor=a.staf, tugas=t2b)
    [t3b] = tugas_di(a.sekcam)
    # The second review sees what changed since the first one.
    perubahan = engine.perubahan_sejak_pemeriksaan(t3b.pelaksanaan)
    assert any("IS3" in kunci for kunci, _lama, _baru in perubahan)
    engine.putuskan(aktor=a.sekcam, tugas=t3b, setuju=True)
    jawaban = JawabanData.objects.get(permintaan=p, instansi=a.instansi)
    assert jawaban.status == JawabanData.Status.MENUNGGU
    [t4] = tugas_di(a.camat)
    engine.selesaikan(aktor=a.camat, tugas=t4)  # tanda_tangan: frozen and sent

    jawaban.refresh_from_db()
    assert jawaban.status == JawabanData.Status.DIKIRIM
    assert jawaban.dikirim_oleh == a.camat and jawaban.dikirim_pada is not None
    per_kode = {i["kode"]: i for i in jawaban.isi["indikator"]}
    assert D(per_kode["IT1"]["realisasi"]) == 42
    assert D(per_kode["IT1"]["capaian"]) == 50
    assert per_kode["IS2"]["realisasi"] == "WTP" and D(per_kode["IS2"]["capaian"]) == 100
    assert D(per_kode["IS3"]["capaian"]) == 100
    assert per_kode["IT1"]["bulanan"][:2] == [None, None] and len(per_kode["IT1"]["bulanan"]) == 3
    assert D(jawaban.isi["rata_capaian"]) == D("250") / 3
    assert jawaban.isi["kelengkapan"] == {"terisi": 3, "diharapkan": 15}
    # The evaluator is told; the run waits for Staf to send the cover letter.
    assert Notifikasi.objects.filter(penerima=data.evaluator, judul__contains="Alpha").exists()
    [t5] = tugas_di(a.staf)
    assert t5.langkah_no == 5
    engine.selesaikan(aktor=a.staf, tugas=t5)
    assert Pelaksanaan.objects.get(pk=t5.pelaksanaan_id).status == Pelaksanaan.Status.SELESAI

    # Data entered after signing does not change what was sent.
    isi_realisasi(a, "IT1", 2, 84)
    jawaban.refresh_from_db()
    assert D(jawaban.isi["rata_capaian"]) == D("250") / 3

    r = layanan.rekap(p)
    assert [j.instansi.nama for j in r.jawaban] == ["Kecamatan Alpha", "Kecamatan Beta"]
    assert r.jumlah_dikirim == 1
    ikm = next(b for b in r.baris if b.nama == "Indeks kepuasan masyarakat")
    alpha, beta = ikm.sel
    assert alpha.capaian == 50 and alpha.target == "84" and beta is None

    buku = load_workbook(BytesIO(layanan.rekap_excel(r)))
    assert buku.sheetnames == ["Rekap", "Rincian", "Status"]
    rekap = [list(baris) for baris in buku["Rekap"].iter_rows(values_only=True)]
    assert rekap[3][:4] == [
        "Indikator",
        "Satuan",
        "Kecamatan Alpha (capaian %)",
        "Kecamatan Beta (capaian %)",
    ]
    assert ["Indeks kepuasan masyarakat", "Indeks", 50.0, None] in rekap
    status = [list(b) for b in buku["Status"].iter_rows(values_only=True)]
    assert status[1][:2] == ["Kecamatan Alpha", "Dikirim"]
    assert status[2][:2] == ["Kecamatan Beta", "Menunggu"]


def test_instansi_tanpa_pemetaan_mendapat_catatan_yang_lain_tetap_bertugas(data):
    PemetaanPelaksana.objects.filter(
        instansi=data.b.instansi, nama_pelaksana="Kasubag Evapor"
    ).delete()
    p = kirim(data)
    beta = p.jawaban.get(instansi=data.b.instansi)
    assert "Kasubag Evapor" in beta.catatan and beta.status == JawabanData.Status.MENUNGGU
    assert not Pelaksanaan.objects.filter(instansi=data.b.instansi).exists()
    assert not SopInstansi.objects.filter(instansi=data.b.instansi).exists()
    assert len(tugas_di(data.a.kasubag)) == 1
    assert p.jawaban.get(instansi=data.a.instansi).catatan == ""
    # The Camat of Beta is told why, with a link to the answer.
    pesan = Notifikasi.objects.get(penerima=data.b.camat)
    assert "Kasubag Evapor" in pesan.isi and pesan.tautan == layanan.url_jawaban(beta)

    # Once mapped, the Camat adopts and starts the SOP: the run finds the waiting answer.
    PemetaanPelaksana.objects.create(
        instansi=data.b.instansi, nama_pelaksana="Kasubag Evapor", jabatan=data.b.j_kasubag
    )
    sop = sop_services.adopsi(aktor=data.b.camat, instansi=data.b.instansi, kode=layanan.KODE_SOP)
    run = engine.mulai(aktor=data.b.camat, sop=sop, judul="Jawaban data TW I")
    assert dokumen_terikat.dokumen_dari(run) == beta
    assert len(tugas_di(data.b.kasubag)) == 1


def test_admin_pemda_mengadopsi_dengan_haknya_sendiri(data):
    kirim(data, aktor=data.admin_pemda)
    sop = SopInstansi.objects.get(instansi=data.a.instansi, kode=layanan.KODE_SOP)
    catatan = CatatanAudit.objects.get(object_id=str(sop.pk), keterangan__contains="Mengadopsi")
    assert catatan.aktor == data.admin_pemda


def test_sop_yang_sudah_diadopsi_dipakai_lagi(data):
    kirim(data)
    kirim(data, judul="Data kinerja Juni", sampai_bulan=6)
    assert SopInstansi.objects.filter(instansi=data.a.instansi).count() == 1
    assert len(tugas_di(data.a.kasubag)) == 2


@pytest.mark.parametrize("siapa", ["evaluator_lain", "camat_a", "admin_lain"])
def test_hanya_peran_pemda_ini_yang_boleh_meminta(data, siapa):
    aktor = {
        "evaluator_lain": data.evaluator_lain,
        "camat_a": data.a.camat,
        "admin_lain": data.admin_lain,
    }[siapa]
    with pytest.raises(PermissionDenied):
        kirim(data, aktor=aktor)
    assert not PermintaanData.objects.exists()


def test_isian_permintaan_diperiksa(data):
    with pytest.raises(ValidationError) as galat:
        kirim(data, judul=" ", sampai_bulan=13, batas_waktu=datetime.date(2020, 1, 1))
    assert len(galat.value.messages) == 3
    assert not PermintaanData.objects.exists()


def test_jawaban_dikirim_kepala_instansinya_sendiri_sekali(data):
    p = kirim(data)
    alpha = p.jawaban.get(instansi=data.a.instansi)
    for bukan in (data.a.kasubag, data.b.camat, data.evaluator):
        with pytest.raises(PermissionDenied):
            layanan.kirim_jawaban(aktor=bukan, jawaban=alpha)
    layanan.kirim_jawaban(aktor=data.a.camat, jawaban=alpha)
    with pytest.raises(ValidationError):
        layanan.kirim_jawaban(aktor=data.a.camat, jawaban=alpha)


def test_status_per_instansi_menunjukkan_langkah_dan_keterlambatan(data):
    p = kirim(data)
    tugas = Tugas.objects.get(instansi=data.a.instansi)
    Tugas.objects.filter(pk=tugas.pk).update(tenggat=timezone.now() - datetime.timedelta(hours=1))
    PermintaanData.objects.filter(pk=p.pk).update(batas_waktu=datetime.date(2025, 4, 10))
    jawaban = list(PermintaanData.objects.get(pk=p.pk).jawaban.select_related("instansi"))
    status = {s.jawaban.instansi_id: s for s in layanan.status_per_instansi(jawaban)}
    alpha, beta = status[data.a.instansi.pk], status[data.b.instansi.pk]
    assert alpha.tugas.langkah_no == 1 and alpha.kondisi == "terlambat" and alpha.lewat_batas
    assert beta.kondisi == "tepat" and beta.pelaksanaan is not None
