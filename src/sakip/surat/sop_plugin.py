"""The SOP steps that end a document's life, done with the letters services.

Registered with the SOP engine (sakip.sop.tindakan) at start-up. A run's document —
the PK, report or SKM report its binder holds, or else the last PDF attached to the
run — becomes one outgoing `Surat`:

- paraf: the reviewer's initials are recorded on it (they print on the Lembar Pengesahan);
- tanda_tangan: after the binder freezes the document, the head signs its PDF with TTE
  (passphrase asked at every signing); the letter takes its number then, so the number
  is inside the signed PDF. A head with no TTE key signs on paper: the letter is
  numbered and the paper route (scan, ekspedisi book) continues as plain steps;
- penomoran: agenda and number (already taken at signing: the step shows it);
- distribusi: the electronically signed letter must have been sent from its Kirim page;
- tanda_terima: the review of receipts approves only when every receipt is in or the
  sender closed the distribution with a reason;
- arsip, and the end of the run: the signed letter is filed under its classification.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from sakip.organisasi.pemangku import jabatan_penanda_tangan
from sakip.sop import dokumen_terikat, tindakan

from .models import Pengiriman, Surat


def _akar_dan_dokumen(pelaksanaan):
    akar = tindakan.akar(pelaksanaan)
    return akar, dokumen_terikat.dokumen_dari(akar)


def _surat(akar, dokumen) -> Surat | None:
    """The outgoing letter of this run's document, if one was made."""
    qs = Surat.objects.filter(arah=Surat.Arah.KELUAR).exclude(status=Surat.Status.BATAL)
    if dokumen is not None:
        from django.contrib.contenttypes.models import ContentType

        ct = ContentType.objects.get_for_model(dokumen)
        qs = qs.filter(Q(dokumen_ct=ct, dokumen_id=dokumen.pk) | Q(pelaksanaan=akar))
    else:
        qs = qs.filter(pelaksanaan=akar)
    return qs.order_by("-id").first()


def _pdf(akar, dokumen) -> tuple[bytes | None, str]:
    """The document as PDF: the binder's rendering, else the run's last PDF attachment."""
    pengikat = dokumen_terikat.pengikat_untuk(akar.versi.definisi)
    if dokumen is not None and pengikat is not None and pengikat.pdf is not None:
        return pengikat.pdf(dokumen), f"{akar.sop.kode}-{dokumen.pk}.pdf"
    from sakip.sop.models import Lampiran

    lampiran = (
        Lampiran.objects.filter(tugas__pelaksanaan=akar, jenis_mime="application/pdf")
        .order_by("-diunggah_pada", "-id")
        .first()
    )
    if lampiran is None:
        return None, ""
    with lampiran.berkas.open("rb") as f:
        return f.read(), lampiran.nama_asli


def _buat_surat(akar, dokumen, aktor, pdf: bytes | None, nama: str) -> Surat:
    from . import services

    return services.naskah_keluar(
        aktor=aktor,
        instansi=akar.instansi,
        perihal=akar.judul[:500],
        kode_klasifikasi=akar.versi.definisi.get("kode_klasifikasi") or None,
        dokumen=dokumen,
        pelaksanaan=akar,
        berkas=pdf,
        nama_berkas=nama,
    )


def _pengiriman_terakhir(surat: Surat) -> Pengiriman | None:
    return surat.pengiriman.order_by("-dibuat_pada", "-id").first()


class PenanganSurat:
    def perlu_passphrase(self, pelaksanaan, tugas, aktor) -> bool:
        from .tte import services as tte

        if not tte.punya_kunci(aktor):
            return False
        akar, dokumen = _akar_dan_dokumen(pelaksanaan)
        pengikat = dokumen_terikat.pengikat_untuk(akar.versi.definisi)
        if dokumen is not None and pengikat is not None and pengikat.pdf is not None:
            return True
        from sakip.sop.models import Lampiran

        return Lampiran.objects.filter(
            tugas__pelaksanaan=akar, jenis_mime="application/pdf"
        ).exists()

    def periksa_passphrase(self, pelaksanaan, tugas, aktor, passphrase: str) -> None:
        """Before the signing step freezes anything: an empty or wrong passphrase stops it
        (PassphraseSalah). A BSrE signer is only asked at signing itself."""
        from .tte import services as tte
        from .tte.penanda import penanda_untuk

        if not self.perlu_passphrase(pelaksanaan, tugas, aktor):
            return
        if not passphrase:
            raise ValidationError(
                _("Masukkan passphrase TTE Anda untuk menandatangani dokumen ini.")
            )
        if tte.punya_kunci(aktor):
            penanda = penanda_untuk(aktor)
            if hasattr(penanda, "periksa_passphrase"):
                penanda.periksa_passphrase(passphrase)

    def pratinjau(self, pelaksanaan, tugas, aktor) -> tuple[bytes, str] | None:
        """The PDF the signing step will sign — the document as its binder renders it (or
        the run's last PDF) with the Lembar Pengesahan and the paraf so far — unsigned.
        Once signed, the signed file itself. Writes nothing."""
        from sakip.sop import services as sop_services

        from .services.umum import _klasifikasi
        from .tte import lembar

        akar, dokumen = _akar_dan_dokumen(pelaksanaan)
        surat = _surat(akar, dokumen)
        if surat is not None and surat.berkas_ttd:
            with surat.berkas_ttd.open("rb") as f:
                return f.read(), surat.berkas_ttd.name.rsplit("/", 1)[-1]
        pdf, nama = _pdf(akar, dokumen)
        if pdf is None:
            return None
        if surat is None:
            surat = Surat(
                instansi=akar.instansi,
                arah=Surat.Arah.KELUAR,
                status=Surat.Status.DRAF,
                perihal=akar.judul[:500],
                klasifikasi=_klasifikasi(akar.versi.definisi.get("kode_klasifikasi")),
            )
        paraf = (
            list(surat.paraf.select_related("pegawai").order_by("waktu", "id")) if surat.pk else []
        )
        # The lembar names who will sign: the viewer when it is their task, else its holder.
        penanda = aktor
        if not sop_services.boleh_bertindak(aktor, tugas):
            penanda = next(iter(sop_services.penerima_tugas(tugas)), aktor)
        jabatan = jabatan_penanda_tangan(penanda, akar.instansi_id)
        hasil, _bidang = lembar.dokumen_siap_tanda_tangan(
            surat,
            pdf,
            nama=penanda.nama_lengkap,
            nip=penanda.nip_tampil,
            jabatan=jabatan,
            paraf=paraf,
        )
        return hasil, f"pratinjau-{nama}"

    def jalankan(self, aksi: str, pelaksanaan, tugas, aktor, *, passphrase: str = "") -> dict:
        fungsi = getattr(self, f"_{aksi}", None)
        if fungsi is None:
            return {}
        return fungsi(pelaksanaan, tugas, aktor, passphrase) or {}

    def ringkasan(self, pelaksanaan) -> dict | None:
        akar, dokumen = _akar_dan_dokumen(pelaksanaan)
        surat = _surat(akar, dokumen)
        if surat is None:
            return None
        kirim = _pengiriman_terakhir(surat)
        return {
            "surat": surat,
            "url": reverse("surat:detail", args=[surat.pk]),
            "url_kirim": reverse("kirim:kirim", args=[surat.pk]) if surat.berkas_ttd else "",
            "pengiriman": kirim,
        }

    # ------------------------------------------------------------ the actions

    def _paraf(self, pelaksanaan, tugas, aktor, passphrase) -> dict:
        from .tte import services as tte

        akar, dokumen = _akar_dan_dokumen(pelaksanaan)
        surat = _surat(akar, dokumen)
        if surat is None:
            # The PDF comes at signing, after the binder froze the document.
            surat = _buat_surat(akar, dokumen, aktor, None, "")
        tte.beri_paraf(aktor=aktor, surat=surat, tugas=tugas)
        return {"surat": surat.pk, "paraf": True}

    def _tanda_tangan(self, pelaksanaan, tugas, aktor, passphrase) -> dict:
        from . import services
        from .tte import services as tte

        akar, dokumen = _akar_dan_dokumen(pelaksanaan)
        pdf, nama = _pdf(akar, dokumen)  # after the binder froze it: the signed version
        if pdf is None:
            return {}
        surat = _buat_surat(akar, dokumen, aktor, pdf, nama)
        if tte.punya_kunci(aktor):
            if not passphrase:
                raise ValidationError(
                    _("Masukkan passphrase TTE Anda untuk menandatangani dokumen ini.")
                )
            tte.tandatangani(aktor=aktor, surat=surat, passphrase=passphrase, pdf=pdf)
            surat.refresh_from_db()
            return {"surat": surat.pk, "nomor": surat.nomor_surat, "tte": True}
        surat = services.beri_nomor(aktor=aktor, surat=surat)
        return {"surat": surat.pk, "nomor": surat.nomor_surat, "tte": False}

    def _penomoran(self, pelaksanaan, tugas, aktor, passphrase) -> dict:
        from . import services

        surat = _surat(*_akar_dan_dokumen(pelaksanaan))
        if surat is None:
            return {}
        surat = services.beri_nomor(aktor=aktor, surat=surat)
        return {"surat": surat.pk, "nomor": surat.nomor_surat}

    def _distribusi(self, pelaksanaan, tugas, aktor, passphrase) -> dict:
        surat = _surat(*_akar_dan_dokumen(pelaksanaan))
        if surat is None or not surat.berkas_ttd:
            return {}  # a paper letter: the ekspedisi book is the attachment
        kirim = _pengiriman_terakhir(surat)
        if kirim is None:
            raise ValidationError(
                _(
                    "Surat %(nomor)s belum dikirim: tambahkan penerima dan kirim dari halaman "
                    "Kirim surat, lalu selesaikan langkah ini."
                )
                % {"nomor": surat.nomor_surat}
            )
        if kirim.pelaksanaan_id is None:
            kirim.pelaksanaan = pelaksanaan
            kirim.save(update_fields=["pelaksanaan"])
        return {"surat": surat.pk, "pengiriman": kirim.pk}

    def _tanda_terima(self, pelaksanaan, tugas, aktor, passphrase) -> dict:
        from . import distribusi

        surat = _surat(*_akar_dan_dokumen(pelaksanaan))
        if surat is None or not surat.berkas_ttd:
            return {}
        kirim = _pengiriman_terakhir(surat)
        if kirim is None:
            raise ValidationError(_("Surat ini belum dikirim kepada siapa pun."))
        if not distribusi.pengiriman_lengkap(kirim):
            semua = list(kirim.penerima.all())
            masuk = sum(1 for p in semua if p.sudah_diterima)
            raise ValidationError(
                _(
                    "Tanda terima belum lengkap: %(masuk)s dari %(semua)s penerima. Tunggu "
                    "tanda terima atau tutup pengiriman dengan alasan."
                )
                % {"masuk": masuk, "semua": len(semua)}
            )
        return {"surat": surat.pk, "pengiriman": kirim.pk, "status": kirim.status}

    def _arsip(self, pelaksanaan, tugas, aktor, passphrase) -> dict:
        from . import arsip, services

        surat = _surat(*_akar_dan_dokumen(pelaksanaan))
        if surat is None:
            return {}
        if not surat.nomor_surat:
            surat = services.beri_nomor(aktor=aktor, surat=surat)
        if surat.berkas_ttd and surat.status != Surat.Status.DIARSIPKAN:
            surat = arsip.arsipkan(aktor=aktor, surat=surat)
        return {"surat": surat.pk, "nomor": surat.nomor_surat, "status": surat.status}

    def _tamat(self, pelaksanaan, tugas, aktor, passphrase) -> dict:
        from . import arsip

        surat = _surat(*_akar_dan_dokumen(pelaksanaan))
        if surat is None or not surat.berkas_ttd or surat.status == Surat.Status.DIARSIPKAN:
            return {}
        arsip.arsipkan(aktor=aktor, surat=surat)
        return {"surat": surat.pk, "arsip": True}


def daftarkan_sop() -> None:
    tindakan.daftarkan(PenanganSurat())
