from django.core.management.base import BaseCommand

from sakip.organisasi.demo import SANDI_DEMO, muat_demo
from sakip.organisasi.models import Pegawai
from sakip.sop import demo as sop_demo


class Command(BaseCommand):
    help = "Memuat data demo (Kabupaten Siak dan instansinya) lalu mencetak akun demo."

    def handle(self, *args, **options):
        dibuat, logins = muat_demo()
        dibuat += sop_demo.muat(Pegawai.objects.get(username="admin"))
        self.stdout.write(f"Data demo: {dibuat} baris baru ditambahkan (0 berarti sudah lengkap).")
        self.stdout.write("")
        self.stdout.write("Akun demo — kata sandi semua akun: " + SANDI_DEMO)
        lebar = max(len(u) for u, _, _ in logins)
        for username, peran, instansi in logins:
            self.stdout.write(f"  {username.ljust(lebar)}  {peran} — {instansi}")
        self.stdout.write("")
        self.stdout.write("Buka http://127.0.0.1:8000/ dan masuk dengan salah satu akun di atas.")
