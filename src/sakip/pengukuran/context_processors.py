"""The approver's count in the main menu: "Persetujuan realisasi (n)"."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count
from django.urls import reverse
from django.utils.functional import SimpleLazyObject


@dataclass(frozen=True)
class Persetujuan:
    jumlah: int
    url: str


def _hitung(user) -> Persetujuan:
    from .services import antrean_persetujuan

    per_instansi = dict(
        antrean_persetujuan(user)
        .order_by()
        .values_list("instansi_id")
        .annotate(n=Count("id"))
        .values_list("instansi_id", "n")
    )
    if not per_instansi:
        return Persetujuan(0, "")
    # The user's own agency first; else the (Plt/Plh) agency with entries waiting.
    instansi_id = user.instansi_id if user.instansi_id in per_instansi else min(per_instansi)
    return Persetujuan(
        sum(per_instansi.values()),
        reverse("pengukuran:persetujuan", args=[instansi_id]),
    )


def persetujuan_realisasi(request):
    """Lazy: the one query runs only when a page draws the menu (not for htmx fragments)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not user.instansi_id:
        return {}
    return {"persetujuan_realisasi": SimpleLazyObject(lambda: _hitung(user))}
