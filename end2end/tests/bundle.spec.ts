import { test, expect, Page } from "@playwright/test";
import { hydrated, RECEPTION, signIn, STAFF } from "./helpers";

// Pages are rendered on the server; the browser hydrates only their islands (islands mode). Every
// staff page downloads the main module (`aula.<hash>.wasm`: the frame's islands and what every page
// adds); a page with a lazy island (the pipeline board, the calendar, the proposal editor…) also
// downloads that island's chunks (`split_board_view_loader_<id>.<hash>.wasm` and the `chunk_<n>`
// it shares), which the page lists for preloading. The public pages and the sign-in page go out
// as HTML alone (app/src/routes.rs).

/** Every WebAssembly file the page fetches, by path. */
function wasmFetched(page: Page): string[] {
  const seen: string[] = [];
  page.on("response", (r) => {
    const path = new URL(r.url()).pathname;
    if (path.endsWith(".wasm")) seen.push(path);
  });
  return seen;
}

/** The WebAssembly files the page lists for preloading. */
async function preloaded(page: Page): Promise<string[]> {
  return page.locator('link[rel="preload"][href$=".wasm"]').evaluateAll((links) => links.map((l) => l.getAttribute("href")!));
}

/** The lazy islands whose own chunks were fetched: `board_view`, … */
function islandChunks(paths: string[]): string[] {
  const names = paths
    .map((p) => p.split("/").pop()!.split(".")[0])
    .filter((n) => n.startsWith("split_"))
    .map((n) => n.replace(/^split_/, "").replace(/_loader_\d+$/, ""));
  return [...new Set(names)].sort();
}

const MAIN = /^\/pkg\/aula\.[A-Za-z0-9_-]{22}\.wasm$/;

test.describe("code per page", () => {
  test.beforeEach(({}, info) => {
    test.skip(info.project.name !== "js", "code is downloaded by JavaScript");
  });

  test("the public pages and the sign-in page download no code, and still work", async ({ page }) => {
    const fetched = wasmFetched(page);
    const code: string[] = [];
    page.on("request", (r) => {
      const path = new URL(r.url()).pathname;
      if (path.startsWith("/pkg/") && /\.(js|wasm)$/.test(path)) code.push(path);
    });
    await page.goto("/talleres");
    await page.getByTestId("public-workshop").first().getByRole("link").first().click();
    await expect(page).toHaveURL(/\/talleres\/\d+$/);
    await expect(page.getByTestId("public-enroll-form")).toBeVisible();
    await page.goto("/login");
    expect(code).toEqual([]);
    expect(await page.locator('link[href^="/pkg/"][href$=".wasm"], link[href^="/pkg/"][href$=".js"]').count()).toBe(0);
    // Signing in leads into the app, which downloads its code and hydrates.
    await signIn(page, RECEPTION);
    await hydrated(page);
    expect(fetched.length).toBeGreaterThan(0);
  });

  test("a page without islands of its own downloads the main module alone, as it preloads", async ({ page }) => {
    const fetched = wasmFetched(page);
    await signIn(page, RECEPTION, "/login?next=/today");
    await expect(page).toHaveURL(/\/today$/);
    await hydrated(page);
    expect(new Set(fetched)).toEqual(new Set(await preloaded(page)));
    expect([...new Set(fetched)]).toEqual([expect.stringMatching(MAIN)]);
    // The frame is live: the palette opens.
    await page.keyboard.press("Control+k");
    await expect(page.getByTestId("palette-input")).toBeFocused();
  });

  test("a page with a lazy island downloads its chunks too, exactly as it preloads", async ({ page }) => {
    await signIn(page, STAFF);
    const fetched = wasmFetched(page);
    await page.goto("/pipeline");
    await hydrated(page);
    expect(new Set(fetched)).toEqual(new Set(await preloaded(page)));
    expect(fetched.some((p) => MAIN.test(p))).toBe(true);
    expect(islandChunks(fetched)).toEqual(["board_view"]);
    // The island is live: the keyboard picks a card up.
    await page.getByTestId("board-card").first().focus();
    await page.keyboard.press(" ");
    await expect(page.getByTestId("pipe-announce")).not.toBeEmpty();
  });

  test("every render of a page with a lazy island lists its chunks for preloading", async ({ page }) => {
    await signIn(page, STAFF);
    for (let i = 0; i < 20; i++) {
      const links = (await (await page.request.get("/pipeline")).text()).match(/<link[^>]*>/g) ?? [];
      expect(links).toContainEqual(expect.stringMatching(/href="\/pkg\/split_board_view_loader_\d+\.[A-Za-z0-9_-]{22}\.wasm"/));
      const loader = links.filter((l) => /href="\/pkg\/__wasm_split\.[A-Za-z0-9_-]{22}\.js"/.test(l));
      expect(loader).toContainEqual(expect.stringContaining('rel="modulepreload"'));
    }
  });
});
