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
