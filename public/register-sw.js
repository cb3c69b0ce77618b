// Registers Aula's service worker (app-shell cache and offline page).
if ("serviceWorker" in navigator) {
  window.addEventListener("load", function () {
    navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(function (err) {
      console.warn("Aula: service worker not registered", err);
    });
  });
}
