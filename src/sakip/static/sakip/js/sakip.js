// Behaviour every page shares, kept out of the HTML: the Content-Security-Policy
// (lib/middleware_keamanan.py) refuses inline event handlers.
(function () {
  "use strict";
  document.addEventListener("click", function (e) {
    // The phone menu button opens and closes the main navigation.
    var tombol = e.target.closest(".nav-tombol");
    if (!tombol) return;
    var nav = document.getElementById(tombol.getAttribute("aria-controls"));
    if (!nav) return;
    nav.classList.toggle("buka");
    tombol.setAttribute("aria-expanded", nav.classList.contains("buka"));
  });
  document.addEventListener("change", function (e) {
    // A filter select marked data-kirim-otomatis sends its form when changed.
    var el = e.target;
    if (el.matches && el.matches("[data-kirim-otomatis]") && el.form) el.form.requestSubmit();
  });
})();
