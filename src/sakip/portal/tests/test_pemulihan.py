"""Backup and restore, end to end: `sakip pemulihan cadangkan` takes the backup, it is
restored into a fresh database and folder, and `sakip pemulihan periksa` — run as a
separate process against the restored copy — passes; then the copy is damaged (a signed
letter and a signed report changed, a file deleted, an event row, an audit row and a
letter number altered) and the check names each damage and exits non-zero.

On SQLite through the online backup API, on PostgreSQL through pg_dump/pg_restore. The
data must be committed for the backup to see it (`transaction=True`).
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tarfile
from pathlib import Path
from urllib.parse import quote

import pytest
from django.core.management import call_command
from django.db import connection

from sakip.portal import pemulihan

pytestmark = pytest.mark.django_db(transaction=True)

SANDI = "sandi-pulih-camat"


@pytest.fixture
def postgres():
    if connection.vendor != "postgresql":
        pytest.skip("pg_dump/pg_restore diuji pada PostgreSQL")


@pytest.fixture
def sqlite():
    if connection.vendor != "sqlite":
        pytest.skip("API backup SQLite diuji pada SQLite")


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media"


@pytest.fixture
def data(persona, media):
    """A signed letter, a numbered draft, an SOP run moved on by one step and a
    cancelled one: every kind of row the check reads."""
    from sakip.organisasi.models import PemetaanPelaksana
    from sakip.sop import engine
    from sakip.sop import services as sop
    from sakip.surat import services as surat
    from sakip.surat.tests.contoh_akses_tte import surat_keluar
    from sakip.surat.tte import services as tte

    a = persona.a
    tte.buat_kunci_demo(pegawai=a.camat, passphrase=SANDI)
    bertanda = surat_keluar(a)
    tte.tandatangani(aktor=a.camat, surat=bertanda, passphrase=SANDI)
    draf = surat_keluar(a, perihal="Undangan rapat evaluasi")
    surat.beri_nomor(aktor=a.kasubag, surat=draf, tanggal=surat.hari_ini())

    PemetaanPelaksana.objects.create(
        instansi=a.instansi, nama_pelaksana="Kasubag Umum", jabatan=a.j_kasubag
    )
    laporan = sop.adopsi(aktor=a.camat, instansi=a.instansi, kode="000-laporan-bulanan")
    jalan = engine.mulai(aktor=a.kasubag, sop=laporan, judul="Laporan bulanan 1")
    tugas = jalan.tugas.get(status="terbuka")
    engine.selesaikan(aktor=engine.penerima_tugas(tugas)[0], tugas=tugas, catatan="uji")
    batal = engine.mulai(aktor=a.kasubag, sop=laporan, judul="Laporan bulanan 2")
    engine.batalkan(aktor=a.camat, pelaksanaan=batal, alasan="uji pembatalan")
    bertanda.refresh_from_db()
    return bertanda


@pytest.fixture
def laporan_ttd(persona, media):
    """A signed LKjIP and its kept files (small stand-ins: the check reads bytes, not PDFs)."""
    from sakip.laporan import services as laporan

    a = persona.a
    lap = laporan.siapkan_laporan(
        aktor=a.kasubag, instansi=a.instansi, jenis="lkjip", tahun=2025, periode=0
    )
    lap.simpan_berkas("lkjip", pdf=b"%PDF-1.7 LKjIP bertanda tangan", docx=b"PK\x03\x04 LKjIP")
    lap.tandai_ditandatangani(oleh=a.camat)
    lap.save()
    return lap


def _periksa(env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "sakip", "pemulihan", "periksa"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def _lingkungan(tmp_path: Path, database_url: str, media: Path) -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "MEDIA_ROOT": str(media),
        "SAKIP_DATA_DIR": str(tmp_path / "data-pulih"),
        "DJANGO_SETTINGS_MODULE": "sakip.settings",
        "LOG_LEVEL": "WARNING",
    }


def _cadangkan(tmp_path: Path) -> Path:
    tujuan = tmp_path / "cadangan"
    call_command("pemulihan", "cadangkan", str(tujuan))
    assert (tujuan / "manifest.json").exists()
    return tujuan


def _pulihkan_media(cadangan: Path, tmp_path: Path) -> Path:
    akar = tmp_path / "pulih"
    with tarfile.open(cadangan / "media.tar.gz") as tar:
        tar.extractall(akar, filter="data")
    return akar / "media"


def _rusak_berkas(media: Path, surat, laporan) -> list[str]:
    """Change the signed letter's PDF and the signed report's PDF, delete the letter's
    unsigned one; the names the report must contain."""
    for nama in (surat.berkas_ttd.name, laporan.pdf.name):
        with (media / nama).open("ab") as f:
            f.write(b"%tambahan")
    (media / surat.berkas.name).unlink()
    return [surat.berkas_ttd.name, f"laporan.Laporan #{laporan.pk}.pdf, berkas {laporan.pdf.name}"]


# The rows altered in the restored copy, guards removed there first (the triggers refuse
# UPDATE and DELETE on the event and audit tables, which is the point of them).
RUSAK_SQL = [
    "DELETE FROM sop_peristiwa WHERE id = (SELECT max(id) FROM sop_peristiwa "
    "WHERE jenis = 'selesai')",
    "UPDATE audit_catatanaudit SET keterangan = 'diubah diam-diam' "
    "WHERE id = (SELECT min(id) FROM audit_catatanaudit)",
    "UPDATE surat_surat SET nomor_urut = 99 WHERE id = (SELECT max(id) FROM surat_surat "
    "WHERE nomor_urut IS NOT NULL)",
]


def _laporan_rusak(hasil: subprocess.CompletedProcess, nama_berkas: list[str]) -> None:
    keluaran = hasil.stdout
    print(f"\nlaporan pemeriksaan salinan yang dirusak:\n{keluaran}")
    assert hasil.returncode == 1, keluaran + hasil.stderr
    for nama in nama_berkas:
        assert nama in keluaran
    assert "isi berkas tidak cocok dengan hash SHA-256-nya" in keluaran
    assert "berkas tidak ada di penyimpanan" in keluaran
    assert "0 peristiwa penutup, seharusnya 1" in keluaran
    assert "rantai instansi:" in keluaran and "putus di catatan #" in keluaran
    assert "nomor hilang" in keluaran
    # Every check has a line, each with what it looked at.
    for periksa in pemulihan.PEMERIKSAAN:
        assert periksa().nama in keluaran


def test_cadangan_sqlite_dipulihkan_lolos_pemeriksaan_lalu_kerusakan_dilaporkan(
    sqlite, data, laporan_ttd, tmp_path
):
    cadangan = _cadangkan(tmp_path)
    media = _pulihkan_media(cadangan, tmp_path)
    basis = tmp_path / "pulih" / "sakip.sqlite3"
    shutil.copy(cadangan / "sakip.sqlite3", basis)
    env = _lingkungan(tmp_path, f"sqlite:///{basis}", media)

    hasil = _periksa(env)
    assert hasil.returncode == 0, hasil.stdout + hasil.stderr
    # The letter's signed PDF, the report's PDF and DOCX.
    assert "berkas bertanda tangan (hash SHA-256): 3 diperiksa, 0 bermasalah" in hasil.stdout
    assert re.search(
        r"berkas unggahan \(hash SHA-256\): [1-9]\d* diperiksa, 0 bermasalah", hasil.stdout
    )
    assert "Semua pemeriksaan baik." in hasil.stdout

    nama = _rusak_berkas(media, data, laporan_ttd)
    with contextlib.closing(sqlite3.connect(basis)) as db:
        for pemicu in ("sop_peristiwa", "audit_catatanaudit"):
            for aksi in ("update", "delete"):
                db.execute(f"DROP TRIGGER {pemicu}_hanya_tambah_{aksi}")
        for sql in RUSAK_SQL:
            db.execute(sql)
        db.commit()
    _laporan_rusak(_periksa(env), nama)


def _pg(nama_db: str | None = None) -> tuple[dict[str, str], list[str], str]:
    """Environment, connection options for the client tools, and a URL of `nama_db`."""
    s = connection.settings_dict
    env = {**os.environ, **({"PGPASSWORD": s["PASSWORD"]} if s.get("PASSWORD") else {})}
    host, port = s["HOST"] or "127.0.0.1", str(s["PORT"] or 5432)
    opsi = ["-h", host, "-p", port, "-U", s["USER"]]
    sandi = f":{quote(s['PASSWORD'])}" if s.get("PASSWORD") else ""
    url = f"postgres://{quote(s['USER'])}{sandi}@{host}:{port}/{nama_db or s['NAME']}"
    return env, opsi, url


@pytest.fixture
def db_pulih(postgres):
    """A fresh database for the restore, dropped afterwards."""
    nama = f"{connection.settings_dict['NAME']}_pulih"
    env, opsi, _ = _pg()
    subprocess.run(["dropdb", *opsi, "--if-exists", "--force", nama], env=env, check=True)
    subprocess.run(["createdb", *opsi, nama], env=env, check=True)
    yield nama
    subprocess.run(["dropdb", *opsi, "--if-exists", "--force", nama], env=env, check=True)


def test_cadangan_postgres_dipulihkan_lolos_pemeriksaan_lalu_kerusakan_dilaporkan(
    postgres, data, laporan_ttd, db_pulih, tmp_path
):
    import psycopg

    cadangan = _cadangkan(tmp_path)
    media = _pulihkan_media(cadangan, tmp_path)
    env, opsi, url = _pg(db_pulih)
    subprocess.run(
        ["pg_restore", *opsi, "--no-owner", "-d", db_pulih, str(cadangan / "sakip.dump")],
        env=env,
        check=True,
        capture_output=True,
    )
    lingkungan = _lingkungan(tmp_path, url, media)

    hasil = _periksa(lingkungan)
    assert hasil.returncode == 0, hasil.stdout + hasil.stderr
    # The letter's signed PDF, the report's PDF and DOCX.
    assert "berkas bertanda tangan (hash SHA-256): 3 diperiksa, 0 bermasalah" in hasil.stdout
    assert re.search(
        r"berkas unggahan \(hash SHA-256\): [1-9]\d* diperiksa, 0 bermasalah", hasil.stdout
    )

    nama = _rusak_berkas(media, data, laporan_ttd)
    with psycopg.connect(url, autocommit=True) as db:
        for tabel in ("sop_peristiwa", "audit_catatanaudit"):
            db.execute(f"DROP TRIGGER {tabel}_hanya_tambah ON {tabel}")
        for sql in RUSAK_SQL:
            db.execute(sql)
    _laporan_rusak(_periksa(lingkungan), nama)


def test_pemeriksaan_di_tempat_baik_lalu_berkas_hilang_membuat_perintah_gagal(data, media):
    """In-process on the live test database: clean, then one file missing → exit 1."""
    from django.core.management.base import CommandError

    call_command("pemulihan", "periksa")
    (media / data.berkas_ttd.name).unlink()
    with pytest.raises(CommandError) as galat:
        call_command("pemulihan", "periksa")
    assert galat.value.returncode == 1


def test_laporan_bertanda_tangan_yang_diubah_dilaporkan(laporan_ttd, media):
    """In-process: a signed report whose PDF was changed, whose DOCX lost its hash."""
    lap = laporan_ttd
    hasil = pemulihan.periksa_berkas_bertanda_tangan()
    assert hasil.baik and hasil.diperiksa == 2
    with (media / lap.pdf.name).open("ab") as f:
        f.write(b"%diubah")
    type(lap).objects.filter(pk=lap.pk).update(sha256_docx="")
    assert pemulihan.periksa_berkas_bertanda_tangan().masalah == [
        f"laporan.Laporan #{lap.pk}.pdf, berkas {lap.pdf.name}: "
        "isi berkas tidak cocok dengan hash SHA-256-nya",
        f"laporan.Laporan #{lap.pk}.docx, berkas {lap.docx.name}: hash SHA-256 tidak tersimpan",
    ]


def test_unggahan_yang_diubah_dilaporkan(persona, media):
    """In-process: a letter's unsigned PDF changed in the store after it was hashed."""
    from sakip.surat.tests.contoh_akses_tte import surat_keluar

    surat = surat_keluar(persona.a)
    assert pemulihan.periksa_berkas_unggahan().baik
    with (media / surat.berkas.name).open("ab") as f:
        f.write(b"%diubah")
    assert pemulihan.periksa_berkas_unggahan().masalah == [
        f"surat.Surat #{surat.pk}.berkas, berkas {surat.berkas.name}: "
        "isi berkas tidak cocok dengan hash SHA-256-nya"
    ]
