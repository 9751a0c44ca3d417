from django.core.management.base import BaseCommand
from django.urls import reverse

from sakip.organisasi.demo import SANDI_DEMO
from sakip.portal import demo


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
        dibuat, logins = demo.muat()
        self.stdout.write(f"Data demo: {dibuat} baris baru ditambahkan (0 berarti sudah lengkap).")
        self.stdout.write("")
        self.stdout.write("Akun demo — kata sandi semua akun: " + SANDI_DEMO)
        lebar = max(len(u) for u, _, _ in logins)
        for username, peran, instansi in logins:
            self.stdout.write(f"  {username.ljust(lebar)}  {peran} — {instansi}")
        self.stdout.write(
            "Passphrase TTE demo (kepala dan sekretaris instansi): " + demo.passphrase_tte()
        )
        self.stdout.write("")
        beranda = "http://127.0.0.1:8000" + reverse("beranda")  # the `make run` address
        self.stdout.write(f"Buka {beranda} dan masuk dengan salah satu akun di atas.")
