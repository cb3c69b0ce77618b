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
