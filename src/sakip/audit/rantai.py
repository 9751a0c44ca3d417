"""Each agency's audit records chained by SHA-256, so an edit made in the database shows.

A record's `hash` is SHA-256 over a canonical JSON of its own columns plus
`hash_sebelumnya`, the hash of the previous record of the same chain. A chain is one
agency's records (`instansi_id`), else one Pemda's records without an agency, else the
records of neither ("umum"). `UjungRantai` holds each chain's last hash and length: it is
locked (`select_for_update`) while a record is appended, so concurrent writers of one
chain queue up inside their own transactions and the links stay in id order; it also
shows a record removed from the end of a chain.

The canonical form must never change: stored hashes are computed with it (the data
migration 0004 too). Add a column to `KOLOM` only with a migration that re-chains.
"""

from __future__ import annotations

import datetime
import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.db import models

# The record's columns under the hash; `content_type` enters as "app_label.model" so a
# restore into a database with other content type ids keeps the chain valid.
KOLOM = (
    "waktu",
    "aktor_id",
    "aktor_nama",
    "request_id",
    "ip",
    "aksi",
    "object_id",
    "object_repr",
    "pemda_id",
    "instansi_id",
    "perubahan",
    "keterangan",
)


def kunci_rantai(instansi_id: int | None, pemda_id: int | None) -> str:
    if instansi_id is not None:
        return f"instansi:{instansi_id}"
    if pemda_id is not None:
        return f"pemda:{pemda_id}"
    return "umum"


def _kanonik(nilai: Any) -> Any:
    if isinstance(nilai, datetime.datetime):
        # UTC and microseconds: what both databases give back, whatever TIME_ZONE says.
        return nilai.astimezone(datetime.UTC).isoformat(timespec="microseconds")
    return nilai


def hitung_hash(catatan: Any, label_konten: str) -> str:
    """SHA-256 of the record's canonical JSON; works on a model or a migration's model."""
    data = {kolom: _kanonik(getattr(catatan, kolom)) for kolom in KOLOM}
    data["content_type"] = label_konten
    data["hash_sebelumnya"] = catatan.hash_sebelumnya or ""
    teks = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(teks.encode("utf-8")).hexdigest()


def label_konten(content_type: Any) -> str:
    return f"{content_type.app_label}.{content_type.model}"


def sambung(catatan: models.Model) -> None:
    """Link a new record to its chain and save it; call inside the writer's transaction."""
    from .models import CatatanAudit, UjungRantai

    assert isinstance(catatan, CatatanAudit) and catatan.pk is None
    # The column stores the address normalised (IPv6 compressed); hash what is stored.
    catatan.ip = CatatanAudit._meta.get_field("ip").get_prep_value(catatan.ip)
    ujung = _kunci_ujung(UjungRantai, kunci_rantai(catatan.instansi_id, catatan.pemda_id))
    catatan.hash_sebelumnya = ujung.hash_terakhir
    catatan.hash = hitung_hash(catatan, label_konten(catatan.content_type))
    catatan.save()
    ujung.hash_terakhir = catatan.hash
    ujung.jumlah += 1
    ujung.catatan_terakhir_id = catatan.pk
    ujung.save(update_fields=["hash_terakhir", "jumlah", "catatan_terakhir_id"])


def _kunci_ujung(model, kunci: str):
    """The chain's head row, locked until the transaction ends; created the first time."""
    ujung = model.objects.select_for_update().filter(kunci=kunci).first()
    if ujung is None:
        # Two first writers of one chain: the second INSERT waits for the first to commit,
        # then does nothing, and both lock the same row.
        model.objects.bulk_create([model(kunci=kunci)], ignore_conflicts=True)
        ujung = model.objects.select_for_update().get(kunci=kunci)
    return ujung


def rantai_ulang(catatan_model, ujung_model, content_type_model) -> int:
    """Compute every chain from scratch in id order (data migration of existing rows)."""
    label = {ct.pk: label_konten(ct) for ct in content_type_model.objects.all()}
    ujung: dict[str, Any] = {}
    jumlah = 0
    for c in catatan_model.objects.order_by("id").iterator(chunk_size=2000):
        kunci = kunci_rantai(c.instansi_id, c.pemda_id)
        u = ujung.setdefault(kunci, ujung_model(kunci=kunci, hash_terakhir="", jumlah=0))
        c.hash_sebelumnya = u.hash_terakhir
        c.hash = hitung_hash(c, label[c.content_type_id])
        # The plain base manager: the model's own queryset refuses every update.
        catatan_model._base_manager.filter(pk=c.pk).update(
            hash=c.hash, hash_sebelumnya=u.hash_terakhir
        )
        u.hash_terakhir, u.jumlah, u.catatan_terakhir_id = c.hash, u.jumlah + 1, c.pk
        jumlah += 1
    ujung_model.objects.all().delete()
    ujung_model.objects.bulk_create(ujung.values())
    return jumlah


@dataclass(frozen=True)
class HasilRantai:
    kunci: str
    jumlah: int
    putus_di: int | None = None  # id of the first record that does not verify
    alasan: str = ""

    @property
    def utuh(self) -> bool:
        return not self.alasan


def periksa(*, instansi_ids: Iterable[int] | None = None) -> Iterator[HasilRantai]:
    """Recompute chains (all, or those of the given agencies); one result per chain."""
    from django.contrib.contenttypes.models import ContentType

    from .models import CatatanAudit, UjungRantai

    label = {ct.pk: label_konten(ct) for ct in ContentType.objects.all()}
    if instansi_ids is not None:
        kunci_diminta = [kunci_rantai(i, None) for i in instansi_ids]
    else:
        semua = set(UjungRantai.objects.values_list("kunci", flat=True))
        kunci_diminta = sorted(semua | set(_kunci_tersimpan(CatatanAudit)), key=_urutan)
    for kunci in kunci_diminta:
        # The head first, then the records up to its last one: records appended while
        # the check runs are left for the next check instead of looking like a break.
        ujung = UjungRantai.objects.filter(kunci=kunci).first()
        catatan = _catatan_rantai(CatatanAudit, kunci)
        if ujung is not None and ujung.catatan_terakhir_id is not None:
            catatan = catatan.filter(id__lte=ujung.catatan_terakhir_id)
        yield _periksa_satu(kunci, catatan.order_by("id").iterator(chunk_size=2000), ujung, label)


def _urutan(kunci: str) -> tuple[str, int]:
    jenis, _, nomor = kunci.partition(":")
    return jenis, int(nomor or 0)


def _kunci_tersimpan(model) -> Iterator[str]:
    pasangan = model.objects.order_by().values_list("instansi_id", "pemda_id").distinct()
    for instansi_id, pemda_id in pasangan:
        yield kunci_rantai(instansi_id, pemda_id)


def _catatan_rantai(model, kunci: str):
    jenis, _, nomor = kunci.partition(":")
    if jenis == "instansi":
        qs = model.objects.filter(instansi_id=int(nomor))
    elif jenis == "pemda":
        qs = model.objects.filter(instansi_id__isnull=True, pemda_id=int(nomor))
    else:
        qs = model.objects.filter(instansi_id__isnull=True, pemda_id__isnull=True)
    return qs


def _periksa_satu(kunci: str, catatan: Iterable, ujung, label: dict[int, str]) -> HasilRantai:
    sebelumnya = ""
    jumlah = 0
    terakhir = None
    for c in catatan:
        jumlah += 1
        if c.hash_sebelumnya != sebelumnya:
            alasan = "tautan ke catatan sebelumnya tidak cocok (catatan sebelumnya diubah/dihapus?)"
            return HasilRantai(kunci, jumlah, c.pk, alasan)
        if c.hash != hitung_hash(c, label.get(c.content_type_id, "?")):
            return HasilRantai(kunci, jumlah, c.pk, "isi catatan tidak cocok dengan hash-nya")
        sebelumnya, terakhir = c.hash, c.pk
    if ujung is None and jumlah:
        return HasilRantai(kunci, jumlah, None, "ujung rantai tidak ada")
    if ujung is not None and (ujung.hash_terakhir != sebelumnya or ujung.jumlah != jumlah):
        alasan = (
            f"ujung rantai mencatat {ujung.jumlah} catatan (terakhir #{ujung.catatan_terakhir_id})"
            f", tersimpan {jumlah}: catatan di ujung rantai hilang?"
        )
        return HasilRantai(kunci, jumlah, terakhir, alasan)
    return HasilRantai(kunci, jumlah)
