from importlib import import_module

from django.apps import AppConfig, apps
from django.utils.module_loading import module_has_submodule

# Each app gives the SOP engine its plug-ins in a module of this name, with a function
# `daftarkan_sop()` that registers them (document binders in `dokumen_terikat`, the
# letters' step handler in `tindakan`); see perencanaan/sop_plugin.py.
MODUL_PLUGIN = "sop_plugin"


class SopConfig(AppConfig):
    name = "sakip.sop"
    verbose_name = "SOP"

    def ready(self) -> None:
        from . import jadwal  # noqa: F401 — registers the periodic jobs with the queue

        daftarkan_plugin()


def daftarkan_plugin() -> None:
    """Register every installed app's SOP plug-ins, in INSTALLED_APPS order.

    The order is the binders' order, which `dokumen_terikat.pengikat_untuk` tries in turn.
    The engine imports no planning, report or letter code: the apps come to it.
    """
    for config in apps.get_app_configs():
        if module_has_submodule(config.module, MODUL_PLUGIN):
            import_module(f"{config.name}.{MODUL_PLUGIN}").daftarkan_sop()
