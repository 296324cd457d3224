// Small behaviours of the portal. No inline scripts: the Content-Security-Policy forbids them.
(function () {
  "use strict";
  document.addEventListener("change", function (event) {
    if (event.target.matches("[data-autosubmit]")) {
      event.target.form.submit();
    }
  });
  document.addEventListener("click", function (event) {
    var toggle = event.target.closest("[data-toggle]");
    if (!toggle) return;
    var target = document.getElementById(toggle.getAttribute("data-toggle"));
    if (!target) return;
    var open = target.classList.toggle("open");
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
  });
  // Escape closes an open menu and gives the focus back to its button (keyboard and screen-reader users).
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    document.querySelectorAll("[data-toggle][aria-expanded=true]").forEach(function (toggle) {
      var target = document.getElementById(toggle.getAttribute("data-toggle"));
      if (target) target.classList.remove("open");
      toggle.setAttribute("aria-expanded", "false");
      toggle.focus();
    });
  });
  // Forms that do long work (imports, exports) show that they are working and cannot be sent twice.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var button = form.querySelector("button[type=submit][data-busy]");
    if (button) {
      button.disabled = true;
      button.textContent = button.getAttribute("data-busy");
    }
  });
})();
// Filters start open on wide screens; on a phone they stay folded until asked for (or a filter is active).
(function () {
  "use strict";
  if (window.matchMedia && window.matchMedia("(min-width: 721px)").matches) {
    document.querySelectorAll("details[data-open-wide]").forEach(function (d) { d.open = true; });
  }
})();
