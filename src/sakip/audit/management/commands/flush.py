"""`flush` empties every table, the append-only ones included (see audit.penjaga).

On PostgreSQL flush is a TRUNCATE, which fires no row trigger; on SQLite it is a
`DELETE FROM` per table, which the guard would refuse. Django's test cases call this
command between transactional tests, so the guard steps aside for it, and only for it.
"""

from django.core.management.commands import flush

from sakip.audit import penjaga


class Command(flush.Command):
    def handle(self, **options):
        with penjaga.izinkan_pengosongan():
            return super().handle(**options)
