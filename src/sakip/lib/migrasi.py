"""Data steps shared by migrations. What a migration calls here must keep its meaning:
a migration runs again on every fresh database."""

from __future__ import annotations

from .sidik import sha256_berkas


def isi_hash_berkas(app_label: str, kolom: dict[str, list[tuple[str, str]]]):
    """A RunPython step hashing the files already kept: for each model, each
    (file field, hash column) pair gets the SHA-256 of its stored file; a file missing
    from the store is skipped and its hash left blank (the restore check reports it)."""

    def isi_hash(apps, schema_editor) -> None:
        for model_nama, pasangan in kolom.items():
            model = apps.get_model(app_label, model_nama)
            for bidang, kolom_hash in pasangan:
                storage = model._meta.get_field(bidang).storage
                baris = model._base_manager.exclude(**{bidang: ""}).exclude(
                    **{f"{bidang}__isnull": True}
                )
                for pk, nama in baris.values_list("pk", bidang).iterator():
                    try:
                        sha = sha256_berkas(storage, nama)
                    except OSError:
                        continue  # not in the store: left blank
                    model._base_manager.filter(pk=pk).update(**{kolom_hash: sha})

    return isi_hash
