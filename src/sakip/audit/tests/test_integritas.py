"""Audit trail integrity: the database refuses edits; the hash chain shows those it let by."""

import contextlib
import io
import threading

import pytest
from django.contrib import admin
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import IntegrityError, connection, connections, transaction
from django.db.models import ProtectedError
from django.test import RequestFactory

from sakip.audit import penjaga, rantai
from sakip.audit import services as audit
from sakip.audit.context import KonteksPermintaan, lepas_konteks, pasang_konteks
from sakip.audit.models import CatatanAudit, UjungRantai
from sakip.organisasi import services as organisasi
from sakip.sop.models import Peristiwa

TABEL = ["audit_catatanaudit", "sop_peristiwa"]


def _ubah_jabatan(persona, jabatan, kali: int = 1) -> None:
    for _ in range(kali):
        jabatan.urutan = (jabatan.urutan or 0) + 1
        organisasi.simpan_jabatan(aktor=persona.admin_pemda, jabatan=jabatan)


@contextlib.contextmanager
def _tanpa_penjaga(tabel: str):
    """What someone with the table owner's rights can do: drop the trigger, edit, restore."""
    with connection.cursor() as cur:
        for sql in penjaga.sql_lepas(connection.vendor, tabel):
            cur.execute(sql)
    try:
        yield
    finally:
        with connection.cursor() as cur:
            for sql in penjaga.sql_pasang(connection.vendor, tabel):
                cur.execute(sql)


def _periksa(*args) -> tuple[int, str]:
    keluar = io.StringIO()
    try:
        call_command("audit", "periksa", *args, stdout=keluar)
    except CommandError as e:
        return e.returncode, keluar.getvalue() + str(e)
    return 0, keluar.getvalue()


@pytest.fixture
def peristiwa(persona, laporan_bulanan):
    from sakip.sop import engine

    p = engine.mulai(aktor=persona.a.kasubag, sop=laporan_bulanan, judul="LB dijaga")
    return p.peristiwa.get()


@pytest.fixture
def laporan_bulanan(persona):
    from sakip.organisasi.models import PemetaanPelaksana
    from sakip.sop import services as sop

    a = persona.a
    PemetaanPelaksana.objects.create(
        instansi=a.instansi, nama_pelaksana="Kasubag Umum", jabatan=a.j_kasubag
    )
    return sop.adopsi(aktor=a.camat, instansi=a.instansi, kode="000-laporan-bulanan")


# --- the database guard --------------------------------------------------------------


@pytest.mark.parametrize("tabel", TABEL)
def test_penjaga_terpasang_setelah_migrasi(db, tabel):
    # A later migration that rebuilds the table on SQLite would drop the triggers silently.
    assert penjaga.terpasang(connection, tabel)


@pytest.mark.parametrize("sql", ["UPDATE {t} SET {k} = 'x'", "DELETE FROM {t}"])
def test_sql_langsung_ditolak_pada_catatan_audit(persona, sql):
    _ubah_jabatan(persona, persona.a.j_staf)
    ditolak = pytest.raises(IntegrityError, match="hanya boleh ditambah")
    with ditolak, transaction.atomic(), connection.cursor() as cur:
        cur.execute(sql.format(t="audit_catatanaudit", k="keterangan"))
    assert CatatanAudit.objects.filter(keterangan="x").count() == 0


@pytest.mark.parametrize("sql", ["UPDATE {t} SET {k} = 'x'", "DELETE FROM {t}"])
def test_sql_langsung_ditolak_pada_log_peristiwa(peristiwa, sql):
    ditolak = pytest.raises(IntegrityError, match="hanya boleh ditambah")
    with ditolak, transaction.atomic(), connection.cursor() as cur:
        cur.execute(sql.format(t="sop_peristiwa", k="catatan"))
    assert Peristiwa.objects.filter(pk=peristiwa.pk, catatan="").exists()


def test_menghapus_pelaksanaan_atau_pelaku_tidak_menghapus_peristiwa(persona, peristiwa):
    # Cascades and SET_NULL would be DELETE/UPDATE the trigger refuses: PROTECT says it first.
    with pytest.raises(ProtectedError), transaction.atomic():
        peristiwa.pelaksanaan.delete()
    with pytest.raises(ProtectedError), transaction.atomic():
        persona.a.kasubag.delete()
    assert Peristiwa.objects.filter(pk=peristiwa.pk).exists()


def test_admin_dan_api_tidak_mengubah_catatan():
    for model in (CatatanAudit, Peristiwa, UjungRantai):
        model_admin = admin.site._registry.get(model)
        if model_admin is not None:  # read-only if it ever gets an admin page
            request = RequestFactory().get("/admin/")
            assert not model_admin.has_add_permission(request)
            assert not model_admin.has_change_permission(request)
            assert not model_admin.has_delete_permission(request)
    from sakip.api import api

    for path, operasi in api.get_openapi_schema()["paths"].items():
        if any(k in path for k in ("audit", "riwayat", "peristiwa")):
            assert set(operasi) <= {"get"}, path


# --- the hash chain --------------------------------------------------------------------


def test_catatan_berantai_per_instansi(persona):
    _ubah_jabatan(persona, persona.a.j_staf, kali=3)
    _ubah_jabatan(persona, persona.b.j_staf, kali=2)
    a = list(CatatanAudit.objects.filter(instansi_id=persona.a.instansi.pk).order_by("id"))
    assert len(a) >= 3 and a[0].hash_sebelumnya == ""
    for sebelum, sesudah in zip(a, a[1:], strict=False):
        assert sesudah.hash_sebelumnya == sebelum.hash and len(sesudah.hash) == 64
    ujung = UjungRantai.objects.get(kunci=f"instansi:{persona.a.instansi.pk}")
    assert (ujung.hash_terakhir, ujung.jumlah, ujung.catatan_terakhir_id) == (
        a[-1].hash,
        len(a),
        a[-1].pk,
    )
    kode, keluar = _periksa()
    assert kode == 0, keluar
    assert f"instansi:{persona.b.instansi.pk}: " in keluar and "PUTUS" not in keluar


def test_hash_cocok_setelah_dibaca_ulang_ipv6_dan_teks_unicode(persona):
    # The stored form (IPv6 compressed, UTC microseconds, JSON) is what the hash covers.
    token = pasang_konteks(KonteksPermintaan("req-ipv6-0001", "2001:DB8:0:0:0:0:0:1"))
    try:
        j = persona.a.j_staf
        j.nama = "Staf “Ahli” — Ñ 1,5%"
        organisasi.simpan_jabatan(aktor=persona.admin_pemda, jabatan=j)
    finally:
        lepas_konteks(token)
    c = CatatanAudit.objects.latest("id")
    assert c.ip == "2001:db8::1"
    assert c.hash == rantai.hitung_hash(c, rantai.label_konten(c.content_type))


def test_catatan_tanpa_instansi_berantai_per_pemda(persona):
    persona.pemda.nama = "Kabupaten Uji Baru"
    organisasi.simpan_pemda(aktor=persona.admin_pemda, pemda=persona.pemda)
    c = CatatanAudit.objects.latest("id")
    assert c.instansi_id is None and c.pemda_id == persona.pemda.pk
    assert UjungRantai.objects.get(kunci=f"pemda:{persona.pemda.pk}").hash_terakhir == c.hash


def test_ubah_langsung_di_basis_data_terdeteksi_dengan_nomor_catatan(persona):
    _ubah_jabatan(persona, persona.a.j_staf, kali=4)
    rantai_a = CatatanAudit.objects.filter(instansi_id=persona.a.instansi.pk).order_by("id")
    korban = rantai_a[1]
    with _tanpa_penjaga("audit_catatanaudit"), connection.cursor() as cur:
        cur.execute(
            "UPDATE audit_catatanaudit SET aktor_nama = %s WHERE id = %s", ["Orang Lain", korban.pk]
        )
    kode, keluar = _periksa()
    assert kode == 1
    assert f"instansi:{persona.a.instansi.pk}: PUTUS di catatan #{korban.pk}" in keluar
    assert "isi catatan tidak cocok" in keluar
    assert f"instansi:{persona.b.instansi.pk}: " not in keluar or "1 rantai riwayat putus" in keluar
    # Only the agency asked for: Beta's chain is whole, Alpha's is not.
    assert _periksa("--instansi", "KEC-B")[0] == 0
    assert _periksa("--instansi", "KEC-A")[0] == 1


def test_hapus_langsung_di_tengah_dan_di_ujung_terdeteksi(persona):
    _ubah_jabatan(persona, persona.a.j_staf, kali=4)
    ids = list(
        CatatanAudit.objects.filter(instansi_id=persona.a.instansi.pk)
        .order_by("id")
        .values_list("id", flat=True)
    )
    with _tanpa_penjaga("audit_catatanaudit"), connection.cursor() as cur:
        cur.execute("DELETE FROM audit_catatanaudit WHERE id = %s", [ids[-1]])
    kode, keluar = _periksa("--instansi", "KEC-A")
    assert kode == 1 and "catatan di ujung rantai hilang" in keluar, keluar
    with _tanpa_penjaga("audit_catatanaudit"), connection.cursor() as cur:
        cur.execute("DELETE FROM audit_catatanaudit WHERE id = %s", [ids[1]])
    kode, keluar = _periksa("--instansi", "KEC-A")
    assert kode == 1 and f"PUTUS di catatan #{ids[2]}: tautan" in keluar, keluar


def test_periksa_kode_instansi_tidak_dikenal(db):
    assert _periksa("--instansi", "TIDAK-ADA")[0] == 2


def test_rantai_ulang_catatan_lama_seperti_migrasi_0004(persona):
    from django.contrib.contenttypes.models import ContentType

    _ubah_jabatan(persona, persona.a.j_staf, kali=3)
    with _tanpa_penjaga("audit_catatanaudit"), connection.cursor() as cur:
        cur.execute("UPDATE audit_catatanaudit SET hash = '', hash_sebelumnya = ''")
    UjungRantai.objects.all().delete()
    with _tanpa_penjaga("audit_catatanaudit"):
        jumlah = rantai.rantai_ulang(CatatanAudit, UjungRantai, ContentType)
    assert jumlah == CatatanAudit.objects.count()
    assert _periksa()[0] == 0
    _ubah_jabatan(persona, persona.a.j_staf)  # new records continue the rebuilt chain
    assert _periksa()[0] == 0


# --- concurrency (PostgreSQL: SQLite serialises writers for the whole file) -----------


@pytest.mark.django_db(transaction=True)
def test_penulis_serentak_satu_instansi_rantai_utuh(persona):
    if connection.vendor != "postgresql":
        pytest.skip("uji konkurensi dijalankan pada PostgreSQL")
    n = 12
    gerbang = threading.Barrier(n)
    galat: list[BaseException] = []
    objek = persona.a.j_staf

    def tulis(i: int) -> None:
        try:
            gerbang.wait()
            with transaction.atomic():
                audit.catat(aktor=None, aksi="lain", objek=objek, keterangan=f"serentak {i}")
        except BaseException as exc:  # noqa: BLE001 — reported below
            galat.append(exc)
        finally:
            connections.close_all()

    utas = [threading.Thread(target=tulis, args=(i,)) for i in range(n)]
    for u in utas:
        u.start()
    for u in utas:
        u.join(30)
    assert not galat, galat
    assert CatatanAudit.objects.filter(keterangan__startswith="serentak").count() == n
    hasil = list(rantai.periksa(instansi_ids=[persona.a.instansi.pk]))
    assert hasil[0].utuh and hasil[0].jumlah >= n, hasil
