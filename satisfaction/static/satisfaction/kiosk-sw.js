// Service worker of the public rating pages (scope /danh-gia/): a tablet at the desk that reloads while the
// network is down still shows the kiosk, and its queue (kiosk.js, localStorage) keeps working.
// Pages and their files are fetched from the network first (the officer on duty and the scale change), and the
// last good copy is kept for when the network is down. Ratings (POST) never go through the cache.
"use strict";

var CACHE = "danvan-kiosk-v1";

self.addEventListener("install", function () { self.skipWaiting(); });

self.addEventListener("activate", function (event) {
  event.waitUntil(
    caches.keys().then(function (names) {
      return Promise.all(names.filter(function (name) {
        return name.indexOf("danvan-kiosk-") === 0 && name !== CACHE;
      }).map(function (name) { return caches.delete(name); }));
    }).then(function () { return self.clients.claim(); })
  );
});

function sameOrigin(url) { return new URL(url, self.location.href).origin === self.location.origin; }

// The page asks to keep itself and its files: the first load happened before this worker controlled it.
self.addEventListener("message", function (event) {
  var urls = (event.data && event.data.cache) || [];
  urls = urls.filter(sameOrigin);
  if (!urls.length) return;
  event.waitUntil(caches.open(CACHE).then(function (cache) {
    return Promise.all(urls.map(function (url) {
      return fetch(url, { credentials: "omit", cache: "no-store" }).then(function (response) {
        if (response.ok) return cache.put(url, response);
      }).catch(function () { /* offline now: the next load fills it */ });
    }));
  }));
});

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET" || !sameOrigin(request.url)) return;
  var url = new URL(request.url);
  // Only the rating pages and their static files: nothing of the officials' portal is kept here.
  if (url.pathname.indexOf("/danh-gia/") !== 0 && url.pathname.indexOf("/static/") !== 0) return;
  event.respondWith(
    fetch(request).then(function (response) {
      if (response.ok && response.type === "basic") {
        var copy = response.clone();
        caches.open(CACHE).then(function (cache) { cache.put(request, copy); });
      }
      return response;
    }).catch(function () {
      return caches.match(request, { ignoreSearch: true, ignoreVary: true }).then(function (cached) {
        if (cached) return cached;
        throw new Error("offline and not cached");
      });
    })
  );
});
