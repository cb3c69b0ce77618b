import { test, expect, Page } from "@playwright/test";
import { ADMIN, hydrated, RECEPTION, signIn } from "./helpers";

// Pages are lazy routes: the browser downloads the shared core and the chunks of the page on
// screen, which the server lists for preloading. The public pages and the sign-in page go out as
// HTML alone (app/src/routes.rs). A page's own chunk is named after its route
// (`split___public_catalog_view_<id>.<hash>.wasm`); code pages share goes into `chunk_<n>.<hash>.wasm`.

/** Every WebAssembly file the page fetches, by path. */
function wasmFetched(page: Page): string[] {
  const seen: string[] = [];
  page.on("response", (r) => {
    const path = new URL(r.url()).pathname;
    if (path.endsWith(".wasm")) seen.push(path);
  });
  return seen;
}

/** The pages whose own chunks were fetched: `public_catalog_view`, … */
function pageChunks(paths: string[]): string[] {
  const names = paths
    .map((p) => p.split("/").pop()!.split(".")[0])
    .filter((n) => n.startsWith("split_"))
    .map((n) => n.replace(/^split_+/, "").replace(/_\d+$/, ""));
  return [...new Set(names)].sort();
}

test.describe("one bundle per page", () => {
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

  test("a page downloads the shared core and its own code, exactly as it preloads", async ({ page }) => {
    const fetched = wasmFetched(page);
    await signIn(page, RECEPTION, "/login?next=/today");
    await expect(page).toHaveURL(/\/today$/);
    await hydrated(page);
    const preloaded = await page
      .locator('link[rel="preload"][href$=".wasm"]')
      .evaluateAll((links) => links.map((l) => l.getAttribute("href")));
    expect(new Set(fetched)).toEqual(new Set(preloaded));
    expect(fetched.some((p) => /^\/pkg\/aula\.[A-Za-z0-9_-]{22}\.wasm$/.test(p))).toBe(true);
    expect(pageChunks(fetched)).toEqual(["today_view"]);
  });

  test("every render of a page lists its chunks for preloading", async ({ page }) => {
    // Without vendor/leptos_integration_utils' patch about half the renders listed none.
    await signIn(page, RECEPTION);
    for (let i = 0; i < 20; i++) {
      const links = ((await (await page.request.get("/today")).text()).match(/<link[^>]*>/g) ?? []);
      expect(links).toContainEqual(expect.stringMatching(/href="\/pkg\/split___today_view_\d+\.[A-Za-z0-9_-]{22}\.wasm"/));
      const loader = links.filter((l) => /href="\/pkg\/__wasm_split\.[A-Za-z0-9_-]{22}\.js"/.test(l));
      expect(loader).toContainEqual(expect.stringContaining('rel="modulepreload"'));
    }
  });

  test("another page's code arrives when the user goes there, and the page works", async ({ page }) => {
    await signIn(page, ADMIN);
    await hydrated(page);
    const fetched = wasmFetched(page);
    await page.getByRole("navigation").getByRole("link", { name: "Clientes", exact: true }).click();
    await expect(page).toHaveURL(/\/clients$/);
    await expect(page.getByRole("heading", { name: "Clientes", level: 1 })).toBeVisible();
    expect(pageChunks(fetched)).toEqual(["client_hub_view"]);
    // The page works: its search filters the list.
    await page.getByLabel("Buscar", { exact: true }).fill("CLINICA dental");
    await page.getByLabel("Buscar", { exact: true }).press("Enter");
    await expect(page).toHaveURL(/q=CLINICA\+dental/);
    await expect(page.getByTestId("org-row")).toHaveCount(1);
  });
});
