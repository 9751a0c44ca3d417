"""The mail after the commit: a dirty subject is cleaned, a failing backend breaks nothing."""

from __future__ import annotations

import pytest
from django.db import transaction

from sakip.notifikasi import services
from sakip.notifikasi.models import Notifikasi


@pytest.fixture
def kasubag_a(persona):
    k = persona.a.kasubag
    k.email = "kasubag.alpha@kec-a.go.id"
    k.save(update_fields=["email"])
    return k


def test_subjek_cr_lf_dan_nul_dikirim_bersih(
    kasubag_a, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.kirim(penerima=kasubag_a, judul="Uji\rBcc: x@evil\x00\x1b")
    assert len(mailoutbox) == 1
    assert mailoutbox[0].subject == "[SAKIP] Uji Bcc: x@evil"
    assert mailoutbox[0].recipients() == [kasubag_a.email]
    mailoutbox[0].message()  # serialises without BadHeaderError


def test_backend_surel_yang_galat_tidak_membatalkan_tulisan(
    kasubag_a, settings, django_capture_on_commit_callbacks
):
    # Not only OSError: a backend bug (ValueError, BadHeaderError...) must not fail the write.
    settings.EMAIL_BACKEND = "sakip.notifikasi.tests.test_surel_aman.BackendRusak"
    with django_capture_on_commit_callbacks(execute=True) as tertunda, transaction.atomic():
        assert services.kirim(penerima=kasubag_a, judul="Tetap tersimpan")
    assert len(tertunda) == 1
    assert Notifikasi.objects.filter(penerima=kasubag_a, judul="Tetap tersimpan").exists()


class BackendRusak:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, pesan):
        raise ValueError("backend rusak")
