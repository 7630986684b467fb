// Sift's service worker: after the first visit the app opens and works with no network.
//
// On install it stores every file of this build (the list below, written by
// scripts/trunk-post-build.mjs from dist/ at build time) in a cache named after the build's
// version; on activate it deletes the caches of older builds. It answers every request for
// those files from the cache, and a page navigation with the cached index.html. A new build
// waits until the page asks it to take over (the "A new version of Sift is ready" banner), so
// one page never mixes the files of two versions.

// Replaced at build time; "dev" and an empty list when this file is served unprocessed.
const BUILD = { version: "dev", files: [] };

const PREFIX = "sift-";
const CACHE = PREFIX + BUILD.version;
/** The cached page that answers every navigation within the scope. */
const INDEX = new URL("index.html", self.registration.scope).href;

self.addEventListener("install", (event) => {
  // "no-cache": revalidate with the server, so an unhashed file (index.html, worker.js) kept by
  // the HTTP cache from an older build is never stored; an unchanged one costs a 304.
  const requests = BUILD.files.map((file) => new Request(new URL(file, self.registration.scope), { cache: "no-cache" }));
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(requests)));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys().then((names) =>
      Promise.all(names.filter((name) => name.startsWith(PREFIX) && name !== CACHE).map((name) => caches.delete(name))),
    ),
  );
});

self.addEventListener("message", (event) => {
  if (event.data === "skip-waiting") self.skipWaiting();
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || !request.url.startsWith(self.registration.scope)) return;
  const cached = request.mode === "navigate" ? caches.match(INDEX, { cacheName: CACHE }) : caches.match(request, { cacheName: CACHE, ignoreSearch: true });
  event.respondWith(cached.then((response) => response || fetch(request)));
});
