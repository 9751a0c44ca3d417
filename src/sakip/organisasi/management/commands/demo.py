from django.core.management.base import BaseCommand
from django.utils import timezone

from sakip.ikm import demo as ikm_demo
from sakip.kalender import services as kalender
from sakip.laporan import demo as laporan_demo
from sakip.organisasi.demo import SANDI_DEMO, muat_demo
from sakip.organisasi.models import Pegawai, Pemda
from sakip.pengukuran import demo as pengukuran_demo
from sakip.perencanaan import demo as perencanaan_demo
from sakip.sop import demo as sop_demo
from sakip.surat import demo as surat_demo
from sakip.surat import demo_ttd as surat_ttd_demo
from sakip.surat.tte import demo as tte_demo


class Command(BaseCommand):
    help = "Memuat data demo (Kabupaten Siak dan instansinya) lalu mencetak akun demo."

    def add_arguments(self, parser):
        parser.add_argument(
            "--tanpa-email",
            action="store_true",
            help="Jangan kirim email notifikasi selama memuat demo (notifikasi aplikasi tetap).",
        )

    def handle(self, *args, tanpa_email=False, **options):
        if tanpa_email:
            from django.conf import settings

            # The demo's tasks notify their holders; printing hundreds of mails would
            # bury the logins this command prints.
            settings.EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
        dibuat, logins = muat_demo()
        admin = Pegawai.objects.get(username="admin")
        tahun = timezone.localdate().year
        for pemda in Pemda.objects.all():
            kalender.pastikan_kalender_default(aktor=admin, pemda=pemda)
            dibuat += kalender.muat_libur_nasional(
                aktor=admin, pemda=pemda, tahun=[tahun, tahun + 1]
            )
        dibuat += perencanaan_demo.muat(admin)
        dibuat += pengukuran_demo.muat(admin)
        dibuat += laporan_demo.muat(admin)
        dibuat += ikm_demo.muat(admin)  # before the SOPs: the SPP & IKM run finds its period
        dibuat += tte_demo.muat(admin)
        dibuat += sop_demo.muat(admin)
        dibuat += surat_demo.muat(admin)  # after the SOPs: a disposition starts the IKM SOP
        dibuat += surat_ttd_demo.muat(admin)  # signed with TTE and sent to the Pemda
        self.stdout.write(f"Data demo: {dibuat} baris baru ditambahkan (0 berarti sudah lengkap).")
        self.stdout.write("")
        self.stdout.write("Akun demo — kata sandi semua akun: " + SANDI_DEMO)
        lebar = max(len(u) for u, _, _ in logins)
        for username, peran, instansi in logins:
            self.stdout.write(f"  {username.ljust(lebar)}  {peran} — {instansi}")
        self.stdout.write(
            "Passphrase TTE demo (kepala dan sekretaris instansi): " + tte_demo.passphrase_demo()
        )
        self.stdout.write("")
        self.stdout.write("Buka http://127.0.0.1:8000/ dan masuk dengan salah satu akun di atas.")
