"""Kept files and their SHA-256: the hash of what is stored, signed files stored under
their hash, and a model mixin that records a file's hash whenever the file changes.

A signed file is *addressed by its content*: its name in the store is its SHA-256
(`<prefix>/<sha[:2]>/<sha>.<ext>`), so a name once written always means the same bytes.
It is never overwritten, and never silently renamed: Django's storages give a second file
of an existing name a new name (`get_available_name`), which for a content address would
hide that the bytes at the address are not the ones expected. The download name users see
is built by the views (`lib.berkas.respons_berkas`), never taken from the stored name.

Pure Python on top of the storage API: no models, so any app's models may import it.
"""

from __future__ import annotations

from django.core.files.base import ContentFile

from sakip.lib.sidik import sha256_berkas, sha256_isi, sha256_unggahan


class AlamatIsiBentrok(RuntimeError):
    """The store holds other bytes under a content address: the store is damaged (or was
    written by hand). Nothing is overwritten; the operator restores the file."""


def sha256_fieldfile(berkas) -> str:
    """SHA-256 of a model's file: of the upload not yet written, else of the stored file;
    "" when the stored file is missing (a row restored without its file)."""
    if not berkas:
        return ""
    if not berkas._committed:  # assigned an upload; the model's save writes these bytes
        return sha256_unggahan(berkas.file)
    try:
        return sha256_berkas(berkas.storage, berkas.name)
    except FileNotFoundError:
        return ""


def nama_beralamat_isi(prefix: str, sha: str, ext: str) -> str:
    return f"{prefix.strip('/')}/{sha[:2]}/{sha}.{ext.lstrip('.')}"


def simpan_beralamat_isi(storage, prefix: str, isi: bytes, ext: str) -> str:
    """Store `isi` under its content address and return the name.

    Already there with the same bytes (signed twice, or a retry): the file is reused, not
    written again. There with other bytes: `AlamatIsiBentrok`. Should the storage rename
    what it writes (another process stored the same address between our check and our
    write), the renamed copy is removed and the address checked as above.
    """
    sha = sha256_isi(isi)
    nama = nama_beralamat_isi(prefix, sha, ext)
    if storage.exists(nama):
        _pastikan_isi(storage, nama, sha)
        return nama
    disimpan = storage.save(nama, ContentFile(isi))
    if disimpan != nama:
        storage.delete(disimpan)
        _pastikan_isi(storage, nama, sha)
    return nama


def _pastikan_isi(storage, nama: str, sha: str) -> None:
    if sha256_berkas(storage, nama) != sha:
        raise AlamatIsiBentrok(f"{nama}: isi di penyimpanan tidak sesuai alamatnya")


class HashBerkasMixin:
    """Keeps the SHA-256 of a model's files in their hash columns, on every save that
    changes a file, whichever service saved it.

    `hash_berkas` maps a FileField to its hash CharField. A file is hashed when its name
    differs from the one last loaded or saved (a new upload, a new rendering), so saves that
    leave the file alone read nothing. A save with `update_fields` that names the file also
    writes its hash column.
    """

    hash_berkas: dict[str, str] = {}

    @classmethod
    def from_db(cls, db, field_names, values):
        obj = super().from_db(db, field_names, values)
        obj._nama_berhash = {
            b: _nama(obj.__dict__[b]) for b in cls.hash_berkas if b in obj.__dict__
        }
        return obj

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        ditunda = self.get_deferred_fields()
        terakhir = getattr(self, "_nama_berhash", {})
        diubah = []
        for bidang, kolom in self.hash_berkas.items():
            if bidang in ditunda or (update_fields is not None and bidang not in update_fields):
                continue
            berkas = getattr(self, bidang)
            if bidang in terakhir and _nama(berkas) == terakhir[bidang]:
                continue  # the same file as loaded: its hash is already kept
            setattr(self, kolom, sha256_fieldfile(berkas))
            diubah.append(kolom)
        if update_fields is not None:
            tambahan = [k for k in diubah if k not in update_fields]
            kwargs["update_fields"] = [*update_fields, *tambahan]
        super().save(*args, **kwargs)
        self._nama_berhash = {
            b: _nama(getattr(self, b)) for b in self.hash_berkas if b not in ditunda
        }


def _nama(berkas) -> str:
    return (getattr(berkas, "name", berkas) or "") if berkas is not None else ""
