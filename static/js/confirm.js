// Asks before a form does what cannot be undone (approve and issue, delete, revoke).
// <form data-confirm="What will happen" data-confirm-title="Question?" data-confirm-ok="Yes, do it"
//       data-confirm-cancel="Cancel">: the form is sent only after "OK" in a modal dialog. A hidden
// input named "confirmed" is set to 1, so the server can tell a confirmed request from one sent without the
// script (it then shows its own confirmation page). No inline script: the portal sends a Content-Security-Policy.
(function () {
  "use strict";
  var dialog = null;
  var pending = null;

  function button(label, className, value) {
    var b = document.createElement("button");
    b.type = "submit";
    b.value = value;
    b.className = className;
    b.textContent = label;
    return b;
  }

  function build() {
    dialog = document.createElement("dialog");
    dialog.className = "confirm-dialog";
    dialog.setAttribute("role", "alertdialog");
    dialog.setAttribute("aria-labelledby", "confirm-dialog-title");
    dialog.setAttribute("aria-describedby", "confirm-dialog-message");
    var form = document.createElement("form");
    form.method = "dialog";
    var title = document.createElement("h2");
    title.id = "confirm-dialog-title";
    var message = document.createElement("p");
    message.id = "confirm-dialog-message";
    var actions = document.createElement("div");
    actions.className = "actions";
    actions.appendChild(button("", "button", "cancel"));
    actions.appendChild(button("", "primary", "ok"));
    form.appendChild(title);
    form.appendChild(message);
    form.appendChild(actions);
    dialog.appendChild(form);
    document.body.appendChild(dialog);
    dialog.addEventListener("close", function () {
      var request = pending;
      pending = null;
      if (!request || dialog.returnValue !== "ok") return;
      var target = request.form;
      target.setAttribute("data-confirmed", "1");
      var field = target.querySelector("input[name=confirmed]");
      if (field) field.value = "1";
      if (target.requestSubmit) {
        target.requestSubmit(request.submitter || undefined);
      } else {
        target.submit();
      }
    });
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches || !form.matches("form[data-confirm]")) return;
    if (form.getAttribute("data-confirmed") === "1") {
      form.removeAttribute("data-confirmed");
      return;
    }
    event.preventDefault();
    event.stopPropagation();  // nothing else (the "working…" label) reacts to a submission not yet confirmed
    if (!dialog) build();
    var submitter = event.submitter || null;
    pending = {form: form, submitter: submitter};
    dialog.querySelector("h2").textContent = form.getAttribute("data-confirm-title") || "";
    dialog.querySelector("p").textContent = form.getAttribute("data-confirm");
    var buttons = dialog.querySelectorAll("button");
    buttons[0].textContent = form.getAttribute("data-confirm-cancel") || "Hủy";
    buttons[1].textContent = form.getAttribute("data-confirm-ok") || (submitter ? submitter.textContent : "OK");
    buttons[1].className = form.getAttribute("data-confirm-danger") !== null ? "danger" : "primary";
    dialog.returnValue = "";
    dialog.showModal();
    buttons[0].focus();
  }, true);
})();
