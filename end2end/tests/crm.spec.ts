import { expect, Page, test } from "@playwright/test";
import { DEMO_PASSWORD, hydrated, signIn, STAFF } from "./helpers";

const MANAGER = { email: "marta.iglesias@aula.example", password: DEMO_PASSWORD };

/** Creates an organization through its server function, as the signed-in page's user. */
async function createOrg(page: Page, fields: Record<string, string>): Promise<number> {
  const res = await page.request.post("/api/fn/crm/organizations/save", {
    form: { status: "lead", ...fields },
    headers: { accept: "application/json" },
  });
  expect(res.status()).toBe(200);
  return (await res.json()).id;
}

test.describe("client hub", () => {
  test("search is accent- and case-insensitive and filters the server-rendered list", async ({ page }) => {
    await signIn(page, STAFF);
    await page.goto("/clients");
    await page.getByLabel("Buscar", { exact: true }).fill("CLINICA dental");
    await page.getByLabel("Buscar", { exact: true }).press("Enter");
    await expect(page).toHaveURL(/q=CLINICA\+dental/);
    await expect(page.getByTestId("org-row")).toHaveCount(1);
    await expect(page.getByTestId("org-row")).toContainText("Clínica Dental Ondarreta S.L.");

    await page.goto("/clients");
    await page.getByLabel("Estado").selectOption("client");
    await page.getByLabel("Localidad").fill("bilbao");
    await page.getByRole("button", { name: "Filtrar" }).click();
    await expect(page.getByTestId("org-row")).toHaveCount(1);
    await expect(page.getByTestId("org-row")).toContainText("Asociación Cultural Arteka");
  });

  test("a client is created after fixing the errors shown next to its fields", async ({ page }, info) => {
    test.skip(info.project.name !== "js", "the form reports errors through the hydrated app");
    await signIn(page, STAFF, "/login?next=/clients/new");
    await hydrated(page);
    const form = page.getByTestId("org-form");
    const name = `Talleres Lasarte ${Date.now()}`;
    await form.getByLabel("CIF / NIF").fill("B12345675");
    await form.getByLabel("Email").fill("no-es-un-email");
    await form.getByRole("button", { name: "Guardar" }).click();
    await expect(form.getByTestId("error-legal_name")).toHaveText("Este campo es obligatorio.");
    await expect(form.getByTestId("error-tax_id")).toContainText("No es un CIF/NIF/NIE válido");
    await expect(form.getByTestId("error-email")).toHaveText("No es un email válido.");
    await expect(form.getByLabel("Razón social")).toHaveAttribute("aria-invalid", "true");

    await form.getByLabel("Razón social").fill(name);
    await form.getByLabel("CIF / NIF").fill("");
    await form.getByLabel("Email").fill("hola@lasarte.example");
    await form.getByLabel("Localidad").fill("Lasarte-Oria");
    await form.getByRole("button", { name: "Guardar" }).click();
    await expect(page.getByTestId("org-name")).toHaveText(name);
    await expect(page).toHaveURL(/\/clients\/\d+$/);
    await expect(page.getByTestId("org-facts")).toContainText("hola@lasarte.example");

    // The same email again is a possible duplicate until "create anyway" is ticked.
    await page.goto("/clients/new");
    await hydrated(page);
    await form.getByLabel("Razón social").fill(`${name} bis`);
    await form.getByLabel("Email").fill("HOLA@lasarte.example");
    await form.getByRole("button", { name: "Guardar" }).click();
    await expect(page.getByTestId("duplicate-warning")).toBeVisible();
    await page.getByLabel("Crear de todos modos").check();
    await form.getByRole("button", { name: "Guardar" }).click();
    await expect(page.getByTestId("org-name")).toHaveText(`${name} bis`);
  });

  test("an interaction with a next action shows in the follow-ups and the timeline", async ({ page }, info) => {
    test.skip(info.project.name !== "js", "the inline form needs the hydrated app");
    await signIn(page, STAFF);
    const id = await createOrg(page, { legal_name: `Cafés Antzokia ${Date.now()}` });
    await page.goto(`/clients/${id}`);
    await hydrated(page);
    const form = page.getByTestId("interaction-form");
    await form.getByLabel("Tipo").selectOption("meeting");
    await form.getByLabel("Descripción").fill("Reunión con gerencia: taller de encuadernación en enero");
    await form.getByLabel("Próxima acción", { exact: true }).fill("Enviar fechas");
    await form.getByRole("button", { name: "Registrar interacción" }).click();
    await expect(form.getByTestId("error-next_action_at")).toHaveText("Este campo es obligatorio.");
    await form.getByLabel("Fecha próxima acción").fill("2026-12-02");
    await form.getByRole("button", { name: "Registrar interacción" }).click();
    await expect(page.getByTestId("toast")).toContainText("Interacción registrada.");
    await expect(page.getByTestId("follow-ups")).toContainText("Enviar fechas");
    await expect(page.getByTestId("follow-ups")).toContainText("02/12/2026");
    await page.getByTestId("tab-timeline").click();
    await expect(page.getByTestId("timeline-event").first()).toContainText("taller de encuadernación en enero");
  });

  test("a manager merges a duplicate and its history moves over", async ({ page }, info) => {
    test.skip(info.project.name !== "js", "merging is an action of the hydrated app");
    await signIn(page, MANAGER);
    const name = `Imprenta Zubieta ${Date.now()}`;
    const keep = await createOrg(page, { legal_name: name, city: "Hernani" });
    const dup = await createOrg(page, { legal_name: name, phone: "943 55 44 33" });
    await page.goto(`/clients/${keep}`);
    await hydrated(page);
    const candidate = page.getByTestId("merge-candidate");
    await expect(candidate).toContainText(`#${dup}`);
    await candidate.getByRole("button", { name: "Fusionar" }).click();
    await expect(page.getByTestId("toast")).toContainText("Registros fusionados.");
    await expect(page.getByTestId("merge-candidate")).toHaveCount(0);
    await expect(page.getByTestId("org-facts")).toContainText("943 55 44 33");
    await page.getByTestId("tab-timeline").click();
    await expect(page.locator('[data-kind="merged"]')).toHaveCount(1);
    const res = await page.goto(`/clients/${dup}`);
    await expect(page.getByRole("heading", { name: "Página no encontrada" })).toBeVisible();
    expect(res?.status()).toBe(404);
  });

  test("the timeline filters by kind without JavaScript too", async ({ page }) => {
    await signIn(page, STAFF);
    await page.goto("/clients");
    await page.getByRole("link", { name: "Talleres Urola S.L." }).click();
    await page.getByTestId("tab-timeline").click();
    await expect(page.getByTestId("timeline-event").first()).toBeVisible();
    await page.getByRole("link", { name: "Interacciones" }).click();
    await expect(page).toHaveURL(/kind=interaction/);
    const kinds = await page.getByTestId("timeline-event").evaluateAll((els) => els.map((e) => e.getAttribute("data-kind")));
    expect(kinds.length).toBeGreaterThan(0);
    expect(new Set(kinds)).toEqual(new Set(["interaction"]));
  });

  test("a CSV import shows the preview, imports the good rows, lists the bad one and can be undone", async ({ page }, info) => {
    await signIn(page, STAFF);
    await page.goto("/clients");
    await page.getByRole("link", { name: "Importar CSV" }).click();
    const stamp = `${Date.now()}-${info.project.name}`;
    const csv = `Razón social;Email;Localidad\nQuesería Idiazabal ${stamp};queso-${stamp}@idiazabal.example;Idiazabal\n;sin-nombre@x.example;Ordizia\n`;
    await page.getByLabel("Archivo CSV").setInputFiles({ name: "clientes.csv", mimeType: "text/csv", buffer: Buffer.from(csv, "utf-8") });
    await page.getByRole("button", { name: "Subir y revisar" }).click();
    await expect(page.getByTestId("import-info")).toContainText("2 filas");
    await expect(page.getByTestId("import-preview-row")).toHaveCount(2);
    await expect(page.getByLabel("Columnas → Razón social")).toHaveValue("legal_name");
    await page.getByRole("button", { name: "Importar", exact: true }).click();
    await expect(page.getByTestId("import-summary")).toBeVisible({ timeout: 15_000 });
    await expect(page.getByTestId("import-created")).toHaveText("1");
    await expect(page.getByTestId("import-skipped")).toHaveText("1");
    await expect(page.getByTestId("import-skipped-rows")).toContainText("Razón social: Este campo es obligatorio.");
    const run = page.url();
    await page.goto(`/clients?q=${encodeURIComponent("queseria idiazabal " + stamp)}`);
    await expect(page.getByTestId("org-row")).toHaveCount(1);
    await page.goto(run);
    await page.getByTestId("import-undo").click();
    await expect(page.getByTestId("import-stopped")).toContainText("Importación deshecha");
    await page.goto(`/clients?q=${encodeURIComponent("queseria idiazabal " + stamp)}`);
    await expect(page.getByTestId("org-row")).toHaveCount(0);
  });

  for (const [name, width, height] of [
    ["tablet", 768, 1024],
    ["desktop", 1440, 900],
  ] as const) {
    test(`the hub and a client page fit a ${name} (${width}×${height})`, async ({ page }, info) => {
      await page.setViewportSize({ width, height });
      await signIn(page, STAFF);
      for (const [shot, path] of [
        ["hub", "/clients"],
        ["client", "/clients/1"],
        ["contacts", "/clients/1?tab=contacts"],
        ["timeline", "/clients/1?tab=timeline"],
        ["people", "/people"],
        ["import", "/clients/import"],
      ]) {
        await page.goto(path);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow, path).toBeLessThanOrEqual(0);
        await page.screenshot({ path: info.outputPath(`${shot}-${name}.png`), fullPage: true });
      }
    });
  }
});
