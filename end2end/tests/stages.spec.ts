import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD, signIn } from "./helpers";

const MANAGER = { email: "marta.iglesias@aula.example", password: DEMO_PASSWORD };

test("a manager adds, reorders and archives a stage; the board follows", async ({ page }) => {
  await signIn(page, MANAGER);
  await page.goto("/pipeline/stages");
  const rows = page.getByTestId("stage-row");
  const before = await rows.count();
  const name = `Demo ${Date.now() % 100000}`;
  const add = page.getByTestId("stage-add");
  await add.getByLabel("Nombre").fill(name);
  await add.getByRole("button", { name: "Añadir etapa" }).click();
  await expect(rows).toHaveCount(before + 1);
  // New stages go before won and lost.
  await expect(rows.nth(before - 2).locator("input[name=name]")).toHaveValue(name);
  await expect(rows.nth(before)).toHaveAttribute("data-kind", "lost");
  // Up one place.
  await rows.nth(before - 2).getByRole("button", { name: "Subir" }).click();
  await expect(rows.nth(before - 3).locator("input[name=name]")).toHaveValue(name);
  await page.goto("/pipeline");
  await expect(page.getByTestId("board-column").filter({ hasText: name })).toHaveCount(1);
  await page.goto("/pipeline/stages");
  await page.screenshot({ path: `test-results/stages.png`, fullPage: true });
  await rows.nth(before - 3).getByRole("button", { name: "Archivar" }).click();
  await expect(rows).toHaveCount(before);
  await page.goto("/pipeline");
  await expect(page.getByTestId("board-column").filter({ hasText: name })).toHaveCount(0);
});

test("the metrics page draws the funnel, days in stage, win rate and value won as charts", async ({ page }, info) => {
  await signIn(page, { email: "javier.moreno@aula.example", password: DEMO_PASSWORD });
  await page.goto("/pipeline/metrics");
  for (const chart of ["chart-funnel", "chart-days", "chart-win-rate", "chart-value-won"]) {
    await expect(page.getByTestId(chart)).toBeVisible();
  }
  await expect(page.getByTestId("chart-funnel").getByTestId("chart-bar")).toHaveCount(4);
  await expect(page.getByTestId("chart-win-rate").getByTestId("chart-bar")).toHaveCount(12);
  await expect(page.getByTestId("chart-funnel")).toContainText("Nuevo");
  await page.screenshot({ path: `test-results/metrics-${info.project.name}.png`, fullPage: true });
});
