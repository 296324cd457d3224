// The public rating page at the one-stop desk (tablet) or on a citizen's phone (QR code).
// Ratings are queued in localStorage with an id made here, then sent; the queue survives a dropped network
// and a reload, and the server stores each id once, so sending again is always safe.
(function () {
  "use strict";
  var root = document.getElementById("kiosk");
  if (!root) return;

  var channel = root.getAttribute("data-channel");
  var deskCode = root.getAttribute("data-desk");
  var endpoint = root.getAttribute("data-endpoint");
  var officer = root.getAttribute("data-officer") || null;
  var idleSeconds = parseInt(root.getAttribute("data-idle"), 10) || 45;
  var thanksSeconds = parseInt(root.getAttribute("data-thanks"), 10) || 6;
  var batchSize = parseInt(root.getAttribute("data-batch"), 10) || 20;
  var queueKey = "satisfaction-queue:" + deskCode;
  var tokenKey = "satisfaction-kiosk-token:" + deskCode;
  var deviceKey = "satisfaction-device";

  var state = { level: null, reasons: [], service: null };
  var idleTimer = null;
  var thanksTimer = null;
  var retryTimer = null;
  var retryDelay = 2000;
  var sending = false;

  function uuid4() {
    if (window.crypto && window.crypto.randomUUID) return window.crypto.randomUUID();
    // crypto.randomUUID needs a secure context; a tablet on the ward's LAN may reach the portal over http.
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    var hex = Array.prototype.map.call(bytes, function (b) { return (b + 0x100).toString(16).slice(1); }).join("");
    return hex.slice(0, 8) + "-" + hex.slice(8, 12) + "-" + hex.slice(12, 16) + "-" + hex.slice(16, 20) + "-" + hex.slice(20);
  }

  function load(key, fallback) {
    try {
      var raw = window.localStorage.getItem(key);
      return raw ? JSON.parse(raw) : fallback;
    } catch (e) {
      return fallback;
    }
  }

  function save(key, value) {
    try { window.localStorage.setItem(key, JSON.stringify(value)); } catch (e) { /* storage full: keep going */ }
  }

  // A kiosk link carries its token in the fragment (#kiosk=...), which never reaches a server log.
  function kioskToken() {
    var match = /(?:^#|&)kiosk=([^&]+)/.exec(window.location.hash);
    if (match) {
      save(tokenKey, decodeURIComponent(match[1]));
      window.history.replaceState(null, "", window.location.pathname + window.location.search);
    }
    return load(tokenKey, null);
  }

  var token = channel === "kiosk" ? kioskToken() : null;
  var device = load(deviceKey, null);
  if (!device) { device = uuid4(); save(deviceKey, device); }

  function show(step) {
    var steps = root.querySelectorAll(".step");
    for (var i = 0; i < steps.length; i++) {
      steps[i].hidden = steps[i].getAttribute("data-step") !== step;
    }
    root.setAttribute("data-current", step);
  }

  function resetForm() {
    state = { level: null, reasons: [], service: null };
    var pressed = root.querySelectorAll("[aria-pressed=true]");
    for (var i = 0; i < pressed.length; i++) pressed[i].setAttribute("aria-pressed", "false");
    var comment = document.getElementById("kiosk-comment");
    if (comment) comment.value = "";
    clearTimeout(idleTimer);
    clearTimeout(thanksTimer);
    show(channel === "kiosk" && !token ? "blocked" : "level");
  }

  // Someone walked away mid-way: back to the first screen for the next person (nothing is sent).
  function armIdle() {
    clearTimeout(idleTimer);
    if (root.getAttribute("data-current") === "details") {
      idleTimer = setTimeout(resetForm, idleSeconds * 1000);
    }
  }

  function queue() { return load(queueKey, []); }

  function updateStatus() {
    var pending = queue().length;
    var status = root.querySelector("[data-queue-status]");
    status.textContent = pending ? root.getAttribute("data-msg-pending") + ": " + pending : "";
    root.setAttribute("data-pending", String(pending));
  }

  function scheduleRetry() {
    clearTimeout(retryTimer);
    retryTimer = setTimeout(flush, retryDelay);
    retryDelay = Math.min(retryDelay * 2, 60000);
  }

  function flush() {
    if (sending) return;
    var items = queue();
    if (!items.length) { updateStatus(); return; }
    if (channel === "kiosk" && !token) return;
    sending = true;
    var batch = items.slice(0, batchSize);
    var headers = { "Content-Type": "application/json" };
    if (token) headers["X-Kiosk-Token"] = token;
    fetch(endpoint, {
      method: "POST",
      headers: headers,
      body: JSON.stringify({ device: device, ratings: batch }),
      credentials: "omit",
      cache: "no-store"
    }).then(function (response) {
      if (response.status === 403 && channel === "kiosk") {
        token = null;
        try { window.localStorage.removeItem(tokenKey); } catch (e) { /* ignore */ }
        resetForm();
        throw new Error("forbidden");
      }
      if (!response.ok) throw new Error("HTTP " + response.status);
      return response.json();
    }).then(function (result) {
      var done = {};
      (result.accepted || []).concat(result.duplicates || []).forEach(function (id) { done[id] = true; });
      // A rating the server refuses for its content will never pass: drop it too.
      (result.rejected || []).forEach(function (r) { if (r.id) done[r.id] = true; });
      var rest = queue().filter(function (item) { return !done[item.id]; });
      save(queueKey, rest);
      retryDelay = 2000;
      sending = false;
      updateStatus();
      if (rest.length && Object.keys(done).length) flush();
      else if (rest.length) scheduleRetry();
    }).catch(function () {
      sending = false;
      updateStatus();
      scheduleRetry();
    });
  }

  function submit() {
    var comment = document.getElementById("kiosk-comment");
    var items = queue();
    items.push({
      id: uuid4(),
      level: state.level,
      reasons: state.reasons.slice(),
      service: state.service,
      officer: officer,
      comment: comment ? comment.value.trim() : "",
      at: new Date().toISOString()
    });
    save(queueKey, items);
    updateStatus();
    show("thanks");
    clearTimeout(idleTimer);
    thanksTimer = setTimeout(resetForm, thanksSeconds * 1000);
    flush();
  }

  root.addEventListener("click", function (event) {
    var target = event.target.closest("button");
    if (!target) return;
    if (target.hasAttribute("data-level")) {
      state.level = target.getAttribute("data-level");
      root.querySelector("[data-chosen]").textContent = target.querySelector(".level-label").textContent;
      show("details");
    } else if (target.hasAttribute("data-reason")) {
      var reason = parseInt(target.getAttribute("data-reason"), 10);
      var on = target.getAttribute("aria-pressed") !== "true";
      target.setAttribute("aria-pressed", on ? "true" : "false");
      state.reasons = state.reasons.filter(function (r) { return r !== reason; });
      if (on) state.reasons.push(reason);
    } else if (target.hasAttribute("data-service")) {
      var service = parseInt(target.getAttribute("data-service"), 10);
      var chips = root.querySelectorAll("[data-service]");
      for (var i = 0; i < chips.length; i++) chips[i].setAttribute("aria-pressed", "false");
      if (state.service === service) { state.service = null; } else {
        state.service = service;
        target.setAttribute("aria-pressed", "true");
      }
    } else if (target.hasAttribute("data-send")) {
      submit();
      return;
    } else if (target.hasAttribute("data-back")) {
      resetForm();
      return;
    }
    armIdle();
  });
  root.addEventListener("input", armIdle);
  root.addEventListener("keydown", armIdle);
  window.addEventListener("online", function () { retryDelay = 2000; flush(); });

  if (channel === "kiosk" && !token) {
    root.querySelector("[data-blocked-text]").textContent = root.getAttribute("data-msg-no-token");
  }
  // The tablet keeps the page and its files (service worker): a reload while the network is down still shows the
  // kiosk, and the queue above goes on. Browsers allow workers only over https or on localhost.
  var workerUrl = root.getAttribute("data-service-worker");
  if (workerUrl && "serviceWorker" in navigator) {
    navigator.serviceWorker.register(workerUrl).then(function () {
      return navigator.serviceWorker.ready;
    }).then(function (registration) {
      var files = [window.location.pathname];
      var links = document.querySelectorAll("link[rel~=stylesheet], link[rel~=icon], script[src]");
      for (var i = 0; i < links.length; i++) files.push(links[i].href || links[i].src);
      if (registration.active) registration.active.postMessage({ cache: files });
    }).catch(function () { /* no worker (http on the LAN): the page works as before */ });
  }

  resetForm();
  updateStatus();
  flush();
  // Whatever was queued while offline goes out even if no one rates for a while.
  setInterval(function () { if (queue().length && !sending) flush(); }, 30000);
  // Every ten minutes, when nobody is rating and nothing waits, reload to pick up a new officer on duty or a new
  // scale; only after checking that the page answers, so a dropped network never leaves a browser error page.
  setInterval(function () {
    if (root.getAttribute("data-current") !== "level" || queue().length) return;
    fetch(window.location.pathname, { method: "HEAD", cache: "no-store", credentials: "omit" })
      .then(function (response) { if (response.ok) window.location.reload(); })
      .catch(function () { /* offline: keep the page as it is */ });
  }, 600000);
})();
