"""What a step does to the run's document besides moving on (`tindakan` in the SOP data).

paraf, tanda_tangan (TTE), penomoran, distribusi, tanda_terima and arsip are done by the
letters app (sakip.surat), which registers a `PenanganNaskah` here at start-up: the
engine stays free of letter models, and a Pemda without the letters app would simply
run the steps as plain steps.

A step's document is the run's bound document as a PDF (the binder's `pdf`), else the
last PDF attached to the run; a sub-procedure (SOP Surat Keluar, SOP Pengiriman) works on
the document of the run that started it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol


class PenanganNaskah(Protocol):
    def perlu_passphrase(self, pelaksanaan, tugas, aktor) -> bool:
        """Will completing this step sign electronically (so a passphrase is asked)?"""

    def jalankan(self, tindakan: str, pelaksanaan, tugas, aktor, *, passphrase: str = "") -> dict:
        """Do the step's action inside the engine's transaction; returns data for the log.

        Raises ValidationError with a message for the user when the step cannot finish
        (recipients' receipts still missing …); a wrong passphrase raises
        `sakip.surat.tte.PassphraseSalah`, which the engine passes on as it is.
        """

    def ringkasan(self, pelaksanaan) -> dict | None:
        """The run's letter for the task page: {nomor, status, url, …} or None."""

    def periksa_passphrase(self, pelaksanaan, tugas, aktor, passphrase: str) -> None:
        """Before a signing step freezes anything: raise PassphraseSalah (a KesalahanAlur)
        for a wrong passphrase, ValidationError for a missing one; nothing when the step
        signs on paper."""

    def pratinjau(self, pelaksanaan, tugas, aktor) -> tuple[bytes, str] | None:
        """The PDF the signing step would sign, unsigned, and its file name (see
        `pratinjau_pdf`); None when there is no PDF to sign yet."""


@dataclass
class _Registri:
    penangan: PenanganNaskah | None = None


_REGISTRI = _Registri()


def daftarkan(penangan: PenanganNaskah) -> None:
    _REGISTRI.penangan = penangan


def penangan() -> PenanganNaskah | None:
    return _REGISTRI.penangan


def _menandatangani_sendiri(pelaksanaan) -> bool:
    """Does the run's SOP sign a document of its own (an invitation, a surat tugas)?"""
    return any(lg.get("tindakan") == "tanda_tangan" for lg in pelaksanaan.versi.langkah)


def akar(pelaksanaan):
    """The run that owns the document this run works on.

    A sub-procedure that handles its parent's document (SOP Surat Keluar, SOP Pengiriman:
    no signing step of its own) works on the parent's; one that signs its own letter
    (SOP Undangan Rapat, SOP Surat Tugas) owns that letter.
    """
    p = pelaksanaan
    while p.induk_id and not p.dokumen_ct_id and not _menandatangani_sendiri(p):
        induk = p.induk
        if induk is None:
            break
        p = induk
    return p


def pratinjau_pdf(pelaksanaan, tugas, aktor) -> tuple[bytes, str] | None:
    """The exact PDF the tanda_tangan step of `tugas` will sign (document + Lembar
    Pengesahan with the paraf so far, no signature yet), and a file name; None when the
    step does not sign or no letters app handles it."""
    langkah = pelaksanaan.versi.langkah_ke(tugas.langkah_no)
    if langkah.get("tindakan") != "tanda_tangan":
        return None
    p = penangan()
    if p is None or not hasattr(p, "pratinjau"):
        return None
    return p.pratinjau(pelaksanaan, tugas, aktor)
