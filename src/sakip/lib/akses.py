"""The one access path: every agency-owned row is reached through `for_user`.

A request's reach is resolved once into a `Cakupan` (which Pemda, which agencies,
read-only or not); every scoped queryset filters by it. Rows outside it do not
exist for the user: views answer 404, never 403, so ids of other agencies leak
nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Self

from django.db import models
from django.http import Http404
from django.utils import timezone


@dataclass(frozen=True)
class Cakupan:
    semua: bool = False  # superuser: every Pemda
    pemda_id: int | None = None  # Pemda-level role: every agency of this Pemda
    instansi_ids: frozenset[int] = frozenset()  # agency staff: these agencies only
    baca_saja: bool = False  # evaluators read, they never write

    @property
    def kosong(self) -> bool:
        return not self.semua and self.pemda_id is None and not self.instansi_ids


TANPA_AKSES = Cakupan()


def cakupan_pengguna(user) -> Cakupan:
    """Resolve (and cache on the user object) what `user` may reach today."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return TANPA_AKSES
    cached = getattr(user, "_cakupan_cache", None)
    if cached is not None:
        return cached
    if user.is_superuser:
        hasil = Cakupan(semua=True)
    elif user.peran in (user.Peran.ADMIN_PEMDA, user.Peran.EVALUATOR):
        hasil = Cakupan(pemda_id=user.pemda_id, baca_saja=user.peran == user.Peran.EVALUATOR)
    else:
        ids = set(user.instansi_plt_aktif_ids(timezone.localdate()))
        if user.instansi_id:
            ids.add(user.instansi_id)
        hasil = Cakupan(instansi_ids=frozenset(ids))
    user._cakupan_cache = hasil
    return hasil


class ScopedQuerySet(models.QuerySet):
    """Querysets of agency-owned models; the model names its path to the agency.

    `instansi_path` is the lookup from the model to `Instansi` ("" for Instansi
    itself) and `pemda_path` the lookup to `Pemda`.
    """

    def for_user(self, user, *, ubah: bool = False) -> Self:
        c = cakupan_pengguna(user)
        if c.semua:
            return self.all()
        if c.kosong or (ubah and c.baca_saja):
            return self.none()
        model = self.model
        if c.pemda_id is not None:
            return self.filter(**{model.pemda_path: c.pemda_id})
        path = model.instansi_path + "__in" if model.instansi_path else "pk__in"
        return self.filter(**{path: c.instansi_ids})


ScopedManager = models.Manager.from_queryset(ScopedQuerySet)


def get_for_user_or_404(model_or_qs, user, *, ubah: bool = False, **lookup):
    """The object `lookup` names if `user` may reach it; else 404 (never 403)."""
    qs = model_or_qs if isinstance(model_or_qs, ScopedQuerySet) else model_or_qs.objects
    try:
        return qs.for_user(user, ubah=ubah).get(**lookup)
    except (qs.model.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("Data tidak ditemukan.") from exc
