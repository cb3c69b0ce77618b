import { expect, test } from "@playwright/test";
import { ADMIN, hydrated, signIn, STAFF } from "./helpers";

test.describe("audit log", () => {
  test("a client's changes tab shows an edit before and after, and the admin's log checks its chain", async ({ page, browser }, info) => {
    test.skip(info.project.name !== "js", "the client form saves through the hydrated app");
    await signIn(page, STAFF, "/login?next=/clients/new");
    await hydrated(page);
    const name = `Sidrería Zapiain ${Date.now()}`;
    const form = page.getByTestId("org-form");
    await form.getByLabel("Razón social").fill(name);
    await form.getByLabel("Localidad").fill("Astigarraga");
    await form.getByRole("button", { name: "Guardar" }).click();
    await expect(page.getByTestId("org-name")).toHaveText(name);
    const client = page.url();
    await page.goto(`${client}/edit`);
    await hydrated(page);
    await form.getByLabel("Localidad").fill("Hernani");
    await form.getByRole("button", { name: "Guardar" }).click();
    await expect(page.getByTestId("org-name")).toHaveText(name);

    await page.goto(client);
    await page.getByTestId("tab-history").click();
    const rows = page.getByTestId("org-history").getByTestId("audit-row");
    await expect(rows).toHaveCount(2);
    await expect(rows.first().getByTestId("audit-action")).toHaveText("Cambio");
    await expect(rows.first().getByTestId("audit-change")).toHaveText("Localidad: Astigarraga → Hernani");
    await expect(rows.last().getByTestId("audit-action")).toHaveText("Creación");
    await expect(rows.first()).toContainText("Javier Moreno");
    await page.screenshot({ path: `test-results/client-history-${info.project.name}.png`, fullPage: true });

    const admin = await (await browser.newContext()).newPage();
    await signIn(admin, ADMIN, "/login?next=/admin/audit");
    await expect(admin.getByTestId("audit-table")).toContainText(name);
    await admin.getByLabel("Módulo").selectOption("crm");
    await admin.getByRole("button", { name: "Filtrar" }).click();
    await expect(admin).toHaveURL(/module=crm/);
    await expect(admin.getByTestId("audit-row").first()).toContainText("organizations");
    await admin.getByTestId("verify-chain").click();
    await expect(admin.getByTestId("chain-intact")).toContainText("La cadena está intacta");
    await admin.screenshot({ path: `test-results/audit-log-${info.project.name}.png`, fullPage: true });
  });
});
