// Fast paper-form entry: a digit in a 1–5 box moves on to the next box; Enter (default) saves the form.
(function () {
  "use strict";
  var form = document.querySelector("[data-paper-entry]");
  if (!form) return;
  form.addEventListener("input", function (event) {
    var box = event.target;
    if (!box.hasAttribute("data-digit") || !/^[1-5]$/.test(box.value)) return;
    var boxes = Array.prototype.slice.call(form.querySelectorAll("input:not([type=hidden])"));
    var next = boxes[boxes.indexOf(box) + 1];
    if (next) { next.focus(); next.select(); }
  });
})();
