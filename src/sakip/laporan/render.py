"""A draft's PDF rendered by the background worker, not inside the request.

A kabupaten-size LKjIP takes seconds to render (52 pages: 4.2 s); four people downloading
at once would hold every web worker. So the download asks for a rendering instead:
`minta_pdf` fingerprints what the document would print (`sidik`), keeps one
`RenderLaporan` per report and fingerprint and queues one `laporan.render_pdf` job for it
(the queue's unique key makes double clicks and retries one job). The worker renders the
data that was fingerprinted, keeps the file, and the page that polls the status offers it.
A report whose content changed has another fingerprint and renders anew; the previous
files of the report are removed once the new one is there.

A signed report never comes here: it serves the file kept at signing.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import logging

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

import sakip
from sakip.antrian.models import Pekerja
from sakip.antrian.services import antrekan, penangan

from .models import Laporan, RenderLaporan

log = logging.getLogger(__name__)
JENIS_PEKERJAAN = "laporan.render_pdf"
# Raised when the PDF layout changes without a new release, so kept files are not reused.
VERSI_RENDER = 1
# A worker that has not beaten for this long is taken as not running (see antrian.pekerja).
BATAS_DETAK = datetime.timedelta(seconds=120)


def _json(nilai) -> dict:
    # The data as JSON will read it back: what is fingerprinted is what the worker renders.
    return json.loads(json.dumps(nilai, default=str))


def sidik_isi(laporan: Laporan, isi: dict) -> str:
    """SHA-256 of everything the PDF prints for `isi` (the letterhead and logo included)."""
    from . import dokumen

    konteks = dokumen.konteks_laporan(laporan, isi)
    teks = json.dumps(
        {"versi": [sakip.__version__, VERSI_RENDER], "konteks": konteks},
        sort_keys=True,
        default=str,
        ensure_ascii=False,
    )
    return hashlib.sha256(teks.encode()).hexdigest()


def kunci_pekerjaan(render: RenderLaporan) -> str:
    kunci = f"{JENIS_PEKERJAAN}:{render.laporan_id}:{render.sidik}"
    return f"{kunci}:{render.ulang}" if render.ulang else kunci


def minta_pdf(laporan: Laporan) -> RenderLaporan:
    """The rendering of the draft as it reads now: kept, or queued (once) for the worker.

    Asking again after a failure queues a new try; asking while it is queued or running
    changes nothing.
    """
    from .data import data_laporan

    isi = _json(data_laporan(laporan))
    sidik = sidik_isi(laporan, isi)
    with transaction.atomic():
        render, _dibuat = RenderLaporan.objects.get_or_create(
            laporan=laporan, sidik=sidik, defaults={"isi": isi}
        )
        if render.status == RenderLaporan.Status.GAGAL:
            # Conditional: of two clicks on a failed rendering only one starts a new try.
            if RenderLaporan.objects.filter(pk=render.pk, ulang=render.ulang).update(
                status=RenderLaporan.Status.ANTRE, ulang=render.ulang + 1, galat=""
            ):
                render.refresh_from_db()
        if render.status == RenderLaporan.Status.ANTRE:
            # The key makes this a no-op when the job exists (a double click, a reload).
            antrekan(JENIS_PEKERJAAN, {"render_id": render.pk}, kunci=kunci_pekerjaan(render))
    return render


def ada_pekerja_hidup() -> bool:
    """Whether a `sakip worker` beat recently (the status page says so when none does)."""
    return Pekerja.objects.filter(detak_pada__gte=timezone.now() - BATAS_DETAK).exists()


def _nama_berkas(render: RenderLaporan) -> str:
    lap = render.laporan
    return (
        f"draf-{lap.jenis}-{lap.instansi.kode_unit}-{lap.tahun}-{lap.periode}-{render.sidik[:16]}"
    )


def render_pdf(render_id: int) -> RenderLaporan | None:
    """Render one queued draft PDF and keep it (what the worker runs; idempotent)."""
    from . import dokumen

    render = (
        RenderLaporan.objects.select_related("laporan__instansi__pemda")
        .filter(pk=render_id)
        .first()
    )
    if render is None or render.status == RenderLaporan.Status.SELESAI:
        return render  # replaced by a newer rendering, or done by an earlier try
    if render.laporan.status != Laporan.Status.DRAF:
        render.delete()  # signed meanwhile: its download is the signed file
        return None
    RenderLaporan.objects.filter(pk=render.pk).update(status=RenderLaporan.Status.DIPROSES)
    try:
        pdf = dokumen.laporan_pdf(render.laporan, data=render.isi)
    except Exception as exc:
        RenderLaporan.objects.filter(pk=render.pk).update(
            status=RenderLaporan.Status.GAGAL, galat=f"{type(exc).__name__}: {exc}"[:2000]
        )
        raise  # the queue records the traceback and tries again later
    render.berkas.save(f"{_nama_berkas(render)}.pdf", ContentFile(pdf), save=False)
    render.status = RenderLaporan.Status.SELESAI
    render.selesai_pada = timezone.now()
    render.isi = {}  # rendered: the file is the record now
    render.galat = ""
    render.save(update_fields=["berkas", "status", "selesai_pada", "isi", "galat"])
    _buang_yang_lama(render)
    return render


def _buang_yang_lama(render: RenderLaporan) -> None:
    """Remove the report's earlier finished renderings and their files (stale content)."""
    lama = list(
        RenderLaporan.objects.filter(
            laporan_id=render.laporan_id,
            status__in=[RenderLaporan.Status.SELESAI, RenderLaporan.Status.GAGAL],
            dibuat_pada__lt=render.dibuat_pada,
        )
    )
    for r in lama:
        if r.berkas:
            r.berkas.delete(save=False)
        r.delete()


@penangan(JENIS_PEKERJAAN)
def _pekerjaan_render(data: dict) -> None:
    render_pdf(data["render_id"])
