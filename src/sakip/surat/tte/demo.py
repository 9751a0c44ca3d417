"""Demo TTE keys: every head and secretary of the demo Pemda can sign at once.

Keys come from the demo CA (tte/ca.py) under one passphrase, TTE_PASSPHRASE_DEMO
("sakip-demo-2026" by default), which `make run` prints with the demo logins.
"""

from __future__ import annotations

from django.conf import settings

from sakip.organisasi.models import Jabatan, Pegawai

from ..models import KunciPenanda
from . import services

PEMDA_DEMO = "Kabupaten Siak"


def passphrase_demo() -> str:
    return getattr(settings, "TTE_PASSPHRASE_DEMO", "sakip-demo-2026")


def muat(admin) -> int:
    """A PKCS#12 key for each head and secretary of the demo Pemda; returns keys created."""
    pejabat = (
        Pegawai.objects.filter(
            is_active=True,
            pemda__nama=PEMDA_DEMO,
            jabatan__peran__in=[Jabatan.Peran.KEPALA, Jabatan.Peran.SEKRETARIS],
        )
        .exclude(pk__in=KunciPenanda.objects.values("pegawai_id"))
        .select_related("instansi")
        .order_by("pk")
    )
    dibuat = 0
    for pegawai in pejabat:
        services.buat_kunci_demo(pegawai=pegawai, passphrase=passphrase_demo(), aktor=admin)
        dibuat += 1
    return dibuat
