// Aula's loader: once the browser is idle, fetches the page's WebAssembly, starts what every page
// adds (app::browser) and hydrates the page's islands (<leptos-island>), each from its own chunk
// when it is a lazy one. The server names the built files on this script's element. Then sets
// window.__aula_hydrated, which the browser tests wait for, and exposes __aulaHydrateIslands for
// parts of the page refreshed in place.
const script = document.getElementById("aula-hydrate");
const { js, wasm } = script.dataset;

// Ctrl/Cmd+K, and what is typed right after it, before the palette is live: replayed once it is,
// so a quick hand loses nothing.
let early = null;
function earlyKey(ev) {
  if ((ev.ctrlKey || ev.metaKey) && ev.key.toLowerCase() === "k") {
    ev.preventDefault();
    early = "";
  } else if (early !== null && ev.key.length === 1 && !ev.ctrlKey && !ev.metaKey && !ev.altKey) {
    ev.preventDefault();
    early += ev.key;
  } else if (early !== null && ev.key === "Backspace") {
    ev.preventDefault();
    early = early.slice(0, -1);
  }
}
window.addEventListener("keydown", earlyKey, true);

function replayEarlyKeys() {
  window.removeEventListener("keydown", earlyKey, true);
  if (early === null) return;
  window.dispatchEvent(new KeyboardEvent("keydown", { key: "k", ctrlKey: true, bubbles: true }));
  const input = document.getElementById("palette-input");
  if (input && early) {
    input.value = early;
    input.dispatchEvent(new Event("input", { bubbles: true }));
  }
}

async function hydrateIslands(mod, root) {
  const islands = [];
  if (root.tagName === "LEPTOS-ISLAND") islands.push(root);
  islands.push(...root.querySelectorAll("leptos-island"));
  for (const island of islands) {
    // An island inside another is hydrated by the outer one; a refreshed part may hold new ones.
    if (island.$$hydrated || island.parentElement?.closest("leptos-island")) continue;
    const hydrate = mod[island.dataset.component];
    if (!hydrate) {
      console.warn(`Aula: no code for the island ${island.dataset.component}`);
      continue;
    }
    island.$$hydrated = true;
    await hydrate(island);
  }
}

async function start() {
  const mod = await import(js);
  await mod.default({ module_or_path: wasm });
  mod.hydrate();
  window.__aulaHydrateIslands = (root) => hydrateIslands(mod, root);
  await hydrateIslands(mod, document.body);
  replayEarlyKeys();
  // On the next frame, once the effects hydration scheduled (key bindings, focus) have run.
  requestAnimationFrame(() => (window.__aula_hydrated = true));
}

if ("requestIdleCallback" in window) {
  // `timeout`: a page that never goes idle still comes alive.
  window.requestIdleCallback(start, { timeout: 2000 });
} else {
  start();
}
