"""SHA-256 of bytes, files and uploads: the one way sakip fingerprints what it keeps.

Signed letters and reports are addressed by it (dokumen/penyimpanan.py), every kept file
stores it, and the restore check (portal/pemulihan.py) recomputes it. Files are read in
blocks: a signed PDF may be large, and S3 streams.
"""

from __future__ import annotations

import hashlib
from typing import BinaryIO

BLOK = 1024 * 1024


def sha256_isi(isi: bytes) -> str:
    return hashlib.sha256(isi).hexdigest()


def sha256_aliran(f: BinaryIO) -> str:
    """SHA-256 of an open binary file, read to its end in blocks."""
    h = hashlib.sha256()
    while blok := f.read(BLOK):
        h.update(blok)
    return h.hexdigest()


def sha256_berkas(storage, nama: str) -> str:
    """SHA-256 of a file in a Django storage."""
    with storage.open(nama, "rb") as f:
        return sha256_aliran(f)


def sha256_unggahan(berkas) -> str:
    """SHA-256 of an upload or any Django File, left at its start for whoever reads next."""
    h = hashlib.sha256()
    for blok in berkas.chunks(BLOK):  # chunks() seeks to the start first
        h.update(blok)
    berkas.seek(0)
    return h.hexdigest()
