import { test, expect, Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { ADMIN, RECEPTION, STAFF, signIn, hydrated } from "./helpers";

// The frame around every page: the grouped sidebar (a drawer on a tablet), the command palette,
// public pages without the staff chrome, no sideways scrolling, and axe over every route.

const sidebar = (page: Page) => page.getByTestId("sidebar");
const options = (page: Page) => page.getByTestId("palette").getByRole("option");

test.describe("sidebar", () => {
  test("groups the pages a role may open and marks the current one", async ({ page }) => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await signIn(page, ADMIN);
    await page.goto("/pipeline/stages");
    const nav = sidebar(page).getByRole("navigation");
    for (const group of ["Ventas", "Formación", "Recepción", "Administración"]) {
      await expect(nav.getByRole("heading", { name: group })).toBeVisible();
    }
    await expect(nav.getByRole("link", { name: "Etapas del embudo" })).toHaveAttribute("aria-current", "page");
    await expect(nav.getByRole("link", { name: "Embudo de ventas" })).not.toHaveAttribute("aria-current", "page");
    await page.goto("/clients");
    await page.locator("a.row-title").first().click();
    await expect(page).toHaveURL(/\/clients\/\d+$/);
    await expect(nav.getByRole("link", { name: "Clientes" })).toHaveAttribute("aria-current", "page");
  });

  test("reception sees its own pages only", async ({ page }) => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await signIn(page, RECEPTION);
    const nav = sidebar(page).getByRole("navigation");
    await expect(nav.getByRole("link", { name: "Hoy" })).toBeVisible();
    await expect(nav.getByRole("link", { name: "Talleres" })).toBeVisible();
    for (const hidden of ["Clientes", "Personas", "Embudo de ventas", "Usuarios", "Correo y recordatorios"]) {
      await expect(nav.getByRole("link", { name: hidden, exact: true })).toHaveCount(0);
    }
    await expect(nav.getByRole("heading", { name: "Ventas" })).toHaveCount(0);
  });

  test("collapses to icons and remembers it", async ({ page }, info) => {
    test.skip(info.project.name !== "js", "collapsing needs JavaScript");
    await page.setViewportSize({ width: 1440, height: 900 });
    await signIn(page, STAFF);
    await hydrated(page);
    const label = sidebar(page).getByText("Clientes", { exact: true });
    await expect(label).toBeVisible();
    await page.getByTestId("nav-collapse").click();
    await expect(label).toBeHidden();
    await expect(sidebar(page).getByRole("link", { name: "Clientes" })).toBeVisible();
    expect((await sidebar(page).boundingBox())!.width).toBeLessThan(90);
    await page.reload();
    await hydrated(page);
    await expect(label).toBeHidden();
    await page.getByTestId("nav-collapse").click();
    await expect(label).toBeVisible();
  });

  test("is a drawer on a tablet, opened and closed by touch", async ({ browser }, info) => {
    const js = info.project.name === "js";
    const context = await browser.newContext({ viewport: { width: 768, height: 1024 }, hasTouch: true, javaScriptEnabled: js });
    const page = await context.newPage();
    await signIn(page, STAFF);
    const link = sidebar(page).getByRole("link", { name: "Contrataciones" });
    await expect(link).not.toBeInViewport();
    await page.getByTestId("nav-drawer").tap();
    await expect(link).toBeInViewport();
    await link.tap();
    await expect(page).toHaveURL(/\/contracts$/);
    if (js) {
      // Navigating closes the drawer.
      await expect(link).not.toBeInViewport();
    }
    await context.close();
  });
});

test.describe("command palette", () => {
  test("Ctrl+K finds a page and a client by name, from the keyboard alone", async ({ page }, info) => {
    test.skip(info.project.name !== "js", "the palette needs JavaScript");
    await page.setViewportSize({ width: 1440, height: 900 });
    await signIn(page, STAFF);
    await hydrated(page);
    await page.keyboard.press("Control+k");
    const input = page.getByTestId("palette-input");
    await expect(input).toBeFocused();
    await page.keyboard.type("calend");
    await expect(options(page).first()).toContainText("Calendario");
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/\/calendar$/);
    await expect(page.getByTestId("palette")).toBeHidden();
    await hydrated(page);

    // Case and accents do not matter: "clinica dental" finds the Clínica Dental.
    await page.keyboard.press("Control+k");
    await page.keyboard.type("clinica dental");
    const client = options(page).filter({ hasText: "Clínica Dental Ondarreta" }).first();
    await expect(client).toBeVisible();
    while ((await client.getAttribute("aria-selected")) !== "true") {
      await page.keyboard.press("ArrowDown");
    }
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/\/clients\/\d+$/);
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Clínica Dental Ondarreta");
    await hydrated(page);

    await page.keyboard.press("Control+k");
    await page.keyboard.type("nada-que-coincida");
    await expect(page.getByText("Nada coincide con «nada-que-coincida».")).toBeVisible();
    await page.keyboard.press("Escape");
    await expect(page.getByTestId("palette")).toBeHidden();
  });

  test("Ctrl+K and the keys typed while the page is still loading are kept", async ({ page }, info) => {
    test.skip(info.project.name !== "js", "the palette needs JavaScript");
    await signIn(page, STAFF);
    // The page's code arrives a second late, as on a slow connection.
    await page.route(/\/pkg\/aula\.[^/]+\.wasm$/, async (route) => {
      await new Promise((r) => setTimeout(r, 1000));
      await route.continue();
    });
    await page.goto("/clients", { waitUntil: "domcontentloaded" });
    expect(await page.evaluate(() => (window as any).__aula_hydrated === true)).toBe(false);
    await page.keyboard.press("Control+k");
    await page.keyboard.type("calend");
    await hydrated(page);
    await expect(page.getByTestId("palette-input")).toHaveValue("calend");
    await expect(page.getByTestId("palette-input")).toBeFocused();
    await expect(options(page).first()).toContainText("Calendario");
  });

  test("the search button opens it on a tablet, and reception finds workshops but no clients", async ({ browser }, info) => {
    test.skip(info.project.name !== "js", "the palette needs JavaScript");
    const context = await browser.newContext({ viewport: { width: 768, height: 1024 }, hasTouch: true });
    const page = await context.newPage();
    await signIn(page, RECEPTION);
    await hydrated(page);
    await page.getByTestId("palette-button").tap();
    await page.getByTestId("palette-input").fill("resina");
    await expect(options(page).filter({ hasText: "Resina epoxi" })).toBeVisible();
    await page.getByTestId("palette-input").fill("arteka");
    await expect(page.getByText("Nada coincide con «arteka».")).toBeVisible();
    await context.close();
  });
});

test.describe("public pages", () => {
  test("a signed-in user sees the public catalogue without the staff chrome", async ({ page }) => {
    await signIn(page, STAFF);
    await page.goto("/talleres");
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expect(page.getByTestId("sidebar")).toHaveCount(0);
    await expect(page.getByTestId("user-chip")).toHaveCount(0);
    await expect(page.getByTestId("bell")).toHaveCount(0);
  });
});

/** Every page a role opens from the sidebar, plus one record of each kind it may see. */
async function routesFor(page: Page, staff: boolean): Promise<string[]> {
  const routes = await sidebar(page)
    .getByRole("navigation")
    .getByRole("link")
    .evaluateAll((links) => links.map((a) => a.getAttribute("href")!));
  routes.push("/calendar?view=week", "/calendar?view=agenda", "/talleres");
  const lists: [string, string][] = [
    ["/workshops", "/workshops/"],
    ["/today", "/sessions/"],
    ["/talleres", "/talleres/"],
  ];
  if (staff) {
    routes.push("/clients/new", "/people/new", "/contracts/new", "/clients/import");
    lists.push(["/clients", "/clients/"], ["/people", "/people/"], ["/contracts", "/contracts/"], ["/pipeline", "/opportunities/"]);
  }
  for (const [list, prefix] of lists) {
    await page.goto(list);
    const hrefs = await page
      .locator(`a[href^="${prefix}"]`)
      .evaluateAll((links) => links.map((a) => a.getAttribute("href")!).filter((h) => /\/\d+$/.test(h)));
    if (hrefs.length > 0) routes.push(hrefs[0]);
  }
  return [...new Set(routes)];
}

test.describe("accessibility", () => {
  for (const [name, who, staff] of [
    ["admin", ADMIN, true],
    ["staff", STAFF, true],
    ["reception", RECEPTION, false],
  ] as const) {
    test(`axe finds no WCAG 2 A or AA violation on any page ${name} opens`, async ({ page }, info) => {
      test.skip(info.project.name !== "js", "axe runs in the page; the markup is the same without JavaScript");
      test.setTimeout(180_000);
      await page.setViewportSize({ width: 1440, height: 900 });
      await signIn(page, who);
      const routes = await routesFor(page, staff);
      expect(routes.length).toBeGreaterThan(staff ? 12 : 6);
      const found: string[] = [];
      for (const route of routes) {
        await page.goto(route);
        const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
        for (const v of result.violations) {
          found.push(`${route}: ${v.id} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
        }
      }
      expect(found, `${routes.length} pages checked`).toEqual([]);
    });
  }

  test("no page scrolls sideways on a tablet", async ({ browser }, info) => {
    test.setTimeout(180_000);
    const js = info.project.name === "js";
    const context = await browser.newContext({ viewport: { width: 768, height: 1024 }, hasTouch: true, javaScriptEnabled: js });
    const page = await context.newPage();
    await signIn(page, ADMIN);
    await page.setViewportSize({ width: 1440, height: 900 });
    const routes = await routesFor(page, true);
    await page.setViewportSize({ width: 768, height: 1024 });
    const wide: string[] = [];
    for (const route of routes) {
      await page.goto(route);
      const [scroll, width] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
      if (scroll > width) wide.push(`${route}: ${scroll}px`);
    }
    expect(wide).toEqual([]);
    await context.close();
  });
});
