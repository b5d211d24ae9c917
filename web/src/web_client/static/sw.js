/* The web client's service worker (served at /sw.js, scope /). Static assets of the shell come from
   its cache; pages always from the network and are never stored (they carry personal data and the
   CSRF token); without a network a page is answered with the offline page. The API, sign-in and
   every non-GET request are left to the browser. */
"use strict";

// One cache per release: the server writes the release of the assets in place of the mark below.
const CACHE = "epi-shell-__RELEASE__";
const OFFLINE = "/offline";

async function precache() {
  const cache = await caches.open(CACHE);
  // credentials omitted: the offline page is the anonymous one, the same for everybody.
  const response = await fetch(OFFLINE, {cache: "no-store", credentials: "omit"});
  if (!response.ok) throw new Error("offline page answered " + response.status);
  const html = await response.clone().text();
  await cache.put(OFFLINE, response);
  // The offline page links the shell's versioned assets (CSS, JS, icons), the same as every page.
  const assets = new Set(Array.from(html.matchAll(/\/assets\/[^"'\s<>)]+/g), (m) => m[0].replace(/&amp;/g, "&")));
  await cache.addAll([...assets]);
  // And the fonts the style sheets name, so that the offline page keeps its look.
  const fonts = new Set();
  for (const url of assets) {
    if (!url.split("?")[0].endsWith(".css")) continue;
    const css = await (await cache.match(url)).text();
    for (const m of css.matchAll(/url\(["']?([^)"':]+\.woff2)["']?\)/g)) {
      fonts.add(new URL(m[1], self.location.origin + url).pathname);
    }
  }
  await cache.addAll([...fonts]);
}

self.addEventListener("install", (event) => {
  event.waitUntil(precache().then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {  // the caches of earlier releases
      if (name.startsWith("epi-shell-") && name !== CACHE) await caches.delete(name);
    }
    await self.clients.claim();  // the page that registered it is controlled at once
  })());
});

async function asset(request) {
  const cache = await caches.open(CACHE);
  const hit = await cache.match(request);
  if (hit) return hit;
  const response = await fetch(request);
  if (response.ok) {
    const path = new URL(request.url).pathname;
    // A new version of an asset replaces the old one: the cache does not grow with deployments.
    for (const old of await cache.keys()) {
      if (new URL(old.url).pathname === path) await cache.delete(old);
    }
    await cache.put(request, response.clone());
  }
  return response;
}

async function page(request) {
  try {
    return await fetch(request);
  } catch (error) {
    return (await caches.match(OFFLINE)) || Response.error();
  }
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  if (url.pathname.startsWith("/assets/")) {
    event.respondWith(asset(request));
  } else if (request.mode === "navigate" || request.headers.has("HX-Request")) {
    event.respondWith(page(request));  // htmx's boosted links are page loads too
  }
});
