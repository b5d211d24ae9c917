/* Registers the service worker (static file: the CSP allows no inline script). */
"use strict";
if ("serviceWorker" in navigator) {
  navigator.serviceWorker.register("/sw.js", {scope: "/"}).catch(() => {
    /* without it the site works as before, only not offline */
  });
}
