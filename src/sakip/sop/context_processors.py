from django.urls import reverse
from django.utils.translation import gettext as _

from sakip.notifikasi.models import Notifikasi


def navigasi_sop(request):
    """Inbox, SOPs and calendar in the menu, with the counts a user acts on."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    from .engine import kotak_tugas

    items = [(_("Kotak Tugas"), reverse("sop:kotak_tugas"), "tugas")]
    if user.instansi_id:
        items += [
            (_("SOP"), reverse("sop:sop_daftar", args=[user.instansi_id]), "sop"),
            (_("Pelaksanaan"), reverse("sop:pelaksanaan_daftar", args=[user.instansi_id]), "run"),
            (_("Kalender SAKIP"), reverse("sop:kalender", args=[user.instansi_id]), "kalender"),
        ]
    return {
        "navigasi_sop": items,
        "jumlah_tugas": kotak_tugas(user).count(),
        "jumlah_notifikasi": Notifikasi.objects.milik(user)
        .filter(dibaca_pada__isnull=True)
        .count(),
    }
