"""`sakip audit periksa [--instansi KODE]`: recompute the audit hash chains (rantai.py).

Prints one line per chain; a broken chain names its first record that does not verify.
Exit code 0 when every chain checked is whole, 1 when one is broken, 2 for an unknown KODE.
"""

from typing import Any

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError, CommandParser

from sakip.audit import rantai


class Command(BaseCommand):
    help = "Riwayat (audit): periksa keutuhan rantai hash catatan per instansi."

    def add_arguments(self, parser: CommandParser) -> None:
        aksi = parser.add_subparsers(dest="aksi", required=True, metavar="{periksa}")
        periksa = aksi.add_parser(
            "periksa",
            help="hitung ulang rantai hash",
            called_from_command_line=getattr(self, "_called_from_command_line", None),
        )
        periksa.add_argument(
            "--instansi", metavar="KODE", help="kode unit instansi; tanpa kode: semua rantai"
        )

    def handle(self, *args: Any, aksi: str, instansi: str | None = None, **opsi: Any) -> None:
        ids = None if instansi is None else _instansi_ids(instansi)
        putus = 0
        for hasil in rantai.periksa(instansi_ids=ids):
            if hasil.utuh:
                self.stdout.write(f"{hasil.kunci}: {hasil.jumlah} catatan, utuh")
                continue
            putus += 1
            di = f"catatan #{hasil.putus_di}" if hasil.putus_di else "ujung rantai"
            self.stdout.write(f"{hasil.kunci}: PUTUS di {di}: {hasil.alasan}")
        if putus:
            raise CommandError(f"{putus} rantai riwayat putus.", returncode=1)


def _instansi_ids(kode: str) -> list[int]:
    # Through the app registry, not an import: audit sits below organisasi and keeps
    # plain ids for the agencies it describes.
    instansi = apps.get_model("organisasi", "Instansi")
    ids = list(instansi.objects.filter(kode_unit=kode).values_list("pk", flat=True))
    if not ids:
        raise CommandError(f"Instansi dengan kode {kode} tidak ada.", returncode=2)
    return ids
