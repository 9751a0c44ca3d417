"""Builders for the survey's tests: services, an open period, questionnaires."""

from __future__ import annotations

import datetime
import itertools

from django.utils import timezone

from sakip.ikm import services
from sakip.ikm.models import Layanan, PeriodeSurvei, Responden

_nomor = itertools.count(1)


def layanan(agensi, nama: str = "Surat Keterangan") -> Layanan:
    return services.simpan_layanan(
        aktor=agensi.camat, layanan=Layanan(instansi=agensi.instansi, nama=nama)
    )


def periode(agensi, tahun: int = 2025, semester: int = 0, populasi: int = 100, buka: bool = True):
    p = services.buat_periode(
        aktor=agensi.camat,
        instansi=agensi.instansi,
        tahun=tahun,
        semester=semester,
        populasi=populasi,
    )
    if buka:
        p = services.buka_periode(aktor=agensi.camat, periode=p)
    return p


def responden(p: PeriodeSurvei, lay: Layanan, jawaban, **kw) -> Responden:
    """A questionnaire stored directly (fast; the recording rules are tested elsewhere)."""
    if isinstance(jawaban, int):
        jawaban = [jawaban] * 9
    data = {
        "jenis_kelamin": "L",
        "usia": 35,
        "pendidikan": "SMA",
        "pekerjaan": "Wirausaha",
        "waktu": timezone.make_aware(datetime.datetime.combine(p.mulai, datetime.time(10))),
        **kw,
    }
    return Responden.objects.create(
        periode=p, layanan=lay, sumber=Responden.Sumber.KERTAS,
        **{f"u{i}": v for i, v in enumerate(jawaban, start=1)}, **data,
    )  # fmt: skip
