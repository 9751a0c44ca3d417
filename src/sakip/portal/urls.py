"""Portal's routes. The inbox keeps its place and name in the SOP namespace
(`sop:kotak_tugas`, /sop/tugas/): `sop_urlpatterns` is sop's own routes with the inbox
put in front, and sakip/urls.py mounts it under sop/ — so sop imports nothing above it.
"""

from django.urls import path

from sakip.sop import urls as sop_urls

from . import views

sop_urlpatterns = (
    [path("tugas/", views.kotak_tugas, name="kotak_tugas"), *sop_urls.urlpatterns],
    sop_urls.app_name,
)
