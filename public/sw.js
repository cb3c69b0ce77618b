// Aula service worker: caches the app shell so an installed tablet opens instantly and shows a
// clear offline page when the network is gone. Data is never cached: pages and server calls always
// go to the network first. Built files under /pkg/ carry a content hash in their names: they never
// change, so they are served from the cache once fetched, and a new release (new names, named by
// the freshly loaded page) is fetched at once.
const CACHE = "aula-shell-v2";
const SHELL = [
  "/offline.html",
  "/icons/icon.svg",
  "/icons/icon-192.png",
  "/icons/icon-512.png",
  "/manifest.webmanifest",
];
// Hashed files kept before the oldest are dropped: a release has about 900 (the shared core and
// every page's chunks, 6 MB in all), so this keeps about two releases.
const MAX_BUILT_FILES = 2000;

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

// `aula.<22 characters of URL-safe base64>.wasm`, as the build names them.
function hasContentHash(url) {
  return url.pathname.startsWith("/pkg/") && /\.[A-Za-z0-9_-]{22}\./.test(url.pathname.split("/").pop());
}

async function keepBuiltFile(request, response) {
  const cache = await caches.open(CACHE);
  await cache.put(request, response);
  const built = (await cache.keys()).filter((r) => hasContentHash(new URL(r.url)));
  await Promise.all(built.slice(0, Math.max(0, built.length - MAX_BUILT_FILES)).map((r) => cache.delete(r)));
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
  if (hasContentHash(url)) {
    // Built files never change under one name: the cache first, the network once.
    event.respondWith(
      caches.match(request).then(
        (cached) =>
          cached ||
          fetch(request).then((response) => {
            if (response.ok) event.waitUntil(keepBuiltFile(request, response.clone()));
            return response;
          })
      )
    );
    return;
  }
  if (isShellAsset(url)) {
    // Other shell assets: network first so a new release is picked up at once; cache when offline.
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
