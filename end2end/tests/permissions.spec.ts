import { expect, test } from "@playwright/test";
import { ADMIN, hydrated, signIn, STAFF } from "./helpers";

test.describe("roles and permissions", () => {
  test("an admin creates a trainer role, ticks its permissions and gives it to a user, who sees only what it opens", async ({ page, browser }, info) => {
    test.skip(info.project.name !== "js", "the forms answer through the hydrated app");
    await signIn(page, ADMIN, "/login?next=/admin/roles");
    await hydrated(page);
    await expect(page.getByTestId("role-list")).toContainText("Recepción");
    const stamp = Date.now();
    const name = `Formador/a ${stamp}`;
    const form = page.getByTestId("new-role-form");
    await form.getByLabel("Nombre").fill(name);
    await form.getByRole("button", { name: "Crear rol" }).click();
    await expect(page).toHaveURL(new RegExp(`role=formador-a-${stamp}`));
    await expect(page.getByTestId("role-title")).toHaveText(name);
    const matrix = page.getByTestId("role-matrix");
    await expect(matrix.locator("input:checked")).toHaveCount(0);
    for (const label of ["Formación: Ver", "Recepción: Ver", "Recepción: Editar", "Calendario y avisos: Ver"]) {
      await matrix.getByLabel(label, { exact: true }).check();
    }
    await page.getByTestId("role-save").click();
    await expect(page.getByText("Permisos guardados.")).toBeVisible();
    await page.reload();
    await expect(page.getByTestId("role-matrix").locator("input:checked")).toHaveCount(4);
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.screenshot({ path: `test-results/roles-1440.png`, fullPage: true });
    await page.setViewportSize({ width: 768, height: 1024 });
    await page.reload();
    await page.screenshot({ path: `test-results/roles-768.png`, fullPage: true });

    await page.goto("/admin/users");
    await hydrated(page);
    const users = page.getByTestId("new-user-form");
    const email = `iker.${stamp}@aula.example`;
    await users.getByLabel("Nombre").fill("Iker Formador");
    await users.getByLabel("Email").fill(email);
    await users.getByLabel("Rol").selectOption({ label: name });
    await users.getByLabel("Contraseña").fill("una-contraseña-larga");
    await users.getByRole("button", { name: "Crear usuario" }).click();
    await expect(page.getByTestId(`user-row-${email}`)).toBeVisible();

    const trainer = await (await browser.newContext()).newPage();
    await signIn(trainer, { email, password: "una-contraseña-larga" });
    const nav = trainer.getByTestId("sidebar");
    await expect(nav.getByRole("link", { name: "Hoy" })).toBeVisible();
    await expect(nav.getByRole("link", { name: "Contrataciones" })).toBeVisible();
    await expect(nav.getByRole("link", { name: "Calendario" })).toBeVisible();
    await expect(nav.getByRole("link", { name: "Clientes" })).toHaveCount(0);
    await expect(nav.getByRole("link", { name: "Talleres" })).toHaveCount(0);
    await expect(trainer.getByTestId("user-chip")).toContainText(name);
    await expect(trainer.getByTestId("assistant-toggle")).toHaveCount(0); // no assistant.view
    const refused = await trainer.goto("/clients");
    expect(refused?.status()).toBe(403);
    const allowed = await trainer.goto("/contracts");
    expect(allowed?.status()).toBe(200);

    // The role cannot go while someone holds it; the admin's role is never editable.
    await page.goto(`/admin/roles?role=formador-a-${stamp}`);
    await hydrated(page);
    await page.getByTestId("role-delete").click();
    await expect(page.getByText("1 usuarios tienen este rol")).toBeVisible();
    await page.goto("/admin/roles?role=admin");
    await expect(page.getByTestId("role-matrix").locator("input:disabled")).toHaveCount(15 * 6);
    await expect(page.getByTestId("role-save")).toHaveCount(0);
  });

  test("staff see no roles page and get a 403 there", async ({ page }) => {
    await signIn(page, STAFF);
    await expect(page.getByRole("link", { name: "Roles y permisos" })).toHaveCount(0);
    const response = await page.goto("/admin/roles");
    expect(response?.status()).toBe(403);
  });

  test("the matrix saves without JavaScript too", async ({ page }, info) => {
    test.skip(info.project.name !== "nojs", "the plain-form path");
    await signIn(page, ADMIN, "/login?next=/admin/roles?role=manager");
    const box = page.getByTestId("role-matrix").getByLabel("Informes: Exportar", { exact: true });
    const was = await box.isChecked();
    await box.setChecked(!was);
    await page.getByTestId("role-save").click();
    await page.goto("/admin/roles?role=manager");
    await expect(page.getByTestId("role-matrix").getByLabel("Informes: Exportar", { exact: true })).toBeChecked({ checked: !was });
    await page.getByTestId("role-reset").click();
    await page.goto("/admin/roles?role=manager");
    await expect(page.getByTestId("role-matrix").getByLabel("Informes: Exportar", { exact: true })).toBeChecked();
  });
});
