"""Writing the audit record: every service calls `catat` inside its own transaction."""

from __future__ import annotations

import datetime
import decimal
import hashlib
import uuid
from typing import Any, TypeVar

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.db.models.fields.files import FieldFile

from . import rantai
from .context import konteks_sekarang
from .models import CatatanAudit

# The model saved is the model returned: callers keep their row's own type.
M = TypeVar("M", bound=models.Model)

# Values never copied into the log, only the fact that they changed.
RAHASIA = {"password", "p12"}


def _nilai(value: Any) -> Any:
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, FieldFile):
        return value.name or ""
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, bytes | memoryview):
        return f"<{len(value)} byte>"  # binary content is not copied into the log
    return value


def snapshot(obj: models.Model) -> dict[str, Any]:
    """The object's own column values, JSON-ready (FKs as ids, secrets masked)."""
    data = {}
    for field in obj._meta.concrete_fields:
        value = getattr(obj, field.attname)
        if field.name in RAHASIA and value:
            # A fingerprint shows that a secret changed without revealing it or its hash.
            value = "•••• " + hashlib.sha256(str(value).encode()).hexdigest()[:6]
        data[field.name] = _nilai(value)
    return data


def beda(sebelum: dict | None, sesudah: dict | None) -> dict[str, list]:
    """{field: [before, after]} for the fields that changed."""
    sebelum, sesudah = sebelum or {}, sesudah or {}
    hasil = {}
    for key in sorted(set(sebelum) | set(sesudah)):
        if sebelum.get(key) != sesudah.get(key):
            hasil[key] = [sebelum.get(key), sesudah.get(key)]
    return hasil


def _lokasi(obj: models.Model) -> tuple[int | None, int | None]:
    """(pemda_id, instansi_id) of an object, read through its model's access paths."""
    instansi_id = pemda_id = None
    model = obj._meta.model  # not type(obj): request.user is a lazy wrapper
    path = getattr(model, "instansi_path", None)
    if path == "":
        instansi_id = obj.pk
    elif path:
        instansi_id = _ikuti(obj, path)
    pemda_path = getattr(model, "pemda_path", None)
    if pemda_path == "pk":
        pemda_id = obj.pk
    elif pemda_path:
        pemda_id = _ikuti(obj, pemda_path)
    return pemda_id, instansi_id


def _ikuti(obj: models.Model, path: str):
    parts = path.split("__")
    cur: models.Model | None = obj
    for part in parts[:-1]:
        cur = getattr(cur, part, None)
        if cur is None:
            return None
    last = parts[-1]
    if last.endswith("_id"):
        return getattr(cur, last, None)
    return getattr(cur, f"{last}_id", None)


def catat(
    *,
    aktor,
    aksi: str,
    objek: models.Model,
    sebelum: dict | None = None,
    sesudah: dict | None = None,
    keterangan: str = "",
) -> CatatanAudit:
    """Append one audit record; must run inside the caller's transaction."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("catat() harus dipanggil di dalam transaksi layanan.")
    konteks = konteks_sekarang()
    pemda_id, instansi_id = _lokasi(objek)
    aktif = aktor is not None and getattr(aktor, "is_authenticated", False)
    catatan = CatatanAudit(
        aktor=aktor if aktif else None,
        aktor_nama=(aktor.nama_lengkap if aktif else "sistem")[:200],
        request_id=konteks.request_id,
        ip=konteks.ip,
        aksi=aksi,
        content_type=ContentType.objects.get_for_model(objek._meta.model),
        object_id=str(objek.pk),
        object_repr=str(objek)[:300],
        pemda_id=pemda_id,
        instansi_id=instansi_id,
        perubahan=beda(sebelum, sesudah),
        keterangan=keterangan[:300],
    )
    rantai.sambung(catatan)  # hashes, links and saves it under the chain's lock
    return catatan


def sebelum_disimpan(obj: models.Model) -> dict | None:
    """The stored state of `obj` (None for a new one), locked until the transaction ends."""
    if obj.pk is None:
        return None
    lama = (
        type(obj)
        ._base_manager.select_for_update(of=("self",))
        .filter(pk=obj.pk)
        .order_by("pk")
        .first()
    )
    return snapshot(lama) if lama is not None else None


def simpan_teraudit(*, aktor, objek: M, keterangan: str = "") -> M:
    """Validate and save one object and write its audit record, in one transaction."""
    with transaction.atomic():
        sebelum = sebelum_disimpan(objek)
        objek.full_clean()
        objek.save()
        aksi = CatatanAudit.Aksi.TAMBAH if sebelum is None else CatatanAudit.Aksi.UBAH
        catat(
            aktor=aktor,
            aksi=aksi,
            objek=objek,
            sebelum=sebelum,
            sesudah=snapshot(objek),
            keterangan=keterangan,
        )
    return objek


def hapus_teraudit(*, aktor, objek: models.Model, keterangan: str = "") -> None:
    """Delete one object and record what it was, in one transaction."""
    with transaction.atomic():
        sebelum = sebelum_disimpan(objek)
        catat(
            aktor=aktor,
            aksi=CatatanAudit.Aksi.HAPUS,
            objek=objek,
            sebelum=sebelum,
            sesudah=None,
            keterangan=keterangan,
        )
        objek.delete()
