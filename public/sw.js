// Aula service worker: caches the app shell so an installed tablet opens instantly and shows a
// clear offline page when the network is gone. Data is never cached: pages and server calls always
// go to the network first.
const CACHE = "aula-shell-v1";
const SHELL = [
  "/offline.html",
  "/pkg/aula.css",
  "/pkg/aula.js",
  "/pkg/aula.wasm",
  "/icons/icon.svg",
  "/icons/icon-192.png",
  "/icons/icon-512.png",
  "/manifest.webmanifest",
];

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(SHELL)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim())
  );
});

function isShellAsset(url) {
  return url.pathname.startsWith("/pkg/") || url.pathname.startsWith("/icons/") || url.pathname === "/manifest.webmanifest";
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;

  if (request.mode === "navigate") {
    // Pages: always fresh; the offline page when the network fails.
    event.respondWith(fetch(request).catch(() => caches.match("/offline.html")));
    return;
  }
  if (isShellAsset(url)) {
    // Shell assets: network first so a new release is picked up at once; cache when offline.
    event.respondWith(
      fetch(request)
        .then((response) => {
          if (response.ok) {
            const copy = response.clone();
            caches.open(CACHE).then((cache) => cache.put(request, copy));
          }
          return response;
        })
        .catch(() => caches.match(request))
    );
  }
});
