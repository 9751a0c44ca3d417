"""One service per planning write, shared by the forms, the API and the Excel import."""

from decimal import Decimal as D

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from sakip.audit.models import CatatanAudit
from sakip.perencanaan import services
from sakip.perencanaan.models import (
    AnggaranKas,
    IndikatorPK,
    RencanaAksi,
    Renstra,
    SasaranPK,
    TargetTahunan,
    Tujuan,
)

from . import bangun


def _jumlah_audit(model) -> int:
    return CatatanAudit.objects.filter(content_type__model=model._meta.model_name).count()


@pytest.fixture
def data(persona):
    a = persona.a
    r = bangun.renstra(a)
    return a, r, bangun.pk(a, r)


def test_rencana_aksi_dibuat_diubah_dan_tetap(persona, data):
    a, _r, pk = data
    ind = IndikatorPK.objects.get(sasaran__pk_dokumen=pk, nama="Layanan selesai tepat waktu")
    hasil = services.simpan_rencana_aksi(
        aktor=a.staf, indikator=ind, periode=1, target=D(90), aksi="Pantau", keterangan="Uji"
    )
    assert hasil.perubahan == services.Perubahan.DIBUAT and hasil.dibuat
    aksi = RencanaAksi.objects.get(indikator=ind, jenis_periode="triwulan", periode=1)
    assert aksi.target == D(90) and aksi.aksi == "Pantau" and aksi.anggaran == 0
    catatan = CatatanAudit.objects.filter(
        content_type__model="rencanaaksi", object_id=str(aksi.pk)
    ).latest("pk")
    assert catatan.keterangan == "Uji" and catatan.aksi == CatatanAudit.Aksi.TAMBAH

    hasil = services.simpan_rencana_aksi(
        aktor=a.staf, indikator=ind, periode=1, target=D(91), aksi="Pantau"
    )
    assert hasil.diubah and hasil.objek.pk == aksi.pk
    sebelum = _jumlah_audit(RencanaAksi)
    hasil = services.simpan_rencana_aksi(
        aktor=a.staf, indikator=ind, periode=1, target=D(91), aksi="Pantau", lama=hasil.objek
    )
    assert hasil.perubahan == services.Perubahan.TETAP
    assert _jumlah_audit(RencanaAksi) == sebelum  # nothing changed: no audit row


def test_rencana_aksi_ditolak_dengan_nama_field(persona, data):
    a, _r, pk = data
    ind = IndikatorPK.objects.get(sasaran__pk_dokumen=pk, nama="Layanan selesai tepat waktu")
    with pytest.raises(ValidationError) as galat:
        services.simpan_rencana_aksi(aktor=a.staf, indikator=ind, periode=5, target=D(1))
    assert "periode" in galat.value.error_dict
    with pytest.raises(PermissionDenied):
        services.simpan_rencana_aksi(aktor=persona.evaluator, indikator=ind, periode=1, target=1)
    assert not RencanaAksi.objects.filter(indikator=ind).exists()


def test_rencana_aksi_di_dalam_transaksi_luar_ikut_batal(persona, data):
    a, _r, pk = data
    ind = IndikatorPK.objects.get(sasaran__pk_dokumen=pk, nama="Layanan selesai tepat waktu")
    with transaction.atomic():
        services.simpan_rencana_aksi(aktor=a.staf, indikator=ind, periode=2, target=D(50))
        with pytest.raises(ValidationError):
            services.simpan_rencana_aksi(aktor=a.staf, indikator=ind, periode=9, target=1)
        transaction.set_rollback(True)
    assert not RencanaAksi.objects.filter(indikator=ind).exists()


def test_target_indikator(persona, data):
    a, r, _pk = data
    ind = r.indikator.get(kode="IT1")
    lama = ind.target.get(tahun=2023)
    hasil = services.simpan_target_indikator(aktor=a.staf, indikator=ind, tahun=2023, target=90)
    assert hasil.diubah and TargetTahunan.objects.get(pk=lama.pk).target == 90
    tetap = services.simpan_target_indikator(
        aktor=a.staf, indikator=ind, tahun=2023, target=D(90), lama=hasil.objek
    )
    assert tetap.perubahan == services.Perubahan.TETAP
    with pytest.raises(ValidationError, match="di luar periode"):
        services.simpan_target_indikator(
            aktor=a.staf, indikator=ind, tahun=2030, target=1, lama=None
        )


def test_target_renstra_ditetapkan_membuka_revisi(persona, data):
    a, r, _pk = data
    Renstra.objects.filter(pk=r.pk).update(status=Renstra.Status.DITETAPKAN)
    ind = r.indikator.get(kode="IT1")
    services.simpan_target_indikator(aktor=a.staf, indikator=ind, tahun=2024, target=D(99))
    assert Renstra.objects.get(pk=r.pk).status == Renstra.Status.DRAF


def test_kas(persona, data):
    a, r, _pk = data
    dokumen = bangun.dokumen(a, r, "dpa")
    sub = dokumen.item.get(kode="7.01.01.2.01.0006")
    hasil = services.simpan_kas(aktor=a.staf, item=sub, bulan=1, jumlah=D(1000))
    assert hasil.dibuat and AnggaranKas.objects.get(item=sub, bulan=1).jumlah == 1000
    hasil = services.simpan_kas(aktor=a.staf, item=sub, bulan=3, jumlah=D(2000))
    assert hasil.diubah and AnggaranKas.objects.get(item=sub, bulan=3).jumlah == 2000
    with pytest.raises(ValidationError):
        services.simpan_kas(aktor=a.staf, item=sub, bulan=13, jumlah=D(1))


def test_tambah_sasaran_pk(persona, data):
    a, r, pk = data
    sasaran = services.tambah_sasaran_pk(
        aktor=a.staf,
        pk=pk,
        sasaran_renstra=r.sasaran.get(kode="S3"),
        indikator=[{"nama": "Arsip tertata", "satuan": "%", "target": D(90)}],
    )
    assert sasaran.uraian == "Tertibnya administrasi umum" and sasaran.urutan == 2
    (ind,) = sasaran.indikator.all()
    assert (ind.nama, ind.target, ind.urutan) == ("Arsip tertata", D(90), 0)
    with pytest.raises(ValidationError) as galat:
        services.tambah_sasaran_pk(aktor=a.staf, pk=pk)
    assert "uraian" in galat.value.error_dict
    with pytest.raises(ValidationError):  # the indicator fails: the sasaran is not kept
        services.tambah_sasaran_pk(aktor=a.staf, pk=pk, uraian="X", indikator=[{"nama": "Y"}])
    assert not SasaranPK.objects.filter(pk_dokumen=pk, uraian="X").exists()


def test_sasaran_pk_ditandatangani_dikunci(persona, data):
    a, r, pk = data
    bangun.dokumen(a, r, "dpa")
    services.tandatangani_pk(aktor=a.staf, pk=pk, tanggal=bangun.TANGGAL_DPA)
    with pytest.raises(services.AturanPerencanaan):
        services.tambah_sasaran_pk(aktor=a.staf, pk=pk, uraian="Baru")
    # The action plan of a signed PK is still adjusted during the year.
    ind = IndikatorPK.objects.filter(sasaran__pk_dokumen=pk).first()
    assert services.simpan_rencana_aksi(aktor=a.staf, indikator=ind, periode=3, target=80).objek


def test_indikator_pk(persona, data):
    a, _r, pk = data
    sasaran = pk.sasaran.get(urutan=0)
    hasil = services.simpan_indikator_pk(
        aktor=a.staf, sasaran=sasaran, nilai={"nama": "Baru", "satuan": "%", "target": D(5)}
    )
    assert hasil.dibuat and hasil.objek.sasaran_id == sasaran.pk
    hasil = services.simpan_indikator_pk(
        aktor=a.staf, sasaran=sasaran, nilai={"target": D(6)}, lama=hasil.objek
    )
    assert hasil.diubah and IndikatorPK.objects.get(pk=hasil.objek.pk).target == 6


def test_simpan_butir_tetap_tanpa_query_relasi(persona, data, django_assert_max_num_queries):
    a, r, _pk = data
    tujuan = r.tujuan.get(kode="T1")
    sasaran = r.sasaran.get(kode="S1")
    with django_assert_max_num_queries(0):
        hasil = services.simpan_butir(
            aktor=a.staf, objek=sasaran, nilai={"tujuan": tujuan, "uraian": sasaran.uraian}
        )
    assert hasil.perubahan == services.Perubahan.TETAP
    baru = services.simpan_butir(
        aktor=a.staf, objek=Tujuan(renstra=r, kode="T9"), nilai={"uraian": "Baru"}
    )
    assert baru.dibuat and baru.objek.pk
