"""Planning rules with their Indonesian messages (docs/domain.md §6–7)."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import override_settings

from sakip.audit.models import CatatanAudit
from sakip.perencanaan import services
from sakip.perencanaan.models import (
    AnggaranPK,
    DokumenAnggaran,
    Indikator,
    IndikatorPK,
    PerjanjianKinerja,
    Renstra,
    SasaranPK,
    Skala,
    TargetTahunan,
    Tujuan,
)


@pytest.fixture
def renstra(persona):
    a = persona.a
    r = services.simpan(
        aktor=a.kasubag, objek=Renstra(instansi=a.instansi, tahun_awal=2021, tahun_akhir=2026)
    )
    tujuan = services.simpan(
        aktor=a.kasubag, objek=Tujuan(renstra=r, kode="T1", uraian="Meningkatkan pelayanan")
    )
    return r, tujuan


def _indikator(renstra, tujuan, **kw):
    kw.setdefault("kode", "I1")
    kw.setdefault("nama", "Indeks Kepuasan Masyarakat")
    kw.setdefault("satuan", "nilai")
    return Indikator(renstra=renstra, tujuan=tujuan, **kw)


def test_target_angka_dan_tahun_dalam_periode(persona, renstra):
    r, tujuan = renstra
    a = persona.a
    ikm = services.simpan(aktor=a.kasubag, objek=_indikator(r, tujuan, baseline=Decimal("78")))
    services.simpan(aktor=a.kasubag, objek=TargetTahunan(indikator=ikm, tahun=2024, target=82))
    with pytest.raises(ValidationError, match="Tahun 2027 di luar periode Renstra 2021–2026"):
        services.simpan(aktor=a.kasubag, objek=TargetTahunan(indikator=ikm, tahun=2027, target=85))
    with pytest.raises(ValidationError, match="target harus angka"):
        services.simpan(
            aktor=a.kasubag, objek=TargetTahunan(indikator=ikm, tahun=2025, target_skala="A")
        )


def test_target_skala_hanya_nilai_skala(persona, renstra):
    r, tujuan = renstra
    a = persona.a
    opini = Skala.objects.create(pemda=persona.pemda, nama="Opini BPK", nilai=["WTP", "WDP", "TW"])
    i = services.simpan(
        aktor=a.kasubag,
        objek=_indikator(r, tujuan, kode="I2", nama="Opini BPK", satuan="opini", skala=opini),
    )
    services.simpan(
        aktor=a.kasubag, objek=TargetTahunan(indikator=i, tahun=2025, target_skala="WTP")
    )
    with pytest.raises(ValidationError, match="“WPT” bukan nilai skala Opini BPK"):
        services.simpan(
            aktor=a.kasubag, objek=TargetTahunan(indikator=i, tahun=2026, target_skala="WPT")
        )
    with pytest.raises(ValidationError, match="isi nilai skala, bukan angka"):
        services.simpan(aktor=a.kasubag, objek=TargetTahunan(indikator=i, tahun=2026, target=1))


def test_target_rentang(persona, renstra):
    r, tujuan = renstra
    a = persona.a
    i = services.simpan(
        aktor=a.kasubag,
        objek=_indikator(
            r, tujuan, kode="I3", nama="Realisasi anggaran", satuan="%", polaritas="rentang"
        ),
    )
    services.simpan(
        aktor=a.kasubag, objek=TargetTahunan(indikator=i, tahun=2025, target=90, target_atas=100)
    )
    with pytest.raises(ValidationError, match="batas bawah dan batas atas"):
        services.simpan(aktor=a.kasubag, objek=TargetTahunan(indikator=i, tahun=2026, target=90))
    with pytest.raises(ValidationError, match="tidak boleh lebih kecil"):
        services.simpan(
            aktor=a.kasubag, objek=TargetTahunan(indikator=i, tahun=2026, target=95, target_atas=90)
        )


def test_renja_tahun_di_luar_renstra_ditolak(persona, renstra):
    r, _t = renstra
    with pytest.raises(ValidationError, match="Tahun 2030 di luar periode Renstra"):
        services.simpan(
            aktor=persona.a.kasubag,
            objek=DokumenAnggaran(
                instansi=persona.a.instansi, renstra=r, jenis="renja", tahun=2030
            ),
        )


def test_evaluator_dan_instansi_lain_tidak_boleh_mengubah(persona, renstra):
    r, tujuan = renstra
    for orang in (persona.evaluator, persona.b.kasubag):
        with pytest.raises(PermissionDenied):
            services.simpan(aktor=orang, objek=_indikator(r, tujuan, kode="X"))
    assert not Indikator.objects.filter(kode="X").exists()


def _pk_berisi(persona, tahun=2026):
    a = persona.a
    pk = services.buat_pk(aktor=a.kasubag, jabatan=a.j_camat, tahun=tahun)
    s = services.simpan(aktor=a.kasubag, objek=SasaranPK(pk_dokumen=pk, uraian="Pelayanan prima"))
    services.simpan(
        aktor=a.kasubag, objek=IndikatorPK(sasaran=s, nama="IKM", satuan="nilai", target=82)
    )
    services.simpan(
        aktor=a.kasubag,
        objek=AnggaranPK(pk_dokumen=pk, uraian="Program Penunjang", anggaran=Decimal("1500000")),
    )
    return pk


def _dpa(persona, renstra, tanggal, tahun=2026):
    return DokumenAnggaran.objects.create(
        instansi=persona.a.instansi,
        renstra=renstra,
        jenis="dpa",
        tahun=tahun,
        tanggal_pengesahan=tanggal,
    )


def test_pk_pihak_dari_pohon_jabatan(persona):
    a = persona.a
    pk_camat = services.buat_pk(aktor=a.kasubag, jabatan=a.j_camat, tahun=2026)
    assert (pk_camat.pihak_pertama, pk_camat.pihak_kedua) == (a.camat, None)
    assert pk_camat.pihak_kedua_jabatan == "Bupati Uji"
    pk_sekcam = services.buat_pk(aktor=a.kasubag, jabatan=a.j_sekcam, tahun=2026)
    assert (pk_sekcam.pihak_pertama, pk_sekcam.pihak_kedua) == (a.sekcam, a.camat)


def test_pk_hanya_ditandatangani_setelah_dpa_disahkan(persona, renstra):
    r, _t = renstra
    pk = _pk_berisi(persona)
    tanggal = datetime.date(2026, 1, 10)
    with pytest.raises(services.AturanPerencanaan, match="DPA tahun 2026 belum disahkan"):
        services.tandatangani_pk(aktor=persona.a.camat, pk=pk, tanggal=tanggal)
    dpa = _dpa(persona, r, None)
    with pytest.raises(services.AturanPerencanaan, match="belum disahkan"):
        services.tandatangani_pk(aktor=persona.a.camat, pk=pk, tanggal=tanggal)
    dpa.tanggal_pengesahan = datetime.date(2026, 1, 15)
    dpa.save()
    with pytest.raises(services.AturanPerencanaan, match="tidak boleh sebelum pengesahan DPA"):
        services.tandatangani_pk(aktor=persona.a.camat, pk=pk, tanggal=tanggal)
    hasil = services.tandatangani_pk(
        aktor=persona.a.camat, pk=pk, tanggal=datetime.date(2026, 1, 20)
    )
    assert hasil.peringatan == "" and hasil.pk.status == "ditandatangani"


@override_settings(PK_BATAS_HARI_SETELAH_DPA=30)
def test_pk_terlambat_diberi_peringatan(persona, renstra):
    r, _t = renstra
    _dpa(persona, r, datetime.date(2025, 12, 30))
    pk = _pk_berisi(persona)
    hasil = services.tandatangani_pk(
        aktor=persona.a.camat, pk=pk, tanggal=datetime.date(2026, 3, 2)
    )
    assert "62 hari setelah DPA disahkan, melewati batas 30 hari" in hasil.peringatan
    assert PerjanjianKinerja.objects.get(pk=pk.pk).peringatan == hasil.peringatan


def test_pk_bertanda_tangan_beku_dan_revisi_menyimpan_yang_lama(persona, renstra):
    r, _t = renstra
    a = persona.a
    _dpa(persona, r, datetime.date(2025, 12, 30))
    pk = _pk_berisi(persona)
    services.tandatangani_pk(aktor=a.camat, pk=pk, tanggal=datetime.date(2026, 1, 5))
    indikator = IndikatorPK.objects.get(sasaran__pk_dokumen=pk)
    indikator.target = 90
    with pytest.raises(services.AturanPerencanaan, match="sudah ditandatangani"):
        services.simpan(aktor=a.kasubag, objek=indikator)
    with pytest.raises(services.AturanPerencanaan, match="Pilih alasan revisi"):
        services.revisi_pk(aktor=a.kasubag, pk=pk, alasan="iseng")
    baru = services.revisi_pk(
        aktor=a.kasubag, pk=pk, alasan="anggaran", keterangan="APBD Perubahan 2026"
    )
    assert (baru.nomor_revisi, baru.revisi_dari, baru.status) == (1, pk, "draf")
    lama = PerjanjianKinerja.objects.get(pk=pk.pk)
    assert lama.status == "diganti" and lama.ditandatangani_pada is not None
    assert IndikatorPK.objects.get(sasaran__pk_dokumen=lama).target == 82  # kept as signed
    i_baru = IndikatorPK.objects.get(sasaran__pk_dokumen=baru)
    i_baru.target = 90
    services.simpan(aktor=a.kasubag, objek=i_baru)  # the revision is editable
    assert baru.total_anggaran() == Decimal("1500000")
    assert CatatanAudit.objects.filter(keterangan="Membuat revisi PK").count() == 1


def test_kaskade_menunjukkan_sasaran_tak_diturunkan_dan_anggaran_tak_sesuai(persona):
    a = persona.a
    atas = _pk_berisi(persona)
    s2 = services.simpan(aktor=a.kasubag, objek=SasaranPK(pk_dokumen=atas, uraian="Tata kelola"))
    assert [t.jenis for t in services.periksa_kaskade(atas)] == ["belum_ada_bawahan"]
    bawah = services.buat_pk(aktor=a.kasubag, jabatan=a.j_sekcam, tahun=2026, pk_atasan=atas)
    assert bawah.sasaran.count() == 2  # cascaded down from the superior's PK
    SasaranPK.objects.filter(pk_dokumen=bawah, sasaran_atasan=s2).delete()
    services.simpan(
        aktor=a.kasubag,
        objek=AnggaranPK(
            pk_dokumen=bawah, uraian="Kegiatan perencanaan", anggaran=Decimal("1000000")
        ),
    )
    temuan = services.periksa_kaskade(atas)
    assert [t.jenis for t in temuan] == ["sasaran_tak_diturunkan", "anggaran_tidak_sesuai"]
    assert "“Tata kelola”" in temuan[0].pesan
    assert "Rp 1.000.000" in temuan[1].pesan and "Rp 1.500.000" in temuan[1].pesan
    services.simpan(
        aktor=a.kasubag,
        objek=SasaranPK(pk_dokumen=bawah, uraian="Tata kelola", sasaran_atasan=s2),
    )
    services.simpan(
        aktor=a.kasubag,
        objek=AnggaranPK(pk_dokumen=bawah, uraian="Kegiatan umum", anggaran=Decimal("500000")),
    )
    assert services.periksa_kaskade(atas) == []


def test_pk_jabatan_lowong_ditolak(persona):
    a = persona.a
    a.staf.jabatan = None
    a.staf.save()
    with pytest.raises(services.AturanPerencanaan, match="lowong"):
        services.buat_pk(aktor=a.kasubag, jabatan=a.j_staf, tahun=2026)


def test_satu_pk_berlaku_per_jabatan_tahun(persona):
    a = persona.a
    services.buat_pk(aktor=a.kasubag, jabatan=a.j_camat, tahun=2026)
    with pytest.raises(ValidationError, match="sudah punya PK"):
        services.buat_pk(aktor=a.kasubag, jabatan=a.j_camat, tahun=2026)


def test_rka_disalin_dari_renja_lalu_dpa_dari_rka(persona, renstra):
    from sakip.perencanaan.models import AnggaranKas, IndikatorItem, ItemAnggaran

    r, _t = renstra
    a = persona.a
    renja = services.simpan(
        aktor=a.kasubag,
        objek=DokumenAnggaran(instansi=a.instansi, renstra=r, jenis="renja", tahun=2026),
    )
    prog = services.simpan(
        aktor=a.kasubag,
        objek=ItemAnggaran(
            dokumen=renja, level="program", kode="7.01.01", nama="Penunjang", pagu=900
        ),
    )
    keg = services.simpan(
        aktor=a.kasubag,
        objek=ItemAnggaran(
            dokumen=renja,
            induk=prog,
            level="kegiatan",
            kode="7.01.01.2.01",
            nama="Perencanaan",
            pagu=900,
        ),
    )
    services.simpan(
        aktor=a.kasubag, objek=IndikatorItem(item=keg, nama="Dokumen", satuan="dokumen", target=3)
    )
    with pytest.raises(services.AturanPerencanaan, match="DPA disalin dari rka"):
        services.salin_dokumen_anggaran(aktor=a.kasubag, sumber=renja, jenis="dpa")
    rka = services.salin_dokumen_anggaran(aktor=a.kasubag, sumber=renja, jenis="rka")
    keg_rka = rka.item.get(kode="7.01.01.2.01")
    assert keg_rka.induk.kode == "7.01.01" and keg_rka.induk.dokumen == rka
    assert keg_rka.indikator.get().target == 3
    AnggaranKas.objects.create(item=keg_rka, bulan=3, jumlah=900)
    dpa = services.salin_dokumen_anggaran(aktor=a.kasubag, sumber=rka, jenis="dpa")
    assert dpa.item.get(kode="7.01.01.2.01").kas.get().jumlah == 900
    assert renja.item.count() == 2  # the source is untouched
    with pytest.raises(ValidationError):
        services.salin_dokumen_anggaran(aktor=a.kasubag, sumber=renja, jenis="rka")  # exists
