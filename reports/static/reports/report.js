// While the worker renders an approved report's PDF, poll its state and show the download when ready.
(function () {
  "use strict";
  var box = document.getElementById("pdf-box");
  if (!box || box.getAttribute("data-state") === "ready") return;
  var url = box.getAttribute("data-status-url");
  var tries = 0;
  function poll() {
    tries += 1;
    fetch(url, { credentials: "same-origin" })
      .then(function (r) { return r.json(); })
      .then(function (data) {
        if (data.state === "ready" && data.url) {
          box.innerHTML = "";
          var link = document.createElement("a");
          link.className = "button primary";
          link.href = data.url;
          link.textContent = box.getAttribute("data-ready-label") || "Tải PDF";
          box.appendChild(link);
        } else if (data.state === "failed") {
          box.textContent = data.label;
        } else if (tries < 120) {
          var label = box.querySelector("[data-pdf-label]");
          if (label) label.textContent = data.label + "…";
          setTimeout(poll, 1500);
        }
      })
      .catch(function () { if (tries < 120) setTimeout(poll, 3000); });
  }
  setTimeout(poll, 800);
})();
