"""Stories of one run: Staf types, Kasubag rejects, Staf fixes, Sekretaris initials, Camat signs."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from sakip.audit.models import AppendOnlyError, CatatanAudit
from sakip.organisasi.models import PelaksanaTugas
from sakip.sop import engine, services
from sakip.sop.engine import KesalahanAlur
from sakip.sop.models import Lampiran, Pelaksanaan, Peristiwa, Tugas
from sakip.testing import pdf_uji

from .conftest import jalankan_sampai

PDF = pdf_uji()


def _buka(p) -> Tugas:
    return p.tugas.get(status=Tugas.Status.TERBUKA)


def test_langkah_masuk_kotak_pemegang_jabatan(persona, laporan_bulanan):
    a = persona.a
    p = engine.mulai(aktor=a.kasubag, sop=laporan_bulanan, judul="Laporan Bulanan Oktober 2026")
    t = _buka(p)
    assert (t.langkah_no, t.jabatan, t.pelaksana_nama) == (1, a.j_kasubag, "Kasubag Evapor")
    assert t in engine.kotak_tugas(a.kasubag)
    assert t not in engine.kotak_tugas(a.staf)
    assert t not in engine.kotak_tugas(persona.b.kasubag)  # same position name, other agency
    assert t.tenggat is not None and t.waktu_baku_menit == 20
    # the holder was told
    assert a.kasubag.notifikasi.filter(judul__contains="Tugas baru").exists()


def test_cerita_tolak_perbaiki_setuju_paraf_tandatangan(persona, laporan_bulanan):
    a = persona.a
    p = engine.mulai(aktor=a.kasubag, sop=laporan_bulanan, judul="Laporan Bulanan Oktober 2026")
    engine.selesaikan(aktor=a.kasubag, tugas=_buka(p), catatan="Bahan: DPA, LRA")
    ketik = _buka(p)
    assert ketik.langkah_no == 2 and ketik.jabatan == a.j_staf
    engine.selesaikan(
        aktor=a.staf,
        tugas=ketik,
        catatan="Draf v1",
        berkas=[SimpleUploadedFile("draf.pdf", PDF, "application/pdf")],
    )
    periksa = _buka(p)
    assert periksa.langkah_no == 3
    with pytest.raises(KesalahanAlur, match="catatan perbaikan"):
        engine.putuskan(aktor=a.kasubag, tugas=periksa, setuju=False, catatan=" ")
    engine.putuskan(aktor=a.kasubag, tugas=periksa, setuju=False, catatan="Tabel capaian salah")
    kembali = _buka(p)
    assert kembali.langkah_no == 2 and kembali.jabatan == a.j_staf  # back to the typist
    engine.selesaikan(aktor=a.staf, tugas=kembali, catatan="Draf v2, tabel diperbaiki")
    engine.putuskan(aktor=a.kasubag, tugas=_buka(p), setuju=True)
    paraf = _buka(p)
    assert paraf.langkah_no == 4 and paraf.jabatan == a.j_sekcam
    engine.selesaikan(aktor=a.sekcam, tugas=paraf, catatan="Diparaf")
    ttd = _buka(p)
    assert ttd.langkah_no == 5 and ttd.jabatan == a.j_camat
    engine.selesaikan(aktor=a.camat, tugas=ttd, catatan="Ditandatangani")

    jenis = list(p.peristiwa.values_list("jenis", "langkah_no"))
    assert jenis == [
        ("mulai", None),
        ("selesai", 1),
        ("selesai", 2),
        ("tolak", 3),
        ("selesai", 2),
        ("setuju", 3),
        ("selesai", 4),
        ("selesai", 5),
    ]
    tolak = p.peristiwa.get(jenis="tolak")
    assert tolak.catatan == "Tabel capaian salah" and tolak.aktor == a.kasubag
    assert Lampiran.objects.get().nama_asli == "draf.pdf"
    assert CatatanAudit.objects.filter(content_type__model="tugas", aktor=a.staf).count() == 2


def test_subprosedur_berjalan_lalu_induk_melanjutkan(persona, laporan_bulanan):
    a = persona.a
    p = engine.mulai(aktor=a.kasubag, sop=laporan_bulanan, judul="Laporan Bulanan Oktober 2026")
    perintah = jalankan_sampai(p, 6)
    engine.selesaikan(aktor=a.camat, tugas=perintah, catatan="Gandakan dan kirim")
    p.refresh_from_db()
    assert p.status == Pelaksanaan.Status.MENUNGGU
    anak = p.anak.get()
    assert anak.sop.kode == "pengiriman-surat" and anak.langkah_induk == 6
    assert not p.tugas.filter(status="terbuka").exists()
    # drive the child to its end
    for _ in range(20):
        anak.refresh_from_db()
        if anak.status == Pelaksanaan.Status.SELESAI:
            break
        t = _buka(anak)
        pelaku = engine.penerima_tugas(t)[0]
        if anak.versi.langkah_ke(t.langkah_no).get("keputusan"):
            engine.putuskan(aktor=pelaku, tugas=t, setuju=True)
        else:
            engine.selesaikan(aktor=pelaku, tugas=t)
    p.refresh_from_db()
    assert anak.status == Pelaksanaan.Status.SELESAI
    assert p.status == Pelaksanaan.Status.BERJALAN
    assert _buka(p).langkah_no == 7  # the parent resumed after the referencing step
    assert p.peristiwa.filter(jenis__in=["sub_mulai", "sub_selesai"]).count() == 2


def test_bertindak_atas_tugas_orang_lain_ditolak(persona, laporan_bulanan):
    a = persona.a
    p = engine.mulai(aktor=a.kasubag, sop=laporan_bulanan, judul="LB")
    t = _buka(p)
    for orang in (a.staf, a.camat, persona.b.kasubag):
        with pytest.raises(KesalahanAlur, match="bukan untuk Anda"):
            engine.selesaikan(aktor=orang, tugas=t)
    assert _buka(p).pk == t.pk and p.peristiwa.count() == 1


def test_bertindak_atas_tugas_yang_sudah_selesai(persona, laporan_bulanan):
    a = persona.a
    p = engine.mulai(aktor=a.kasubag, sop=laporan_bulanan, judul="LB")
    t = _buka(p)
    engine.selesaikan(aktor=a.kasubag, tugas=t)
    with pytest.raises(KesalahanAlur, match="sudah diselesaikan oleh Kasubag Alpha"):
        engine.selesaikan(aktor=a.kasubag, tugas=t)  # the double click
    assert p.tugas.count() == 2


def test_bertindak_atas_pelaksanaan_dibatalkan(persona, laporan_bulanan):
    a = persona.a
    p = engine.mulai(aktor=a.kasubag, sop=laporan_bulanan, judul="LB")
    t = _buka(p)
    with pytest.raises(KesalahanAlur, match="Hanya kepala"):
        engine.batalkan(aktor=a.sekcam, pelaksanaan=p, alasan="x")
    with pytest.raises(KesalahanAlur, match="alasan"):
        engine.batalkan(aktor=a.camat, pelaksanaan=p, alasan="")
    engine.batalkan(aktor=a.camat, pelaksanaan=p, alasan="Salah periode")
    with pytest.raises(KesalahanAlur, match="selesai atau dibatalkan"):
        engine.selesaikan(aktor=a.kasubag, tugas=t)
    p.refresh_from_db()
    assert p.status == "dibatalkan" and p.tugas.get().status == "dibatalkan"
    assert p.peristiwa.last().jenis == "batal"


def test_lampiran_salah_jenis_tidak_meninggalkan_apa_pun(persona, laporan_bulanan):
    from sakip.sop.lampiran import BerkasDitolak

    a = persona.a
    p = engine.mulai(aktor=a.kasubag, sop=laporan_bulanan, judul="LB")
    t = _buka(p)
    for berkas, pesan in [
        (SimpleUploadedFile("virus.exe", b"MZ\x90\x00", "application/octet-stream"), "hanya PDF"),
        (SimpleUploadedFile("palsu.pdf", b"MZ\x90\x00bukan pdf", "application/pdf"), "bukan PDF"),
    ]:
        with pytest.raises(BerkasDitolak, match=pesan):
            engine.selesaikan(aktor=a.kasubag, tugas=t, berkas=[berkas])
    assert _buka(p).pk == t.pk and not Lampiran.objects.exists()


def test_klaim_dan_alihkan_ke_pemegang_jabatan_yang_sama(persona, laporan_bulanan):
    from sakip import testing

    a = persona.a
    staf2 = testing.buat_pegawai("staf2.kec-a", instansi=a.instansi, jabatan=a.j_staf)
    p = engine.mulai(aktor=a.kasubag, sop=laporan_bulanan, judul="LB")
    ketik = jalankan_sampai(p, 2)
    assert set(engine.penerima_tugas(ketik)) == {a.staf, staf2}
    engine.klaim(aktor=a.staf, tugas=ketik)
    engine.klaim(aktor=a.staf, tugas=ketik)  # harmless twice
    with pytest.raises(KesalahanAlur, match="sedang dikerjakan Staf Alpha"):
        engine.selesaikan(aktor=staf2, tugas=ketik)
    with pytest.raises(KesalahanAlur, match="tidak memegang jabatan"):
        engine.alihkan(aktor=a.staf, tugas=ketik, kepada=a.camat)
    engine.alihkan(aktor=a.staf, tugas=ketik, kepada=staf2, catatan="Saya cuti")
    assert engine.kotak_tugas(staf2).filter(pk=ketik.pk).exists()
    assert not engine.kotak_tugas(a.staf).filter(pk=ketik.pk).exists()
    engine.selesaikan(aktor=staf2, tugas=ketik)
    assert list(p.peristiwa.filter(langkah_no=2).values_list("jenis", flat=True)) == [
        "klaim",
        "delegasi",
        "selesai",
    ]


def test_plt_menerima_tugas_jabatan_yang_dijabatnya(persona, laporan_bulanan):
    a = persona.a
    a.sekcam.jabatan = None
    a.sekcam.save()
    PelaksanaTugas.objects.create(
        jabatan=a.j_sekcam,
        pegawai=a.kasubag,
        jenis="plt",
        tanggal_mulai=datetime.date.today() - datetime.timedelta(days=1),
    )
    p = engine.mulai(aktor=a.kasubag, sop=laporan_bulanan, judul="LB")
    paraf = jalankan_sampai(p, 4)
    assert paraf.jabatan == a.j_sekcam
    assert engine.penerima_tugas(paraf) == [a.kasubag]
    engine.selesaikan(aktor=a.kasubag, tugas=paraf, catatan="Paraf sebagai Plt.")


def test_versi_baru_tidak_mengubah_pelaksanaan_berjalan(persona, laporan_bulanan):
    a = persona.a
    p = engine.mulai(aktor=a.kasubag, sop=laporan_bulanan, judul="LB lama")
    v1 = p.versi
    definisi = {**v1.definisi, "langkah": [dict(lg) for lg in v1.definisi["langkah"]]}
    definisi["langkah"][1]["waktu"] = "2 jam"
    v2 = services.simpan_versi(aktor=a.camat, sop=laporan_bulanan, definisi=definisi, catatan="uji")
    assert v2.nomor == 2
    assert services.simpan_versi(aktor=a.camat, sop=laporan_bulanan, definisi=definisi) == v2
    ketik_lama = jalankan_sampai(p, 2)
    assert ketik_lama.waktu_baku_menit == 20  # the old run keeps its version
    baru = engine.mulai(aktor=a.kasubag, sop=laporan_bulanan, judul="LB baru")
    assert jalankan_sampai(baru, 2).waktu_baku_menit == 120


def test_simpan_versi_menolak_waktu_dan_pelaksana_tak_dikenal(persona, laporan_bulanan):
    v1 = laporan_bulanan.versi_terbaru()
    definisi = {**v1.definisi, "langkah": [dict(lg) for lg in v1.definisi["langkah"]]}
    definisi["langkah"][0]["waktu"] = "sebentar"
    definisi["langkah"][1]["pelaksana"] = "Kaban"
    with pytest.raises(KesalahanAlur) as exc:
        services.simpan_versi(aktor=persona.a.camat, sop=laporan_bulanan, definisi=definisi)
    assert "“Kaban” belum dipetakan" in str(exc.value)
    assert "waktu “sebentar” tidak dapat dibaca" in str(exc.value)
    with pytest.raises(services.PermissionDenied):
        services.simpan_versi(aktor=persona.a.staf, sop=laporan_bulanan, definisi=v1.definisi)


def test_adopsi_kode_tak_dikenal_dan_pelaksana_belum_dipetakan(persona):
    with pytest.raises(KesalahanAlur, match="tidak ada di pustaka"):
        services.adopsi(aktor=persona.a.camat, instansi=persona.a.instansi, kode="tidak-ada")
    with pytest.raises(KesalahanAlur, match="belum dipetakan"):
        services.adopsi(aktor=persona.a.camat, instansi=persona.a.instansi, kode="003-evaluasi")
    with pytest.raises(services.PermissionDenied):
        services.adopsi(aktor=persona.a.staf, instansi=persona.a.instansi, kode="000-rka")


def test_hanya_pelaksana_langkah_pertama_atau_kepala_yang_memulai(persona, laporan_bulanan):
    with pytest.raises(KesalahanAlur, match="pelaksana langkah pertama"):
        engine.mulai(aktor=persona.a.staf, sop=laporan_bulanan, judul="LB")
    engine.mulai(aktor=persona.a.camat, sop=laporan_bulanan, judul="LB oleh Camat")


def test_log_peristiwa_tidak_bisa_diubah(persona, laporan_bulanan):
    p = engine.mulai(aktor=persona.a.kasubag, sop=laporan_bulanan, judul="LB")
    e = p.peristiwa.get()
    with pytest.raises(AppendOnlyError):
        e.save()
    with pytest.raises(AppendOnlyError):
        Peristiwa.objects.all().delete()
    with pytest.raises(AppendOnlyError):
        Peristiwa.objects.update(catatan="x")


def test_tim_dibentuk_di_langkahnya_dan_menerima_tugas_tim(persona):
    from sakip.organisasi.models import PemetaanPelaksana

    a = persona.a
    PemetaanPelaksana.objects.create(
        instansi=a.instansi, nama_pelaksana="Kasubag Umum", jabatan=a.j_kasubag
    )
    sop = services.adopsi(aktor=a.camat, instansi=a.instansi, kode="000-perjanjian-kinerja")
    p = engine.mulai(aktor=a.camat, sop=sop, judul="PK 2026")
    engine.selesaikan(aktor=a.camat, tugas=_buka(p), catatan="Susun PK")
    bentuk = _buka(p)
    assert p.versi.langkah_ke(bentuk.langkah_no).get("bentuk_tim")
    with pytest.raises(KesalahanAlur, match="anggota tim"):
        engine.selesaikan(aktor=a.sekcam, tugas=bentuk)
    with pytest.raises(KesalahanAlur, match="harus pegawai Kecamatan Alpha"):
        engine.selesaikan(aktor=a.sekcam, tugas=bentuk, tim=[persona.b.staf], ketua=persona.b.staf)
    engine.selesaikan(aktor=a.sekcam, tugas=bentuk, tim=[a.kasubag, a.staf], ketua=a.kasubag)
    rapat = _buka(p)
    assert rapat.untuk_tim and rapat.jabatan is None
    assert engine.kotak_tugas(a.staf).filter(pk=rapat.pk).exists()
    assert not engine.kotak_tugas(a.camat).filter(pk=rapat.pk).exists()
