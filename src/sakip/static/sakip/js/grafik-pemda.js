// Agencies side by side (Pemda page): average capaian and budget serapan per agency.
// Reads the figures the server wrote with json_script; without Chart.js the CSS bars stay.
(function () {
  "use strict";
  function gambar() {
    var sumber = document.getElementById("data-grafik-pemda");
    var kanvas = document.getElementById("grafik-pemda");
    if (!sumber || !kanvas || typeof window.Chart === "undefined") return;
    var data = JSON.parse(sumber.textContent);
    kanvas.closest("section").classList.add("grafik-siap");
    new window.Chart(kanvas, {
      type: "bar",
      data: {
        labels: data.label,
        datasets: [
          { label: "Rata-rata capaian (%)", data: data.capaian, backgroundColor: "#0b4f8a" },
          { label: "Serapan anggaran (%)", data: data.serapan, backgroundColor: "#f79009" },
          { label: "Kelengkapan data (%)", data: data.kelengkapan, backgroundColor: "#98a2b3" }
        ]
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        scales: { y: { beginAtZero: true, suggestedMax: 100, title: { display: true, text: "%" } } },
        plugins: {
          legend: { position: "bottom" },
          tooltip: {
            callbacks: {
              label: function (c) {
                var v = c.parsed.y;
                return c.dataset.label + ": " + (v === null ? "—" : v.toLocaleString("id-ID") + "%");
              }
            }
          }
        }
      }
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", gambar);
  } else {
    gambar();
  }
})();
