import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD, hydrated, signIn, STAFF } from "./helpers";

test.describe("assistant", () => {
  test("on a workshop page the panel answers how many seats are left, with a working citation", async ({ page }, info) => {
    test.skip(info.project.name !== "js", "the panel is part of the hydrated app");
    await signIn(page, STAFF);
    const res = await page.request.post("/api/fn/training/workshops/list", { form: {}, headers: { accept: "application/json" } });
    const workshop = (await res.json())[0];
    await page.goto(`/workshops/${workshop.id}`);
    await hydrated(page);
    await page.getByTestId("assistant-toggle").click();
    const panel = page.getByTestId("assistant-panel");
    await expect(panel).toBeVisible();
    await panel.getByTestId("assistant-question").fill("¿Cuántas plazas quedan?");
    await panel.getByTestId("assistant-ask").click();
    const answer = panel.getByTestId("assistant-answer").last();
    await expect(answer).toContainText(workshop.title);
    await expect(answer).toContainText(/Quedan \d+ plazas de \d+/);
    // Without a model in this run the built-in assistant answers, and says so.
    await expect(answer.getByTestId("no-ai")).toHaveText("Respondido sin IA");
    await page.screenshot({ path: `test-results/assistant-${info.project.name}.png`, fullPage: false });
    const kept = await panel.getByTestId("assistant-answer").count();

    // Thumbs down with a comment is kept.
    await answer.getByRole("button", { name: "No útil" }).click();
    await expect(answer.getByRole("button", { name: "No útil" })).toHaveAttribute("aria-pressed", "true");

    // The panel stays open while navigating, and the citation leads to the workshop.
    await page.getByRole("link", { name: "Talleres" }).first().click();
    await expect(page).toHaveURL(/\/workshops$/);
    await expect(panel).toBeVisible();
    await page.goBack();
    await expect(page).toHaveURL(new RegExp(`/workshops/${workshop.id}$`));
    await panel.getByTestId("citation").first().click();
    await expect(page).toHaveURL(new RegExp(`/workshops/${workshop.id}$`));
    await expect(panel.getByTestId("assistant-answer")).toHaveCount(kept);
  });
});

test.describe("assistant actions", () => {
  test("a proposed follow-up is adjusted, confirmed and found in the client's timeline", async ({ page }, info) => {
    test.skip(info.project.name !== "js", "the panel is part of the hydrated app");
    await signIn(page, STAFF);
    const res = await page.request.post("/api/fn/crm/organizations/list", { data: { query: {} } });
    const org = (await res.json()).rows[0];
    await page.goto(`/clients/${org.id}`);
    await hydrated(page);
    await page.getByTestId("assistant-toggle").click();
    const panel = page.getByTestId("assistant-panel");
    await panel.getByTestId("assistant-question").fill("Recuérdame llamarles el viernes");
    await panel.getByTestId("assistant-ask").click();
    const card = panel.getByTestId("assistant-action").last();
    await expect(card).toHaveAttribute("data-state", "proposed");
    await expect(panel.getByTestId("assistant-answer").last()).toContainText("No se guarda nada hasta que lo confirmes");

    const what = `Llamar por el calendario de formación ${Date.now()}`;
    await card.getByLabel("Próxima acción").fill(what);
    const due = new Date(Date.now() + 20 * 86400_000).toISOString().slice(0, 10);
    await card.getByLabel("Fecha").fill(due);
    await card.getByTestId("assistant-confirm").click();
    const done = panel.locator('[data-testid="assistant-action"][data-state="done"]').last();
    await expect(done).toBeVisible();
    await expect(done).toContainText(what);
    // The client on screen reloads: its next actions list the new one.
    await expect(page.getByTestId("follow-ups")).toContainText(what);
    await page.screenshot({ path: `test-results/assistant-action-${info.project.name}.png` });

    await done.getByTestId("assistant-action-result").click();
    await expect(page).toHaveURL(new RegExp(`/clients/${org.id}\\?tab=timeline$`));
    await expect(page.getByTestId("timeline-event").first()).toContainText(what);
  });

  test("a manager sees whether the model is set, what it is sent, and the usage", async ({ page }) => {
    await signIn(page, { email: "marta.iglesias@aula.example", password: DEMO_PASSWORD });
    await page.goto("/admin/assistant?days=7");
    await expect(page.getByTestId("ai-status")).toHaveAttribute("data-state", "not_configured");
    await expect(page.getByTestId("ai-key")).toHaveText("sin clave");
    await expect(page.getByTestId("ai-sent")).toContainText("Taller [W]");
    await expect(page.getByRole("link", { name: "Últimos 7 días" })).toHaveAttribute("aria-current", "page");
    await expect(page.getByTestId("ai-questions")).toHaveText(/^\d+$/);
    await page.getByRole("link", { name: "Últimos 90 días" }).click();
    await expect(page).toHaveURL(/days=90$/);
    await expect(page.getByRole("link", { name: "Últimos 90 días" })).toHaveAttribute("aria-current", "page");
  });
});
