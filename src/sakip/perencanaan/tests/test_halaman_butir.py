"""Editing the rows of the Renstra, Renja/RKA/DPA and IKU pages, inline and without JavaScript."""

import datetime
from decimal import Decimal as D

from sakip.perencanaan.models import AnggaranKas, Indikator, TargetTahunan

from .halaman_bantu import HTMX, audit_untuk, isian_butir

# ---------------------------------------------------------------- editing rows


def test_kasubag_mengubah_target_tahunan_sebaris_dengan_audit(persona, rencana, masuk):
    c = masuk(persona.a.kasubag)
    ind = rencana["renstra"].indikator.get(kode="IT1")
    url = f"/perencanaan/butir/indikator/{ind.pk}/"
    fragmen = c.get(url, **HTMX).content.decode()
    assert fragmen.lstrip().startswith("<tr") and "<html" not in fragmen
    assert 'name="target_2021"' in fragmen and 'value="80"' in fragmen

    # a scale value for a numeric indicator: refused next to its year, nothing saved
    r = c.post(url, isian_butir("indikator", ind, target_2023="WTP", target_2024="83,5"), **HTMX)
    isi = r.content.decode()
    assert r.status_code == 200 and "sunting-wadah" in isi
    galat = isi.split('name="target_2023"')[1].split("</div>")[0]
    assert "target harus angka" in galat
    assert TargetTahunan.objects.get(indikator=ind, tahun=2024).target == D(83)

    r = c.post(url, isian_butir("indikator", ind, target_2024="83,5", target_2026=""), **HTMX)
    assert r["HX-Retarget"] == "#isi-editor" and "Indikator tersimpan." in r.content.decode()
    assert TargetTahunan.objects.get(indikator=ind, tahun=2024).target == D("83.5")
    assert not TargetTahunan.objects.filter(indikator=ind, tahun=2026).exists()
    catatan = audit_untuk(TargetTahunan).filter(aktor=persona.a.kasubag)
    assert {c.aksi for c in catatan} == {"ubah", "hapus"}
    assert catatan.get(aksi="ubah").perubahan["target"] == ["83.0000", "83.5"]


def test_indikator_rentang_dan_skala_ditulis_seperti_diucapkan(persona, rencana, masuk):
    c = masuk(persona.a.kasubag)
    r = rencana["renstra"]
    data = isian_butir(
        "indikator",
        Indikator(renstra=r),
        wadah=r,
        induk=f"s{r.sasaran.get(kode='S2').pk}",
        kode="IS9",
        nama="Nilai SAKIP",
        satuan="%",
        polaritas="rentang",
        target_2025="70 – 80",
        akhir="75 s.d. 85",
    )
    c.post(f"/perencanaan/baru/indikator/{r.pk}/", data, **HTMX)
    ind = Indikator.objects.get(kode="IS9")
    assert (ind.sasaran.kode, ind.target_akhir, ind.target_akhir_atas) == ("S2", 75, 85)
    t = ind.target.get()
    assert (t.tahun, t.target, t.target_atas) == (2025, 70, 80)
    assert "70 – 80" in c.get(f"/perencanaan/renstra/{r.pk}/").content.decode()


def test_tambah_dan_hapus_lewat_formulir_biasa_tanpa_javascript(persona, rencana, masuk):
    c = masuk(persona.a.kasubag)
    r = rencana["renstra"]
    t1 = r.tujuan.get(kode="T1")
    form = c.get(f"/perencanaan/baru/sasaran/{r.pk}/?tujuan={t1.pk}").content.decode()
    assert f'<option value="{t1.pk}" selected>' in form
    resp = c.post(
        f"/perencanaan/baru/sasaran/{r.pk}/",
        {"tujuan": t1.pk, "kode": "S9", "uraian": "Meningkatnya partisipasi warga"},
    )
    assert resp.status_code == 302 and resp["Location"] == f"/perencanaan/renstra/{r.pk}/"
    s9 = r.sasaran.get(kode="S9")
    assert audit_untuk(type(s9)).get(object_id=str(s9.pk)).aktor == persona.a.kasubag
    # a duplicate code comes back as a message on the form, in Indonesian
    resp = c.post(
        f"/perencanaan/baru/sasaran/{r.pk}/", {"tujuan": t1.pk, "kode": "S9", "uraian": "x"}
    )
    isi = resp.content.decode()
    assert resp.status_code == 200 and "Kode ini sudah dipakai di dokumen yang sama" in isi

    assert "akan dihapus" in c.get(f"/perencanaan/butir/sasaran/{s9.pk}/hapus/").content.decode()
    resp = c.post(f"/perencanaan/butir/sasaran/{s9.pk}/hapus/", follow=True)
    assert "dihapus" in resp.content.decode() and not r.sasaran.filter(kode="S9").exists()
    assert audit_untuk(type(s9)).filter(object_id=str(s9.pk), aksi="hapus").exists()


def test_pohon_anggaran_pagu_rupiah_jumlah_dan_kas(persona, rencana, masuk):
    c = masuk(persona.a.kasubag)
    dpa = rencana["dpa"]
    isi = c.get(f"/perencanaan/anggaran/{dpa.pk}/").content.decode()
    assert "Rp 150.000.000" in isi and "22.500.000,50" in isi  # cents of the cash plan shown
    assert isi.count("sesuai pagu") == 2
    kegiatan = dpa.item.get(level="kegiatan")
    r = c.post(
        f"/perencanaan/baru/item/{dpa.pk}/",
        {
            "level": "sub",
            "induk": kegiatan.pk,
            "kode": "7.01.01.2.01.0009",
            "nama": "Baru",
            "pagu": "Rp 12.500.000",
        },
        **HTMX,
    )
    assert r["HX-Retarget"] == "#isi-editor"
    sub = dpa.item.get(kode="7.01.01.2.01.0009")
    assert sub.pagu == D(12_500_000)
    kas = {f"bulan_{b}": "1.250.000" for b in range(1, 11)}
    isi = c.post(f"/perencanaan/butir/kas/{sub.pk}/", kas, **HTMX).content.decode()
    assert AnggaranKas.objects.filter(item=sub).count() == 10
    baris = isi.split('id="tabel-kas"')[1].split("7.01.01.2.01.0009 Baru")[1].split("</tr>")[0]
    assert "sesuai pagu" in baris
    assert audit_untuk(AnggaranKas).filter(aktor=persona.a.kasubag).count() == 10
    # a kegiatan is not a child of a sub-kegiatan: refused at its field
    r = c.post(
        f"/perencanaan/baru/item/{dpa.pk}/",
        {"level": "kegiatan", "induk": kegiatan.pk, "kode": "X", "nama": "X", "pagu": "1"},
        **HTMX,
    )
    assert "harus berinduk pada program" in r.content.decode()


def test_pengesahan_dpa_dan_indikator_program_merujuk_renstra(persona, rencana, masuk):
    c = masuk(persona.a.kasubag)
    renja = rencana["renja"]
    program = renja.item.get(level="program")
    ind = rencana["renstra"].indikator.get(kode="IT1")
    r = c.post(
        f"/perencanaan/baru/indikator-item/{renja.pk}/",
        {
            "item": program.pk,
            "nama": "IKM",
            "satuan": "Indeks",
            "indikator_renstra": ind.pk,
            "target_isian": "WTP",
        },
        **HTMX,
    )
    assert "target harus angka" in r.content.decode()
    c.post(
        f"/perencanaan/baru/indikator-item/{renja.pk}/",
        {
            "item": program.pk,
            "nama": "IKM",
            "satuan": "Indeks",
            "indikator_renstra": ind.pk,
            "target_isian": "84",
        },
        **HTMX,
    )
    assert program.indikator.get(nama="IKM").indikator_renstra == ind
    c.post(
        f"/perencanaan/butir/dokumen/{renja.pk}/",
        {"nomor": "050/12/2025", "tanggal_pengesahan": "2025-01-02"},
    )
    renja.refresh_from_db()
    assert (renja.nomor, renja.tanggal_pengesahan) == ("050/12/2025", datetime.date(2025, 1, 2))


def test_iku_dipilih_dari_indikator_renstra(persona, rencana, masuk):
    c = masuk(persona.a.kasubag)
    r = rencana["renstra"]
    is1 = r.indikator.get(kode="IS1")
    isi = c.get(f"/perencanaan/renstra/{r.pk}/iku/").content.decode()
    assert "Waktu penyelesaian layanan" in isi.split("belum menjadi IKU")[1]
    form = c.get(f"/perencanaan/baru/iku/{r.pk}/?indikator={is1.pk}", **HTMX).content.decode()
    assert f'value="{is1.pk}" selected' in form
    data = {
        "indikator": is1.pk,
        "tahun_mulai": 2021,
        "definisi": "Rata-rata hari",
        "formula": "Σ hari / Σ layanan",
        "sumber_data": "Aplikasi layanan",
        "penanggung_jawab": persona.a.j_sekcam.pk,
    }
    c.post(f"/perencanaan/baru/iku/{r.pk}/", data, **HTMX)
    assert r.iku.filter(indikator=is1).exists()
    # outside the period: next to the year
    data["indikator"] = r.indikator.get(kode="IS4").pk
    data["tahun_mulai"] = 2030
    assert "di luar periode" in c.post(f"/perencanaan/baru/iku/{r.pk}/", data).content.decode()
