"""Signed files stored under their SHA-256 (`simpan_beralamat_isi`): written once, reused
when the same bytes come again, never overwritten and never silently renamed."""

from __future__ import annotations

import hashlib

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage

from sakip.dokumen.penyimpanan import (
    AlamatIsiBentrok,
    nama_beralamat_isi,
    sha256_berkas,
    sha256_fieldfile,
    simpan_beralamat_isi,
)

ISI = b"%PDF-1.7 isi yang ditandatangani"
SHA = hashlib.sha256(ISI).hexdigest()


@pytest.fixture
def storage(tmp_path):
    return FileSystemStorage(location=tmp_path)


def _semua(storage, folder: str) -> list[str]:
    return sorted(storage.listdir(folder)[1])


def test_nama_adalah_hash_isinya(storage):
    nama = simpan_beralamat_isi(storage, "laporan/ttd", ISI, "pdf")
    assert (
        nama == f"laporan/ttd/{SHA[:2]}/{SHA}.pdf" == nama_beralamat_isi("laporan/ttd", SHA, "pdf")
    )
    assert sha256_berkas(storage, nama) == SHA


def test_isi_yang_sama_dua_kali_memakai_berkas_yang_ada(storage, monkeypatch):
    pertama = simpan_beralamat_isi(storage, "ttd", ISI, "pdf")
    ditulis = []
    monkeypatch.setattr(storage, "save", lambda *a, **k: ditulis.append(a) or a[0])
    assert simpan_beralamat_isi(storage, "ttd", ISI, "pdf") == pertama
    assert ditulis == []  # reused, not written again
    assert _semua(storage, f"ttd/{SHA[:2]}") == [f"{SHA}.pdf"]


def test_isi_lain_di_alamat_itu_ditolak_dan_tidak_ditimpa(storage):
    nama = nama_beralamat_isi("ttd", SHA, "pdf")
    storage.save(nama, ContentFile(b"bukan isi yang ditandatangani"))
    with pytest.raises(AlamatIsiBentrok, match="tidak sesuai alamatnya"):
        simpan_beralamat_isi(storage, "ttd", ISI, "pdf")
    with storage.open(nama) as f:
        assert f.read() == b"bukan isi yang ditandatangani"
    assert _semua(storage, f"ttd/{SHA[:2]}") == [f"{SHA}.pdf"]


def test_nama_baru_dari_penyimpanan_tidak_dipakai_diam_diam(storage, monkeypatch):
    """Another writer stored the same address between the check and the write: the
    storage's renamed copy (get_available_name) is removed, the address kept."""
    simpan_beralamat_isi(storage, "ttd", ISI, "pdf")
    nyata, ditanya = storage.exists, []

    def exists(nama):  # our check misses it; the storage's own (get_available_name) sees it
        ditanya.append(nama)
        return len(ditanya) > 1 and nyata(nama)

    monkeypatch.setattr(storage, "exists", exists)
    nama = simpan_beralamat_isi(storage, "ttd", ISI, "pdf")
    monkeypatch.undo()
    assert len(ditanya) > 1  # the storage did look, and renamed its copy
    assert nama == nama_beralamat_isi("ttd", SHA, "pdf")
    assert _semua(storage, f"ttd/{SHA[:2]}") == [f"{SHA}.pdf"]


def test_hash_berkas_yang_hilang_kosong(storage):
    class Palsu:
        _committed = True
        name = "tidak/ada.pdf"

        def __init__(self, storage):
            self.storage = storage

        def __bool__(self):
            return True

    assert sha256_fieldfile(Palsu(storage)) == ""
