"""Archive classification codes (Permendagri 83/2022) as data: `data/klasifikasi.yaml`."""

from __future__ import annotations

from pathlib import Path

import yaml
from django.db import transaction

from .models import KodeKlasifikasi

BERKAS = Path(__file__).parent / "data" / "klasifikasi.yaml"
FIELD = ("nama", "retensi_aktif", "retensi_inaktif", "nasib_akhir", "keterangan")


def daftar_bawaan() -> list[dict]:
    """The codes as shipped, each a dict of the model's fields."""
    with BERKAS.open(encoding="utf-8") as f:
        data = yaml.safe_load(f)
    hasil = []
    for baris in data["kode"]:
        hasil.append({"kode": str(baris["kode"]).strip()} | {k: baris.get(k, "") for k in FIELD})
    return hasil


def muat_klasifikasi(*, timpa: bool = False) -> int:
    """Insert the shipped codes that are missing; return how many rows were written.

    Existing rows are left alone so an archivist's corrections survive every `migrate`;
    `timpa=True` (a deliberate reload) writes the shipped values over them.
    """
    ditulis = 0
    with transaction.atomic():
        ada = {k.kode: k for k in KodeKlasifikasi.objects.all()}
        for baris in daftar_bawaan():
            lama = ada.get(baris["kode"])
            if lama is None:
                KodeKlasifikasi.objects.create(**baris)
                ditulis += 1
            elif timpa and any(getattr(lama, k) != baris[k] for k in FIELD):
                for k in FIELD:
                    setattr(lama, k, baris[k])
                lama.save()
                ditulis += 1
    return ditulis


def setelah_migrasi(sender, **kwargs) -> None:
    """post_migrate handler: a fresh database (and the test database) has the codes."""
    using = kwargs.get("using", "default")
    if using != "default":
        return
    muat_klasifikasi()
