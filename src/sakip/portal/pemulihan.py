"""Checks a restored instance (`sakip pemulihan periksa`) and takes the backup it is restored
from (`sakip pemulihan cadangkan`); the procedure around both is docs/backup.md.

It lives in portal, the top layer, because it reads the rows of several apps at once: the
signed letters (surat), every stored file (any app), the SOP event log (sop), the audit
chains (audit) and the letter counters (surat).

Each check returns a `Hasil`: how many things it looked at and one line per problem,
naming the row and file so the operator knows what to fetch from an older backup.
"""

from __future__ import annotations

import datetime
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.apps import apps
from django.core.files.storage import FileSystemStorage, storages
from django.db import connection, models

from sakip.lib.sidik import sha256_aliran, sha256_berkas  # also the restore tests'

BLOK = 1024 * 1024


@dataclass
class Hasil:
    nama: str
    diperiksa: int = 0
    masalah: list[str] = field(default_factory=list)

    @property
    def baik(self) -> bool:
        return not self.masalah


def berkas_berhash(*, ditandatangani: bool) -> Iterator[tuple[type[models.Model], str, str]]:
    """(model, file field, hash column) of every kept file with a stored hash besides the
    signed letters: the signed reports' renderings (`DokumenBeku`) when `ditandatangani`,
    else the uploads (`HashBerkasMixin` models and the SOP attachments)."""
    from sakip.dokumen.models import DokumenBeku
    from sakip.dokumen.penyimpanan import HashBerkasMixin

    for model in apps.get_models():
        if ditandatangani and issubclass(model, DokumenBeku):
            yield model, "pdf", "sha256_pdf"
            yield model, "docx", "sha256_docx"
        if not ditandatangani and issubclass(model, HashBerkasMixin):
            yield from ((model, b, k) for b, k in model.hash_berkas.items())
    if not ditandatangani:
        yield apps.get_model("sop", "Lampiran"), "berkas", "sha256"  # hashed in sop/lampiran.py


# --- (a) signed files against their stored hash --------------------------------------


def periksa_berkas_bertanda_tangan() -> Hasil:
    """Every signed letter: its signed PDF is in the store and hashes to `sha256_ttd`, and
    the signature record says the same hash (the two are written together). Every signed
    report (laporan, ikm): its PDF and DOCX are in the store and hash to the kept hashes.
    """
    from sakip.surat.models import Surat, TandaTangan

    hasil = Hasil("berkas bertanda tangan (hash SHA-256)")
    hash_ttd = {}
    for surat_id, sha in TandaTangan.objects.order_by("surat_id", "waktu", "id").values_list(
        "surat_id", "sha256"
    ):
        hash_ttd[surat_id] = sha  # the last signature's: it produced the kept file
    qs = Surat._base_manager.exclude(berkas_ttd="").order_by("id")
    for pk, nomor, nama, sha in qs.values_list("pk", "nomor_surat", "berkas_ttd", "sha256_ttd"):
        hasil.diperiksa += 1
        siapa = f"surat #{pk} ({nomor or 'tanpa nomor'}), berkas {nama}"
        storage = Surat._meta.get_field("berkas_ttd").storage
        if not sha:
            hasil.masalah.append(f"{siapa}: hash SHA-256 tidak tersimpan")
            continue
        if hash_ttd.get(pk, sha) != sha:
            hasil.masalah.append(f"{siapa}: hash surat berbeda dari hash catatan tanda tangan")
        if not storage.exists(nama):
            hasil.masalah.append(f"{siapa}: berkas tidak ada di penyimpanan")
            continue
        if sha256_berkas(storage, nama) != sha:
            hasil.masalah.append(f"{siapa}: isi berkas tidak cocok dengan hash SHA-256-nya")
    for model, bidang, kolom in berkas_berhash(ditandatangani=True):
        _periksa_hash(hasil, model, bidang, kolom)
    return hasil


def periksa_berkas_unggahan() -> Hasil:
    """Every upload that keeps a hash (a letter's source or scan, a delivery receipt, an
    SOP attachment, realisation evidence): in the store and hashing to its kept hash."""
    hasil = Hasil("berkas unggahan (hash SHA-256)")
    for model, bidang, kolom in berkas_berhash(ditandatangani=False):
        _periksa_hash(hasil, model, bidang, kolom)
    return hasil


def _periksa_hash(hasil: Hasil, model: type[models.Model], bidang: str, kolom: str) -> None:
    medan = model._meta.get_field(bidang)
    assert isinstance(medan, models.FileField), medan  # berkas_berhash names file fields
    storage = medan.storage
    qs = model._base_manager.exclude(**{bidang: ""}).exclude(**{f"{bidang}__isnull": True})
    for pk, nama, sha in qs.order_by("pk").values_list("pk", bidang, kolom):
        hasil.diperiksa += 1
        siapa = f"{model._meta.label} #{pk}.{bidang}, berkas {nama}"
        if not storage.exists(nama):
            hasil.masalah.append(f"{siapa}: berkas tidak ada di penyimpanan")
        elif not sha:
            hasil.masalah.append(f"{siapa}: hash SHA-256 tidak tersimpan")
        elif sha256_berkas(storage, nama) != sha:
            hasil.masalah.append(f"{siapa}: isi berkas tidak cocok dengan hash SHA-256-nya")


# --- files of every model: present in the store ----------------------------------------


def _bidang_berkas() -> Iterator[tuple[type[models.Model], models.FileField]]:
    for model in apps.get_models():
        for f in model._meta.get_fields():
            if isinstance(f, models.FileField) and not f.many_to_many:
                yield model, f


def periksa_berkas_tersimpan() -> Hasil:
    """Every other file a row names (any FileField of any app) exists in the store: the
    files with a kept hash are checked, presence included, by the two checks above (each
    problem named once); what is left has no hash (docs/backup.md lists it)."""
    berhash = {
        (model, bidang)
        for ditandatangani in (True, False)
        for model, bidang, _ in berkas_berhash(ditandatangani=ditandatangani)
    }
    hasil = Hasil("berkas tersimpan (ada di penyimpanan)")
    for model, f in _bidang_berkas():
        if (model, f.name) in berhash or (model._meta.label, f.name) == (
            "surat.Surat",
            "berkas_ttd",
        ):
            continue
        qs = model._base_manager.exclude(**{f.name: ""}).exclude(**{f"{f.name}__isnull": True})
        for pk, nama in qs.order_by("pk").values_list("pk", f.name):
            hasil.diperiksa += 1
            if not f.storage.exists(nama):
                hasil.masalah.append(
                    f"{model._meta.label} #{pk}.{f.name}, berkas {nama}: "
                    "berkas tidak ada di penyimpanan"
                )
    return hasil


# --- (b) the SOP event log agrees with the tasks and runs (also the crash test's check) -

JENIS_PENUTUP = ("selesai", "setuju", "tolak")


def _sql(query: str, params=()) -> list[tuple]:
    with connection.cursor() as c:
        c.execute(query, params)
        return c.fetchall()


def periksa_log_tugas() -> Hasil:
    """Every task agrees with the run's log (Peristiwa, append-only): a finished task has
    exactly one closing event (selesai/setuju/tolak), an open or cancelled one none."""
    hasil = Hasil("tugas SOP sesuai log peristiwa")
    penutup = ", ".join(f"'{j}'" for j in JENIS_PENUTUP)
    tugas = _sql(
        f"""SELECT t.id, t.pelaksanaan_id, t.status,
            (SELECT count(*) FROM sop_peristiwa p WHERE p.tugas_id = t.id
                AND p.jenis IN ({penutup}))
        FROM sop_tugas t ORDER BY t.id"""
    )
    for pk, run, status, n in tugas:
        hasil.diperiksa += 1
        harus = 1 if status == "selesai" else 0
        if n != harus:
            hasil.masalah.append(
                f"tugas #{pk} (pelaksanaan #{run}) berstatus {status}: {n} peristiwa penutup, "
                f"seharusnya {harus}"
            )
    return hasil


def periksa_log_pelaksanaan() -> Hasil:
    """Every run agrees with its log: exactly one start event; a finished run one finish
    event (tamat) and no open work; a running one no finish event and some open work (its
    own task or a sub-procedure still running); a cancelled one one cancel event (batal)
    and no open task."""
    hasil = Hasil("pelaksanaan SOP sesuai log peristiwa")
    for pk, status, mulai, tamat, batal, terbuka in _sql(
        """SELECT r.id, r.status,
            (SELECT count(*) FROM sop_peristiwa p WHERE p.pelaksanaan_id = r.id
                AND p.jenis = 'mulai'),
            (SELECT count(*) FROM sop_peristiwa p WHERE p.pelaksanaan_id = r.id
                AND p.jenis = 'tamat'),
            (SELECT count(*) FROM sop_peristiwa p WHERE p.pelaksanaan_id = r.id
                AND p.jenis = 'batal'),
            (SELECT count(*) FROM sop_tugas t WHERE t.pelaksanaan_id = r.id
                AND t.status = 'terbuka')
             + (SELECT count(*) FROM sop_pelaksanaan s WHERE s.induk_id = r.id
                AND s.status IN ('berjalan', 'menunggu'))
        FROM sop_pelaksanaan r ORDER BY r.id"""
    ):
        hasil.diperiksa += 1
        for alasan in _salah_pelaksanaan(status, mulai, tamat, batal, terbuka):
            hasil.masalah.append(f"pelaksanaan #{pk} berstatus {status}: {alasan}")
    return hasil


def _salah_pelaksanaan(status: str, mulai: int, tamat: int, batal: int, terbuka: int):
    if mulai != 1:
        yield f"{mulai} peristiwa mulai, seharusnya 1"
    if status == "selesai" and (tamat != 1 or terbuka):
        yield f"{tamat} peristiwa tamat (seharusnya 1), {terbuka} pekerjaan masih terbuka"
    if status in ("berjalan", "menunggu") and (tamat or not terbuka):
        yield f"{tamat} peristiwa tamat (seharusnya 0), {terbuka} pekerjaan terbuka"
    if status == "dibatalkan" and (batal != 1 or terbuka):
        yield f"{batal} peristiwa batal (seharusnya 1), {terbuka} pekerjaan masih terbuka"


# --- (c) the audit hash chains -------------------------------------------------------


def periksa_rantai_audit() -> Hasil:
    from sakip.audit import rantai

    hasil = Hasil("rantai hash riwayat (audit)")
    for r in rantai.periksa():
        hasil.diperiksa += 1
        if not r.utuh:
            di = f"catatan #{r.putus_di}" if r.putus_di else "ujung rantai"
            hasil.masalah.append(f"rantai {r.kunci}: putus di {di}: {r.alasan}")
    return hasil


# --- (d) letter and agenda numbers gap-free ------------------------------------------


def periksa_nomor_surat() -> Hasil:
    """Per agency and year: letter numbers and agenda numbers are 1..n, none lost or
    doubled, n being the counter (`Urutan`), which is never decremented.

    Letter numbers are compared per agency and year over all its counters together (an
    agency may count per classification code, and may switch mid-year): the numbers
    taken must be exactly the union of 1..n of each counter of that year.
    """
    from sakip.surat.models import Surat, Urutan

    hasil = Hasil("nomor surat dan agenda tanpa celah")
    harap: dict[tuple, Counter] = defaultdict(Counter)
    for instansi, jenis, tahun, terakhir in Urutan._base_manager.values_list(
        "instansi_id", "jenis", "tahun", "terakhir"
    ):
        harap[(instansi, jenis, tahun)].update(range(1, terakhir + 1))
    ada: dict[tuple, Counter] = defaultdict(Counter)
    nomor = Surat._base_manager.filter(tahun_nomor__isnull=False).values_list(
        "instansi_id", "arah", "tahun_nomor", "nomor_urut", "nomor_agenda"
    )
    for instansi_id, arah, tahun_nomor, urut, agenda in nomor:
        if arah == "keluar" and urut is not None:
            ada[(instansi_id, str(Urutan.Jenis.NOMOR_SURAT), tahun_nomor)][urut] += 1
        if agenda is not None:
            jenis = Urutan.Jenis.AGENDA_KELUAR if arah == "keluar" else Urutan.Jenis.AGENDA_MASUK
            ada[(instansi_id, str(jenis), tahun_nomor)][agenda] += 1
    for kunci in sorted(set(harap) | set(ada)):
        hasil.diperiksa += 1
        hilang = sorted((harap[kunci] - ada[kunci]).elements())
        lebih = sorted((ada[kunci] - harap[kunci]).elements())
        if hilang or lebih:
            hasil.masalah.append(
                f"instansi #{kunci[0]}, {kunci[1]} {kunci[2]}: nomor hilang {_ringkas(hilang)}, "
                f"nomor ganda/di luar penghitung {_ringkas(lebih)}"
            )
    return hasil


def _ringkas(angka: list[int], paling_banyak: int = 10) -> str:
    if not angka:
        return "-"
    teks = ", ".join(map(str, angka[:paling_banyak]))
    return teks + (f" … (+{len(angka) - paling_banyak})" if len(angka) > paling_banyak else "")


PEMERIKSAAN: list[Callable[[], Hasil]] = [
    periksa_berkas_bertanda_tangan,
    periksa_berkas_unggahan,
    periksa_berkas_tersimpan,
    periksa_log_tugas,
    periksa_log_pelaksanaan,
    periksa_rantai_audit,
    periksa_nomor_surat,
]


def periksa_semua() -> list[Hasil]:
    return [periksa() for periksa in PEMERIKSAAN]


# --- the backup -----------------------------------------------------------------------


def cadangkan(tujuan: Path) -> list[Path]:
    """Database first, then the files (docs/backup.md says why), into a new folder
    `tujuan`; returns what was written, the last being `manifest.json`."""
    tujuan.mkdir(parents=True, exist_ok=False)
    mulai = datetime.datetime.now(datetime.UTC)
    berkas = [_cadangkan_basis_data(tujuan)]
    media = _cadangkan_media(tujuan)
    if media is not None:
        berkas.append(media)
    manifest = tujuan / "manifest.json"
    manifest.write_text(
        json.dumps(
            {
                "dibuat_pada": mulai.isoformat(timespec="seconds"),
                "basis_data": connection.vendor,
                "penyimpanan": _nama_kelas(storages["default"]),
                "berkas": {p.name: _sha256_path(p) for p in berkas},
            },
            indent=2,
        )
    )
    return [*berkas, manifest]


def _nama_kelas(objek) -> str:
    return f"{type(objek).__module__}.{type(objek).__qualname__}"


def _sha256_path(path: Path) -> str:
    with path.open("rb") as f:
        return sha256_aliran(f)


def _cadangkan_basis_data(tujuan: Path) -> Path:
    if connection.vendor == "sqlite":
        return _cadangkan_sqlite(tujuan / "sakip.sqlite3")
    if connection.vendor == "postgresql":
        return _cadangkan_postgres(tujuan / "sakip.dump")
    raise RuntimeError(f"Basis data {connection.vendor} tidak didukung.")


def _cadangkan_sqlite(hasil: Path) -> Path:
    # The online backup API: a consistent copy while the server and worker keep writing
    # (copying the file would miss what sits in the WAL, or catch a page half-written).
    connection.ensure_connection()
    salinan = sqlite3.connect(hasil)
    try:
        connection.connection.backup(salinan)
    finally:
        salinan.close()
    return hasil


def _cadangkan_postgres(hasil: Path) -> Path:
    s = connection.settings_dict
    env = {**os.environ}
    if s.get("PASSWORD"):
        env["PGPASSWORD"] = s["PASSWORD"]
    perintah = [shutil.which("pg_dump") or "pg_dump", "-Fc", "--no-owner", "-f", str(hasil)]
    for opsi, nilai in (("-h", s.get("HOST")), ("-p", s.get("PORT")), ("-U", s.get("USER"))):
        if nilai:
            perintah += [opsi, str(nilai)]
    perintah.append(s["NAME"])
    # One snapshot: pg_dump reads in one repeatable-read transaction, writers go on.
    subprocess.run(perintah, env=env, check=True, capture_output=True, text=True)
    return hasil


def _cadangkan_media(tujuan: Path) -> Path | None:
    """A tar of MEDIA_ROOT when files are on local disk; an object store (S3) is copied
    with its own tools (docs/backup.md), so nothing is written for it here."""
    storage = storages["default"]
    if not isinstance(storage, FileSystemStorage):
        return None
    akar = Path(storage.location)  # MEDIA_ROOT
    hasil = tujuan / "media.tar.gz"
    with tarfile.open(hasil, "w:gz") as tar:
        if akar.is_dir():
            tar.add(akar, arcname="media")
    return hasil
