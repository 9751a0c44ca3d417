"""The whole demo: every app's demo loader, in the order their data depends on.

Each app loads only its own demo rows (`<app>/demo.py`, idempotent, through its services);
this module is the one place that knows the order, which is why it sits in the top layer
and no app below has to import the apps above it to fill the demo.
"""

from __future__ import annotations

from django.utils import timezone

from sakip.ikm import demo as ikm_demo
from sakip.kalender import services as kalender
from sakip.laporan import demo as laporan_demo
from sakip.organisasi.demo import muat_demo as muat_organisasi
from sakip.organisasi.models import Pegawai, Pemda
from sakip.pengukuran import demo as pengukuran_demo
from sakip.perencanaan import demo as perencanaan_demo
from sakip.sop import demo as sop_demo
from sakip.surat import demo as surat_demo
from sakip.surat import demo_ttd as surat_ttd_demo
from sakip.surat.tte import demo as tte_demo


def muat() -> tuple[int, list[tuple[str, str, str]]]:
    """Load the full demo; returns (rows created, [(username, role, agency)])."""
    dibuat, logins = muat_organisasi()
    admin = Pegawai.objects.get(username="admin")
    tahun = timezone.localdate().year
    for pemda in Pemda.objects.all():
        kalender.pastikan_kalender_default(aktor=admin, pemda=pemda)
        dibuat += kalender.muat_libur_nasional(aktor=admin, pemda=pemda, tahun=[tahun, tahun + 1])
    dibuat += perencanaan_demo.muat(admin)
    dibuat += pengukuran_demo.muat(admin)
    dibuat += laporan_demo.muat(admin)
    dibuat += ikm_demo.muat(admin)  # before the SOPs: the SPP & IKM run finds its period
    dibuat += tte_demo.muat(admin)
    dibuat += sop_demo.muat(admin)
    dibuat += surat_demo.muat(admin)  # after the SOPs: a disposition starts the IKM SOP
    dibuat += surat_ttd_demo.muat(admin)  # signed with TTE and sent to the Pemda
    return dibuat, logins


def passphrase_tte() -> str:
    """The demo heads' and secretaries' TTE passphrase, printed with the logins."""
    return tte_demo.passphrase_demo()
