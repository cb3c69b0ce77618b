import { expect, test } from "@playwright/test";
import { ADMIN, RECEPTION, STAFF, hydrated, signIn } from "./helpers";

test.describe("signing in", () => {
  test("a wrong password is refused next to the field, then the right one opens the dashboard", async ({ page }) => {
    await page.goto("/");
    await expect(page).toHaveURL(/\/login\?next=\//);
    await page.getByLabel("Email").fill(ADMIN.email);
    await page.getByLabel("Contraseña").fill("no-es-la-contraseña");
    await page.getByRole("button", { name: "Entrar" }).click();
    await expect(page.getByTestId("error-password")).toHaveText("Email o contraseña incorrectos.");
    await expect(page.getByLabel("Email")).toHaveValue(ADMIN.email);
    await expect(page.getByLabel("Contraseña")).toHaveAttribute("aria-invalid", "true");

    await page.getByLabel("Contraseña").fill(ADMIN.password);
    await page.getByRole("button", { name: "Entrar" }).click();
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByTestId("greeting")).toHaveText("Hola, Administrador");
    await expect(page.getByTestId("active-users")).toHaveText(/^[1-9]\d*$/);
  });

  test("signing out ends the session", async ({ page }) => {
    await signIn(page, STAFF);
    await page.getByRole("button", { name: "Cerrar sesión" }).click();
    await expect(page.getByTestId("login-banner")).toHaveText("Has cerrado la sesión.");
    await page.goto("/account");
    await expect(page).toHaveURL(/\/login\?next=\/account/);
  });
});

test.describe("roles", () => {
  test("an anonymous visitor is sent to sign in and then back to the page asked for", async ({ page }) => {
    await page.goto("/admin/users");
    await expect(page).toHaveURL(/\/login\?next=\/admin\/users/);
    await page.getByLabel("Email").fill(ADMIN.email);
    await page.getByLabel("Contraseña").fill(ADMIN.password);
    await page.getByRole("button", { name: "Entrar" }).click();
    await expect(page).toHaveURL(/\/admin\/users$/);
    await expect(page.getByRole("heading", { name: "Usuarios", level: 1 })).toBeVisible();
    await expect(page.getByTestId(`user-row-${RECEPTION.email}`)).toBeVisible();
  });

  test("staff and reception see no user administration and get a 403 page there", async ({ page }) => {
    for (const who of [STAFF, RECEPTION]) {
      await page.context().clearCookies();
      await signIn(page, who);
      await expect(page.getByRole("link", { name: "Usuarios" })).toHaveCount(0);
      const response = await page.goto("/admin/users");
      expect(response?.status()).toBe(403);
      await expect(page.getByTestId("error-page-403")).toBeVisible();
    }
  });

  test("an unknown address is a translated 404 page", async ({ page }) => {
    await signIn(page, STAFF);
    const response = await page.goto("/no-existe");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Página no encontrada" })).toBeVisible();
  });
});

test.describe("languages", () => {
  test("switching to Basque and English translates the app and is remembered", async ({ page }) => {
    await signIn(page, STAFF);
    await page.getByTestId("lang-eu").click();
    await expect(page.getByTestId("greeting")).toHaveText("Kaixo, Javier");
    await expect(page.getByRole("button", { name: "Saioa itxi" })).toBeVisible();
    await expect(page.locator("html")).toHaveAttribute("lang", "eu");
    await page.reload();
    await expect(page.getByRole("link", { name: "Nire kontua" })).toBeVisible();
    await page.getByTestId("lang-en").click();
    await expect(page.getByTestId("greeting")).toHaveText("Hello, Javier");
    await page.getByTestId("lang-es").click();
    await expect(page.getByTestId("greeting")).toHaveText("Hola, Javier");
  });

  test("the login page follows the browser language before anyone signs in", async ({ browser }) => {
    const context = await browser.newContext({ locale: "en-GB" });
    const page = await context.newPage();
    await page.goto("/login");
    await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await context.close();
  });
});

test.describe("server rendering and hydration", () => {
  test("the dashboard is complete HTML from the server", async ({ page, request }) => {
    await signIn(page, STAFF);
    const cookies = await page.context().cookies();
    const session = cookies.find((c) => c.name === "aula_session");
    expect(session?.httpOnly).toBe(true);
    expect(session?.sameSite).toBe("Lax");
    const html = await (await request.get("/", { headers: { cookie: `aula_session=${session!.value}` } })).text();
    expect(html).toContain("Hola, Javier");
    expect(html).toMatch(/data-testid="today"[^>]*>[a-záéíóú]+, \d{1,2} de [a-z]+ de \d{4}</);
  });

  test("with JavaScript a form is answered in place, without reloading the page", async ({ page }, info) => {
    test.skip(info.project.name !== "js", "needs JavaScript");
    await signIn(page, STAFF, "/login?next=/account");
    await hydrated(page);
    await page.evaluate(() => ((window as any).__same_document = true));
    // A refusal shows next to its field.
    const form = page.getByTestId("password-form");
    await form.getByLabel("Contraseña actual").fill("no-es-la-contraseña");
    await form.getByLabel("Contraseña nueva").fill("una-contraseña-larga");
    await form.getByLabel("Repite la contraseña").fill("una-contraseña-larga");
    await form.getByRole("button", { name: "Guardar" }).click();
    await expect(form.getByTestId("error-current")).not.toBeEmpty();
    await expect(form.getByLabel("Contraseña actual")).toHaveAttribute("aria-invalid", "true");
    // A success refreshes the page's part in place: the new token is listed, its secret shown once.
    const tokens = page.getByTestId("api-tokens");
    const name = `informes-${Date.now()}`;
    await tokens.getByLabel("Nombre del token").fill(name);
    await tokens.getByRole("button", { name: "Crear token" }).click();
    await expect(page.getByTestId("new-token")).toHaveText(/^aula_/);
    await expect(page.getByTestId("api-token").filter({ hasText: name })).toHaveCount(1);
    expect(await page.evaluate(() => (window as any).__same_document)).toBe(true);
  });
});

test.describe("user administration", () => {
  test("an admin creates a user after fixing a validation error", async ({ page }, info) => {
    test.skip(info.project.name !== "js", "the form reports errors through the hydrated app");
    await signIn(page, ADMIN, "/login?next=/admin/users");
    await hydrated(page);
    const form = page.getByTestId("new-user-form");
    const email = `nerea.${Date.now()}@aula.example`;
    await form.getByLabel("Nombre").fill("Nerea Aguirre");
    await form.getByLabel("Email").fill(email);
    await form.getByLabel("Contraseña").fill("corta");
    await form.getByRole("button", { name: "Crear usuario" }).click();
    await expect(form.getByTestId("error-password")).toHaveText("Debe tener al menos 10 caracteres.");

    await form.getByLabel("Contraseña").fill("una-contraseña-larga");
    await form.getByRole("button", { name: "Crear usuario" }).click();
    await expect(page.getByTestId("toast")).toHaveText(/Usuario creado\./);
    await expect(page.getByTestId(`user-row-${email}`)).toBeVisible();
    await expect(form.getByTestId("error-password")).toBeEmpty();

    await form.getByLabel("Nombre").fill("Otra Persona");
    await form.getByLabel("Email").fill(email.toUpperCase());
    await form.getByLabel("Contraseña").fill("una-contraseña-larga");
    await form.getByRole("button", { name: "Crear usuario" }).click();
    await expect(form.getByTestId("error-email")).toHaveText("Ya hay un usuario con este email.");
  });
});

test.describe("installable app", () => {
  test("the manifest is linked and the service worker takes control", async ({ page, request }, info) => {
    test.skip(info.project.name !== "js", "service workers need JavaScript");
    await signIn(page, ADMIN);
    const href = await page.locator('link[rel="manifest"]').getAttribute("href");
    const manifest = await (await request.get(href!)).json();
    expect(manifest.display).toBe("standalone");
    expect(manifest.start_url).toMatch(/^\//);
    const sizes = manifest.icons.map((i: any) => `${i.sizes}:${i.purpose ?? "any"}`);
    expect(sizes).toEqual(expect.arrayContaining(["192x192:any", "512x512:any", "512x512:maskable"]));
    for (const icon of manifest.icons) {
      expect((await request.get(icon.src)).status()).toBe(200);
    }
    const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
    expect(scope).toMatch(/\/$/);
    const offline = await page.evaluate(async () => {
      const cache = await caches.open("aula-shell-v2");
      return !!(await cache.match("/offline.html"));
    });
    expect(offline).toBe(true);
    // Built files carry their content hash: once fetched under the worker they are kept.
    await page.reload();
    await page.waitForFunction(() => (window as any).__aula_hydrated === true);
    await expect
      .poll(() =>
        page.evaluate(async () => {
          const cache = await caches.open("aula-shell-v2");
          return (await cache.keys()).map((r) => new URL(r.url).pathname);
        })
      )
      .toContainEqual(expect.stringMatching(/^\/pkg\/aula\.[A-Za-z0-9_-]{22}\.wasm$/));
  });
});

test.describe("screens", () => {
  for (const [name, width, height] of [
    ["tablet", 768, 1024],
    ["desktop", 1440, 900],
  ] as const) {
    test(`the dashboard fits a ${name} (${width}×${height})`, async ({ page }, info) => {
      await page.setViewportSize({ width, height });
      await signIn(page, ADMIN);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await page.screenshot({ path: info.outputPath(`dashboard-${name}.png`), fullPage: true });
      await page.goto("/admin/users");
      await page.screenshot({ path: info.outputPath(`users-${name}.png`), fullPage: true });
    });
  }
});
