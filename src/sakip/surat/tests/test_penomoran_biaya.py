"""What one number costs: bounded statements, the counter locked by one update, and a
collision (a pattern changed mid-year) rolled back whole (issue 15)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from sakip.audit.models import CatatanAudit
from sakip.surat import services
from sakip.surat.models import Surat, Urutan

pytestmark = pytest.mark.django_db
TANGGAL = datetime.date(2026, 4, 1)


def _surat(a, perihal: str) -> Surat:
    return services.naskah_keluar(
        aktor=a.staf, instansi=a.instansi, perihal=perihal, kode_klasifikasi="000.7.2.7"
    )


def _tulis(queries, tabel: str) -> list[str]:
    return [q["sql"] for q in queries if q["sql"].startswith("UPDATE") and tabel in q["sql"]]


def test_satu_nomor_jumlah_pernyataan_terbatas(persona):
    a = persona.a
    services.beri_nomor(aktor=a.staf, surat=_surat(a, "Pertama"), tanggal=TANGGAL)
    s = _surat(a, "Kedua")
    with CaptureQueriesContext(connection) as q:
        s = services.beri_nomor(aktor=a.staf, surat=s, tanggal=TANGGAL)
    assert s.nomor_urut == 2 and s.nomor_agenda == 2
    # Permission, the letter locked with its agency, settings and classification, two
    # counter updates, the letter's numbering columns, the audit record (chain head
    # locked, record, head) and the transaction: 21 statements before issue 15.
    assert len(q.captured_queries) <= 12, [x["sql"] for x in q.captured_queries]
    # Each counter is locked and taken by one UPDATE … RETURNING, no SELECT … FOR UPDATE.
    urutan = [x["sql"] for x in q.captured_queries if "surat_urutan" in x["sql"]]
    assert len(urutan) == 2 and all("RETURNING" in x for x in urutan)
    # The letter saves what numbering wrote, not every column.
    (simpan,) = _tulis(q.captured_queries, '"surat_surat"')
    assert '"perihal"' not in simpan and '"nomor_surat"' in simpan


def test_nomor_pertama_tahun_membuat_penghitung(persona):
    a = persona.a
    assert not Urutan.objects.filter(instansi=a.instansi).exists()
    s = _surat(a, "Pertama")
    with CaptureQueriesContext(connection) as q:
        s = services.beri_nomor(aktor=a.staf, surat=s, tanggal=TANGGAL)
    assert (s.nomor_urut, s.nomor_agenda) == (1, 1)
    # The rare path also creates the settings row and both counters (each in a savepoint).
    assert len(q.captured_queries) <= 30
    assert sorted(Urutan.objects.values_list("jenis", "terakhir")) == [
        ("agenda_keluar", 1),
        ("nomor_surat", 1),
    ]


def test_nomor_bentrok_setelah_pola_berubah_dibatalkan_utuh(persona):
    """Counting per code from mid-year restarts the code's sequence at 1: the number is
    taken already, and nothing of the take stays — counters, letter, audit record."""
    a = persona.a
    pertama = services.beri_nomor(aktor=a.staf, surat=_surat(a, "Pertama"), tanggal=TANGGAL)
    assert pertama.nomor_surat == "000.7.2.7/001/KEC-A/2026"
    services.simpan_pengaturan(
        aktor=a.camat,
        instansi=a.instansi,
        pola_nomor="{kode}/{nomor:03d}/{unit}/{tahun}",
        urut_per_klasifikasi=True,
    )
    kedua = _surat(a, "Kedua")
    audit = CatatanAudit.objects.count()
    # Inside a caller's transaction the failed take is rolled back to its savepoint and
    # the caller's transaction goes on.
    with transaction.atomic():
        with pytest.raises(ValidationError) as e:
            services.beri_nomor(aktor=a.staf, surat=kedua, tanggal=TANGGAL)
        assert "sudah dipakai" in str(e.value)
        assert Surat.objects.filter(nomor_urut__isnull=False).count() == 1
    kedua.refresh_from_db()
    assert kedua.nomor_urut is None and kedua.nomor_surat == "" and kedua.status == "draf"
    assert CatatanAudit.objects.count() == audit
    assert dict(Urutan.objects.values_list("jenis", "terakhir")) == {
        "nomor_surat": 1,
        "agenda_keluar": 1,
    }
    assert not Urutan.objects.filter(kode="000.7.2.7").exists()
