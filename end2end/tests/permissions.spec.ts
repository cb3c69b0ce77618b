import { expect, test } from "@playwright/test";
import { ADMIN, daysAfter, hydrated, serverFn, serverToday, signIn, STAFF, uniqueStamp } from "./helpers";

test.describe("roles and permissions", () => {
  test("an admin creates a trainer role limited to their own sessions and gives it to a user, who sees only what it opens and only their sessions", async ({ page, browser }, info) => {
    test.skip(info.project.name !== "js", "the forms answer through the hydrated app");
    await signIn(page, ADMIN, "/login?next=/admin/roles");
    await hydrated(page);
    await expect(page.getByTestId("role-list")).toContainText("Recepción");
    const stamp = uniqueStamp();
    const name = `Formador/a ${stamp}`;
    const form = page.getByTestId("new-role-form");
    await form.getByLabel("Nombre").fill(name);
    await form.getByRole("button", { name: "Crear rol" }).click();
    await expect(page).toHaveURL(new RegExp(`role=formador-a-${stamp}`));
    await expect(page.getByTestId("role-title")).toHaveText(name);
    const matrix = page.getByTestId("role-matrix");
    await expect(matrix.locator("input:checked")).toHaveCount(0);
    const ticks = ["Formación: Ver", "Recepción: Ver", "Recepción: Editar", "Calendario y avisos: Ver"];
    const own = ["Formación: Solo los suyos", "Recepción: Solo los suyos", "Calendario y avisos: Solo los suyos"];
    for (const label of [...ticks, ...own]) {
      await matrix.getByLabel(label, { exact: true }).check();
    }
    await page.getByTestId("role-save").click();
    await expect(page.getByText("Permisos guardados.")).toBeVisible();
    await page.reload();
    await expect(page.getByTestId("role-matrix").locator("input:checked")).toHaveCount(7);
    await expect(page.getByTestId("role-matrix").getByLabel("Formación: Solo los suyos", { exact: true })).toBeChecked();
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.screenshot({ path: `test-results/roles-1440.png`, fullPage: true });
    await page.setViewportSize({ width: 768, height: 1024 });
    await page.reload();
    await page.screenshot({ path: `test-results/roles-768.png`, fullPage: true });

    await page.goto("/admin/users");
    await hydrated(page);
    const users = page.getByTestId("new-user-form");
    const email = `iker.${stamp}@aula.example`;
    const trainerName = `Iker Formador ${stamp}`;
    await users.getByLabel("Nombre").fill(trainerName);
    await users.getByLabel("Email").fill(email);
    await users.getByLabel("Rol").selectOption({ label: name });
    await users.getByLabel("Contraseña").fill("una-contraseña-larga");
    await users.getByRole("button", { name: "Crear usuario" }).click();
    await expect(page.getByTestId(`user-row-${email}`)).toBeVisible();

    // A contract with a session today for the new trainer and one another day for Javier.
    const choices = await serverFn(page, "training/choices", {});
    const course = choices.courses.find((c: any) => c.code === "PRL-20");
    const iker = choices.trainers.find((t: any) => t[1] === trainerName);
    const javier = choices.trainers.find((t: any) => t[1].startsWith("Javier"));
    const contract = await serverFn(page, "training/contracts/save", {
      organization_id: String(choices.organizations[0][0]),
      course_id: String(course.id),
      state: "confirmed",
    });
    const session = (trainer: any, date: string) =>
      serverFn(page, "training/sessions/save", {
        contract_id: String(contract.id),
        state: "scheduled",
        date,
        // After the demo's session today, so the front desk's first session stays the demo's.
        start_time: "20:30",
        end_time: "21:30",
        address: "Polígono Ibaizabal 3, Bilbao",
        trainer_id: String(trainer[0]),
      });
    const today = await serverToday(page);
    const hers = await session(iker, today);
    // Javier's on a far-off day of its own (past the training tests' range), drawn at random.
    const farOff = daysAfter(today, 2500 + (stamp % 300));
    const his = await session(javier, farOff);

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

    // Only their own: the one contract where they train, only their session in it, today's list.
    await expect(trainer.getByTestId("contract-row")).toHaveCount(1);
    await expect(trainer.getByTestId("contract-row")).toContainText(contract.file_number);
    await trainer.goto(`/contracts/${contract.id}`);
    await expect(trainer.getByTestId("session-row")).toHaveCount(1);
    await expect(trainer.getByTestId("session-row")).toContainText(trainerName);
    await expect(trainer.getByTestId("sessions-table")).not.toContainText("Javier");
    for (const [width, height] of [[1440, 900], [768, 1024]]) {
      await trainer.setViewportSize({ width, height });
      await trainer.screenshot({ path: `test-results/trainer-contract-${width}.png`, fullPage: true });
    }
    await trainer.goto("/today");
    await expect(trainer.getByTestId("today-sessions").getByRole("link")).toHaveCount(1);
    await trainer.getByTestId("today-sessions").getByRole("link").click();
    await expect(trainer).toHaveURL(new RegExp(`/sessions/${hers.id}$`));
    await expect(trainer.getByTestId("session-title")).toHaveText("Prevención de riesgos laborales");
    const hidden = await trainer.goto(`/sessions/${his.id}`);
    expect(hidden?.status()).toBe(404);

    // The role cannot go while someone holds it; the admin's role is never editable.
    await page.goto(`/admin/roles?role=formador-a-${stamp}`);
    await hydrated(page);
    await page.getByTestId("role-delete").click();
    await expect(page.getByText("1 usuarios tienen este rol")).toBeVisible();
    await page.goto("/admin/roles?role=admin");
    await expect(page.getByTestId("role-matrix").locator("input:disabled")).toHaveCount(15 * 6 + 5);
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
