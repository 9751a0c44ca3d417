"""The SOP engine: start runs, turn steps into tasks, move them on, under row locks.

Private to the SOP app: other apps call `sakip.sop.services`, which re-exports what they
may use. The modules, in the order they build on each other:

- `tembolok`: the runs' versions kept in the process (a version never changes);
- `penerima`: who a step's task goes to, who may act on it, the inbox;
- `tenggat`: a step's time standard and its duration in working minutes;
- `peristiwa`: the run's append-only log and the tasks' audit rows;
- `dokumen_pelaksanaan`: the run's document — bound, checked, snapshotted, signed;
- `alur`: the next task, the end of a run, sub-procedures, the team;
- `transisi`: the transitions people (and the schedule) make, each under the run's lock.
"""

from ..kesalahan import KesalahanAlur
from .dokumen_pelaksanaan import (
    ikat_dokumen,
    perlu_passphrase,
    perubahan_sejak_pemeriksaan,
    ringkasan_dokumen,
    ringkasan_lampiran,
    siapkan_dokumen,
)
from .penerima import (
    anggota_tim_ids,
    boleh_bertindak,
    boleh_memulai,
    kotak_tugas,
    penerima_tugas,
    perlu_tim_saat_mulai,
)
from .tenggat import durasi_aktual_menit, menit_baku
from .transisi import (
    alihkan,
    batalkan,
    jalankan_ulang,
    klaim,
    mulai,
    mulai_atas_nama,
    mulai_terjadwal,
    putuskan,
    selesaikan,
)

__all__ = [
    "KesalahanAlur",
    "alihkan",
    "anggota_tim_ids",
    "batalkan",
    "boleh_bertindak",
    "boleh_memulai",
    "durasi_aktual_menit",
    "ikat_dokumen",
    "jalankan_ulang",
    "klaim",
    "kotak_tugas",
    "menit_baku",
    "mulai",
    "mulai_atas_nama",
    "mulai_terjadwal",
    "penerima_tugas",
    "perlu_passphrase",
    "perlu_tim_saat_mulai",
    "perubahan_sejak_pemeriksaan",
    "putuskan",
    "ringkasan_dokumen",
    "ringkasan_lampiran",
    "selesaikan",
    "siapkan_dokumen",
]
