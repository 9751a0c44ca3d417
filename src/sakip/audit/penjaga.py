"""The database's own guard on append-only tables: a trigger refuses UPDATE and DELETE.

The models already refuse `save()` of a stored row and `delete()`; the trigger also stops
what goes around them — a Django cascade, `QuerySet._raw_delete`, a raw cursor, or a person
with a SQL client and the application's role. The migrations of `audit` (CatatanAudit) and
`sop` (Peristiwa) install it with `pasang()`.

PostgreSQL: a plpgsql function raising SQLSTATE 23001 (restrict_violation), which Django
reports as `IntegrityError`, like SQLite's `RAISE(ABORT)`. TRUNCATE fires no row trigger:
`sakip flush` (and the test suite between transactional tests) still empties the tables;
a production role without TRUNCATE (and not owning the tables) closes that door too.

SQLite has no session variable a trigger could read, so its triggers ask a function the
application registers on each of its connections (`sakip_penjaga_aktif()`, 1 unless
`izinkan_pengosongan()` is active). Another client has no such function and gets an error:
the guard fails closed. `izinkan_pengosongan()` exists for `flush` only, which empties
every table on purpose (SQLite's flush is `DELETE FROM`, PostgreSQL's is TRUNCATE).
"""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Iterator

FUNGSI_SQLITE = "sakip_penjaga_aktif"

_pengosongan: contextvars.ContextVar[bool] = contextvars.ContextVar(
    "sakip_pengosongan_tabel", default=False
)


@contextlib.contextmanager
def izinkan_pengosongan() -> Iterator[None]:
    """Let this thread empty guarded tables on SQLite (for `flush`, never for one row)."""
    token = _pengosongan.set(True)
    try:
        yield
    finally:
        _pengosongan.reset(token)


def _penjaga_aktif() -> int:
    return 0 if _pengosongan.get() else 1


def daftarkan_fungsi(sender, connection, **kwargs) -> None:
    """`connection_created` receiver: give each SQLite connection the guard's function."""
    if connection.vendor == "sqlite":
        connection.connection.create_function(FUNGSI_SQLITE, 0, _penjaga_aktif)


def _nama_pemicu(tabel: str) -> str:
    return f"{tabel}_hanya_tambah"


def sql_pasang(vendor: str, tabel: str) -> list[str]:
    pemicu = _nama_pemicu(tabel)
    if vendor == "postgresql":
        return [
            f"""
            CREATE OR REPLACE FUNCTION {pemicu}() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION 'Tabel % hanya boleh ditambah: % ditolak.', TG_TABLE_NAME, TG_OP
                    USING ERRCODE = 'restrict_violation';
            END
            $$
            """,
            f"DROP TRIGGER IF EXISTS {pemicu} ON {tabel}",
            f"""
            CREATE TRIGGER {pemicu} BEFORE UPDATE OR DELETE ON {tabel}
            FOR EACH ROW EXECUTE FUNCTION {pemicu}()
            """,
        ]
    if vendor == "sqlite":
        return [
            f"""
            CREATE TRIGGER IF NOT EXISTS {pemicu}_{aksi.lower()} BEFORE {aksi} ON {tabel}
            WHEN {FUNGSI_SQLITE}()
            BEGIN
                SELECT RAISE(ABORT, 'Tabel {tabel} hanya boleh ditambah: {aksi} ditolak.');
            END
            """
            for aksi in ("UPDATE", "DELETE")
        ]
    raise NotImplementedError(f"Penjaga tabel belum tersedia untuk basis data {vendor}.")


def sql_lepas(vendor: str, tabel: str) -> list[str]:
    pemicu = _nama_pemicu(tabel)
    if vendor == "postgresql":
        return [
            f"DROP TRIGGER IF EXISTS {pemicu} ON {tabel}",
            f"DROP FUNCTION IF EXISTS {pemicu}()",
        ]
    return [f"DROP TRIGGER IF EXISTS {pemicu}_{aksi}" for aksi in ("update", "delete")]


def pasang(schema_editor, tabel: str) -> None:
    for sql in sql_pasang(schema_editor.connection.vendor, tabel):
        schema_editor.execute(sql, params=None)  # None: the `%` of RAISE is not a placeholder


def lepas(schema_editor, tabel: str) -> None:
    for sql in sql_lepas(schema_editor.connection.vendor, tabel):
        schema_editor.execute(sql, params=None)


def terpasang(connection, tabel: str) -> bool:
    """Whether the guard's triggers exist on `tabel` (a SQLite table rebuild drops them)."""
    pemicu = _nama_pemicu(tabel)
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            cur.execute(
                "SELECT count(*) FROM pg_trigger WHERE tgname = %s AND NOT tgisinternal", [pemicu]
            )
            return cur.fetchone()[0] == 1
        cur.execute(
            "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s "
            "AND name IN (%s, %s)",
            [tabel, f"{pemicu}_update", f"{pemicu}_delete"],
        )
        return cur.fetchone()[0] == 2
