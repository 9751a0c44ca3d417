"""The Pemda administrator rewords the nine elements in the admin; others cannot."""

from sakip.ikm.models import UnsurSurvei


def test_admin_pemda_mengubah_unsur(persona, masuk):
    c = masuk(persona.admin_pemda)
    r = c.get("/admin/ikm/unsursurvei/")
    assert r.status_code == 200 and "Biaya/Tarif" in r.content.decode()
    u = UnsurSurvei.objects.get(pemda=persona.pemda, urutan=9)
    data = {"nama": "Sarana, Prasarana, dan Fasilitas", "pertanyaan": u.pertanyaan,
            **{f"jawaban_{i}": getattr(u, f"jawaban_{i}") for i in range(1, 5)}}  # fmt: skip
    r = c.post(f"/admin/ikm/unsursurvei/{u.pk}/change/", data)
    assert r.status_code == 302
    u.refresh_from_db()
    assert u.nama == "Sarana, Prasarana, dan Fasilitas"
    # another Pemda's administrator does not see it
    assert (
        masuk(persona.admin_lain).get(f"/admin/ikm/unsursurvei/{u.pk}/change/").status_code == 404
    )
    assert masuk(persona.a.camat).get("/admin/ikm/unsursurvei/").status_code in (302, 403)
